"""Article body -> display blocks (markdown structure, inline emphasis) and word wrapping.

No Textual here: the reader view turns these blocks into styled lines. The block texts are
joined into one document string, so highlight, find and scroll positions all speak in
offsets into that one string.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, overload

from rich.cells import cell_len, get_character_cell_size

# Inline styles a block may carry, by name; the view maps each to a theme style.
BOLD, ITALIC, CODE, LINK, IMAGE = "bold", "italic", "code", "link", "image"


Styles = tuple[tuple[int, int, str], ...]


class Block(NamedTuple):
    """One displayed unit: a heading, paragraph, list item, quote line, rule or code line.

    A tuple of strings and numbers (not an object): an article of millions of blocks adds
    nothing for the garbage collector to walk, which would stall the UI for seconds.
    """

    kind: str  # "title", "meta", "url", "h1".."h3", "paragraph", "item", "quote", "code", "rule"
    text: str
    styles: Styles = ()  # (start, end, style) offsets into `text`
    marker: str = ""  # a list bullet or number, drawn before the first line
    depth: int = 0  # list nesting / quote level
    gap_before: bool = True  # a blank line separates it from the previous block
    start: int = 0  # where `text` starts in the document string


# Lines of a body read when its document is made: an ordinary article is read whole at
# once. A longer one is read on in chunks of CHUNK_LINES, as the view lays it out, or all
# at once by whoever asks for all its blocks or its text (a highlighting worker).
EAGER_LINES = 4_000
CHUNK_LINES = 2_000


class BlockList(Sequence[Block]):
    """Blocks kept as plain tuples, read as `Block`s: the collector stops tracking a plain
    tuple of strings and numbers, so millions of blocks never make it stall the UI (a
    NamedTuple, a subclass, is tracked for ever). Only grows."""

    def __init__(self) -> None:
        self._rows: list[tuple[Any, ...]] = []

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Block: ...

    @overload
    def __getitem__(self, index: slice) -> list[Block]: ...

    def __getitem__(self, index: int | slice) -> Block | list[Block]:
        if isinstance(index, slice):
            return [Block._make(row) for row in self._rows[index]]
        return Block._make(self._rows[index])

    def __iter__(self) -> Iterator[Block]:
        return map(Block._make, self._rows)

    def append(self, block: Block, start: int) -> None:
        """Add `block`, starting at document offset `start`."""
        kind, text, styles, marker, depth, gap_before, _ = block
        self._rows.append((kind, text, styles, marker, depth, gap_before, start))

    def texts(self) -> Iterator[str]:
        return (row[1] for row in self._rows)


class Document:
    """An article laid out as blocks, and the one string their texts form.

    A long body is read lazily: `built` holds the blocks read so far (it only grows, and
    each block in it is final, so the UI thread may read it while a worker reads on),
    `grow` reads more, `blocks` and `text` read the rest first.
    """

    def __init__(self, head: list[Block], body: str) -> None:
        self.built = BlockList()
        self._builder = _BodyBuilder(body)
        self._lock = threading.Lock()
        self._offset = 0  # where the next block starts in the document string
        self._text: str | None = None
        self._complete = False
        self._append(head)
        self.body_start = self._offset  # where the body begins (after title, meta, URL)
        self._head_count = len(head)

    def _append(self, blocks: list[Block]) -> None:
        built = self.built
        for block in blocks:
            built.append(block, self._offset)
            self._offset += len(block.text) + 1

    @property
    def complete(self) -> bool:
        """Whether the whole body has been read into `built`."""
        return self._complete

    def grow(self, lines: int = CHUNK_LINES, *, wait: bool = True) -> bool:
        """Read up to `lines` more lines of the body into `built`; whether it is complete.

        With `wait=False`, reads nothing while another thread is reading (it returns at
        once: the UI thread never waits for a worker).
        """
        if self._complete:
            return True
        if not self._lock.acquire(blocking=wait):
            return self._complete
        try:
            builder = self._builder
            builder.feed(lines)
            fresh = builder.blocks[:]
            builder.blocks.clear()
            if fresh and len(self.built) == self._head_count:
                # a blank line between the rule and the body
                fresh[0] = fresh[0]._replace(gap_before=True)
            self._append(fresh)
            if builder.done:
                self._complete = True
        finally:
            self._lock.release()
        return self._complete

    @property
    def blocks(self) -> BlockList:
        """Every block (the rest of the body is read first)."""
        while not self.grow():
            pass
        return self.built

    @property
    def text(self) -> str:
        """The block texts joined by newlines: offsets into it are document offsets."""
        if self._text is None:
            self._text = "\n".join(self.blocks.texts())
        return self._text


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
# How every line of a kind other than a paragraph starts (those above): a line that does not
# start like this is a paragraph.
_MAY_BE_STRUCTURE = re.compile(r"\s*[#>\-*_+•◦▪‣–—\d`~]")
# A plain line this long was probably wrapped by the writer's editor, not ended by them.
_WRAPPED_LINE = 50


def body_blocks(body: str) -> list[Block]:
    """The body's blocks: one per heading, list item, quote line, rule or paragraph.

    Lines that follow each other without a blank line stay separate blocks (many articles
    put one paragraph per line), except in files that separate paragraphs with blank lines
    and wrap them at a fixed width: those lines are joined back into paragraphs.
    """
    builder = _BodyBuilder(body)
    while not builder.done:
        builder.feed(1 << 30)
    return builder.blocks


class _BodyBuilder:
    """`body_blocks`, resumable: `feed` reads the next lines, so a long body is read in
    chunks. `blocks` only ever grows, and holds only finished blocks (the last one may still
    take wrapped lines until the next block starts), so another thread may read it."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.blocks: list[Block] = []
        self.done = False
        self._position = 0  # where the next line starts in `body`
        self._joins_wrapped = "\n\n" in body
        self._last: Block | None = None  # the block being built, not yet in `blocks`
        # Lines joined onto the last block are put in place with one str.join when it is
        # done: adding them one by one was quadratic (seconds for a long wrapped paragraph).
        self._joined: list[str] = []
        self._joined_styles: list[tuple[int, int, str]] = []
        self._joined_length = 0  # the last block's text length, joined lines included
        self._gap = False  # a blank line came before the next block
        self._in_fence = False
        self._budget = MAX_MARKUP_CHARS  # characters of lines with markup still to parse

    def _settle(self) -> None:
        last = self._last
        if last is None:
            return
        if self._joined:
            last = last._replace(
                text=" ".join([last.text, *self._joined]),
                styles=last.styles + tuple(self._joined_styles),
            )
            self._joined.clear()
            self._joined_styles.clear()
        self.blocks.append(last)
        self._last = None

    def _add(self, block: Block, gap_before: bool | None = None) -> None:
        previous = self._last  # None only before the first block
        if gap_before is not None:
            block = block._replace(gap_before=gap_before)  # code: a gap after a fence or blank
        elif previous is None:
            block = block._replace(gap_before=False)
        elif (
            block.kind in ("item", "quote", "code")
            and previous.kind == block.kind
            and not self._gap
        ):
            block = block._replace(gap_before=False)  # tight lists and quotes stay together
        # else: a gap (the default)
        self._settle()
        self._last = block
        self._joined_length = len(block.text)
        self._gap = False

    def feed(self, count: int) -> None:
        """Read up to `count` more lines of the body."""
        body = self.body
        size = len(body)
        position = self._position
        for _ in range(count):
            if position > size:
                break
            end = body.find("\n", position)
            if end < 0:
                end = size
            line = body[position:end]
            position = end + 1
            self._line(line)
        self._position = position
        if position > size and not self.done:
            self._settle()
            self.done = True

    def _line(self, line: str) -> None:
        if not self._in_fence and _MAY_BE_STRUCTURE.match(line) is None:
            # Most lines: a paragraph (or blank), without trying every other kind.
            stripped = line.strip()
            if not stripped:
                self._gap = True
            elif self._budget > 0 and _MARKUP_CHARS.search(line) is not None:
                self._budget -= len(line)
                text, styles = parse_inline(stripped)
                self._place(Block("paragraph", text, tuple(styles)))
            else:
                self._place(Block("paragraph", stripped))
            return
        if _FENCE.match(line):
            self._in_fence = not self._in_fence
            self._gap = True
            return
        if self._in_fence:
            text = line.rstrip()
            self._add(Block("code", text, ((0, len(text), CODE),)), self._gap)
            return
        if not line.strip():
            self._gap = True
            return
        if self._budget > 0 and _MARKUP_CHARS.search(line) is not None:
            self._budget -= len(line)
            block = _line_block(line, parse_inline)
        else:
            block = _line_block(line, _as_typed)
        self._place(block)

    def _place(self, block: Block) -> None:
        """Add `block`, or join it onto the last one (a line wrapped by an editor)."""
        previous = self._last
        if (
            self._joins_wrapped
            and not self._gap
            and block.kind == "paragraph"
            and previous is not None
            and previous.kind in ("paragraph", "item", "quote")
            and self._joined_length >= _WRAPPED_LINE
        ):
            offset = self._joined_length + 1
            self._joined_styles.extend(
                (start + offset, end + offset, name) for start, end, name in block.styles
            )
            self._joined.append(block.text)
            self._joined_length = offset + len(block.text)
            return
        self._add(block)


