"""The first part of a comparison is small whatever the pair: no matches, free mode, one
article short (Pilot and the layout alone).

Made-up articles on two unrelated subjects, so that nothing matches: laid out whole, such a
pair was one run of unmatched paragraphs, and all of it was laid out before the first paint.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from compare_support import CompareApp
from test_ui_compare_progressive import (  # noqa: F401 (held_rest: the fixture)
    assert_parts_make_whole,
    first_part_shown,
    held_rest,
    panes,
    rows,
)

from reader.analysis import Comparison, compare_articles
from reader.corpus import Article
from reader.present import PaneLayout, SideBySide, layout_sides

CROPS = ["barley", "wheat", "oats", "rye", "millet", "sorghum", "clover", "alfalfa"]
TOOLS = ["cranes", "clamps", "bolts", "cables", "girders", "rivets", "welders", "beams"]
FARM = (
    "Farmers in the quiet northern valley planted long rows of {} beside {} near the old "
    "stone mill, hoping the spring rain would hold off until the harvest was in."
)
HARBOUR = (
    "Engineers on the harbour bridge tested heavy {} and {} overnight while traffic waited, "
    "checking every joint before the tunnel crews arrived at dawn."
)


def made_up(key: str, sentence: str, words: list[str], paragraphs: int) -> Article:
    body = "\n\n".join(
        sentence.format(words[n % len(words)], words[(3 * n + 1) % len(words)])
        for n in range(paragraphs)
    )
    return Article(id=key * 8, path=Path(f"/made-up/{key}.txt"), title=key, body=body)


def compared(left_paragraphs: int, right_paragraphs: int) -> Comparison:
    left = made_up("farm", FARM, CROPS, left_paragraphs)
    right = made_up("harbour", HARBOUR, TOOLS, right_paragraphs)
    comparison = compare_articles(left, right, spans=([], []))
    assert not any(p.left is not None and p.right is not None for p in comparison.pairs)
    return comparison


@pytest.mark.parametrize("aligned", [True, False])
@pytest.mark.parametrize("sizes", [(40, 40), (1, 40), (40, 1)])
def test_a_pair_with_no_match_is_laid_out_a_little_first(aligned, sizes) -> None:
    comparison = compared(*sizes)
    whole = layout_sides(comparison, 50, aligned, {})
    layout = SideBySide(comparison, 50, aligned, {})
    first = layout.lay_out(10)
    built = [PaneLayout(list(p.lines), dict(p.blocks)) for p in (first.left, first.right)]
    longest = max(len(p.lines) for p in whole)
    # Each pane as much as asked (or all it has), and not much more: not all of it.
    for pane, expected in zip(built, whole, strict=True):
        assert min(10, len(expected.lines)) <= len(pane.lines) <= max(60, len(expected.lines) // 3)
    assert max(len(p.lines) for p in built) < longest and not first.done
    parts = list(layout.rest(7))
    assert parts and parts[-1].done
    if aligned:  # level part by part
        assert all(len(part.left.lines) == len(part.right.lines) for part in parts)
    assert_parts_make_whole(built, parts, whole)


@pytest.mark.parametrize("free", [False, True])
async def test_a_pair_with_no_match_shows_its_first_screens_before_the_rest(
    held_rest,  # noqa: F811 (the fixture, imported above)
    free,
) -> None:
    comparison = compared(40, 40)
    app = CompareApp(comparison.left.article, comparison.right.article)
    async with app.run_test(size=(140, 40)) as pilot:
        if free:
            held_rest.set()
            await first_part_shown(pilot, app)
            await app.workers.wait_for_complete()
            held_rest.clear()
            await pilot.press("a")
            await pilot.pause()
        await first_part_shown(pilot, app)
        screen = app.screen
        whole = layout_sides(screen.comparison, screen._layout_width, not free, {})
        for pane, expected in zip(panes(app), whole, strict=True):
            shown = rows(pane.layout_lines)
            assert 2 * pane.size.height <= len(shown) < len(expected.lines)
            assert [text for text, _, _ in shown] == [
                line.text.plain for line in expected.lines[: len(shown)]
            ]
        held_rest.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for pane, expected in zip(panes(app), whole, strict=True):
            assert [text for text, _, _ in rows(pane.layout_lines)] == [
                line.text.plain for line in expected.lines
            ]
