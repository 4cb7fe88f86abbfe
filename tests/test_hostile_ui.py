"""The UI over the hostile corpus (Pilot, headless): every article opens and shows its text
literally; markup that looks like an action stays text; the app keeps running."""

from __future__ import annotations

from pathlib import Path

import pytest
from compare_support import settle
from hostile_corpus import MARKUP_TITLE, HostileCorpus
from textual.widgets import Static
from ui_support import make_app, notices, table, table_lines, view_lines

from reader.config import Config
from reader.corpus import Corpus
from reader.ui.app import ReaderApp
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.coverage import CoverageScreen
from reader.ui.screens.library import LibraryScreen


@pytest.fixture(scope="module")
def hostile_loaded(hostile: HostileCorpus) -> Corpus:
    return Corpus.load([hostile.root])


async def test_every_hostile_article_opens_and_the_app_keeps_running(
    tmp_path: Path, hostile_loaded: Corpus
) -> None:
    app = make_app(tmp_path, hostile_loaded)
    count = len(hostile_loaded.articles)
    async with app.run_test(size=(120, 40)) as pilot:
        # The first through the list (Enter, back), then the rest with `n` from the reader.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await pilot.pause()
        opened = []
        for number in range(count):
            if number:
                await pilot.press("n")
                await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen), number
            opened.append(screen.article.id)
            # The title is the first line drawn, as plain text whatever it holds.
            assert view_lines(app)[0] in screen.article.title
        assert sorted(opened) == sorted(a.id for a in hostile_loaded.articles)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert table(app).cursor == count - 1
        assert app.is_running
        await pilot.press("q")
    assert app.return_code == 0


async def test_action_markup_in_a_title_is_text_not_a_link(
    tmp_path: Path, hostile_loaded: Corpus
) -> None:
    app = make_app(tmp_path, hostile_loaded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("slash", *"click", "enter")
        await pilot.pause()
        rows = table_lines(app)[1:4]
        assert any(MARKUP_TITLE[:50] in row for row in rows)
        assert any("[/] [@click=app.quit]Quit title[/] [$accent]" in row for row in rows)
        # Click right on the text that would be a quit link if it were markup.
        for row_number, row in enumerate(rows, 1):
            column = row.find("[@click=app.quit]")
            await pilot.click(table(app), offset=(column + 3, row_number))
            await pilot.pause()
            assert app.is_running
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        for y, line in enumerate(view_lines(app)[:8]):
            if "[@click=app.quit]" in line:
                await pilot.click("#article-view", offset=(line.find("[@click") + 3, y))
                await pilot.pause()
        assert app.is_running


async def test_a_broken_config_is_a_notification_and_the_app_starts(
    tmp_path: Path, hostile_loaded: Corpus
) -> None:
    from reader.config import config_path, load_config

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: nord\nnever: [unclosed\ncolour: red\n")
    app = make_app(tmp_path, hostile_loaded, config=load_config())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        (message,) = [m for m in notices(app) if "config.yaml" in m]
        assert "line 3" in message and message.endswith("using defaults")
        assert app.is_running
    path.write_text("theme: textual-light\ncolour: red\n")
    app = make_app(tmp_path, hostile_loaded, config=load_config())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("unknown setting 'colour' ignored" in m for m in notices(app))
        assert app.theme == "textual-light"


async def test_load_problems_are_counted_in_a_notification(
    tmp_path: Path, hostile_loaded: Corpus
) -> None:
    app = make_app(tmp_path, hostile_loaded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Notes (an encoding fallback) are not alarms: only the problems are counted.
        count = sum(1 for p in hostile_loaded.problems if p.severity == "problem")
        assert count > 10 and count < len(hostile_loaded.problems)
        assert f"{count} files could not be read or had problems;" in "\n".join(notices(app))


async def test_coverage_and_compare_over_the_hostile_corpus(
    tmp_path: Path, hostile_loaded: Corpus
) -> None:
    """The other screens see every hostile article too (with the real highlighter)."""
    app = ReaderApp(hostile_loaded, state_path=tmp_path / "state.db", config=Config())
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, CoverageScreen)
        assert len(app.screen.coverage.articles) == len(hostile_loaded.articles)
        # Names learnt while the view was counting are counted again: let that finish too.
        await settle(pilot)
        assert not app.screen.learning_names
        await pilot.press("escape")
        await pilot.pause()
        # Compare two of the articles whose titles are markup.
        await pilot.press("slash", *"click", "enter", "space", "down", "space", "c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        headers = " ".join(
            str(app.screen.query_one(f"#{side}-header", Static).render())
            for side in ("left", "right")
        )
        assert "[@click=app.quit]" in headers
        assert app.is_running
        await pilot.press("q")
    assert app.return_code == 0