def _as_typed(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    return text, []


def _line_block(line: str, parse: Callable[[str], tuple[str, list[tuple[int, int, str]]]]) -> Block:
    heading = _HEADING.match(line)
    if heading:
        level = min(len(heading.group(1)), 3)
        text, styles = parse(heading.group(2))
        return Block(f"h{level}", text, tuple(styles))
    if _RULE.match(line):
        return Block("rule", "")
    quote = _QUOTE.match(line)
    if quote:
        text, styles = parse(quote.group(2).strip())
        return Block("quote", text, tuple(styles), depth=quote.group(1).count(">"))
    for pattern in (_BULLET, _NUMBERED):
        item = pattern.match(line)
        if item:
            marker = "•" if pattern is _BULLET else item.group(2)
            depth = len(item.group(1).expandtabs(4)) // 2
            text, styles = parse(item.group(3).strip())
            return Block("item", text, tuple(styles), marker=marker, depth=min(depth, 4))
    text, styles = parse(line.strip())
    return Block("paragraph", text, tuple(styles))


def build_document(title: str, meta: str, url: str | None, body: str) -> Document:
    """The whole article as blocks: title, a meta line, the URL, a rule, then the body.

    The first EAGER_LINES lines of the body are read now (all of an ordinary article); a
    longer body is read on as it is needed (`Document.grow`).
    """
    head = [Block("title", title, gap_before=False)]
    if meta:
        head.append(Block("meta", meta, gap_before=False))
    if url:
        head.append(Block("url", url, gap_before=False))
    head.append(Block("rule", "", gap_before=False))
    document = Document(head, body)
    document.grow(EAGER_LINES)
    return document


# --- wrapping ----------------------------------------------------------------------------

_WORD = re.compile(r"\S+\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Word-wrap `text` to `width` cells: [(start, end)] per line, trailing spaces left out.

    Words wider than a line are cut (by cells, so wide characters never overflow).
    """
    width = max(1, width)
    if not text:
        return [(0, 0)]
    if cell_len(text) <= width:  # one line (most lines of most articles): no words to find
        return [(0, _rstrip_end(text, 0, len(text)))]
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
