"""Column layout of the list: every width adds up, narrow terminals keep the title."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from reader.ui.widgets.article_table import column_layout, fit, fold_blanks


@given(st.integers(min_value=40, max_value=400))
def test_columns_fill_the_width(width: int) -> None:
    columns = column_layout(width)
    used = 1 + sum(column.width + 1 for column in columns)
    assert used == width
    assert next(c for c in columns if c.key == "title").width >= 8


def test_narrow_terminals_drop_author_then_source() -> None:
    keys = lambda width: [c.key for c in column_layout(width)]  # noqa: E731
    assert keys(120) == ["marks", "title", "source", "author", "date", "length"]
    assert keys(80) == ["marks", "title", "source", "date", "length"]
    assert keys(60) == ["marks", "title", "date", "length"]


@given(st.text(alphabet="ab日本 é\u0301", max_size=30), st.integers(min_value=1, max_value=20))
def test_fit_is_exactly_the_width_in_cells(text: str, width: int) -> None:
    fitted = fit(text, width)
    assert cell_len(fitted) == width
    assert cell_len(fit(text, width, "right")) == width


def test_fit_marks_a_cut_with_an_ellipsis() -> None:
    assert fit("abcdefgh", 5) == "abcd…"
    assert fit("日本語テキスト", 5) == "日本…"


@given(st.integers(min_value=0, max_value=10**12))
def test_the_read_column_always_fits_whole(words: int) -> None:
    from dataclasses import replace
    from pathlib import Path

    from reader.corpus import Article
    from reader.ui.widgets.article_table import article_length

    base = Article(id="a", path=Path("a.md"), title="A", body="")
    length_column = next(c for c in column_layout(120) if c.key == "length")
    shown = article_length(replace(base, words=words))
    assert cell_len(shown) <= length_column.width and "…" not in shown


_STYLES = [
    Style(color="red", bgcolor="black"),
    Style(color="blue", bgcolor="black", bold=True),
    Style(color="green", bgcolor="black", italic=True),
    Style(color="red", bgcolor="white"),
    Style(color="red", bgcolor="black", underline=True),
    Style(color="yellow", bgcolor="black", reverse=True),
    Style(color="red", bgcolor="black", strike=True),
]


def _cells(segments: list[Segment]) -> list[tuple[str, object]]:
    """What each cell shows: its character, and the style's look where it can be seen
    (a space shows only the background and lines, unless reversed)."""
    cells: list[tuple[str, object]] = []
    for segment in segments:
        style = segment.style or Style()
        for char in segment.text:
            if char == " " and not style.reverse:
                look: object = (
                    style.bgcolor,
                    bool(style.underline),
                    bool(style.strike),
                    bool(style.overline),
                )
            else:
                look = style
            cells.append((char, look))
    return cells


@given(
    st.lists(
        st.tuples(st.sampled_from([" ", "  ", "a", "b c", " x "]), st.sampled_from(_STYLES)),
        max_size=20,
    )
)
def test_folding_blanks_never_changes_what_the_row_shows(parts: list[tuple[str, Style]]) -> None:
    segments = [Segment(text, style) for text, style in parts]
    folded = fold_blanks(segments)
    assert _cells(folded) == _cells(segments)
    assert len(folded) <= len(segments)


def test_a_row_of_the_list_is_a_few_segments() -> None:
    # Marks, title, the other columns: spaces between them join a neighbour of the same
    # background, so a repaint sends a few escape codes a row instead of one per column.
    base, title, meta = (
        Style(color="white", bgcolor="black"),
        Style(color="white", bgcolor="black", bold=True),
        Style(color="grey50", bgcolor="black"),
    )
    dot = Style(color="yellow", bgcolor="black")
    row = [Segment(" ", base), Segment("●", dot), Segment(" ", base), Segment(" ", dot)]
    row += [Segment(" ", base), Segment("Title", title), Segment(" ", base)]
    for value in ("Source", "Author", "2024-01-01", "3 min"):
        row += [Segment(value, meta), Segment(" ", base)]
    folded = fold_blanks(row)
    assert [segment.style for segment in folded] == [dot, title, meta]
    assert "".join(segment.text for segment in folded) == "".join(s.text for s in row)
