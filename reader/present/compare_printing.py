"""`reader compare --print`: two articles side by side as text, then their facts."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from rich.console import Console
from rich.style import Style
from rich.text import Text

from reader.analysis import Comparison, not_same_story_note
from reader.corpus import Article
from reader.present.compare_facts import fact_label, fact_sections, shorten
from reader.present.compare_layout import (
    PRINT_STYLES,
    STRENGTH_GLYPHS,
    few_matches,
    matched_paragraphs,
    strength_glyph,
    wrap,
)
from reader.present.dates import format_date
from reader.present.side_by_side import layout_sides

# Below this many columns two columns are too narrow to read: the pairs are stacked.
MIN_SIDE_BY_SIDE = 50
DIVIDER = "│"
HEADER_STYLE = Style(bold=True)
META_STYLE = Style(dim=True)


def byline(article: Article) -> str:
    """Source · author · date, as far as known (else the id)."""
    parts = [article.source, article.author, format_date(article) if article.published else None]
    return " · ".join(part for part in parts if part) or article.id


def side_names(comparison: Comparison) -> tuple[str, str]:
    """What to call the sides: their sources (else authors) when both sides have one and
    they differ, else left and right."""
    left_article, right_article = comparison.left.article, comparison.right.article
    left = left_article.source or left_article.author
    right = right_article.source or right_article.author
    if left and right and left.casefold() != right.casefold():
        return left, right
    return "left", "right"


def render_comparison(
    comparison: Comparison, width: int, styles: Mapping[str, Style] = PRINT_STYLES
) -> list[Text]:
    """The whole printout as lines no wider than `width`."""
    width = max(width, 20)
    lines: list[Text] = []
    if width >= MIN_SIDE_BY_SIDE:
        lines += _side_by_side(comparison, width, styles)
    else:
        lines += _stacked(comparison, width, styles)
    lines.append(Text(""))
    lines += _summary(comparison, width, styles)
    for line in lines:
        line.rstrip()
    return lines


def _side_by_side(comparison: Comparison, width: int, styles: Mapping[str, Style]) -> list[Text]:
    column = (width - 3) // 2
    out: list[Text] = []
    headers = []
    for side in ("left", "right"):
        article = comparison.side(side).article
        block = wrap(Text(article.title, style=HEADER_STYLE), column)
        block += wrap(Text(byline(article), style=META_STYLE), column)
        headers.append(block)
    for row in range(max(len(h) for h in headers)):
        left = headers[0][row] if row < len(headers[0]) else Text("")
        right = headers[1][row] if row < len(headers[1]) else Text("")
        out.append(_row(left, DIVIDER, right, column))
    out.append(Text("─" * column + "─┼─" + "─" * column))
    left_pane, right_pane = layout_sides(comparison, column, aligned=True, styles=styles)
    for left_line, right_line in zip(left_pane.lines, right_pane.lines, strict=True):
        pair = comparison.pairs[left_line.pair] if left_line.pair is not None else None
        matched = pair is not None and pair.left is not None and pair.right is not None
        gutter = strength_glyph(pair.score) if matched and pair else DIVIDER
        out.append(_row(left_line.text, gutter, right_line.text, column))
    return out


def _row(left: Text, gutter: str, right: Text, column: int) -> Text:
    line = left.copy()
    line.pad_right(column - line.cell_len)
    line.append(f" {gutter} ")
    line.append_text(right)
    line.rstrip()
    return line


def _stacked(comparison: Comparison, width: int, styles: Mapping[str, Style]) -> list[Text]:
    """Narrow output: each pair's left paragraph, then its right one, marked L and R."""
    out: list[Text] = []
    for side in ("left", "right"):
        article = comparison.side(side).article
        out += [
            Text(f"{side[0].upper()}: ") + line for line in wrap(Text(article.title), width - 3)
        ]
    left_pane, right_pane = layout_sides(comparison, width - 2, aligned=False, styles=styles)
    shown: set[tuple[str, int]] = set()  # a paragraph facing two is printed once
    for number, pair in enumerate(comparison.pairs):
        label = (
            f"match {pair.score:.2f}"
            if pair.left is not None and pair.right is not None
            else ("left only" if pair.right is None else "right only")
        )
        out.append(Text(""))
        out.append(Text(f"── {label} ", style=META_STYLE))
        for mark, pane, index in (("L", left_pane, pair.left), ("R", right_pane, pair.right)):
            if index is not None and (mark, index) in shown:
                out.append(Text(f"{mark} (the paragraph above)", style=META_STYLE))
                continue
            if index is not None:
                shown.add((mark, index))
            if number in pane.blocks:
                start, end = pane.blocks[number]
                out += [Text(f"{mark} ") + line.text for line in pane.lines[start:end]]
    return out


def _summary(comparison: Comparison, width: int, styles: Mapping[str, Style]) -> list[Text]:
    out: list[Text] = []
    left_name, right_name = side_names(comparison)
    if few_matches(comparison):
        note = (
            f"Few paragraphs say the same thing ({matched_paragraphs(comparison)} matched): "
            "the two tell the story differently."
        )
        out += wrap(Text(note, style=META_STYLE), width)
    if comparison.disagreements:
        out.append(Text(f"Disagreements ({len(comparison.disagreements)})", style=HEADER_STYLE))
        for disagreement in comparison.disagreements:
            left = ", ".join(disagreement.texts("left"))
            right = ", ".join(disagreement.texts("right"))
            line = Text("  ")
            line.append(f"{disagreement.topic}: ", style=HEADER_STYLE)
            line.append(left, style=styles.get("disputed", ""))
            line.append(f" ({left_name}) vs ")
            line.append(right, style=styles.get("disputed", ""))
            line.append(f" ({right_name})")
            out += wrap(line, width)
            for side, name in (("left", left_name), ("right", right_name)):
                sentence = disagreement.sentence(side)
                if sentence:
                    quote = Text(f"    {name}: “{shorten(sentence)}”", style=META_STYLE)
                    out += wrap(quote, width)
    elif not comparison.same_story:
        note = f"No disagreements: {not_same_story_note(comparison)}."
        out += wrap(Text(note, style=META_STYLE), width)
    else:
        out.append(Text("No disagreements found.", style=META_STYLE))
    for section in fact_sections(comparison, left_name, right_name):
        out.append(Text(""))
        out.append(Text(f"{section.title} ({section.count})", style=HEADER_STYLE))
        for label, chosen in section.groups:
            line = Text.assemble((f"  {label}: ", META_STYLE))
            for number, (fact, fact_role) in enumerate(chosen):
                if number:
                    line.append(", ")
                line.append(fact_label(fact), style=styles.get(fact_role, ""))
            out += wrap(line, width)
    out.append(Text(""))
    legend = " ".join(f"{glyph} {floor:.2f}+" for floor, glyph in STRENGTH_GLYPHS)
    out += wrap(
        Text(f"gutter: match strength {legend}; {DIVIDER} no match", style=META_STYLE), width
    )
    return out


def print_comparison(comparison: Comparison, width: int | None = None) -> None:
    """Print to stdout: styled on a terminal, plain text in a pipe."""
    terminal = sys.stdout.isatty()
    if width is None:
        import shutil

        width = shutil.get_terminal_size((100, 24)).columns
    console = Console(
        file=sys.stdout,
        width=width,
        highlight=False,
        soft_wrap=True,
        no_color=not terminal,
        force_terminal=terminal,
        emoji=False,
        markup=False,
    )
    for line in render_comparison(comparison, width):
        if terminal:
            console.print(line)
        else:
            sys.stdout.write(line.plain + "\n")
