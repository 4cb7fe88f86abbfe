"""A warm start's first page grows into the whole list under the user's keys: the place in the
list (cursor, scroll, marks) is kept across the swap, and keys pressed while the whole list
is sorted are not undone by it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from test_ui_index import SIZE, make_app, settle, warm_corpus
from test_ui_index import folder as folder  # the same 13 articles, a day apart
from textual.widgets._header import HeaderTitle

import reader.ui.screens.library as library_module
from reader.store import StateStore
from reader.ui.app import ReaderApp
from reader.ui.widgets.title_header import TitleHeader

PAGE = 8


def status(app: ReaderApp) -> str:
    library = app.library
    return " | ".join(
        str(library.query_one(f"#{part}").render()) for part in ("library-counts", "library-mode")
    )


async def wait_for(pilot, condition, tries: int = 100) -> None:  # noqa: ANN001
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out")


@pytest.fixture
def held_sort(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """As with a big corpus: the first page is sorted at once, the whole list in a worker,
    held until the test sets the second event (the first tells it has started), so keys come
    while it is being sorted."""
    monkeypatch.setattr(library_module, "SYNC_LIMIT", PAGE)
    sorting, release = threading.Event(), threading.Event()
    sort_articles = library_module.sort_articles

    def held(articles, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        if len(articles) > PAGE:
            sorting.set()
            release.wait(10)
        return sort_articles(articles, *args, **kwargs)

    monkeypatch.setattr(library_module, "sort_articles", held)
    return sorting, release


async def test_first_page_grows_under_the_keys_without_losing_the_place(
    folder: Path, tmp_path: Path, held_sort: tuple[threading.Event, threading.Event]
) -> None:
    sorting, release = held_sort
    app = make_app(warm_corpus(folder, tmp_path, PAGE), tmp_path)
    # Four rows in view: the first page scrolls.
    async with app.run_test(size=(100, 8)) as pilot:
        table = app.library.table
        await wait_for(pilot, lambda: len(table.articles) == PAGE)
        await pilot.press("down", "down", "down", "down", "down", "space", "asterisk")
        await wait_for(pilot, sorting.is_set)
        await pilot.pause()
        # A key while the whole list is sorted: the cursor moves and the list scrolls.
        await pilot.press("down")
        await pilot.pause()
        place = (table.current_article.title, round(table.scroll_y))
        assert place == ("Story number 5", 3)
        marked = app.library.marked_ids
        assert len(marked) == 1
        assert "filtering" not in status(app)
        assert f"{PAGE} of {PAGE} shown" in status(app)
        release.set()
        await wait_for(pilot, lambda: len(table.articles) == SIZE + 1)
        await settle(app, pilot)
        # The swap kept the place: same article under the cursor, same rows in view, the
        # mark and star on the article they were put on.
        assert (table.current_article.title, round(table.scroll_y)) == place
        assert app.library.marked_ids == marked
        assert table.articles[5].id == marked[0]
        assert app.store.is_starred(marked[0])
        assert f"{SIZE + 1} of {SIZE + 1} shown" in status(app)
        # The header says so too (its title drawn again without the screen's repaint).
        header = app.library.query_one(TitleHeader)
        assert f"{SIZE + 1} articles" in str(header.query_one(HeaderTitle).render())
        # And the keys go on from there.
        await pilot.press("down")
        assert table.current_article.title == "Story number 4"


async def test_keys_pressed_while_a_reordered_list_is_sorted_are_kept(
    folder: Path, tmp_path: Path, held_sort: tuple[threading.Event, threading.Event]
) -> None:
    sorting, release = held_sort
    store = StateStore.open(tmp_path / "state.db")
    store.set_setting("sort", "title")  # the first page is not the whole list's start
    store.close()
    app = make_app(warm_corpus(folder, tmp_path, PAGE), tmp_path)
    async with app.run_test(size=(100, 8)) as pilot:
        table = app.library.table
        await wait_for(pilot, lambda: len(table.articles) == PAGE)
        await wait_for(pilot, sorting.is_set)
        await pilot.press("down", "down")
        chosen = table.current_article.title
        assert table.cursor == 2
        release.set()
        await wait_for(pilot, lambda: len(table.articles) == SIZE + 1)
        await settle(app, pilot)
        # The whole list put the article elsewhere; the cursor went with it.
        assert table.current_article.title == chosen
        assert table.cursor != 2
        assert f"{SIZE + 1} of {SIZE + 1} shown" in status(app)


def test_a_first_page_row_that_changed_is_not_kept_as_drawn() -> None:
    """A row of the first page whose title, source or date differs in the whole list (its
    file edited since the cache was written) must be drawn again, so the swap in place is
    refused: the list would otherwise keep showing the old title."""
    from dataclasses import replace
    from datetime import datetime

    from reader.corpus.article import Article
    from reader.ui.screens.library_rows import starts_with

    page = [Article(id=f"a{n}", path=Path(f"a{n}.txt"), title=f"Title {n}", body="x") for n in range(3)]
    whole = [*page, Article(id="a3", path=Path("a3.txt"), title="Title 3", body="x")]
    assert starts_with(whole, page)
    for change in ({"title": "Title 1, corrected"}, {"source": "Wire"}, {"published": datetime(2025, 1, 2)}):
        edited = [page[0], replace(page[1], **change), page[2], whole[3]]
        assert not starts_with(edited, page), change
    assert not starts_with(list(reversed(whole)), page)
