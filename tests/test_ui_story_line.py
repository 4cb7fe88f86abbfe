"""Stories outside the stories screen: the reader's story line and its `t`, the compare
picker's same-story articles first, and the grouping done in the background."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from stories_support import corpus
from textual.widgets import OptionList, Static

from reader.config import Config
from reader.corpus import Corpus
from reader.ui import story_book
from reader.ui.app import ReaderApp
from reader.ui.screens.article import ArticleScreen, StoryLine
from reader.ui.screens.compare_picker import ComparePicker
from reader.ui.screens.library import LibraryScreen

FLOOD = {"flood-herald", "flood-courier", "flood-wire"}


def app_on(tmp_path: Path) -> ReaderApp:
    news = Corpus.load([corpus(tmp_path / "news")])
    return ReaderApp(news, state_path=tmp_path / "state.db", config=Config())


async def read(pilot: Any, article_id: str) -> ArticleScreen:
    """Open `article_id` from the list (cursor on it, Enter), once the stories are grouped."""
    app = pilot.app
    await app.workers.wait_for_complete()
    app.library.select(article_id)
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ArticleScreen) and screen.article.id == article_id
    return screen


def story_line(screen: ArticleScreen) -> str:
    line = screen.query_one(StoryLine)
    return str(line.render()) if line.display else ""


async def test_the_reader_says_which_other_sources_cover_the_story(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await read(pilot, "flood-herald")
        line = story_line(screen)
        assert line.startswith("2 other sources cover this story")
        assert "National Courier" in line and "Wire Service" in line
        assert "Valley Herald" not in line  # its own source is not an "other" one
        # Moving to a lone article hides the line.
        screen.show(app.article_by_id("gallery"))  # type: ignore[arg-type]
        await pilot.pause()
        assert story_line(screen) == ""


async def test_t_in_the_reader_lists_the_story_with_the_cursor_on_the_article(
    tmp_path: Path,
) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await read(pilot, "flood-courier")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert {a.id for a in app.library.visible_articles} == FLOOD
        assert app.library.current_article is not None
        assert app.library.current_article.id == "flood-courier"


async def test_the_line_names_the_key_the_keymap_gave(tmp_path: Path) -> None:
    news = Corpus.load([corpus(tmp_path / "news")])
    config = Config(keymap={"article.story": "ctrl+s"})
    app = ReaderApp(news, state_path=tmp_path / "state.db", config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await read(pilot, "flood-courier")
        line = story_line(screen)
        assert "t shows them" not in line
        key = app.get_key_display(
            next(
                active.binding
                for active in screen.active_bindings.values()
                if active.binding.id == "article.story"
            )
        )
        assert line.endswith(f"{key} shows them")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert {a.id for a in app.library.visible_articles} == FLOOD


async def test_t_on_a_story_of_one_article_says_so_and_stays(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await read(pilot, "gallery")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert any("No other article" in str(n.message) for n in app._notifications)


async def test_the_line_appears_when_the_stories_are_ready(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    compute = story_book._compute

    def slow_compute(*args: Any) -> Any:
        release.wait(10)
        return compute(*args)

    monkeypatch.setattr(story_book, "_compute", slow_compute)
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        # The grouping runs in the background: the article opens at once, saying nothing.
        app.library.select("quake-post")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert story_line(screen) == ""
        await pilot.press("t")
        await pilot.pause()
        assert any("still being grouped" in str(n.message) for n in app._notifications)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert story_line(screen).startswith("1 other source covers this story (Coast Times)")


async def test_the_compare_picker_lists_the_same_story_first(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await read(pilot, "quake-times")
        await pilot.press("c")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ComparePicker)
        options = picker.query_one(OptionList)
        first = str(options.get_option_at_index(0).prompt)
        assert first.startswith("same story · Porvana counts damage")
        assert "same story" not in str(options.get_option_at_index(1).prompt)
        count = str(picker.query_one("#picker-count", Static).render())
        assert "1 of the same story first" in count
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.right_article.id == "quake-post"  # type: ignore[attr-defined]


async def test_after_the_list_changes_the_last_grouping_still_answers(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        # As after an update of the feeds: a new list of articles, not grouped yet.
        app.corpus.articles = list(app.corpus.articles)
        assert not app.story_book.ready
        screen = await read(pilot, "quake-times")
        assert story_line(screen).startswith("1 other source covers this story (Morning Post)")
