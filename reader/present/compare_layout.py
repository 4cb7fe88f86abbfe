"""Lay out a comparison as lines of Rich text: two columns, aligned or free, for print and UI."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.console import Console
from rich.style import Style
from rich.text import Text

from reader.analysis import Comparison, Pair, fact_key

# Style roles a caller maps to Rich styles (the UI from its CSS, print from PRINT_STYLES).
ROLES = ("figure-both", "figure-only", "name-both", "name-only", "disputed")
PRINT_STYLES: dict[str, Style] = {
    "figure-both": Style(bold=True, color="green"),
    "figure-only": Style(bold=True, color="black", bgcolor="yellow"),
    "name-both": Style(bold=True),
    "name-only": Style(bold=True, color="yellow"),
    "disputed": Style(bold=True, color="white", bgcolor="red"),
}
# The gutter shows a match's strength; these are the steps (lowest score first).
STRENGTH_GLYPHS = ((0.0, "░"), (0.3, "▒"), (0.5, "▓"), (0.85, "█"))


# Line breaks inside a paragraph (hard-wrapped source) and tabs become spaces.
_FLATTEN = str.maketrans({"\r": " ", "\n": " ", "\t": " ", "\v": " ", "\f": " "})


def strength_glyph(score: float) -> str:
    glyph = " "
    for floor, candidate in STRENGTH_GLYPHS:
        if score >= floor:
            glyph = candidate
    return glyph


def paragraph_text(
    comparison: Comparison, side: str, index: int, styles: Mapping[str, Style]
) -> Text:
    """One paragraph as Rich text, its facts styled by whether the other side has them.

    The article text goes in as plain text (never markup); line breaks inside a paragraph
    (hard-wrapped source) become spaces so the offsets of the spans still hold.
    """
    this = comparison.side(side)
    paragraph = this.paragraphs[index]
    body = this.article.body
    # One character for one, so the span offsets still hold.
    plain = body[paragraph.start : paragraph.end].translate(_FLATTEN)
    text = Text(plain)
    shared = comparison.shared_keys
    disputed = comparison.disputed(side)
    for span in this.paragraph_spans[index]:
        key = fact_key(span)
        if key in disputed:
            role = "disputed"
        else:
            role = f"{span.cls}-{'both' if key in shared else 'only'}"
        style = styles.get(role)
        if style:
            text.stylize(style, span.start, span.end)
    return text


@lru_cache(maxsize=8)
def _measuring_console(width: int) -> Console:
    return Console(width=max(width, 1), file=None, color_system=None, legacy_windows=False)


def wrap(text: Text, width: int) -> list[Text]:
    """`text` wrapped to `width` cells (long words folded, never cut off)."""
    if width <= 0:
        return [text]
    lines = text.wrap(_measuring_console(width), width, overflow="fold")
    return list(lines) or [Text("")]


@dataclass
class Line:
    """One line of a pane: its text, the pair it belongs to, and whether it is padding."""

    text: Text
    pair: int | None  # index into comparison.pairs (None: a separator line)
    filler: bool = False  # a blank line facing the other side's paragraph (aligned mode)
    first: bool = False  # the first line of its block


@dataclass
class PaneLayout:
    """The lines of one side, and where each pair's block starts and ends in them."""

    lines: list[Line]
    blocks: dict[int, tuple[int, int]]  # pair index -> [start, end) line range


def layout_sides(
    comparison: Comparison, width: int, aligned: bool, styles: Mapping[str, Style]
) -> tuple[PaneLayout, PaneLayout]:
    """Both panes' lines at a text `width`. Aligned: each pair's blocks are padded to the
    same height so matched paragraphs sit level and unmatched ones face a gap. Free: each
    side's paragraphs in their own order, one blank line apart, with no padding."""
    left = PaneLayout([], {})
    right = PaneLayout([], {})
    pairs = comparison.pairs
    for number, pair in enumerate(pairs):
        left_lines = _block(comparison, "left", pair.left, width, styles)
        right_lines = _block(comparison, "right", pair.right, width, styles)
        if aligned:
            height = max(len(left_lines), len(right_lines))
            _append(left, number, left_lines, height, separator=number > 0)
            _append(right, number, right_lines, height, separator=number > 0)
        else:
            if left_lines:
                _append(left, number, left_lines, len(left_lines), separator=bool(left.lines))
            if right_lines:
                _append(right, number, right_lines, len(right_lines), separator=bool(right.lines))
    return left, right


def _block(
    comparison: Comparison, side: str, index: int | None, width: int, styles: Mapping[str, Style]
) -> list[Text]:
    if index is None:
        return []
    return wrap(paragraph_text(comparison, side, index, styles), width)


def _append(pane: PaneLayout, number: int, texts: list[Text], height: int, separator: bool) -> None:
    if separator:
        pane.lines.append(Line(Text(""), None))
    start = len(pane.lines)
    for row in range(height):
        if row < len(texts):
            pane.lines.append(Line(texts[row], number, first=row == 0))
        else:
            pane.lines.append(Line(Text(""), number, filler=True, first=row == 0))
    pane.blocks[number] = (start, len(pane.lines))


def counterpart_line(
    line: float,
    source: PaneLayout,
    target: PaneLayout,
    pairs: Sequence[Pair],
) -> float:
    """The line of `target` that shows what `source` shows at `line` (meld's sync scrolling).

    Inside a block whose pair has the other side, the position maps proportionally into the
    counterpart block; in an unmatched block or a separator it maps to the nearest edge of
    the surrounding matched blocks, interpolating between them.
    """
    if not source.lines or not target.lines:
        return 0.0
    anchors: list[tuple[float, float]] = [(0.0, 0.0)]
    for number in sorted(source.blocks):
        if number not in target.blocks:
            continue
        pair = pairs[number]
        if pair.left is None or pair.right is None:
            continue
        s_start, s_end = source.blocks[number]
        t_start, t_end = target.blocks[number]
        anchors.append((float(s_start), float(t_start)))
        anchors.append((float(s_end), float(t_end)))
    anchors.append((float(len(source.lines)), float(len(target.lines))))
    for (s0, t0), (s1, t1) in zip(anchors, anchors[1:], strict=False):
        if s0 <= line <= s1:
            if s1 == s0:
                return t0
            return t0 + (line - s0) * (t1 - t0) / (s1 - s0)
    return anchors[-1][1]
