"""Article body -> display blocks (markdown structure, inline emphasis) and word wrapping.

No Textual here: the reader view turns these blocks into styled lines. The block texts are
joined into one document string, so highlight, find and scroll positions all speak in
offsets into that one string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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

_INLINE = re.compile(
    r"(?P<code>`(?P<code_text>[^`\n]+)`)"
    r"|(?P<image>!\[(?P<alt>[^\]\n]*)\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\))"
    r"|(?P<link>\[(?P<link_text>[^\]\n]+)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"\n]*\")?\))"
    r"|(?P<autolink><(?P<auto_url>https?://[^>\s]+)>)"
    r"|\*\*(?P<strong>(?=\S)[^\n]+?(?<=\S))\*\*"
    r"|(?<![\w])__(?P<strong2>(?=\S)[^\n]+?(?<=\S))__(?![\w])"
    r"|(?<![\w*])\*(?P<em>(?=[^\s*])[^*\n]+?(?<=[^\s*]))\*(?![\w*])"
    r"|(?<![\w])_(?P<em2>(?=[^\s_])[^_\n]+?(?<=[^\s_]))_(?![\w])"
)


def parse_inline(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Markdown emphasis, code and links -> (plain text, [(start, end, style)]).

    Links keep only their text (no live link: the text is untrusted); images become
    "[image: alt]". Anything that is not well-formed markdown stays as typed.
    """
    out: list[str] = []
    styles: list[tuple[int, int, str]] = []
    length = 0
    position = 0
    inner_styles: list[tuple[int, int, str]]
    for match in _INLINE.finditer(text):
        if match.start() > position:
            out.append(text[position : match.start()])
            length += match.start() - position
        position = match.end()
        group = match.lastgroup
        if match.group("code") is not None:
            inner, inner_styles, style = match.group("code_text"), [], CODE
        elif match.group("image") is not None:
            alt = match.group("alt").strip()
            inner, inner_styles, style = (f"[image: {alt}]" if alt else "[image]"), [], IMAGE
        elif match.group("link") is not None:
            inner, inner_styles = parse_inline(match.group("link_text"))
            style = LINK
        elif match.group("autolink") is not None:
            inner, inner_styles, style = match.group("auto_url"), [], LINK
        else:
            style = BOLD if group in ("strong", "strong2") else ITALIC
            inner, inner_styles = parse_inline(match.group(group or 0))
        styles.append((length, length + len(inner), style))
        styles.extend((start + length, end + length, name) for start, end, name in inner_styles)
        out.append(inner)
        length += len(inner)
    out.append(text[position:])
    return "".join(out), styles


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
        block = _line_block(line)
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


def _line_block(line: str) -> Block:
    heading = _HEADING.match(line)
    if heading:
        level = min(len(heading.group(1)), 3)
        text, styles = parse_inline(heading.group(2))
        return Block(f"h{level}", text, styles)
    if _RULE.match(line):
        return Block("rule", "")
    quote = _QUOTE.match(line)
    if quote:
        text, styles = parse_inline(quote.group(2).strip())
        return Block("quote", text, styles, depth=quote.group(1).count(">"))
    for pattern in (_BULLET, _NUMBERED):
        item = pattern.match(line)
        if item:
            marker = "•" if pattern is _BULLET else item.group(2)
            depth = len(item.group(1).expandtabs(4)) // 2
            text, styles = parse_inline(item.group(3).strip())
            return Block("item", text, styles, marker=marker, depth=min(depth, 4))
    text, styles = parse_inline(line.strip())
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
