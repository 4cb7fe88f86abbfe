"""The compare panes are laid out a few screens first, the rest by a worker (Pilot).

The worker is held back here until the test lets it go, so that what the screen shows
before the rest is laid out can be checked: the first screens complete and right, then
every paragraph once the rest came, and End taking the user to the real end.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from compare_support import CompareApp
from conftest import SEEDS

from reader.corpus import Article, Corpus
from reader.present import LaidOut, PaneLayout, SideBySide, layout_sides
from reader.ui.screens.compare import CompareScreen
from reader.ui.widgets.compare_pane import ComparePane


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {article.id[:3]: article for article in Corpus.load([SEEDS]).articles}


@pytest.fixture
def held_rest(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The layout worker waits for this event before laying out the rest."""
    go = threading.Event()
    rest = SideBySide.rest

    def held(self: SideBySide, lines_each: int) -> Iterator[LaidOut]:
        assert go.wait(10), "the test never let the worker go"
        yield from rest(self, lines_each)

    monkeypatch.setattr(SideBySide, "rest", held)
    return go


def panes(app: CompareApp) -> tuple[ComparePane, ComparePane]:
    screen = app.screen
    return screen.query_one("#left-pane", ComparePane), screen.query_one("#right-pane", ComparePane)


def rows(layout: PaneLayout) -> list[tuple[str, int | None, bool]]:
    return [(line.text.plain, line.pair, line.filler) for line in layout.lines]


def whole_layout(app: CompareApp) -> tuple[PaneLayout, PaneLayout]:
    """Both panes as the screen's comparison lays out at its width, all at once."""
    screen = app.screen
    assert isinstance(screen, CompareScreen) and screen.comparison is not None
    left, _ = panes(app)
    return layout_sides(screen.comparison, screen._layout_width, True, left.role_styles())


def assert_parts_make_whole(
    built: list[PaneLayout], parts: list[LaidOut], whole: tuple[PaneLayout, PaneLayout]
) -> None:
    """The first part (`built`) and the rest's `parts` put together: the whole layout."""
    for part in parts:
        for pane, new in zip(built, (part.left, part.right), strict=True):
            pane.lines += new.lines
            pane.blocks.update(new.blocks)
    assert [rows(p) for p in built] == [rows(p) for p in whole]
    assert [p.blocks for p in built] == [p.blocks for p in whole]


async def first_part_shown(pilot, app: CompareApp) -> None:
    for _ in range(200):
        await pilot.pause(0.01)
        if isinstance(app.screen, CompareScreen) and all(
            pane.layout_lines.lines for pane in panes(app)
        ):
            return
    raise AssertionError("the comparison was never shown")


@pytest.mark.parametrize("size", [(140, 40), (80, 24)])
async def test_first_screens_are_shown_whole_before_the_rest_is_laid_out(
    seeds, held_rest, size
) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=size) as pilot:
        await first_part_shown(pilot, app)
        whole = whole_layout(app)
        for pane, expected in zip(panes(app), whole, strict=True):
            shown = rows(pane.layout_lines)
            height = pane.size.height
            # The rest is not there yet, but the first screens are, as the whole layout has them.
            assert 2 * height <= len(shown) < len(expected.lines)
            assert shown == rows(expected)[: len(shown)]
            # What the pane paints on its first screen: those lines, none blank that should not be.
            for y in range(height):
                assert expected.lines[y].text.plain.strip() in pane.render_line(y).text
            assert expected.lines[0].text.plain.strip()
        # Aligned: the panes stay level, part by part.
        left, right = panes(app)
        assert len(left.layout_lines.lines) == len(right.layout_lines.lines)
        held_rest.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for pane, expected in zip(panes(app), whole, strict=True):
            assert rows(pane.layout_lines) == rows(expected)
            assert pane.layout_lines.blocks == expected.blocks
            assert pane.virtual_size.height == len(expected.lines)


async def test_scrolling_to_the_end_shows_every_paragraph(seeds, held_rest) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(140, 40)) as pilot:
        await first_part_shown(pilot, app)
        left, right = panes(app)
        left.focus()
        await pilot.press("end")  # before the rest is laid out: the end comes when it does
        held_rest.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        assert left.scroll_y == left.max_scroll_y > 0
        last = [left.render_line(y).text.strip() for y in range(left.size.height)]
        expected = [line.text.plain.strip() for line in left.layout_lines.lines[-len(last) :]]
        assert last == expected and any(last)
        # Every paragraph of both articles is in its pane.
        for pane, side in ((left, screen.comparison.left), (right, screen.comparison.right)):
            text = " ".join(" ".join(pane.plain_lines()).split())
            for paragraph in side.paragraphs:
                words = side.article.body[paragraph.start : paragraph.end].split()
                assert words[-1].strip("*_") in text


async def test_free_mode_and_a_resize_lay_out_again_in_parts(seeds, held_rest) -> None:
    held_rest.set()
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(140, 40)) as pilot:
        await first_part_shown(pilot, app)
        await app.workers.wait_for_complete()
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        left, right = panes(app)
        free = layout_sides(screen.comparison, screen._layout_width, False, left.role_styles())
        assert [rows(p.layout_lines) for p in (left, right)] == [rows(p) for p in free]
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        free = layout_sides(screen.comparison, screen._layout_width, False, left.role_styles())
        assert [rows(p.layout_lines) for p in (left, right)] == [rows(p) for p in free]


