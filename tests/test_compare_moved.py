"""Paragraphs told in another order: matched out of order, pointed to under the paragraph in
both modes and in --print, listed in --json, and `g` shows the other side's paragraph."""

from __future__ import annotations

import json
from pathlib import Path

from compare_support import CompareApp, settle
from textual.app import App

from reader.analysis import compare_articles
from reader.corpus import Article
from reader.present import layout_sides
from reader.present.compare_printing import render_comparison
from reader.ui.widgets.compare_pane import ComparePane

STORY = [
    "The city council approved a plan on Monday to dredge the old harbour and rebuild its "
    "wooden piers before the summer season.",
    "Fishermen said the dredging would ruin the spring catch and vowed to protest at the port "
    "every morning until the council listens.",
    "The mayor said work would begin in March and cost about 12 million pounds, paid from the "
    "regional transport budget.",
    "Local shops near the quay expect more visitors once the new ferry terminal opens next "
    "year, the chamber of commerce said.",
]
FILLER = [
    "Rain is expected across the county on Thursday, with gales along the northern coast.",
    "The under-twelves football team won their cup final after extra time on Saturday.",
    "A new bakery has opened on Mill Lane, selling sourdough and cinnamon buns daily.",
    "Library opening hours change in August while volunteers repaint the reading room.",
    "The annual flower show drew record entries for roses, dahlias and sweet peas.",
    "Bus route seven will be diverted past the hospital during the roadworks on Elm Street.",
    "Pupils at the primary school raised money for a new climbing frame with a fun run.",
    "The choir rehearses on Tuesday evenings and welcomes singers of every age.",
    "A lost tortoise was returned to its owner after three weeks in a neighbour's garden.",
    "Tickets for the autumn theatre production go on sale at the box office next week.",
    "The swimming pool closes for maintenance while engineers replace the filters.",
]


def article(identifier: str, paragraphs: list[str]) -> Article:
    return Article(
        id=identifier,
        path=Path(f"{identifier}.txt"),
        title="Harbour",
        body="\n\n".join(paragraphs),
    )


def told_last() -> tuple[Article, Article]:
    """The mayor's cost is the left's third paragraph and the right's very first."""
    left = article("left", STORY + FILLER[:6])
    right = article("right", [STORY[2], STORY[0], STORY[1], STORY[3], *FILLER[6:]])
    return left, right


def test_a_paragraph_told_in_another_order_is_matched() -> None:
    left, right = told_last()
    comparison = compare_articles(left, right, spans=([], []))
    in_order = [(p.left, p.right) for p in comparison.pairs if None not in (p.left, p.right)]
    assert (0, 1) in in_order and (1, 2) in in_order and (3, 3) in in_order
    assert [(p.left, p.right) for p in comparison.moved] == [(2, 0)]
    moved = comparison.to_json()["moved"]
    assert moved == [{"left": 2, "right": 0, "score": 1.0}]


def test_different_paragraphs_are_not_matched_out_of_order() -> None:
    left = article("left", STORY[:2] + FILLER[:3])
    right = article("right", FILLER[6:9] + STORY[2:])
    assert compare_articles(left, right, spans=([], [])).moved == []


def test_both_panes_point_to_where_the_other_side_says_it() -> None:
    left, right = told_last()
    comparison = compare_articles(left, right, spans=([], []))
    for aligned in (True, False):
        left_pane, right_pane = layout_sides(comparison, 60, aligned=aligned, styles={})
        left_text = "\n".join(line.text.plain for line in left_pane.lines)
        right_text = "\n".join(line.text.plain for line in right_pane.lines)
        # The right's first paragraph is further down on the left, and the other way round.
        assert "↓ the other article says this further down: “The mayor said" in " ".join(
            right_text.split()
        )
        assert "↑ the other article says this further up: “The mayor said" in " ".join(
            left_text.split()
        )
    printed = " ".join(" ".join(line.plain for line in render_comparison(comparison, 140)).split())
    assert "the other article says this further down" in printed


def test_aligned_mode_still_never_leaves_a_pane_blank_for_a_screen() -> None:
    left, right = told_last()
    comparison = compare_articles(left, right, spans=([], []))
    left_pane, right_pane = layout_sides(comparison, 40, aligned=True, styles={})
    assert len(left_pane.lines) == len(right_pane.lines)
    for top in range(0, max(0, len(left_pane.lines) - 15)):
        for pane in (left_pane, right_pane):
            assert any(pane.lines[k].text.plain.strip() for k in range(top, top + 15)), top


async def test_g_shows_the_other_sides_paragraph() -> None:
    left, right = told_last()
    app: App = CompareApp(left, right)
    async with app.run_test(size=(100, 16)) as pilot:
        await settle(pilot)
        screen = app.screen
        left_pane = screen.query_one("#left-pane", ComparePane)
        right_pane = screen.query_one("#right-pane", ComparePane)
        right_pane.focus()
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        top = int(left_pane.scroll_y)
        rows = [line.text.plain for line in left_pane.layout_lines.lines[top : top + 3]]
        assert rows[0].startswith("The mayor said"), rows
        assert app.focused is left_pane
        # Further down, nothing on the left is told elsewhere: g says so instead of moving.
        await pilot.press("end")
        await pilot.pause()
        before = left_pane.scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert left_pane.scroll_y == before


def test_json_of_the_cli_lists_moved_matches(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from reader.cli.main import main

    left, right = told_last()
    for item in (left, right):
        (tmp_path / f"{item.id}.txt").write_text(f"{item.title}\n\n{item.body}\n", encoding="utf-8")
    code = main(["compare", "left", "right", str(tmp_path), "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["moved"], data["pairs"]
