"""Article body -> display blocks (markdown structure, inline emphasis) and word wrapping.

No Textual here: the reader view turns these blocks into styled lines. The block texts are
joined into one document string, so highlight, find and scroll positions all speak in
offsets into that one string.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rich.cells import cell_len, get_character_cell_size

# Inline styles a block may carry, by name; the view maps each to a theme style.
BOLD, ITALIC, CODE, LINK, IMAGE = "bold", "italic", "code", "link", "image"


@dataclass
class Block:
    """One displayed unit: a heading, paragraph, list item, quote line, rule or code line."""

    kind: str  # "title", "meta", "url", "h1".."h3", "paragraph", "item", "quote", "code", "rule"
    text: str
    styles: list[tuple[int, int, str]] = field(default_factory=list)  # offsets into `text`
    marker: str = ""  # a list bullet or number, drawn before the first line
    depth: int = 0  # list nesting / quote level
    gap_before: bool = True  # a blank line separates it from the previous block
    start: int = 0  # where `text` starts in the document string


@dataclass
class Document:
    """An article laid out as blocks, and the one string their texts form."""

    blocks: list[Block]
    text: str
    body_start: int  # where the body begins (after the title, meta and URL blocks)


# --- inline markdown ---------------------------------------------------------------------

# Characters that can start inline markup: a text without any is plain, and skips the parser
# (a body of two million one-character lines would otherwise take seconds).
_MARKUP_CHARS = re.compile(r"[*_`\[!<]")
# Markup is read in a block up to this long, with this many brackets (link and image
# openers are the parser's slow path): beyond, the block is shown as typed. And in one
# document, up to MAX_MARKUP_CHARS of blocks with markup are parsed; the rest stay as typed.
MAX_INLINE_CHARS = 10_000
MAX_INLINE_BRACKETS = 256
MAX_MARKUP_CHARS = 400_000


@lru_cache(maxsize=1)
def _inline_parser() -> Any:
    """markdown-it-py's CommonMark inline rules (linear time), without the ones that change
    what was typed: backslash escapes, entities, raw HTML and hard breaks stay text."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False})
    parser.disable(["escape", "entity", "html_inline", "newline"], ignoreInvalid=True)
    parser.inline.ruler.at("emphasis", _emphasis_delimiters)
    # Links are never live here, only their text is shown: a javascript: or file: link is
    # read as a link too (its address dropped), not shown as typed.
    parser.validateLink = _any_link  # type: ignore[method-assign]
    return parser


def _any_link(url: str) -> bool:
    return True


