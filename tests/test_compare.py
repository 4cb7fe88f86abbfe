"""The compare core: paragraphs, alignment, facts and disagreements on hand-made spans."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, NamedTuple

from reader.analysis import (
    Pair,
    align_paragraphs,
    compare_articles,
    diff_facts,
    split_paragraphs,
    stem,
    value_key,
)
from reader.corpus import Article


class S(NamedTuple):
    """A span as reader.highlight.find makes them."""

    start: int
    end: int
    cls: str
    kind: str
    value: Any


def usd(amount: float) -> dict[str, Any]:
    return {"amount": amount, "currency": "USD"}


def spans_for(text: str, *marks: tuple[str, str, str, Any]) -> list[S]:
    """Spans at the first occurrence (after the previous mark) of each (snippet, cls, kind,
    value)."""
    found, position = [], 0
    for snippet, cls, kind, value in marks:
        start = text.index(snippet, position)
        found.append(S(start, start + len(snippet), cls, kind, value))
        position = start + len(snippet)
    return found


def article(identifier: str, body: str, title: str | None = None) -> Article:
    return Article(
        id=identifier, path=Path(f"{identifier}.txt"), title=title or identifier, body=body
    )


PARAGRAPHS = [
    "The city council approved a new budget for the harbour on Tuesday evening.",
    "Fishermen complained that the dredging plan would ruin the spring catch.",
    "The mayor said the vote followed two years of public consultation.",
    "Opposition members walked out before the final count was read.",
    "A court challenge is expected before the works begin in autumn.",
]


# --- paragraphs ------------------------------------------------------------------------------


def test_paragraphs_split_on_blank_lines_and_on_lines_that_end_sentences() -> None:
    body = "First one.\nSecond one.\n\nThird, after a blank line.\n- a list item\n- another"
    texts = [p.text(body) for p in split_paragraphs(body)]
    assert texts == [
        "First one.",
        "Second one.",
        "Third, after a blank line.",
        "- a list item",
        "- another",
    ]


def test_hard_wrapped_lines_stay_one_paragraph() -> None:
    body = (
        "The committee met on Monday to discuss the proposal and its many\n"
        "consequences for the region, which were debated at length.\n"
        "\n"
        "  Indented second paragraph.  "
    )
    paragraphs = split_paragraphs(body)
    assert len(paragraphs) == 2
    assert paragraphs[0].text(body).endswith("debated at length.")
    assert paragraphs[1].text(body) == "Indented second paragraph."


# --- alignment -------------------------------------------------------------------------------


def matched(pairs: list[Pair]) -> list[tuple[int, int]]:
    return [(p.left, p.right) for p in pairs if p.left is not None and p.right is not None]


def assert_every_paragraph_once_in_order(pairs: list[Pair], left: int, right: int) -> None:
    lefts = [p.left for p in pairs if p.left is not None]
    rights = [p.right for p in pairs if p.right is not None]
    assert lefts == list(range(left)) and rights == list(range(right))


def test_identical_texts_align_one_to_one() -> None:
    pairs = align_paragraphs(PARAGRAPHS, PARAGRAPHS)
    assert pairs == [Pair(i, i, 1.0) for i in range(len(PARAGRAPHS))]


def test_identical_paragraphs_without_words_still_match() -> None:
    left = ["—", *PARAGRAPHS[:2], "***"]
    assert matched(align_paragraphs(left, left)) == [(0, 0), (1, 1), (2, 2), (3, 3)]


def test_inserted_paragraph_faces_a_gap() -> None:
    inserted = "Meanwhile the weather service issued a storm warning for the coast."
    right = [*PARAGRAPHS[:2], inserted, *PARAGRAPHS[2:]]
    pairs = align_paragraphs(PARAGRAPHS, right)
    assert Pair(None, 2, 0.0) in pairs
    assert matched(pairs) == [(0, 0), (1, 1), (2, 3), (3, 4), (4, 5)]
    assert_every_paragraph_once_in_order(pairs, len(PARAGRAPHS), len(right))


def test_deleted_paragraph_faces_a_gap() -> None:
    right = PARAGRAPHS[:1] + PARAGRAPHS[2:]
    pairs = align_paragraphs(PARAGRAPHS, right)
    assert Pair(1, None, 0.0) in pairs
    assert matched(pairs) == [(0, 0), (2, 1), (3, 2), (4, 3)]


def test_reordered_paragraph_keeps_order_and_leaves_gaps() -> None:
    # The last paragraph moved to the front: order is kept, so it cannot match both ways.
    right = [PARAGRAPHS[4], *PARAGRAPHS[:4]]
    pairs = align_paragraphs(PARAGRAPHS, right)
    assert matched(pairs) == [(0, 1), (1, 2), (2, 3), (3, 4)]
    assert Pair(4, None, 0.0) in pairs and Pair(None, 0, 0.0) in pairs
    assert_every_paragraph_once_in_order(pairs, 5, 5)


def test_rewritten_paragraph_matches_with_a_lower_score() -> None:
    right = list(PARAGRAPHS)
    right[1] = "Local fishermen said the dredging plan would wreck the spring catch entirely."
    pairs = align_paragraphs(PARAGRAPHS, right)
    rewritten = next(p for p in pairs if p.left == 1)
    assert rewritten.right == 1 and 0.2 <= rewritten.score < 1.0


def test_unrelated_texts_do_not_match() -> None:
    other = [
        "Quarterly profits at the carmaker rose sharply on strong exports.",
        "Analysts expect the shares to open higher tomorrow morning.",
    ]
    pairs = align_paragraphs(PARAGRAPHS[:2], other)
    assert matched(pairs) == []
    assert_every_paragraph_once_in_order(pairs, 2, 2)


def test_figures_match_by_value_not_spelling() -> None:
    left = ["Orbix paid $14B for Kestrel.", "Shares in Dunmore fell sharply."]
    right = ["Shares in Dunmore fell sharply.", "Orbix paid $14 billion for Kestrel."]
    left_spans = [spans_for(left[0], ("$14B", "figure", "money", usd(14e9))), []]
    right_spans = [[], spans_for(right[1], ("$14 billion", "figure", "money", usd(14_000_000_000)))]
    with_values = align_paragraphs(left, right, left_spans=left_spans, right_spans=right_spans)
    # Order forces a choice; with the figure as a shared term the money paragraphs score
    # higher than they do as plain words ("14b" vs "billion").
    plain = align_paragraphs(left, [right[1]])
    valued = align_paragraphs(left, [right[1]], left_spans=left_spans, right_spans=right_spans[1:])
    assert valued[0].score > plain[0].score
    assert len(with_values) == 3


def test_empty_sides() -> None:
    assert align_paragraphs([], []) == []
    assert align_paragraphs(["Only left."], []) == [Pair(0, None, 0.0)]
    assert align_paragraphs([], ["Only right."]) == [Pair(None, 0, 0.0)]


# --- facts -----------------------------------------------------------------------------------


def test_values_compare_normalised() -> None:
    assert value_key(usd(14e9)) == value_key(usd(14_000_000_000))
    assert value_key(49) == value_key(49.0)
    assert value_key(usd(14.3e9)) != value_key(usd(14e9))
    assert stem("investment") == stem("invested") == stem("invests") == stem("invest")


def test_facts_in_both_and_on_one_side_only() -> None:
    left = "Orbix takes a 49% stake for $14B. Jane Roe will lead it. Founded in 2016."
    right = "Orbix buys a 49 percent stake for $14 billion, says J. Roe. Kestrel agreed."
    left_spans = spans_for(
        left,
        ("Orbix", "name", "org", "Orbix"),
        ("49%", "figure", "percent", 49.0),
        ("$14B", "figure", "money", usd(14e9)),
        ("Jane Roe", "name", "person", "Jane Roe"),
        ("2016", "figure", "year", 2016),
    )
    right_spans = spans_for(
        right,
        ("Orbix", "name", "org", "Orbix"),
        ("49 percent", "figure", "percent", 49),
        ("$14 billion", "figure", "money", usd(14_000_000_000)),
        ("J. Roe", "name", "person", "Jane Roe"),
        ("Kestrel", "name", "org", "Kestrel"),
    )
    facts = diff_facts(left, left_spans, right, right_spans)
    assert {f.text for f in facts.both} == {"Orbix", "49%", "$14B", "Jane Roe"}
    stake = next(f for f in facts.both if f.kind == "percent")
    assert stake.left_texts == ["49%"] and stake.right_texts == ["49 percent"]
    assert [f.text for f in facts.left_only] == ["2016"]
    assert [f.text for f in facts.right_only] == ["Kestrel"]


# --- disagreements ---------------------------------------------------------------------------


def compare(left_body: str, left_marks, right_body: str, right_marks):
    return compare_articles(
        article("l", left_body),
        article("r", right_body),
        spans=(spans_for(left_body, *left_marks), spans_for(right_body, *right_marks)),
    )


def test_differing_amounts_for_the_same_thing_disagree() -> None:
    result = compare(
        "Orbix made a $5 billion investment in Kestrel this week.",
        [("$5 billion", "figure", "money", usd(5e9)), ("Kestrel", "name", "org", "Kestrel")],
        "Orbix is making a $5.5 billion investment in Kestrel, sources say.",
        [("$5.5 billion", "figure", "money", usd(5.5e9)), ("Kestrel", "name", "org", "Kestrel")],
    )
    assert [d.summary() for d in result.disagreements] == [
        "investment: $5 billion (left) vs $5.5 billion (right)"
    ]


def test_figures_about_different_subjects_do_not_disagree() -> None:
    # Same topic word, but nothing names a common subject nearby: two different stories.
    result = compare(
        "Orbix made a $5 billion investment in Kestrel this week.",
        [("$5 billion", "figure", "money", usd(5e9)), ("Kestrel", "name", "org", "Kestrel")],
        "Dunmore is making a $5.5 billion investment in Harlow, sources say.",
        [("$5.5 billion", "figure", "money", usd(5.5e9)), ("Harlow", "name", "org", "Harlow")],
    )
    assert result.disagreements == []


def test_articles_about_different_stories_are_not_searched_for_disagreements() -> None:
    # One name in common among many: not the same story, however alike two figures look.
    left = "Orbix made a $5 billion investment in Kestrel. Ann, Bo, Cy, Di and Ed met Fay."
    right = "Orbix made a $5.5 billion investment in Kestrel. Gil, Hu, Ida, Jo and Kai met Lu."

    def marks(text: str, amount: str) -> list[tuple[str, str, str, Any]]:
        people = re.findall(r"\b[A-Z][a-z]+\b", text)[2:]
        return [
            ("$" + amount, "figure", "money", usd(float(amount.split()[0]) * 1e9)),
            ("Kestrel", "name", "org", "Kestrel"),
            *[(name, "name", "person", name) for name in people],
        ]

    result = compare(left, marks(left, "5 billion"), right, marks(right, "5.5 billion"))
    assert not result.same_story and result.disagreements == []
    assert result.to_json()["same_story"] is False


def test_amounts_in_different_currencies_do_not_disagree() -> None:
    result = compare(
        "Orbix made a $5 billion investment in Kestrel.",
        [("$5 billion", "figure", "money", usd(5e9)), ("Kestrel", "name", "org", "Kestrel")],
        "Orbix made a £4 billion investment in Kestrel.",
        [
            ("£4 billion", "figure", "money", {"amount": 4e9, "currency": "GBP"}),
            ("Kestrel", "name", "org", "Kestrel"),
        ],
    )
    assert result.disagreements == []


def test_topic_found_before_the_figure_and_across_word_forms() -> None:
    result = compare(
        "Kestrel was founded in Leeds.\n\nThe company's valuation reached $7 billion.",
        [("Kestrel", "name", "org", "Kestrel"), ("$7 billion", "figure", "money", usd(7e9))],
        "Kestrel now has a $9 billion valuation and is hiring.",
        [("Kestrel", "name", "org", "Kestrel"), ("$9 billion", "figure", "money", usd(9e9))],
    )
    assert [d.topic for d in result.disagreements] == ["valuation"]


def test_last_years_figure_is_not_disputed_by_this_years() -> None:
    result = compare(
        "Kestrel was founded in Leeds.\n\nThe company's valuation reached $7 billion last year.",
        [("Kestrel", "name", "org", "Kestrel"), ("$7 billion", "figure", "money", usd(7e9))],
        "Kestrel now has a $9 billion valuation and is hiring.",
        [("Kestrel", "name", "org", "Kestrel"), ("$9 billion", "figure", "money", usd(9e9))],
    )
    assert result.disagreements == []


def test_same_value_is_agreement_not_disagreement() -> None:
    result = compare(
        "Orbix took a 30% stake in Kestrel.",
        [("30%", "figure", "percent", 30.0)],
        "Kestrel sold a 30 percent stake to Orbix.",
        [("30 percent", "figure", "percent", 30)],
    )
    assert result.disagreements == []
    assert [f.text for f in result.facts.both] == ["30%"]


def test_different_topics_or_kinds_or_owners_do_not_disagree() -> None:
    left = (
        "Kestrel reported $3 billion revenue. It holds a 20% stake. Dunmore's $8 billion "
        "investment closed."
    )
    right = (
        "Kestrel reported $4 billion profit. Its stake of $2 billion grew. Orbix's $6 billion "
        "investment closed."
    )
    result = compare(
        left,
        [
            ("Kestrel", "name", "org", "Kestrel"),
            ("$3 billion", "figure", "money", usd(3e9)),
            ("20%", "figure", "percent", 20.0),
            ("Dunmore", "name", "org", "Dunmore"),
            ("$8 billion", "figure", "money", usd(8e9)),
        ],
        right,
        [
            ("Kestrel", "name", "org", "Kestrel"),
            ("$4 billion", "figure", "money", usd(4e9)),
            ("$2 billion", "figure", "money", usd(2e9)),
            ("Orbix", "name", "org", "Orbix"),
            ("$6 billion", "figure", "money", usd(6e9)),
        ],
    )
    # revenue vs profit: different topics; 20% vs $2 billion stake: different kinds;
    # Dunmore's vs Orbix's investment: different owners.
    assert result.disagreements == []
    # The same text with one owner does disagree on the investment.
    same_owner = compare(
        left,
        [("Dunmore", "name", "org", "Dunmore"), ("$8 billion", "figure", "money", usd(8e9))],
        right.replace("Orbix", "Dunmore"),
        [("Dunmore", "name", "org", "Dunmore"), ("$6 billion", "figure", "money", usd(6e9))],
    )
    assert [d.topic for d in same_owner.disagreements] == ["investment"]


def test_json_shape() -> None:
    result = compare(
        "Orbix made a $5 billion investment in Kestrel.\n\nThe deal closed in May.",
        [("$5 billion", "figure", "money", usd(5e9)), ("Kestrel", "name", "org", "Kestrel")],
        "Orbix is making a $5.5 billion investment in Kestrel.",
        [("$5.5 billion", "figure", "money", usd(5.5e9)), ("Kestrel", "name", "org", "Kestrel")],
    )
    data = json.loads(json.dumps(result.to_json()))
    assert set(data) == {
        "left",
        "right",
        "pairs",
        "moved",
        "facts",
        "same_story",
        "disagreements",
    }
    assert data["same_story"] is True
    assert {"id", "title"} <= set(data["left"]) and data["right"]["id"] == "r"
    assert data["pairs"] == [
        {"left": 0, "right": 0, "score": data["pairs"][0]["score"]},
        {"left": 1, "right": None, "score": 0.0},
    ]
    assert set(data["facts"]) == {"both", "left_only", "right_only"}
    fact = data["facts"]["both"][0]
    assert {"class", "kind", "text", "value"} <= set(fact)
    assert fact["class"] == "name" and fact["value"] == "Kestrel"
    assert data["facts"]["left_only"][0]["value"] == usd(5e9)
    (disagreement,) = data["disagreements"]
    assert disagreement["topic"] == "investment"
    (left,) = disagreement["left"]
    assert (left["text"], left["value"], left["field"]) == ("$5 billion", usd(5e9), "body")
    assert (left["start"], left["end"]) == (13, 23)
    assert left["sentence"] == {
        "text": "Orbix made a $5 billion investment in Kestrel.",
        "start": 0,
        "end": 46,
    }
    (right,) = disagreement["right"]
    assert (right["text"], right["value"]) == ("$5.5 billion", usd(5.5e9))
    assert right["sentence"]["text"] == "Orbix is making a $5.5 billion investment in Kestrel."


def test_us_written_two_ways_is_one_fact_and_a_bare_number_is_none() -> None:
    result = compare(
        "Officials in the U.S. said 11 of them left.",
        [("U.S.", "name", "place", "U.S."), ("11", "figure", "quantity", 11)],
        "US officials said 11 of them left.",
        [("US", "name", "place", "US"), ("11", "figure", "quantity", 11)],
    )
    (fact,) = result.facts.both
    assert (fact.left_texts, fact.right_texts) == (["U.S."], ["US"])
    assert not result.facts.left_only and not result.facts.right_only
