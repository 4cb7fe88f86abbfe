"""Lay out a comparison's two panes, aligned or free, a few screens at a time.

Wrapping two 5,000-word articles into lines takes 50-130 ms of CPU (Rich's wrap and the
Markdown and fact styles of every paragraph; 695 lines a side at 66 columns, load 5):
most of what the compare screen used to wait for before its first paint. `SideBySide`
lays out the rows in order, stopping once each pane holds what the caller asked for (or
has no more paragraphs), and gives the lines new since the last call: the screen shows the
first two screens at once and a worker lays out the rest. Lines already given never change
(a group of rows is laid out whole; a long run of unmatched paragraphs is cut into groups),
so the parts only ever add to what is shown. `layout_sides` lays out all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from reader.analysis import Comparison, Pair
from reader.present.compare_layout import (
    NOTE_STYLE,
    Line,
    PaneLayout,
    moved_note,
    paragraph_text,
    wrap,
)

# A gap of this many lines or more, facing paragraphs only the other side has, says so.
NOTE_PADDING = 6
# ... and again every this many lines, so that no screen of it is blank.
NOTE_EVERY = 10
# A run of unmatched paragraphs is laid out this many paragraphs a side at a time (the
# panes given as far as both reach): whole, a pair with no match at all was one group,
# every line laid out before the first paint.
RUN_CHUNK = 8
ONLY_OTHER = "┄ only in the other article ┄"


@dataclass
class LaidOut:
    """What one call of `SideBySide.lay_out` added: each pane's new lines (to append) and
    the blocks of the rows laid out (line numbers count from each pane's first line)."""

    left: PaneLayout
    right: PaneLayout
    done: bool  # nothing is left to lay out


class SideBySide:
    """Both panes' lines at a text `width`, each paragraph once, laid out on demand.

    Aligned: a match's blocks are padded to the same height so matched paragraphs sit level
    (a paragraph split in two faces both halves); between two matches, the paragraphs only
    one side has run down each pane side by side, in order, so neither pane is left blank
    while the other goes on. Free: each side's paragraphs in their own order, one blank line
    apart, with no padding. Both panes have as many lines when aligned (also after each part).

    One thread at a time: the UI lays out the first part, then hands the object to a worker.
    """

    def __init__(
        self, comparison: Comparison, width: int, aligned: bool, styles: Mapping[str, Style]
    ) -> None:
        self.comparison = comparison
        self.width = width
        self.aligned = aligned
        self.styles = styles
        self.left = PaneLayout([], {})
        self.right = PaneLayout([], {})
        pairs = comparison.pairs
        if aligned:
            self._groups = _groups(pairs)
        else:  # each pane on its own: its rows, in order, as far as it is asked to go
            self._groups = []
            self._own = {
                side: [n for n, pair in enumerate(pairs) if getattr(pair, side) is not None]
                for side in ("left", "right")
            }
        self._next = 0  # the next group to lay out (aligned)
        self._cursor = {"left": 0, "right": 0}  # the next of each side's own rows (free)
        self._laid: set[int] = set()  # rows laid out (aligned)
        self._run: _Run | None = None  # the run of unmatched rows being laid out (aligned)
        self._pending: dict[str, list[int]] = {"left": [], "right": []}  # blocks not given
        self._given = (0, 0)  # lines of each pane handed out so far
        self._shown: dict[str, dict[int, int]] = {"left": {}, "right": {}}  # free mode

    @property
    def done(self) -> bool:
        if self.aligned:
            return self._next >= len(self._groups)
        return all(self._cursor[side] >= len(self._own[side]) for side in self._own)

    def lay_out(self, lines: int, through: int | None = None) -> LaidOut:
        """Lay out rows until each pane holds `lines` lines or more (or has no more
        paragraphs) and row `through` (if given) is laid out, or until the end; the lines and
        blocks new since the last call."""
        new = self._pending
        if self.aligned:
            while not self.done and (
                min(len(self.left.lines), len(self.right.lines)) < lines
                or (through is not None and through not in self._laid)
            ):
                if self._run is None:
                    group = self._groups[self._next]
                    first = self.comparison.pairs[group[0]]
                    if first.left is None or first.right is None:
                        self._run = _Run(self, group)
                        continue
                    self._next += 1
                    self._laid.update(group)
                    self._aligned_group(group)
                    new["left"] += group
                    new["right"] += group
                elif self._run.step(self, RUN_CHUNK):
                    self._run = None
                    self._next += 1
        else:
            for pane, side in ((self.left, "left"), (self.right, "right")):
                own, cursor = self._own[side], self._cursor
                while cursor[side] < len(own) and (
                    len(pane.lines) < lines
                    or (through is not None and own[cursor[side]] <= through)
                ):
                    number = own[cursor[side]]
                    cursor[side] += 1
                    self._free_row(pane, side, number)
                    new[side].append(number)
        given = self._given
        ends = (len(self.left.lines), len(self.right.lines))
        if self.aligned:  # as far as both panes reach (a run's columns grow unevenly)
            ends = (min(ends), min(ends))
        self._given = ends
        parts = []
        for pane, start, end, side in (
            (self.left, given[0], ends[0], "left"),
            (self.right, given[1], ends[1], "right"),
        ):
            blocks, held = {}, []
            for number in new[side]:
                block = pane.blocks.get(number)
                if block is None:
                    continue
                if block[0] < end:  # (a paragraph of a run may go on below `end`)
                    blocks[number] = block
                else:
                    held.append(number)  # given with its first line
            new[side] = held
            parts.append(PaneLayout(pane.lines[start:end], blocks))
        return LaidOut(parts[0], parts[1], self.done)

    def rest(self, lines_each: int) -> Iterator[LaidOut]:
        """The rest laid out, in parts of at least `lines_each` lines of each pane still
        laid out (free, one may be done long before the other)."""
        while not self.done:
            yield self.lay_out(max(len(self.left.lines), len(self.right.lines)) + lines_each)

    def _free_row(self, pane: PaneLayout, side: str, number: int) -> None:
        index = getattr(self.comparison.pairs[number], side)
        shown = self._shown[side]
        if index in shown:  # one paragraph facing two: shown once, both rows map
            pane.blocks[number] = pane.blocks[shown[index]]
            return
        shown[index] = number
        lines = _block(self.comparison, side, index, self.width, self.styles)
        _append(pane, [(number, lines)], len(lines), separator=bool(pane.lines))

    def _aligned_group(self, group: list[int]) -> None:
        comparison, left, right = self.comparison, self.left, self.right
        blocks = {
            side: _side_blocks(comparison, side, group, self.width, self.styles)
            for side in ("left", "right")
        }
        height = max(
            sum(len(lines) for _, lines in blocks[side]) + len(blocks[side]) - 1
            if blocks[side]
            else 0
            for side in blocks
        )
        separator = bool(left.lines)
        first = comparison.pairs[group[0]]
        is_match = first.left is not None and first.right is not None
        for pane, side in ((left, "left"), (right, "right")):
            _append(pane, blocks[side], height, separator, group[-1], note=not is_match)
        if is_match:
            # A match: every row of it covers the whole group on both sides, so scrolling
            # maps the one paragraph onto the two it was split into.
            for pane in (left, right):
                for number in group:
                    pane.blocks[number] = (len(pane.lines) - height, len(pane.lines))


def layout_sides(
    comparison: Comparison, width: int, aligned: bool, styles: Mapping[str, Style]
) -> tuple[PaneLayout, PaneLayout]:
    """Both panes' lines at a text `width`, all laid out (see `SideBySide`)."""
    layout = SideBySide(comparison, width, aligned, styles)
    while not layout.done:
        layout.lay_out(1 << 30)
    return layout.left, layout.right


def _groups(pairs: Sequence[Pair]) -> list[list[int]]:
    """Row numbers laid out together: a match (with the rows sharing one of its paragraphs,
    a paragraph split in two), or a run of unmatched paragraphs between two matches."""
    groups: list[list[int]] = []
    for number, pair in enumerate(pairs):
        matched = pair.left is not None and pair.right is not None
        if groups:
            previous = pairs[groups[-1][-1]]
            was_matched = previous.left is not None and previous.right is not None
            shares = (
                matched
                and was_matched
                and (pair.left == previous.left or pair.right == previous.right)
            )
            if shares or (not matched and not was_matched):
                groups[-1].append(number)
                continue
        groups.append([number])
    return groups


class _Run:
    """A run of unmatched rows laid out a few paragraphs a side at a time: each side's
    column grows on its own, and is padded to the longer one once both are laid out (the
    lines come out as `_aligned_group` lays out the run whole)."""

    def __init__(self, layout: SideBySide, group: list[int]) -> None:
        self.group = group
        separator = bool(layout.left.lines)
        self.columns: dict[str, list[tuple[int, int]]] = {}  # side -> (row, paragraph) to go
        self.laid: dict[str, list[int]] = {"left": [], "right": []}  # rows laid out a side
        for pane, side in ((layout.left, "left"), (layout.right, "right")):
            if separator:
                pane.lines.append(Line(Text(""), None))
            seen: set[int] = set()
            column = []
            for number in group:
                index = getattr(layout.comparison.pairs[number], side)
                if index is not None and index not in seen:
                    seen.add(index)
                    column.append((number, index))
            self.columns[side] = column
        self.start = len(layout.left.lines)
        self.text: dict[str, int] = {}  # side -> lines of its own text, once all laid out

    def step(self, layout: SideBySide, paragraphs: int) -> bool:
        """Lay out the next `paragraphs` of each side; True once the run is all laid out."""
        comparison = layout.comparison
        for pane, side in ((layout.left, "left"), (layout.right, "right")):
            column, laid = self.columns[side], self.laid[side]
            for number, index in column[len(laid) : len(laid) + paragraphs]:
                lines = _block(comparison, side, index, layout.width, layout.styles)
                _put(pane, [(number, lines)], blank_first=bool(laid))
                laid.append(number)
                layout._laid.add(number)
                layout._pending[side].append(number)
            if len(laid) == len(column):
                self.text.setdefault(side, len(pane.lines) - self.start)
        reach = {"left": len(layout.left.lines), "right": len(layout.right.lines)}
        if len(self.text) < 2:
            # A side all laid out is padded as far as it surely will be (the last two lines
            # of a gap, and whether it says why, wait for the other side's end).
            for pane, side, other in (
                (layout.left, "left", "right"),
                (layout.right, "right", "left"),
            ):
                if side not in self.text:
                    continue
                height = reach[other] - self.start
                if height - self.text[side] >= NOTE_PADDING:
                    rows, text = self.laid[side], self.text[side]
                    _pad(pane, self.start, rows, height, self.group[-1], True, text, height - 2)
            return False
        height = max(len(pane.lines) - self.start for pane in (layout.left, layout.right))
        for pane, side in ((layout.left, "left"), (layout.right, "right")):
            rows = self.laid[side]
            _pad(pane, self.start, rows, height, self.group[-1], True, self.text[side])
            if len(rows) == 1:
                layout._pending[side].append(rows[0])  # its block now with its padding
        layout._laid.update(self.group)
        return True


def _side_blocks(
    comparison: Comparison,
    side: str,
    group: list[int],
    width: int,
    styles: Mapping[str, Style],
) -> list[tuple[int, list[Text]]]:
    """The wrapped paragraphs of one side in a group, each once, with its row number."""
    out: list[tuple[int, list[Text]]] = []
    seen: set[int] = set()
    for number in group:
        pair = comparison.pairs[number]
        index = pair.left if side == "left" else pair.right
        if index is None or index in seen:
            continue
        seen.add(index)
        out.append((number, _block(comparison, side, index, width, styles)))
    return out


def _block(
    comparison: Comparison, side: str, index: int | None, width: int, styles: Mapping[str, Style]
) -> list[Text]:
    if index is None:
        return []
    lines = wrap(paragraph_text(comparison, side, index, styles), width)
    other = comparison.moved_from(side).get(index)
    if other is not None:
        lines += wrap(moved_note(comparison, side, index, other), width)
    return lines


def _append(
    pane: PaneLayout,
    blocks: list[tuple[int, list[Text]]],
    height: int,
    separator: bool,
    filler_pair: int | None = None,
    note: bool = False,
) -> None:
    """Paragraph blocks (row number, lines) one blank line apart, padded to `height` lines."""
    if separator:
        pane.lines.append(Line(Text(""), None))
    start = len(pane.lines)
    _put(pane, blocks)
    _pad(pane, start, [number for number, _ in blocks], height, filler_pair, note)


def _put(pane: PaneLayout, blocks: list[tuple[int, list[Text]]], blank_first: bool = False) -> None:
    """Paragraph blocks (row number, lines), one blank line apart."""
    for position, (number, texts) in enumerate(blocks):
        if position or blank_first:
            pane.lines.append(Line(Text(""), None))
        first = len(pane.lines)
        pane.lines.extend(Line(text, number, first=row == 0) for row, text in enumerate(texts))
        pane.blocks.setdefault(number, (first, len(pane.lines)))


def _pad(
    pane: PaneLayout,
    start: int,
    blocks: list[int],
    height: int,
    filler_pair: int | None,
    note: bool,
    text: int | None = None,
    upto: int | None = None,
) -> None:
    """Filler lines after the blocks (row numbers, `text` lines from `start`, by default
    all there is), to `height` lines (or `upto` of them, the rest to come); a long gap says
    why it is empty."""
    text = len(pane.lines) - start if text is None else text
    padding = height - text
    note = note and padding >= NOTE_PADDING
    while len(pane.lines) - start < (height if upto is None else upto):
        last = blocks[-1] if blocks else filler_pair
        row = len(pane.lines) - start
        # A long gap says why it is empty (a blank line after this side's own text first,
        # none on its last line).
        offset = row - (1 if blocks else 0) - text
        noted = note and offset >= 0 and offset % NOTE_EVERY == 0 and height - row >= 2
        filler = Text(ONLY_OTHER, style=NOTE_STYLE) if noted else Text("")
        pane.lines.append(Line(filler, last, filler=True, first=len(pane.lines) == start))
    if len(blocks) == 1:
        pane.blocks[blocks[0]] = (start, len(pane.lines))  # with its padding
