"""Column layout of the list: every width adds up, narrow terminals keep the title."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.ui.widgets.article_table import column_layout, fit


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