@pytest.mark.parametrize("aligned", [True, False])
def test_parts_put_together_are_the_whole_layout(seeds, aligned) -> None:
    from compare_support import fixed_highlighter

    from reader.analysis import compare_articles

    left, right = seeds["002"], seeds["003"]
    spans = (fixed_highlighter(left.body), fixed_highlighter(right.body))
    comparison = compare_articles(left, right, spans=spans)
    whole = layout_sides(comparison, 50, aligned, {})
    layout = SideBySide(comparison, 50, aligned, {})
    first = layout.lay_out(10)
    built = [PaneLayout(list(p.lines), dict(p.blocks)) for p in (first.left, first.right)]
    assert not first.done and min(len(p.lines) for p in built) >= 10
    parts = list(layout.rest(7))
    assert len(parts) > 2 and parts[-1].done and not any(p.done for p in parts[:-1])
    assert_parts_make_whole(built, parts, whole)


async def test_leaving_or_swapping_at_once_leaves_nothing_behind(
    seeds, held_rest, monkeypatch
) -> None:
    applied: list[bool] = []  # for each part shown: whether the screen was still up
    show_part = CompareScreen._show_part

    def recorded(self: CompareScreen, part: LaidOut, first: bool = False) -> None:
        applied.append(self.app.screen is self)
        show_part(self, part, first)

    monkeypatch.setattr(CompareScreen, "_show_part", recorded)
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(140, 40)) as pilot:
        await first_part_shown(pilot, app)
        held_rest.set()
        await pilot.press("x", "x", "x")  # three layouts replaced before their rest came
        await app.workers.wait_for_complete()
        await pilot.pause()
        whole = whole_layout(app)
        assert [rows(p.layout_lines) for p in panes(app)] == [rows(p) for p in whole]
        held_rest.clear()
        screen = app.screen
        old = screen.comparison
        await pilot.press("x")  # and left before the rest of this one came
        for _ in range(300):
            await pilot.pause(0.01)
            if screen.comparison is not old:
                break
        assert screen.comparison is not old and screen._laying_out
        await pilot.pause()
        assert [w for w in app.workers if w.group == "compare-layout" and not w.is_finished]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)
        # The worker laying out the rest was stopped with the screen.
        layouts = [w for w in app.workers if w.group == "compare-layout"]
        assert all(w.is_cancelled or w.is_finished for w in layouts)
        shown = len(applied)
        held_rest.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause(0.1)
        assert len(applied) == shown and all(applied)  # no part shown after leaving


async def test_g_before_the_rest_is_laid_out_goes_there_once_it_is(seeds, held_rest) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(140, 40)) as pilot:
        await first_part_shown(pilot, app)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        left, right = panes(app)
        side = "left" if screen.comparison.moved_from("left") else "right"
        here, there = (left, right) if side == "left" else (right, left)
        assert screen.comparison.moved_from(side), "the seeds have a paragraph told elsewhere"
        here.focus()
        await pilot.press("g")
        await pilot.pause()
        assert app.screen.focused is here  # waits: what it points to may not be laid out yet
        held_rest.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert app.screen.focused is there


@pytest.mark.parametrize("key", ["right_square_bracket", "x"])
async def test_g_waiting_for_the_rest_is_dropped_when_another_pair_is_shown(
    seeds, held_rest, key
) -> None:
    app = CompareApp(seeds["002"], seeds["003"], articles=list(seeds.values()))
    async with app.run_test(size=(140, 40)) as pilot:
        await first_part_shown(pilot, app)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        left, right = panes(app)
        here = left if screen.comparison.moved_from("left") else right
        here.focus()
        await pilot.press("g")  # waits for the rest of this pair
        await pilot.pause()
        old = screen.comparison
        await pilot.press(key)
        for _ in range(300):
            await pilot.pause(0.01)
            if screen.comparison is not old:
                break
        assert screen.comparison is not old
        held_rest.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        # The new pair is shown from its top, the focus where it was: g was for the old pair.
        assert screen.focused is here
        assert left.scroll_y == right.scroll_y == 0


@pytest.mark.parametrize("relayout", ["resize", "a", "t"])
async def test_end_before_the_rest_survives_a_relayout(seeds, held_rest, relayout) -> None:
    app = CompareApp(seeds["002"], seeds["003"])
    async with app.run_test(size=(140, 40)) as pilot:
        await first_part_shown(pilot, app)
        left, _ = panes(app)
        left.focus()
        await pilot.press("end")
        if relayout == "resize":
            await pilot.resize_terminal(130, 40)
        else:
            await pilot.press(relayout)
        await pilot.pause()
        await pilot.pause()
        held_rest.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause(0.1)
        assert left.scroll_y == left.max_scroll_y > 0
        last = left.layout_lines.lines[-1].text.plain.strip()
        assert last in left.render_line(left.size.height - 1).text
