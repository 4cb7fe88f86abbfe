"""An article's blocks wrapped into screen lines for one width, laid out a part at a time.

No Textual here: the reader view draws these lines. Lines are kept in arrays of numbers
(where each starts and ends in the document, its block, its flags), which the garbage
collector never walks: millions of line objects made it stall the UI for a second.
"""

from __future__ import annotations

import time
from array import array
from typing import NamedTuple

from reader.present.article_text import Block, Document, wrap_offsets

# Blocks laid out between two looks at the clock.
CLOCK_BLOCKS = 512
# A line's flags.
_BLANK, _FIRST = 1, 2


class ScreenLine(NamedTuple):
    """One screen line: a slice of the document text and what is drawn before it."""

    start: int
    end: int
    prefix: str = ""  # a bullet, number or quote bar; "rule" for a rule
    prefix_style: str = ""
    blank: bool = False
    block: int = 0  # the block it belongs to, an index into the document's blocks


class LineLayout:
    """`document`'s lines at `width` cells, laid out (and the document read) as far as
    `extend` has gone; `done` once all of it is."""

    def __init__(self, document: Document, width: int) -> None:
        self.document = document
        self.width = width
        self.starts = array("q")
        self.ends = array("q")
        self.blocks = array("q")
        self.flags = bytearray()
        self.laid_blocks = 0
        self.laid_end = 0  # the document offset the layout has reached
        self.done = False

    def __len__(self) -> int:
        return len(self.starts)

    def reached(self, offset: int) -> bool:
        """Whether the layout has reached document offset `offset`."""
        return self.done or offset < self.laid_end

    def extend(self, seconds: float) -> None:
        """Lay out more blocks for about `seconds` (an ordinary article: all of it), reading
        more of the document as needed; a thread reading it already is not waited for."""
        deadline = time.perf_counter() + seconds
        document, width = self.document, self.width
        built = document.built
        starts, ends, blocks, flags = self.starts, self.ends, self.blocks, self.flags
        while True:
            complete = document.complete  # read before len(built): then no block is missed
            if self.laid_blocks >= len(built):
                if complete:
                    self.done = True
                    return
                document.grow(wait=False)
                if self.laid_blocks >= len(built) and not document.complete:
                    return
                continue
            last = min(len(built), self.laid_blocks + CLOCK_BLOCKS)
            for index in range(self.laid_blocks, last):
                block = built[index]
                if block.gap_before and starts:
                    starts.append(block.start)
                    ends.append(block.start)
                    blocks.append(index)
                    flags.append(_BLANK)
                flag = _FIRST
                for start, end in wrap_block(block, width):
                    starts.append(start)
                    ends.append(end)
                    blocks.append(index)
                    flags.append(flag)
                    flag = 0
            self.laid_blocks = last
            block = built[last - 1]
            self.laid_end = block.start + len(block.text) + 1
            if time.perf_counter() > deadline:
                return

    def line(self, index: int) -> ScreenLine:
        """Screen line `index`, with what is drawn before it."""
        number = self.blocks[index]
        start, flags = self.starts[index], self.flags[index]
        if flags & _BLANK:
            return ScreenLine(start, start, blank=True, block=number)
        first, rest, style = block_prefixes(self.document.built[number])
        prefix = first if flags & _FIRST else rest
        return ScreenLine(start, self.ends[index], prefix, style, block=number)


def block_prefixes(block: Block) -> tuple[str, str, str]:
    """What is drawn before a block's first line and before its other lines (its bullet,
    number or quote bar, or "rule" for a rule), and in which style."""
    if block.kind == "rule":
        return "rule", "rule", ""
    if block.kind == "item":
        first = f"{'  ' * block.depth}{block.marker} "
        return first, " " * len(first), ".article-view--marker"
    if block.kind == "quote":
        bars = "│ " * max(1, block.depth)
        return bars, bars, ".article-view--marker"
    return "", "", ""


def wrap_block(block: Block, width: int) -> list[tuple[int, int]]:
    """Wrap one block to `width` cells (its prefix included): each line's document offsets."""
    if block.kind == "rule":
        return [(block.start, block.start)]
    first, _, _ = block_prefixes(block)
    text_width = max(8, width - len(first))
    base = block.start
    return [(base + start, base + end) for start, end in wrap_offsets(block.text, text_width)]
