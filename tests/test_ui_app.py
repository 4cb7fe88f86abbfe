"""App-wide behaviour: themes, keymap, command palette, state problems, CSS from the package."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from ui_support import make_app, notices, static_text, table

from reader.config import Config
from reader.ui.app import DEFAULT_THEME, LIGHT_THEME, ReaderApp
from reader.ui.screens.article import ArticleScreen


async def test_dark_theme_by_default(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)):
        assert app.theme == DEFAULT_THEME == "textual-dark"


async def test_config_theme_is_the_default_and_the_choice_persists(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=Config(theme=LIGHT_THEME))
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == LIGHT_THEME
        app.theme = "nord"
        await pilot.pause()
    again = make_app(tmp_path, config=Config(theme=LIGHT_THEME))
    async with again.run_test(size=(100, 30)):
        assert again.theme == "nord"  # the saved choice beats the config default


async def test_unknown_config_theme_is_reported(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=Config(theme="no-such-theme"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        assert any("no-such-theme" in message for message in notices(app))


async def test_keymap_from_config_remaps_bindings(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=Config(keymap={"list.star": "s", "list.down": "ctrl+n"}))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+n")
        assert table(app).cursor == 1
        await pilot.press("s")
        assert app.store.is_starred(table(app).current_article.id)
        await pilot.press("question_mark")
        assert "s " in static_text(app, "#help-text").split("Star")[0].splitlines()[-1]


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    from reader.ui.screens.article import ArticleScreen
    from reader.ui.screens.compare import CompareScreen
    from reader.ui.screens.compare_picker import ComparePicker
    from reader.ui.screens.help import HelpScreen
    from reader.ui.screens.library import LibraryScreen
    from reader.ui.widgets.article_table import ArticleTable
    from reader.ui.widgets.article_view import ArticleView

    owners = (ReaderApp, LibraryScreen, ArticleScreen, HelpScreen, ArticleTable, ArticleView)
    for owner in (*owners, CompareScreen, ComparePicker):
        for binding in owner.BINDINGS:
            assert binding.id and binding.tooltip, (owner.__name__, binding)


async def test_palette_opens_an_article_by_title(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"gamble")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert "Gamble" in app.screen.article.title


async def run_palette_command(pilot, text: str) -> None:  # noqa: ANN001
    await pilot.press("ctrl+p", *text)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_changes_sort_and_theme(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_palette_command(pilot, "sort by title")
        assert static_text(app, "#library-mode") == "sort: title"
        await run_palette_command(pilot, "light or dark")
        assert app.theme == LIGHT_THEME
        assert app.store.theme == LIGHT_THEME


async def test_a_corrupt_state_file_is_moved_aside_and_the_app_starts(tmp_path: Path) -> None:
    (tmp_path / "state.db").write_bytes(b"garbage" * 500)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("moved aside" in message for message in notices(app))
        assert len(app.library.visible_articles) == 5
    assert list(tmp_path.glob("state.db.corrupt-*"))


def test_css_comes_from_the_styles_folder() -> None:
    from reader.config import styles_dir

    for path in ReaderApp.CSS_PATH:
        assert Path(path).parent == styles_dir()
        assert Path(path).is_file()


def test_readme_lists_every_binding_id() -> None:
    from conftest import REPO

    from reader.ui.app import all_bindings

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    bindings = all_bindings()
    assert {binding.id.split(".")[0] for binding in bindings} >= {"list", "problems", "help"}
    for binding in bindings:
        assert f"`{binding.id}`" in readme, binding.id
