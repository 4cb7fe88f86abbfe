"""Getting to the compare screen in the real app: marks and `c`, the picker, the palette."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from ui_support import make_app

from reader.config import Config
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.compare_picker import ComparePicker
from reader.ui.screens.compare_start import opening_compare
from reader.ui.screens.library import LibraryScreen


async def test_c_compares_the_two_marked_articles(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        visible = list(app.library.visible_articles)
        await pilot.press("space", "j", "j", "space", "c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.left_article, screen.right_article) == (visible[0], visible[2])
        assert screen.articles == visible  # [ and ] follow the list's order
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.right_article is visible[3]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_c_with_one_mark_opens_the_picker_on_the_marked_article(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        visible = list(app.library.visible_articles)
        await pilot.press("j", "space", "k", "c")  # mark the 2nd, cursor back on the 1st
        await pilot.pause()
        assert isinstance(app.screen, ComparePicker)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.left_article, screen.right_article) == (visible[0], visible[1])


async def test_c_in_the_reader_picks_the_other_side(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        reading = app.screen.article
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ComparePicker)
        await pilot.press(*"gamble", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.left_article is reading and "Gamble" in screen.right_article.title
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)


async def test_palette_has_compare(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"compare")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComparePicker)


async def test_reader_compare_opens_the_compare_screen_over_the_list(tmp_path: Path) -> None:
    plain = make_app(tmp_path)
    left, right = plain.corpus.articles[1], plain.corpus.articles[3]
    app = opening_compare(type(plain), left, right)(
        plain.corpus, state_path=tmp_path / "state.db", highlighter=plain._highlighter
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.left_article, screen.right_article) == (left, right)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_compare_keys_can_be_remapped(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=Config(keymap={"compare.swap": "w", "list.compare": "C"}))
    async with app.run_test(size=(120, 40)) as pilot:
        visible = list(app.library.visible_articles)
        await pilot.press("space", "j", "space", "C")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await pilot.press("w")
        await pilot.pause()
        assert (screen.left_article, screen.right_article) == (visible[1], visible[0])
