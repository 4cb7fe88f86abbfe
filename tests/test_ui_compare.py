"""The compare screen driven by keys (Pilot): alignment, sync, swap, cycling, facts, picker."""

from __future__ import annotations

from pathlib import Path

import pytest
from compare_support import CompareApp, settle
from conftest import SEEDS
from textual.app import App
from textual.widgets import Input, OptionList, Static

from reader.corpus import Article, Corpus, sort_articles
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.compare_picker import ComparePicker
from reader.ui.screens.compare_start import start_compare
from reader.ui.widgets.compare_pane import ComparePane
from reader.ui.widgets.facts_panel import FactsPanel


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {article.id[:3]: article for article in Corpus.load([SEEDS]).articles}


def panes(app: App) -> tuple[ComparePane, ComparePane]:
    return app.screen.query_one("#left-pane", ComparePane), app.screen.query_one(
        "#right-pane", ComparePane
    )


def header_text(app: App, side: str) -> str:
    return str(app.screen.query_one(f"#{side}-header", Static).render())


def matched_blocks(left: ComparePane, right: ComparePane) -> list[tuple[int, int]]:
    """(left start line, right start line) of every matched pair."""
    starts = []
    for number, pair in enumerate(left.pairs):
        if pair.left is not None and pair.right is not None:
            starts.append(
                (left.layout_lines.blocks[number][0], right.layout_lines.blocks[number][0])
            )
    return starts


