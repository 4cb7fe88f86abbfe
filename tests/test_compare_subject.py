"""Facts linked as one quantity but about two people, acts or parts are not disputes
(analysis/fact_subject.py), nor a record in a span without a period word or in a table of
records (analysis/fact_scope.py).

Each case is a pair of hand-written sentences that, with the rule switched off, would be
reported; each control has matching context (the same person, object, unit or scope) and must
still be reported.
"""

from __future__ import annotations

import pytest

import reader.analysis.fact_match as fact_match
import reader.analysis.fact_scope as fact_scope
from reader.analysis.fact_match import compare_facts
from reader.analysis.fact_model import read_article_facts


def topics(left: str, right: str) -> list[str]:
    verdict = compare_facts(read_article_facts("", left), read_article_facts("", right))
    return [d.topic for d in verdict.disagreements]


# case: (left, right, the rule's module: "subject" for fact_subject, "scope" for fact_scope)
VETOED = {
    "ages of two people named": (
        '"We will fight on," said 61-year-old Maria Lopez, a shop owner.',
        '"Nothing is left," said 76-year-old Peter Grant, a retired farmer.',
        "subject",
    ),
    "ages of a man and a woman": (
        "A 34-year-old man was arrested at the scene.",
        "A 41-year-old woman was arrested at the scene.",
        "subject",
    ),
    "one person's age at two times": (
        "Smith, 29, was found guilty last month of the murder.",
        "Smith, 27, was arrested in a house nearby.",
        "subject",
    ),
    "one verb done to two things": (
        "On January 30, the mayor signed an executive order on parking.",
        "A spending bill signed by the mayor on March 11 adds two parks.",
        "subject",
    ),
    "a duration where the other is a part": (
        "After four days deliberating, the jury deadlocked.",
        "After four days and more than 30 hours of deliberations, the jury deadlocked.",
        "subject",
    ),
    "a record in a span without a period word": (
        # (records of contests of one order: 15 and 17, else fact_match keeps them apart)
        "The Hawks are just 7-8 in their last fifteen under the coach.",
        "The Hawks have a record of 9-8 under the coach.",
        "scope",
    ),
    "a record in a table of records": (
        "Jon Stone (58-3) won the title fight.",
        "Title fight records: Al Berg 21-5 Jon Stone 55-2 Ray Lane 15-2-1",
        "scope",
    ),
}

KEPT = {
    "ages of one person named on both sides": (
        '"We will fight on," said 61-year-old Maria Lopez, a shop owner.',
        '"Nothing is left," said 64-year-old Maria Lopez, who runs a shop.',
    ),
    "ages of a man on both sides": (
        "A 34-year-old man was arrested at the scene.",
        "A 38-year-old man was arrested at the scene.",
    ),
    "one person's age with no time on either side": (
        "Smith, 29, was found guilty of the murder.",
        "Smith, 27, was arrested in a house nearby.",
    ),
    "one verb done to one thing": (
        "On January 30, the mayor signed the spending bill.",
        "The spending bill was signed by the mayor on March 11.",
    ),
    "one day apart: one act told differently": (
        "On March 10, the mayor signed an executive order on parking.",
        "A spending bill signed by the mayor on March 11 adds two parks.",
    ),
    "durations in two units, neither a part": (
        "The jury deliberated for 30 hours.",
        "The jury deliberated for four days.",
    ),
    "records in a span on both sides": (
        "The Hawks are just 2-8 in their last ten under the coach.",
        "The Hawks are 4-6 in their last ten under the coach.",
    ),
    "records in prose on both sides": (
        "Jon Stone (58-3) won the title fight.",
        "Jon Stone (55-3) won the title fight.",
    ),
}


@pytest.mark.parametrize("case", sorted(VETOED))
def test_two_people_acts_or_parts_are_not_a_disagreement(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    left, right, rule = VETOED[case]
    assert topics(left, right) == []
    if rule == "subject":
        monkeypatch.setattr(fact_scope, "subjects_differ", lambda a, b: False)
    else:
        monkeypatch.setattr(fact_match, "scopes_differ", lambda a, b: False)
    assert topics(left, right)  # linked as one quantity: the rule removed it


@pytest.mark.parametrize("case", sorted(KEPT))
def test_matching_context_is_still_a_disagreement(case: str) -> None:
    left, right = KEPT[case]
    assert len(topics(left, right)) == 1
