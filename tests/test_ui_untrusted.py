"""Article text is shown as it is: markup in titles and bodies is never interpreted."""

from __future__ import annotations

from pathlib import Path

from ui_support import make_app, static_text, table_lines, view_lines

from reader.corpus import Article, Corpus

HOSTILE_TITLE = "[b]Bold?[/b] [@click=app.quit]click me[/] [/]"
HOSTILE_BODY = "Body with [red]markup[/red], [@click=app.quit]a link[/] and [/] a stray close."


def hostile_corpus() -> Corpus:
    article = Article(
        id="hostile",
        path=Path("hostile.txt"),
        title=HOSTILE_TITLE,
        body=HOSTILE_BODY,
        source="[i]Source[/i]",
        author="[b]Au[/]thor",
    )
    return Corpus([article], [])


async def test_markup_in_title_and_body_shows_literally(tmp_path: Path) -> None:
    app = make_app(tmp_path, hostile_corpus())
    async with app.run_test(size=(160, 30)) as pilot:
        row = table_lines(app)[1]
        assert HOSTILE_TITLE in row
        assert "[i]Source[/i]" in row and "[b]Au[/]thor" in row
        await pilot.press("enter")
        await pilot.pause()
        lines = view_lines(app)
        assert lines[0] == HOSTILE_TITLE
        assert lines[1].startswith("[i]Source[/i] · [b]Au[/]thor")
        assert HOSTILE_BODY in lines
        assert app.screen.sub_title == "[i]Source[/i]"
        # Clicking the text that looks like an action does nothing but click.
        await pilot.click("#article-view", offset=(40, 0))
        assert app.is_running


async def test_markup_in_the_filter_and_find_text_shows_literally(tmp_path: Path) -> None:
    app = make_app(tmp_path, hostile_corpus())
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("slash", *"[/]", "enter")
        assert "filter: [/]" in static_text(app, "#library-mode")
        await pilot.press("enter", "slash", *"[/]")
        assert "[/]: match 1 of" in static_text(app, "#article-position")
        assert app.is_running


async def test_palette_shows_hostile_titles_literally(tmp_path: Path) -> None:
    app = make_app(tmp_path, hostile_corpus())
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("ctrl+p", *"click me")
        await pilot.pause(0.3)
        from textual.command import CommandPalette

        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert app.screen.article.id == "hostile"