async def test_aligned_mode_keeps_matched_paragraphs_level(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        left, right = panes(app)
        assert isinstance(app.screen, CompareScreen)
        assert len(left.layout_lines.lines) == len(right.layout_lines.lines) > 0
        blocks = matched_blocks(left, right)
        assert blocks and all(a == b for a, b in blocks)
        # Unmatched paragraphs face blank filler lines on the other side.
        assert any(line.filler for line in left.layout_lines.lines)
        assert any(line.filler for line in right.layout_lines.lines)
        # The two bodies start on the same screen row (headers padded to equal height).
        assert left.region.y == right.region.y
        assert "aligned" in app.screen.sub_title


async def test_free_mode_shows_each_text_as_it_is(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        left, right = panes(app)
        assert "free" in app.screen.sub_title
        assert not any(line.filler for line in left.layout_lines.lines)
        assert not any(line.filler for line in right.layout_lines.lines)
        assert len(left.layout_lines.lines) != len(right.layout_lines.lines)
        text = " ".join(" ".join(right.plain_lines()).split())
        assert "Meta's Bold Move" in text and "Share your thoughts" in text
        await pilot.press("a")
        await pilot.pause()
        assert len(left.layout_lines.lines) == len(right.layout_lines.lines)


async def test_scrolling_one_pane_scrolls_the_other_until_sync_is_off(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        left, right = panes(app)
        assert app.screen.focused is left
        await pilot.press("pagedown")
        await pilot.pause()
        assert left.scroll_y > 0 and right.scroll_y == left.scroll_y
        await pilot.press("s")
        await pilot.pause()
        assert "not synced" in app.screen.sub_title
        before = right.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert left.scroll_y > before and right.scroll_y == before
        await pilot.press("s")  # sync again: the other pane catches up
        await pilot.pause()
        assert right.scroll_y == left.scroll_y


async def test_free_mode_sync_brings_the_matched_paragraph_level(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        left, right = panes(app)
        blocks = matched_blocks(left, right)
        # Pick a match that lies at different heights in the two texts.
        left_start, right_start = next(
            (a, b) for a, b in blocks if a != b and b <= right.max_scroll_y
        )
        left.scroll_to(y=left_start, animate=False)
        await pilot.pause()
        await pilot.pause()
        assert right.scroll_y == right_start


async def test_tab_moves_focus_between_panes(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        left, right = panes(app)
        assert app.screen.focused is left
        await pilot.press("tab")
        assert app.screen.focused is right
        await pilot.press("tab")
        assert app.screen.focused is left
        await pilot.press("t", "tab", "tab")  # with the facts shown, tab visits them too
        assert isinstance(app.screen.focused, FactsPanel)


async def test_x_swaps_the_sides(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        assert screen.left_article is seeds["003"] and screen.right_article is seeds["002"]
        assert header_text(app, "left").startswith("Meta Invests $14.3B")
        assert screen.comparison.left.article is seeds["003"]
        assert "Meta's Bold Move" in " ".join(panes(app)[0].plain_lines())


async def test_brackets_replace_the_right_article_with_its_neighbours_in_the_list(seeds) -> None:
    order = sort_articles(seeds.values())
    left, right = order[0], order[1]
    app = CompareApp(left, right, articles=order)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.screen.right_article is order[2]
        assert app.screen.comparison.right.article is order[2]
        assert header_text(app, "right").startswith(order[2].title[:20])
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        # The left article is skipped: before order[1] there is nothing else.
        assert app.screen.right_article is order[1]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.screen.right_article is order[1]  # at the start: stays, with a bell


async def test_facts_panel_lists_shared_and_one_sided_facts_and_disagreements(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        facts = app.screen.query_one(FactsPanel)
        assert not facts.display
        await pilot.press("t")
        await pilot.pause()
        assert facts.display and facts.region.width > 0
        text = str(facts.query_one("#facts-text", Static).render())
        assert "Disagreements (1)" in text and "$14.3 billion" in text
        assert "49% = 49 percent" in text
        both, only_left = text.index("In both"), text.index("Only in News Desk")
        assert both < text.index("Scale AI", both) < only_left
        # Each disagreement quotes its sentence on both sides, above the facts.
        assert text.index("“Meta to invest $14 billion in Scale AI") < both
        summary = str(app.screen.query_one("#compare-summary", Static).render())
        assert "Disagree on investment" in summary
        await pilot.press("t")
        await pilot.pause()
        assert not facts.display


async def test_bodies_style_shared_and_one_sided_facts_apart(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        left, _ = panes(app)
        styles = left.role_styles()
        assert len({styles[role] for role in ("figure-both", "figure-only", "disputed")}) == 3

        def style_of(snippet: str) -> object:
            for line in left.layout_lines.lines:
                position = line.text.plain.find(snippet)
                if position >= 0:
                    return line.text.get_style_at_offset(app.console, position)
            raise AssertionError(snippet)

        assert style_of("49%") == styles["figure-both"]
        assert style_of("$14 billion") == styles["disputed"]
        assert style_of("2016") == styles["figure-only"]


async def test_escape_goes_back(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_narrow_terminal_stacks_the_panes(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        left, right = panes(app)
        assert app.screen.has_class("-narrow")
        assert right.region.y > left.region.y + left.region.height - 1
        assert left.region.width == right.region.width >= 70
        # Every paragraph is wrapped to the pane: no line is wider than the text area.
        assert all(len(line) <= left.text_width for line in left.plain_lines())
        await pilot.press("t")  # the facts take the whole body while shown
        await pilot.pause()
        assert not left.display or left.region.height == 0
        assert app.screen.query_one(FactsPanel).region.width >= 70


async def test_resizing_rewraps_the_panes(seeds) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        left, _ = panes(app)
        wide = len(left.layout_lines.lines)
        await pilot.resize_terminal(110, 40)
        await pilot.pause()
        await pilot.pause()
        assert len(left.layout_lines.lines) > wide
        assert all(len(line) <= left.text_width for line in left.plain_lines())


async def test_markup_in_articles_is_shown_literally(tmp_path: Path) -> None:
    hostile = "[bold red]Not bold[/] and [@click=app.quit]click[/] $5 billion [/x]"
    left = Article(id="l", path=tmp_path / "l.txt", title="[b]Left[/b] title", body=hostile)
    right = Article(id="r", path=tmp_path / "r.txt", title="Right [/]", body=hostile + " more")
    app = CompareApp(left, right)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        left_pane, _ = panes(app)
        assert header_text(app, "left").startswith("[b]Left[/b] title")
        assert header_text(app, "right").startswith("Right [/]")
        assert "[@click=app.quit]click[/]" in " ".join(left_pane.plain_lines())
        await pilot.click("#left-pane", offset=(40, 0))
        await pilot.pause()
        assert app.is_running


async def test_an_article_without_text_says_so(seeds, tmp_path: Path) -> None:
    empty = Article(id="empty", path=tmp_path / "e.txt", title="Only a title", body="")
    app = CompareApp(empty, seeds["001"])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        left, right = panes(app)
        assert left.render_line(0).text.strip() == "(this article has no text)"
        assert all(line.filler or line.pair is None for line in left.layout_lines.lines)
        assert "Holy cow" in right.render_line(0).text


async def test_a_very_long_title_is_cut_visibly(seeds, tmp_path: Path) -> None:
    long_title = "A very long headline " * 30
    left = Article(id="long", path=tmp_path / "l.txt", title=long_title, body="Some text.")
    app = CompareApp(left, seeds["001"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = header_text(app, "left").splitlines()
        assert len(header) == 4 and header[2].endswith("…")  # 3 title lines and the byline
        left_pane, _ = panes(app)
        assert left_pane.region.height >= 5


class PickerApp(App):
    def __init__(self, articles: list[Article]) -> None:
        super().__init__()
        self.articles = articles
        self.picked: list[Article | None] = []

    def on_mount(self) -> None:
        self.push_screen(ComparePicker(self.articles, self.articles[0]), self.picked.append)


async def test_picker_filters_as_you_type_and_enter_picks(seeds) -> None:
    articles = sort_articles(seeds.values())
    app = PickerApp(articles)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count == 4  # every article but the current one
        await pilot.press(*"verge")
        await pilot.pause()
        assert options.option_count == 0  # the current article (003) is not offered
        app.screen.query_one(Input).value = ""
        await pilot.press(*"lackluster")
        await pilot.pause()
        assert options.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
    assert [a.id[:3] for a in app.picked if a] == ["002"]


async def test_picker_escape_cancels(seeds) -> None:
    app = PickerApp(sort_articles(seeds.values()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "escape")
        await pilot.pause()
    assert app.picked == [None]


class StartApp(App):
    """An app whose `c` does what the list and reader screens do."""

    def __init__(self, articles: list[Article], current, marked) -> None:
        super().__init__()
        self.articles, self.current, self.marked = articles, current, marked

    def key_c(self) -> None:
        start_compare(self, self.current, self.marked, self.articles)


async def test_c_with_two_marked_compares_them(seeds) -> None:
    articles = sort_articles(seeds.values())
    app = StartApp(articles, None, [seeds["004"], seeds["001"]])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.left_article, screen.right_article) == (seeds["004"], seeds["001"])


async def test_c_with_fewer_marked_picks_the_other_side(seeds) -> None:
    articles = sort_articles(seeds.values())
    app = StartApp(articles, seeds["002"], [])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ComparePicker)
        await pilot.press(*"verge", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.left_article, screen.right_article) == (seeds["002"], seeds["003"])
        assert screen.articles == articles
