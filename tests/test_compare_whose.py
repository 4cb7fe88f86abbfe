"""Whose figure it is (analysis/fact_whose.py; docs/compare.md, "BBC audit").

Two articles grouped into one story may be two events of one kind: a figure said about a
company or person the other article never names is not the other's figure. Hand-made cases
(made up, not copied from any corpus), each with a control that must still be reported.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.analysis.fact_article import read_article_facts
from reader.analysis.fact_match import compare_facts
from reader.analysis.fact_whose import ArticleNames


class Text(NamedTuple):
    title: str
    body: str


def disputed(left: tuple[str, str], right: tuple[str, str]) -> list[tuple[str, str]]:
    """The disagreements of two (title, body) articles as (left text, right text)."""
    found = compare_facts(
        read_article_facts(*left),
        read_article_facts(*right),
        (ArticleNames(Text(*left)), ArticleNames(Text(*right))),
    )
    return [(d.left_evidence[0].text, d.right_evidence[0].text) for d in found.disagreements]


def takeover(company: str, jobs: str, price: str, target: str) -> tuple[str, str]:
    return (
        "Jobs to go after deal",
        f"Shares in {company} rose. {company} has announced it is cutting about {jobs} jobs"
        f" following the completion of its {price} takeover of {target}.",
    )


def player(name: str, other: str) -> tuple[str, str]:
    """`other`'s age told without his name, in an article about `name`."""
    return (
        "Club line up player",
        f"The club are closing in on {name}. {name} has been in the league since 1997 when he"
        f" moved for £2m from {other}. But the 26-year-old has been surplus to requirements.",
    )


FINED = ("Striker fined", "But Dalbrook, 25, has not been put on the transfer list.")


def test_two_companies_takeovers_are_not_one_figure() -> None:
    left = takeover("Brantwell", "5,000", "$10.3bn", "its rival Corvane")
    right = takeover("Halvex Telecom", "12,800", "$16bn", "its former parent Dunmoor")
    assert disputed(left, right) == []


def test_one_companys_takeover_told_two_ways_is_still_disputed() -> None:
    left = takeover("Brantwell", "5,000", "$10.3bn", "its rival Corvane")
    right = takeover("Brantwell", "12,800", "$16bn", "its rival Corvane")
    assert ("$10.3bn", "$16bn") in disputed(left, right)


def test_two_players_ages_told_without_their_names_are_not_one_age() -> None:
    assert disputed(FINED, player("Kerrigan", "Ostend")) == []


def test_one_players_age_told_without_his_name_is_still_disputed() -> None:
    assert disputed(FINED, player("Dalbrook", "Ostend")) == [("25", "26-year-old")]


def test_who_told_a_figure_is_not_whose_it_is() -> None:
    # Two outlets quote two officials; the toll is still one quake's.
    left = ("Quake hits island", "Governor Ann Tiller said 50 people were injured in the quake.")
    right = (
        "Quake hits island",
        "Mayor Bo Lind told reporters 80 people were injured in the quake.",
    )
    assert disputed(left, right) == [("50 people", "80 people")]


def test_a_sentence_opening_word_is_not_a_name() -> None:
    # "Authorities" opens a sentence and is never capitalised inside one: not whose it is.
    left = ("Vote count", "Kessler Election Commission figures show turnout reached almost 90%.")
    right = ("Vote count", "Authorities in the capital said turnout reached 93.87 percent.")
    assert disputed(left, right) == [("almost 90%", "93.87 percent")]


def test_a_short_form_of_a_name_is_that_name() -> None:
    left = ("Unit sold", "Buyers bid for Harvansk. Harvansk was sold to pay a $27.5bn tax bill.")
    right = (
        "Firm broken up",
        "Auditors at Dorvak agreed to the sale of Harvanskneftegas. Dorvak was broken up to pay"
        " a $27bn tax bill.",
    )
    assert disputed(left, right) == [("$27.5bn", "$27bn")]
