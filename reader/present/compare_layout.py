"""A comparison's paragraphs as Rich text and lines, and how the two panes' lines map onto
each other (the panes themselves are laid out by `side_by_side`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.console import Console
from rich.style import Style
from rich.text import Text

from reader.analysis import Comparison, Pair, fact_key
from reader.present.compare_markdown import render_paragraph

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
STRENGTH_GLYPHS = ((0.0, "░"), (0.25, "▒"), (0.4, "▓"), (0.85, "█"))

NOTE_STYLE = Style(dim=True, italic=True)
# How the Markdown of a paragraph is shown (compare_markdown's style names).
MARKDOWN_STYLES: dict[str, Style] = {
    "bold": Style(bold=True),
    "italic": Style(italic=True),
    "code": Style(dim=True),
    "link": Style(underline=True),
    "image": Style(dim=True, italic=True),
    "heading": Style(bold=True, underline=True),
    "marker": Style(bold=True),
}


def matched_paragraphs(comparison: Comparison) -> int:
    """How many paragraphs of the shorter side have a match (a split one counts once)."""
    lefts = {p.left for p in comparison.pairs if p.left is not None and p.right is not None}
    rights = {p.right for p in comparison.pairs if p.left is not None and p.right is not None}
    return min(len(lefts), len(rights))


# With one paragraph matched or none, or under this share of the shorter side's paragraphs,
# aligned mode says that the two tell the story differently and offers free mode.
FEW_MATCHES = 0.25


def few_matches(comparison: Comparison) -> bool:
    """Whether so few paragraphs match that aligning them says little."""
    shorter = min(len(comparison.left.paragraphs), len(comparison.right.paragraphs))
    matched = matched_paragraphs(comparison)
    return shorter >= 2 and (matched <= 1 or matched < FEW_MATCHES * shorter)


def strength_glyph(score: float) -> str:
    glyph = " "
    for floor, candidate in STRENGTH_GLYPHS:
        if score >= floor:
            glyph = candidate
    return glyph


def paragraph_text(
    comparison: Comparison, side: str, index: int, styles: Mapping[str, Style]
) -> Text:
    """One paragraph as Rich text, its Markdown rendered as the reader view renders it, its
    facts styled by whether the other side has them.

    The article text goes in as plain text (never markup); line breaks inside a paragraph
    (hard-wrapped source) become spaces.
    """
    this = comparison.side(side)
    paragraph = this.paragraphs[index]
    rendered = render_paragraph(this.article.body[paragraph.start : paragraph.end])
    text = Text(rendered.text)
    for start, end, name in rendered.styles:
        style = MARKDOWN_STYLES.get(name)
        if style is not None and end > start:
            text.stylize(style, start, end)
    shared = comparison.shared_keys
    disputed = comparison.disputed(side)
    for span in this.paragraph_spans[index]:
        key = fact_key(span)
        if key in disputed:
            role = "disputed"
        else:
            role = f"{span.cls}-{'both' if key in shared else 'only'}"
        style = styles.get(role)
        shown = rendered.span(span.start, span.end)
        if style and shown is not None:
            text.stylize(style, *shown)
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


# How a match out of order is pointed to, under the paragraph (the other side's opening words).
MOVED_WORDS = 8


def moved_note(comparison: Comparison, side: str, index: int, other: int) -> Text:
    """The line under paragraph `index` of `side` that the other side says elsewhere, in
    its paragraph `other` (out of order): which way to look (`↓` further down, `↑` further
    up, in the rows of the alignment) and the opening words of that paragraph."""
    there_side = "right" if side == "left" else "left"
    there = comparison.side(there_side)
    paragraph = there.paragraphs[other]
    words = render_paragraph(there.article.body[paragraph.start : paragraph.end]).text.split()
    opening = " ".join(words[:MOVED_WORDS]) + ("…" if len(words) > MOVED_WORDS else "")
    rows = comparison.pairs
    here = next((n for n, pair in enumerate(rows) if getattr(pair, side) == index), 0)
    there_row = next((n for n, pair in enumerate(rows) if getattr(pair, there_side) == other), 0)
    arrow, where = ("↓", "further down") if there_row > here else ("↑", "further up")
    return Text(f"{arrow} the other article says this {where}: “{opening}”", style=NOTE_STYLE)


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
