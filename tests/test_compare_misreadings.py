"""Two misreadings the BBC audit found (docs/compare.md, "BBC audit"): `3G` read as grams, and
one score written the other way round reported as a disagreement. Made-up cases, each with a
control.
"""

from __future__ import annotations

from reader.analysis.fact_article import read_article_facts
from reader.analysis.fact_match import compare_facts


def disputed(left: str, right: str) -> list[tuple[str, str]]:
    found = compare_facts(read_article_facts("", left), read_article_facts("", right))
    return [(d.left_evidence[0].text, d.right_evidence[0].text) for d in found.disagreements]


def test_a_network_generation_is_not_grams() -> None:
    left = "Phones swap data much faster than with 2G networks."
    right = "But 3G networks have been designed to do this sort of streaming."
    assert [f.measure for f in read_article_facts("", left + " " + right)] == []
    assert disputed(left, right) == []


def test_grams_written_in_lower_case_are_still_read() -> None:
    facts = read_article_facts("", "Each pack holds 200g of rice.")
    assert [(f.measure, f.value) for f in facts] == [("mass", 0.2)]


def test_a_score_written_the_other_way_round_agrees() -> None:
    left = "The kicking of Hodgson played a big part in England's 18-17 defeat to France at Twickenham."
    right = "Hodgson missed three kicks as England lost 17-18 to France at Twickenham."
    assert disputed(left, right) == []


def test_two_scores_of_one_match_still_disagree() -> None:
    left = "The kicking of Hodgson played a big part in England's 18-17 defeat to France at Twickenham."
    right = "Hodgson missed three kicks as England lost 16-18 to France at Twickenham."
    assert disputed(left, right) == [("18-17", "16-18")]
