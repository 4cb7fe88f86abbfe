"""The stories screen: S lists the stories, Enter shows one in the list, v covers it, c
compares its two articles that differ most, Esc goes back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import write
from stories_support import corpus

from reader.config import Config
from reader.corpus import Corpus
from reader.ui.app import ReaderApp
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.coverage import CoverageScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.stories import StoriesScreen
from reader.ui.widgets.story_table import StoryTable

FLOOD = {"flood-herald", "flood-courier", "flood-wire"}


def app_on(tmp_path: Path) -> ReaderApp:
    news = Corpus.load([corpus(tmp_path / "news")])
    return ReaderApp(news, state_path=tmp_path / "state.db", config=Config())


async def open_stories(pilot: Any) -> StoriesScreen:
    await pilot.press("t")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StoriesScreen)
    return screen


def rows(screen: StoriesScreen) -> list[list[str]]:
    table = screen.query_one(StoryTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_s_lists_the_stories_and_enter_shows_one_in_the_list(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stories(pilot)
        shown = rows(screen)
        assert shown[0][0] == "All articles" and shown[0][2] == "6"
        # Biggest story first: the flood, three sources, three articles, over two days.
        assert "Dunmore" in shown[1][0] or "Kellford" in shown[1][0]
        assert shown[1][1:] == ["3", "3", "2024-03-14 – 2024-03-15"]
        assert [row[2] for row in shown[1:]] == ["3", "2", "1"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert {a.id for a in app.library.visible_articles} == FLOOD
        # The first row brings every article back.
        screen = await open_stories(pilot)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert len(app.library.visible_articles) == 6


async def test_v_covers_the_story_and_escape_goes_back(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_stories(pilot)
        await pilot.press("down", "v")  # the quake: two articles
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        coverage = app.screen
        assert isinstance(coverage, CoverageScreen)
        assert {a.id for a in coverage.articles} == {"quake-times", "quake-post"}
        await pilot.press("escape")
        assert isinstance(app.screen, StoriesScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_c_compares_the_two_articles_that_differ_most(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_stories(pilot)
        await pilot.press("c")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        pair = {compare.left_article.id, compare.right_article.id}
        # The wire copy repeats the Herald word for word: the courier differs most.
        assert "flood-courier" in pair and pair <= FLOOD


async def test_the_palette_has_a_stories_command(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"stories")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)


async def test_at_80_columns_every_column_is_in_view(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one(StoryTable)
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling
        assert any(row[0].endswith("…") for row in rows(screen)[1:])  # a long headline cut


async def test_a_headline_that_looks_like_markup_is_shown_as_it_is(tmp_path: Path) -> None:
    from stories_support import add

    folder = corpus(tmp_path / "news")
    add(folder, "odd.md", "Odd Times", "2023-02-01", "[b]Tax[/b] plan [/x] [@click=quit]", "")
    app = ReaderApp(Corpus.load([folder]), state_path=tmp_path / "state.db", config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stories(pilot)
        assert "[b]Tax[/b] plan [/x] [@click=quit]" in [row[0] for row in rows(screen)]


async def test_a_story_without_sources_or_dates_says_so_with_a_dash(tmp_path: Path) -> None:
    """Plain files name no outlet and no day: the row says "—" there (as the list's Date
    column does), not "0" sources or a bare hyphen."""
    folder = tmp_path / "plain"
    for number in (1, 2):
        write(
            folder,
            f"quake{number}.txt",
            f"Quake shakes Varnholt harbour\n\nA magnitude 6.1 quake shook Varnholt harbour on"
            f" Tuesday, damaging {number} piers and the old Varnholt lighthouse.\n",
        )
    app = ReaderApp(Corpus.load([folder]), state_path=tmp_path / "state.db", config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stories(pilot)
        story = rows(screen)[1]
        assert story[1:] == ["—", "2", "—"]


async def test_escape_in_a_story_clears_the_filter_first_then_shows_every_article(
    tmp_path: Path,
) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_stories(pilot)
        await pilot.press("enter")  # the flood story
        await pilot.pause()
        assert {a.id for a in app.library.visible_articles} == FLOOD
        assert "3 articles ·" in app.library.sub_title
        await pilot.press("/", "w", "i", "r", "e")
        await pilot.pause()
        await pilot.press("escape")  # the filter goes; still the story
        await pilot.pause()
        assert {a.id for a in app.library.visible_articles} == FLOOD
        await pilot.press("escape")  # out of the story
        await pilot.pause()
        assert len(app.library.visible_articles) == 6
        assert app.library.sub_title == "6 articles"
        await pilot.press("escape")  # nothing left to leave: the list stays
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and len(app.library.visible_articles) == 6
