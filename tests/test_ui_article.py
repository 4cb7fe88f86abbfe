"""The reader screen: header, highlights, scrolling, list navigation, figures, find, state."""

from __future__ import annotations

from pathlib import Path

from ui_support import fake_highlighter, make_app, notices, static_text, table, view, view_lines

from reader.ui.screens.article import ArticleScreen, Legend
from reader.ui.widgets.article_view import ArticleView

HIGHLIGHTS = fake_highlighter({"$14": "figure", "49%": "figure", "Wang": "name"})


async def open_first(pilot, keys: tuple[str, ...] = ()) -> None:  # noqa: ANN001
    await pilot.press(*keys, "enter")
    await pilot.pause()


async def test_header_shows_title_source_date_time_and_url(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        lines = view_lines(app)
        assert lines[0] == "Meta Invests $14.3B in AI: Acquires Stake in Scale AI"
        assert lines[1] == "The Verge · 13 June 2025 · 3 min read"
        assert lines[2].startswith("https://www.theverge.com/")
        assert set(lines[3]) == {"─"}


async def test_body_is_wrapped_to_a_centred_measure(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_first(pilot)
        widget = view(app)
        raw = [widget.render_line(y).text for y in range(widget.size.height)]
        text_lines = [line for line in raw if line.strip()]
        assert (
            max(len(line.rstrip()) - (len(line) - len(line.lstrip())) for line in text_lines) <= 80
        )
        left = min(len(line) - len(line.lstrip()) for line in text_lines)
        assert left >= (widget.size.width - 80) // 2


async def test_markdown_structure_is_shown_without_markers(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 60)) as pilot:
        await open_first(pilot, ("G",))  # the undated markdown article with lists and bold
        lines = view_lines(app)
        joined = "\n".join(lines)
        assert "Introduction" in lines
        assert "##" not in joined and "**" not in joined
        assert any(line.startswith("• Data labeling for autonomous vehicles") for line in lines)
        assert any(line.startswith("1. Superior Training Data") for line in lines)


async def test_opening_marks_read(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        first = table(app).current_article
        assert not app.store.is_read(first.id)
        await open_first(pilot)
        assert app.store.is_read(first.id)
        await pilot.press("h")
        assert app.screen is app.library
        assert static_text(app, "#library-counts") == "5 of 5 shown · 4 unread"


async def test_scroll_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, ("j", "j"))  # the long 7-minute article
        widget = view(app)
        await pilot.press("j", "j", "down")
        assert widget.scroll_y == 3
        await pilot.press("k", "up")
        assert widget.scroll_y == 1
        await pilot.press("space")
        page = widget.scroll_y
        assert page > 10
        await pilot.press("pagedown")
        assert widget.scroll_y > page
        await pilot.press("b", "pageup")
        assert widget.scroll_y < page
        await pilot.press("G")
        assert widget.scroll_y == widget.max_scroll_y > 0
        await pilot.press("g")
        assert widget.scroll_y == 0
        await pilot.press("end", "home")
        assert widget.scroll_y == 0


async def test_n_and_p_follow_the_list_order(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    order = None
    async with app.run_test(size=(100, 30)) as pilot:
        order = [a.id for a in app.library.visible_articles]
        await open_first(pilot)
        await pilot.press("n")
        assert app.screen.article.id == order[1]
        await pilot.press("n", "n")
        assert app.screen.article.id == order[3]
        await pilot.press("p")
        assert app.screen.article.id == order[2]
        assert all(app.store.is_read(i) for i in order[:4])
        await pilot.press("h")
        assert table(app).current_article.id == order[2]  # back on the row we left
        await pilot.press("G", "enter", "n")
        await pilot.pause()
        assert app.screen.article.id == order[4]
        assert any("No article after" in message for message in notices(app))


async def test_n_follows_a_filtered_list(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"meta invests", "enter")
        shown = [a.id for a in app.library.visible_articles]
        await open_first(pilot)
        await pilot.press("n")
        assert app.screen.article.id == shown[min(1, len(shown) - 1)]


async def test_capital_n_goes_to_the_next_unread(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        order = [a.id for a in app.library.visible_articles]
        app.store.set_read(order[1])
        app.store.set_read(order[2])
        await open_first(pilot)
        await pilot.press("N")
        assert app.screen.article.id == order[3]


async def test_f_and_shift_f_jump_between_figures(tmp_path: Path) -> None:
    app = make_app(tmp_path, highlighter=HIGHLIGHTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, ("j", "j"))  # long article with several "$14"
        widget = view(app)
        assert widget.figure_count >= 3
        await pilot.press("f")
        first = widget.current_figure
        assert first == 0
        assert "figure 1/" in static_text(app, "#article-position")
        await pilot.press("f", "f")
        assert widget.current_figure == 2
        start, _ = widget._figures[2]
        assert widget.line_of(start) - widget.scroll_y < widget.size.height  # on screen
        await pilot.press("F")
        assert widget.current_figure == 1
        await pilot.press("G")
        for _ in range(widget.figure_count + 1):
            await pilot.press("f")
        assert widget.current_figure == widget.figure_count - 1
        assert "no next figure" in static_text(app, "#article-position")


async def test_highlights_use_distinct_styles_and_a_legend(tmp_path: Path) -> None:
    app = make_app(tmp_path, highlighter=HIGHLIGHTS)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first(pilot)
        widget = view(app)
        legend = app.screen.query_one(Legend)
        names = sum(1 for span in widget.highlights if span.cls == "name")
        assert widget.figure_count >= 2 and names >= 2
        assert str(legend.render()) == f" figure  {widget.figure_count}   name  {names}"
        figure = widget.get_component_rich_style("article-view--figure", partial=True)
        name = widget.get_component_rich_style("article-view--name", partial=True)
        assert figure.color != name.color and figure.bgcolor != name.bgcolor
        # The legend draws each kind in the style the text uses.
        legend_figure = legend.get_component_rich_style("legend--figure", partial=True)
        assert (legend_figure.color, legend_figure.bgcolor) == (figure.color, figure.bgcolor)
        # The styles reach the rendered line mentioning "$14" and "Wang".
        styled = {}
        for y in range(widget.size.height):
            for segment in widget.render_line(y):
                if segment.text in ("$14", "Wang"):
                    styled[segment.text] = segment.style
        assert styled["$14"].bgcolor == figure.bgcolor
        assert styled["Wang"].bgcolor == name.bgcolor


async def test_find_counts_matches_and_n_p_move_between_them(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, ("j", "j"))
        widget = view(app)
        await pilot.press("slash", *"zuckerberg")
        count = len(widget.matches)
        assert count >= 3
        assert f"match 1 of {count}" in static_text(app, "#article-position")
        await pilot.press("enter", "n")
        assert widget.current_match == 1
        assert f"match 2 of {count}" in static_text(app, "#article-position")
        article = app.screen.article
        await pilot.press("p", "p")
        assert widget.current_match == count - 1  # wraps around
        assert app.screen.article is article  # n/p moved between matches, not articles
        await pilot.press("escape")
        assert widget.matches == []
        assert isinstance(app.screen, ArticleScreen)  # Esc ended find, did not leave
        await pilot.press("n")
        assert app.screen.article is not article  # n is back to next article


async def test_find_with_no_match_says_so(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await pilot.press("slash", *"qwxz")
        assert "no match for qwxz" in static_text(app, "#article-position")


async def test_u_and_star_in_the_reader(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first(pilot)
        article = app.screen.article
        await pilot.press("u")
        assert not app.store.is_read(article.id)
        assert "unread" in static_text(app, "#article-position")
        await pilot.press("asterisk")
        assert app.store.is_starred(article.id)
        assert "★" in static_text(app, "#article-position")
        await pilot.press("escape")
        assert app.screen is app.library
        assert "★" in table_lines_first(app)


def table_lines_first(app) -> str:  # noqa: ANN001
    return table(app).render_line(1).text


async def test_scroll_position_is_restored_when_reopening(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, ("j", "j"))
        await pilot.press("space", "space")
        offset = view(app).top_offset
        assert offset > 0
        await pilot.press("h", "enter")
        await pilot.pause()
        assert view(app).top_offset == offset
        await pilot.press("q")
    again = make_app(tmp_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # the cursor is back on the last opened article
        await pilot.pause()
        widget = again.screen.query_one(ArticleView)
        # A different width wraps differently; the same text is still at the top.
        assert abs(widget.top_offset - offset) < 100
        assert widget.scroll_y > 0


async def test_help_on_the_reader_lists_reader_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first(pilot)
        await pilot.press("question_mark")
        text = static_text(app, "#help-text")
        for expected in ("Next unread", "Figure", "Find", "Back", "Page down"):
            assert expected in text
        await pilot.press("question_mark")
        assert isinstance(app.screen, ArticleScreen)


async def test_reopening_draws_as_a_first_opening_after_theme_and_size_change(
    tmp_path: Path,
) -> None:
    """The reader screen is kept between openings (Enter is cheaper so): an article opened
    again after the theme and the terminal size changed in the list is drawn exactly as in an
    app that opens it for the first time, its find box closed and its keys working."""
    from reader.ui.app import LIGHT_THEME

    def drawn(app) -> list[list[tuple[str, object]]]:  # noqa: ANN001
        return [
            [(segment.text, segment.style) for segment in strip]
            for strip in app.screen._compositor.render_strips()
        ]

    kept = make_app(tmp_path / "kept")
    async with kept.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        first = kept.screen
        await pilot.press("slash", *"stake", "h")  # leave with a find going
        await pilot.pause()
        await pilot.press("escape", "escape", "j")
        await pilot.pause()
        kept.theme = LIGHT_THEME
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert kept.screen is first and isinstance(first, ArticleScreen)
        assert not first.finding
        again = drawn(kept)
        await pilot.press("j")  # the view has the focus: j scrolls
        await pilot.pause()
        assert first.view.scroll_y == 1
    fresh = make_app(tmp_path / "fresh")
    async with fresh.run_test(size=(80, 24)) as pilot:
        fresh.theme = LIGHT_THEME
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        await pilot.pause()
        assert drawn(fresh) == again
