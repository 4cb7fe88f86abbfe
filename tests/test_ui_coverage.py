"""The coverage view: v opens it on the list (or the marked articles), filters, Enter opens an
article at the mention, c compares, Esc goes back; narrow terminals scroll sideways."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO
from ui_support import notices, seeds_corpus, synthetic_corpus, table, view

from reader.config import Config
from reader.corpus import Corpus
from reader.ui.app import ReaderApp
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.coverage import CoverageScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.widgets.matrix_view import MORE_LEFT, MORE_RIGHT, CoverageMatrix

VERGE = "003_e5e937113eb6563c"


def real_app(tmp_path: Path, corpus: Corpus | None = None) -> ReaderApp:
    """The app with the real highlighter: coverage needs figure values and canonical names."""
    return ReaderApp(
        corpus if corpus is not None else seeds_corpus(),
        state_path=tmp_path / "state.db",
        config=Config(),
    )


async def open_coverage(pilot, *keys: str) -> CoverageScreen:  # noqa: ANN001
    await pilot.press(*keys, "v")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CoverageScreen)
    return screen


def matrix(screen: CoverageScreen) -> CoverageMatrix:
    return screen.query_one(CoverageMatrix)


def lines(screen: CoverageScreen) -> list[str]:
    widget = matrix(screen)
    return [widget.render_line(y).text for y in range(widget.size.height)]


def status(screen: CoverageScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())  # Statics and the CellNote alike


def go_to(screen: CoverageScreen, label: str, article_id: str) -> None:
    widget = matrix(screen)
    row = next(i for i, r in enumerate(widget.rows) if r.label == label)
    column = [a.id for a in screen.coverage.articles].index(article_id)
    widget.select(row, column)


async def test_v_opens_a_column_per_listed_article_and_escape_goes_back(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coverage(pilot)
        coverage = screen.coverage
        assert [a.id for a in coverage.articles] == [a.id for a in app.library.visible_articles]
        shown = lines(screen)
        assert shown[0].split()[:2] == ["fact", "src"]
        assert "1 The Verge" in shown[0]  # the list's first article, by its source
        assert any(line.split("│")[0].split() == ["Alexandr", "Wang", "5/5"] for line in shown)
        assert "2 disagreements" in status(screen, "#coverage-summary")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_the_palette_has_a_coverage_view_command(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"coverage view")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)


async def test_the_marked_articles_are_covered_when_two_are_marked(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coverage(pilot, "space", "j", "space")
        marked = list(app.library.marked_ids)
        assert [a.id for a in screen.coverage.articles] == marked
        assert screen.sub_title == "the 2 marked articles"


async def test_the_filtered_list_is_covered(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"valuation", "enter")
        filtered = [a.id for a in app.library.visible_articles]
        assert 0 < len(filtered) < 5
        screen = await open_coverage(pilot)
        assert [a.id for a in screen.coverage.articles] == filtered
        assert screen.sub_title == "the filtered list"


async def test_filter_keys(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coverage(pilot)
        every = len(screen.coverage.facts)

        def facts() -> list:
            return [row.fact for row in matrix(screen).rows if row.fact is not None]

        await pilot.press("f")
        assert facts() and {f.cls for f in facts()} == {"figure"}
        assert status(screen, "#coverage-filter").startswith("show: figures")
        await pilot.press("n")
        assert facts() and {f.cls for f in facts()} == {"name"}
        assert not any(row.kind == "disagreement" for row in matrix(screen).rows)
        await pilot.press("1")
        assert facts() and {f.sources for f in facts()} == {1}
        await pilot.press("d")
        kinds = [row.kind for row in matrix(screen).rows if row.kind != "summary"]
        assert kinds.count("disagreement") == 2 and all(f.disputed for f in facts())
        await pilot.press("a")
        assert len(facts()) == every
        assert status(screen, "#coverage-filter").startswith("show: all facts")


async def test_disagreements_come_first_and_stand_out(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coverage(pilot)
        rows = [row for row in matrix(screen).rows if row.kind != "summary"]
        assert rows[0].label == "Disagreements (2)"
        assert [r.kind for r in rows[1:3]] == ["disagreement", "disagreement"]
        assert rows[1].role == "disputed"
        # The cursor starts on the first disagreement, and the status says what it is.
        assert matrix(screen).current_row is rows[1]
        assert status(screen, "#coverage-cell").startswith("investment in The Verge")
        widget = matrix(screen)
        disputed = widget.get_component_rich_style("coverage-matrix--disputed")
        plain = widget.get_component_rich_style("coverage-matrix--count")
        assert disputed.bgcolor != plain.bgcolor or disputed.color != plain.color


async def test_enter_opens_the_article_at_the_mention_and_escape_comes_back(
    tmp_path: Path,
) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_coverage(pilot)
        # The Verge writes the 49% stake as "49 percent": that is what is marked.
        go_to(screen, "49%", VERGE)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ArticleScreen) and reader.article.id == VERGE
        start, end = view(app).pointed
        assert reader.document.text[start:end] == "49 percent"
        assert "mention: 49 percent" in status(reader, "#article-position")
        await pilot.press("escape")
        assert app.screen is screen
        assert matrix(screen).current_row.label == "49%"

        # A name first mentioned near the end: the reader scrolls down to it.
        go_to(screen, "Francis Bacon", "000_3a89d6bc8d82ff45")
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        article_view = view(app)
        start, end = article_view.pointed
        assert reader.document.text[start:end] == "Francis Bacon"
        line = article_view.line_of(start)
        top = round(article_view.scroll_y)
        assert top > 0 and top <= line < top + article_view.size.height


async def test_enter_on_a_disagreement_opens_that_articles_own_statement(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_coverage(pilot)
        news_desk = "002_be305ebc2eef9ae7"
        go_to(screen, "≠ valuation (money)", news_desk)
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ArticleScreen) and reader.article.id == news_desk
        start, end = view(app).pointed
        text = reader.document.text
        assert text[start:end] == "$14 billion"
        # Not the first $14 billion of the article (the investment) but the valuation's.
        assert start > text.index("$14 billion")
        assert "valuation" in text[start - 40 : start]


async def test_enter_on_an_empty_cell_says_so(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coverage(pilot)
        go_to(screen, "49%", "004_649e1e7e27fb301e")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert any("does not mention it" in message for message in notices(app))


async def test_c_compares_the_two_sources_that_disagree_most(tmp_path: Path) -> None:
    from reader.ui.screens.compare import CompareScreen

    app = real_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coverage(pilot)
        go_to(screen, "≠ valuation (money)", VERGE)
        await pilot.press("c")
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert {compare.left_article.id, compare.right_article.id} == {
            "002_be305ebc2eef9ae7",
            "004_649e1e7e27fb301e",
        }
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        assert app.screen is screen


async def test_narrow_terminal_scrolls_columns_and_says_how_many_are_hidden(
    tmp_path: Path,
) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coverage(pilot)
        widget = matrix(screen)
        header = lines(screen)[0]
        hidden = widget.hidden_right
        assert hidden > 0 and header.rstrip().endswith(f"{hidden}{MORE_RIGHT}")
        assert "columns 1-3/5 ←→" in status(screen, "#coverage-filter")
        for _ in range(len(widget.columns) - 1):
            await pilot.press("right")
        assert widget.column == len(widget.columns) - 1
        assert widget.column in widget.visible_columns()
        header = lines(screen)[0]
        assert MORE_LEFT in header and not header.rstrip().endswith(MORE_RIGHT)
        # Every line fits the screen: nothing is cut off silently.
        assert all(len(line) <= 80 for line in lines(screen))


async def test_a_huge_list_is_capped_with_a_visible_note(tmp_path: Path) -> None:
    app = real_app(tmp_path, synthetic_corpus(205, body_words=8))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coverage(pilot)
        assert len(screen.coverage.articles) == 200
        assert "covering the first 200 of 205 articles" in status(screen, "#coverage-summary")


async def test_untrusted_titles_are_not_markup(tmp_path: Path) -> None:
    corpus = seeds_corpus()
    corpus.articles[0].source = "[bold red]Evil[/] [@click=app.quit]x[/]"
    app = real_app(tmp_path, corpus)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_coverage(pilot)
        position = [a.id for a in screen.coverage.articles].index(corpus.articles[0].id)
        matrix(screen).select(matrix(screen).row, position)
        await pilot.pause()
        assert "[bold red]Evil[/]" in status(screen, "#coverage-cell")
        assert isinstance(app.screen, CoverageScreen)


def test_every_coverage_binding_has_an_id_a_tooltip_and_a_readme_entry() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for owner in (CoverageScreen, CoverageMatrix):
        for binding in owner.BINDINGS:
            assert binding.id and binding.tooltip, (owner.__name__, binding)
            assert f"`{binding.id}`" in readme, binding.id
    (coverage_binding,) = [b for b in LibraryScreen.BINDINGS if b.id == "list.coverage"]
    assert coverage_binding.key == "v"
    assert "`list.coverage`" in readme


async def test_list_cursor_is_kept_after_coverage(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")
        before = table(app).cursor
        await open_coverage(pilot)
        await pilot.press("escape")
        assert table(app).cursor == before


async def test_help_lists_the_coverage_keys(tmp_path: Path) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_coverage(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        for words in ("Coverage", "Figures", "Unique", "Compare", "Moving in the matrix"):
            assert words in text
        assert "single source" in text  # the tooltip says what a key does
