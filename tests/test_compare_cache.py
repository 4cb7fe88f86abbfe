"""Compare keeps each article's analysis by content: a second comparison says what a fresh one
says, and an edited article or a rebuilt name index is analysed anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis import compare_articles, diff_facts, name_index_for
from reader.analysis.compare_side import SIDES, SideCache, analyse_side
from reader.corpus import Article

LEFT = (
    "Acme Corp agreed to pay $14 billion for a 49% stake in Widget Labs, Jane Doe said.\n\n"
    "The deal, announced on Monday, values Widget Labs at $29 billion.\n\n"
    "Widget Labs was founded in 2016 and employs 900 people."
)
RIGHT = (
    "Widget Labs employs about 900 people and was founded in 2016.\n\n"
    "Acme Corp will pay $14.3 billion for 49% of Widget Labs, according to Jane Doe.\n\n"
    "Analysts said the price was high."
)


def article(identifier: str, body: str) -> Article:
    return Article(id=identifier, path=Path(f"{identifier}.txt"), title=identifier, body=body)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    SIDES.clear()


def test_a_second_comparison_says_what_a_fresh_one_says() -> None:
    left, right = article("a", LEFT), article("b", RIGHT)
    names = name_index_for([left, right])
    first = compare_articles(left, right, names).to_json()
    assert len(SIDES) == 2
    again = compare_articles(left, right, names).to_json()
    SIDES.clear()
    fresh = compare_articles(left, right, names).to_json()
    assert again == fresh == first
    assert first["disagreements"], "the two sums of the deal disagree"


def test_the_same_text_under_another_name_is_shown_under_its_own() -> None:
    left, right = article("a", LEFT), article("b", RIGHT)
    names = name_index_for([left, right])
    compare_articles(left, right, names)
    copy = article("copy-of-a", LEFT)
    comparison = compare_articles(copy, right, names)
    assert comparison.left.article is copy
    assert comparison.to_json()["left"]["id"] == "copy-of-a"


def test_an_edited_article_is_read_again() -> None:
    left, right = article("a", LEFT), article("b", RIGHT)
    names = name_index_for([left, right])
    before = compare_articles(left, right, names)
    assert before.disagreements
    edited = article("a", LEFT.replace("$14 billion", "$14.3 billion"))
    after = compare_articles(edited, right, names)
    assert not after.disagreements
    assert any("$14.3 billion" in fact.left_texts for fact in after.facts.both)


def test_a_new_name_index_finds_names_anew() -> None:
    left, right = article("a", LEFT), article("b", RIGHT)
    compare_articles(left, right, name_index_for([left, right]))
    compare_articles(left, right, name_index_for([left, right]))
    assert len(SIDES) == 4  # the first index's entries are not reused for the second


def test_the_facts_listing_matches_a_diff_of_the_two_bodies() -> None:
    left, right = article("a", LEFT), article("b", RIGHT)
    comparison = compare_articles(left, right)
    expected = diff_facts(left.body, comparison.left.spans, right.body, comparison.right.spans)
    disputed = comparison.disputed("left") | comparison.disputed("right")
    assert comparison.facts.to_json() == expected.without(disputed).to_json()


def test_the_cache_keeps_only_the_most_recent_articles() -> None:
    cache = SideCache(size=2)
    names = object()
    for body in ("one $1 billion", "two $2 billion", "three $3 billion"):
        cache.put(body, body, names, analyse_side(body, body, []))
    assert cache.get("one $1 billion", "one $1 billion", names) is None
    assert cache.get("three $3 billion", "three $3 billion", names) is not None
    assert cache.get("three $3 billion", "three $3 billion", object()) is None


async def test_the_left_article_is_analysed_while_the_picker_is_open() -> None:
    from textual.app import App

    from reader.ui.screens.compare_picker import ComparePicker
    from reader.ui.screens.compare_start import start_compare

    left, right = article("a", LEFT), article("b", RIGHT)
    names = name_index_for([left, right])
    app = App()
    async with app.run_test(size=(100, 30)) as pilot:
        start_compare(app, left, [], [left, right], names=names, same_story=lambda a: ("b",))
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, ComparePicker)
        # Both the left article and the one of its story the picker lists first are ready:
        # the comparison after the pick only aligns and matches.
        assert len(SIDES) == 2
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        comparison = app.screen.comparison  # type: ignore[attr-defined]
        assert comparison is not None and comparison.disagreements