def _emphasis_delimiters(state: Any, silent: bool) -> bool:
    """markdown-it's emphasis tokenizer, except that `*` never splits a word either (as `_`
    does not): "2*3*4" is arithmetic, not an italic 3."""
    from markdown_it.rules_inline.state_inline import Delimiter

    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", "*"):
        return False
    scanned = state.scanDelims(start, False)
    for _ in range(scanned.length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(
            Delimiter(
                marker=ord(marker),
                length=scanned.length,
                token=len(state.tokens) - 1,
                end=-1,
                open=scanned.can_open,
                close=scanned.can_close,
            )
        )
    state.pos += scanned.length
    return True


def parse_inline(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Markdown emphasis, code and links -> (plain text, [(start, end, style)]).

    Links keep only their text (no live link: the text is untrusted); images become
    "[image: alt]". Anything that is not well-formed markdown stays as typed. Parsed by
    markdown-it-py's CommonMark inline rules, in linear time.
    """
    if (
        _MARKUP_CHARS.search(text) is None
        or len(text) > MAX_INLINE_CHARS
        or text.count("[") > MAX_INLINE_BRACKETS
    ):
        return text, []
    tokens = _inline_parser().parseInline(text)
    children = tokens[0].children if tokens and tokens[0].children else []
    out: list[str] = []
    styles: list[tuple[int, int, str]] = []
    length = 0
    opened: list[tuple[str, int]] = []  # (style, start) of each open emphasis or link
    for token in children:
        kind = token.type
        if kind in ("text", "softbreak", "hardbreak"):
            piece = token.content if kind == "text" else " "
        elif kind == "code_inline":
            piece = token.content
            styles.append((length, length + len(piece), CODE))
        elif kind == "image":
            alt = " ".join(token.content.split())
            piece = f"[image: {alt}]" if alt else "[image]"
            styles.append((length, length + len(piece), IMAGE))
        elif kind in _OPENERS:
            opened.append((_OPENERS[kind], length))
            continue
        elif kind in _CLOSERS:
            if opened:
                style, start = opened.pop()
                if length > start:
                    styles.append((start, length, style))
            continue
        else:
            piece = token.content
        out.append(piece)
        length += len(piece)
    styles.sort(key=lambda span: (span[0], -span[1]))
    return "".join(out), styles


_OPENERS = {"strong_open": BOLD, "em_open": ITALIC, "link_open": LINK, "s_open": ITALIC}
_CLOSERS = {"strong_close", "em_close", "link_close", "s_close"}


# --- blocks ------------------------------------------------------------------------------

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_BULLET = re.compile(r"^(\s*)([-*+•◦▪‣–—])\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,3}[.)])\s+(\S.*)$")
_QUOTE = re.compile(r"^\s{0,3}((?:>\s?)+)(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# A plain line this long was probably wrapped by the writer's editor, not ended by them.
_WRAPPED_LINE = 50


def body_blocks(body: str) -> list[Block]:
    """The body's blocks: one per heading, list item, quote line, rule or paragraph.

    Lines that follow each other without a blank line stay separate blocks (many articles
    put one paragraph per line), except in files that separate paragraphs with blank lines
    and wrap them at a fixed width: those lines are joined back into paragraphs.
    """
    lines = body.split("\n")
    joins_wrapped = "\n\n" in body
    blocks: list[Block] = []
    # Lines joined onto the last block are put in place with one str.join when it is done:
    # adding them one by one was quadratic (seconds for a long wrapped paragraph).
    joined: list[str] = []
    joined_length = 0  # the last block's text length, joined lines included

    def settle() -> None:
        if joined:
            blocks[-1].text = " ".join([blocks[-1].text, *joined])
            joined.clear()

    def add(block: Block) -> None:
        nonlocal joined_length
        settle()
        blocks.append(block)
        joined_length = len(block.text)

    gap = False  # a blank line came before the next block
    in_fence = False
    budget = MAX_MARKUP_CHARS  # characters of lines with markup still to parse
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            gap = True
            continue
        if in_fence:
            add(Block("code", line.rstrip(), [(0, len(line.rstrip()), CODE)], gap_before=gap))
            gap = False
            continue
        stripped = line.strip()
        if not stripped:
            gap = True
            continue
        if budget > 0 and _MARKUP_CHARS.search(line) is not None:
            budget -= len(line)
            block = _line_block(line, parse_inline)
        else:
            block = _line_block(line, _as_typed)
        previous = blocks[-1] if blocks else None
        if (
            joins_wrapped
            and not gap
            and block.kind == "paragraph"
            and previous is not None
            and previous.kind in ("paragraph", "item", "quote")
            and joined_length >= _WRAPPED_LINE
        ):
            offset = joined_length + 1
            previous.styles.extend(
                (start + offset, end + offset, name) for start, end, name in block.styles
            )
            joined.append(block.text)
            joined_length = offset + len(block.text)
            continue
        if previous is None:
            block.gap_before = False
        elif block.kind in ("item", "quote", "code") and previous.kind == block.kind and not gap:
            block.gap_before = False  # tight lists and quotes stay together
        else:
            block.gap_before = True
        add(block)
        gap = False
    settle()
    return blocks


def _as_typed(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    return text, []


def _line_block(line: str, parse: Callable[[str], tuple[str, list[tuple[int, int, str]]]]) -> Block:
    heading = _HEADING.match(line)
    if heading:
        level = min(len(heading.group(1)), 3)
        text, styles = parse(heading.group(2))
        return Block(f"h{level}", text, styles)
    if _RULE.match(line):
        return Block("rule", "")
    quote = _QUOTE.match(line)
    if quote:
        text, styles = parse(quote.group(2).strip())
        return Block("quote", text, styles, depth=quote.group(1).count(">"))
    for pattern in (_BULLET, _NUMBERED):
        item = pattern.match(line)
        if item:
            marker = "•" if pattern is _BULLET else item.group(2)
            depth = len(item.group(1).expandtabs(4)) // 2
            text, styles = parse(item.group(3).strip())
            return Block("item", text, styles, marker=marker, depth=min(depth, 4))
    text, styles = parse(line.strip())
    return Block("paragraph", text, styles)


def build_document(title: str, meta: str, url: str | None, body: str) -> Document:
    """The whole article as blocks: title, a meta line, the URL, a rule, then the body."""
    head = [Block("title", title, gap_before=False)]
    if meta:
        head.append(Block("meta", meta, gap_before=False))
    if url:
        head.append(Block("url", url, gap_before=False))
    head.append(Block("rule", "", gap_before=False))
    blocks = head + body_blocks(body)
    if len(blocks) > len(head):
        blocks[len(head)].gap_before = True  # a blank line between the rule and the body
    parts: list[str] = []
    offset = 0
    body_start = 0
    for index, block in enumerate(blocks):
        if index == len(head):
            body_start = offset
        block.start = offset
        parts.append(block.text)
        offset += len(block.text) + 1
    if len(blocks) == len(head):
        body_start = offset
    return Document(blocks, "\n".join(parts), body_start)


# --- wrapping ----------------------------------------------------------------------------

_WORD = re.compile(r"\S+\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Word-wrap `text` to `width` cells: [(start, end)] per line, trailing spaces left out.

    Words wider than a line are cut (by cells, so wide characters never overflow).
    """
    width = max(1, width)
    if not text:
        return [(0, 0)]
    lines: list[tuple[int, int]] = []
    line_start = 0
    line_cells = 0
    for match in _WORD.finditer(text):
        word = match.group()
        start = match.start()
        bare = word.rstrip()
        bare_cells = cell_len(bare)
        if line_cells and line_cells + bare_cells > width:
            lines.append((line_start, _rstrip_end(text, line_start, start)))
            line_start, line_cells = start, 0
        if bare_cells > width:
            # Cut a long word (a URL, CJK text without spaces) into line-sized pieces.
            for char_index, char in enumerate(bare, start):
                size = get_character_cell_size(char)
                if line_cells + size > width and line_cells:
                    lines.append((line_start, char_index))
                    line_start, line_cells = char_index, 0
                line_cells += size
            line_cells += cell_len(word[len(bare) :])
            continue
        line_cells += cell_len(word)
    lines.append((line_start, _rstrip_end(text, line_start, len(text))))
    return lines


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
