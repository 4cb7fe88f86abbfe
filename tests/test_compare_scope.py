"""Disagreements stated for another scope or time are not disputes (analysis/fact_scope.py).

Each case is a pair of hand-written sentences that the fact model links as one quantity (so,
without the scope rule, they would be reported: checked with the rule switched off), and a
control with the same scope on both sides that must still be reported.
"""

from __future__ import annotations

import pytest

import reader.analysis.fact_match as fact_match
from reader.analysis.fact_match import compare_facts
from reader.analysis.fact_model import read_article_facts


def topics(left: str, right: str) -> list[str]:
    verdict = compare_facts(read_article_facts("", left), read_article_facts("", right))
    return [d.topic for d in verdict.disagreements]


VETOED = {
    "reported on another day": (
        "The museum fire was put out by dawn, the Valley Gazette reported Sunday.",
        "The museum fire was put out by dawn, the Valley Gazette reported Saturday.",
    ),
    "written on another day": (
        "Jane Doe wrote in her Monday column that the bridge fell.",
        "Jane Doe wrote on Wednesday that the bridge fell.",
    ),
    "posted on another day": (
        "The bridge fell, the agency posted on its website on Wednesday.",
        "The bridge fell, the agency posted on its website on Friday.",
    ),
    "a plan": (
        "The hearing is expected to open on Monday.",
        "The hearing is expected to open on Wednesday.",
    ),
    "a dateline with today": (
        "SPRINGFIELD, IL, May 3, 2011 The council today approved the new bridge.",
        "The council approved the new bridge on April 20, 2011.",
    ),
    "a span against no span": (
        "The striker scored 12 goals in 30 games for the club.",
        "Over the whole year the striker scored 21 goals for the club.",
    ),
    "a part against the combined figure": (
        "He hit 13 homers in 54 games with the club.",
        "He hit 33 homers in a combined 157 games with the club.",
    ),
    "a span against this season": (
        "He hit 13 homers in 54 games with the club.",
        "He hit 33 homers with the club this season.",
    ),
    "a record this season against one over seasons": (
        "The Hawks are 9-14 this season under the coach.",
        "The Hawks went 5-19 in his first two seasons under the coach.",
    ),
    "a career against a subset": (
        "Marco Rossi won 44 fights in his career.",
        "Marco Rossi won 37 fights by knockout.",
    ),
    "elapsed lengths of something still going on": (
        "The protests went on, after four days of riots in the capital.",
        "The city was calm after eight days of riots in the capital.",
    ),
    "a round figure and one that rounds to it": (
        "The flood killed 600 people in the valley.",
        "The flood killed 612 people in the valley.",
    ),
}

KEPT = {
    "the day of the event": (
        "The museum burned down on Friday, the Valley Gazette said.",
        "The museum burned down on Thursday, the Valley Gazette said.",
    ),
    "a day that happened": ("The hearing opened on Monday.", "The hearing opened on Wednesday."),
    "a date that happened": (
        "The council approved the new bridge on May 3, 2011.",
        "The council approved the new bridge on April 20, 2011.",
    ),
    "counts without a scope": (
        "The striker scored 12 goals for the club.",
        "The striker scored 15 goals for the club.",
    ),
    "the same scope on both sides": (
        "Marco Rossi won 44 fights in his career.",
        "Marco Rossi won 37 fights in his career.",
    ),
    "lengths not counted up to now": (
        "The protests went on for four days of riots in the capital.",
        "The protests went on for eight days of riots in the capital.",
    ),
    "a round figure that the other does not round to": (
        "The flood killed 640 people in the valley.",
        "The flood killed 612 people in the valley.",
    ),
}


@pytest.mark.parametrize("case", sorted(VETOED))
def test_another_scope_or_time_is_not_a_disagreement(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    left, right = VETOED[case]
    assert topics(left, right) == []
    monkeypatch.setattr(fact_match, "scopes_differ", lambda a, b: False)
    assert topics(left, right)  # linked as one quantity: the scope rule removed it


@pytest.mark.parametrize("case", sorted(KEPT))
def test_the_same_scope_is_still_a_disagreement(case: str) -> None:
    left, right = KEPT[case]
    assert len(topics(left, right)) == 1
