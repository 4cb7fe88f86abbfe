"""Round 4 of compare's fact rules (docs/compare.md, "Round 4"): the month of one thing told
with two verbs, and a month after `last`.

Each rule has a hand-written case and a control with matching context on the other side of
the rule: one must be reported and the other not.
"""

from __future__ import annotations

import pytest

from reader.analysis.fact_dated import dated_thing
from reader.analysis.fact_match import compare_facts
from reader.analysis.fact_model import read_article_facts


def disputed(left: str, right: str) -> list[tuple[str, str]]:
    """The disagreements of two bodies, as (left figure, right figure) texts."""
    verdict = compare_facts(read_article_facts("", left), read_article_facts("", right))
    return [(d.left[0].text, d.right[0].text) for d in verdict.disagreements]


# case: (left, right, the figures disputed, or [] when nothing may be)
CASES = {
    # A noun and a past participle before a month: the month is that thing's, whatever verb.
    "one thing's month told with two verbs": (
        "The board wants to overturn rules issued last December by the agency.",
        "The board wants to overturn rule changes made in January by the agency.",
        [("December", "January")],
    ),
    "two things' months told with two verbs": (
        "The board wants to overturn rules issued last December by the agency.",
        "The board wants to overturn grants made in January by the agency.",
        [],
    ),
    # A noun phrase opening its clause or after a determiner is a subject, not a thing dated.
    "two verbs of one subject": (
        "Since then the agency issued in December a rule on water.",
        "Since then the agency made in January a rule on water.",
        [],
    ),
    # A month after `last` is read as a month.
    "a month after last against one after in": (
        "The suspect was arrested last December in the capital.",
        "The suspect was arrested in January in the capital.",
        [("December", "January")],
    ),
    "a month after last, the same month": (
        "The suspect was arrested last December in the capital.",
        "The suspect was arrested in December in the capital.",
        [],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_round_four_rules(case: str) -> None:
    left, right, expected = CASES[case]
    assert disputed(left, right) == expected


def test_the_thing_dated_is_read_from_the_noun_before_the_participle() -> None:
    facts = read_article_facts("", "They will overturn rule changes made in January.")
    (month,) = [f for f in facts if f.measure == "month"]
    assert dated_thing(month) == {"rule", "change"}
    facts = read_article_facts("", "The agency issued in January a rule on water.")
    (month,) = [f for f in facts if f.measure == "month"]
    assert dated_thing(month) == frozenset()
