"""Round 3 of compare's fact rules (docs/compare.md, "Round 3"): who a record or an age is
of, when an article was written, whose date a date is, parts of people, populations.

Each rule has a hand-written case and a control with matching context on the other side of
the rule: one must be reported and the other not.
"""

from __future__ import annotations

import pytest

from reader.analysis.fact_dateline import written_on
from reader.analysis.fact_match import compare_facts
from reader.analysis.fact_model import read_article_facts
from reader.highlight import find_figures


def disputed(left: str, right: str) -> list[tuple[str, str]]:
    """The disagreements of two bodies, as (left figure, right figure) texts."""
    verdict = compare_facts(read_article_facts("", left), read_article_facts("", right))
    return [(d.left[0].text, d.right[0].text) for d in verdict.disagreements]


# case: (left, right, the figures disputed, or [] when nothing may be)
CASES = {
    # A pronoun opening a sentence is nobody's name: two "He" records are two people's.
    "records of two people each told as He": (
        "He had a 162-139 record in Portland.",
        "He owns a 135-156 record at the collegiate level.",
        [],
    ),
    "records of one person named on both sides": (
        "Cheeks had a 162-139 record in Portland.",
        "Cheeks owns a 165-139 record in Portland.",
        [("162-139", "165-139")],
    ),
    # A record whose sentence opens with the other side's owner is that owner's.
    "a record told of the sentence's subject": (
        "Champion Jon Stone, 53-3, easily beat Al Berg in the seventh round.",
        "Stone improved his record to 52-3 and is now on a 10-fight winning streak.",
        [("53-3", "52-3")],
    ),
    "a record in a sentence opening with someone else": (
        "Champion Jon Stone, 53-3, easily beat Al Berg in the seventh round.",
        "Berg struggled to get inside the taller Stone's reach and dropped to 52-3.",
        [],
    ),
    # Win-loss records of one fighter count nearly the same contests.
    "a record since one win against the career record": (
        "Since that win, Berg is 4-2-1 in his bouts.",
        "Berg (45-7-2) was stopped in the seventh.",
        [],
    ),
    "two career records a loss apart": (
        "Berg (44-7-2) was stopped in the seventh.",
        "Berg (45-7-2) was stopped in the seventh.",
        [("44-7-2", "45-7-2")],
    ),
    # KO is a knockout, and "former champion" says nothing of the sentence's time.
    "knockouts written as KO's": (
        "Former champion Jon Stone, 53-3, 47 KO's, won easily.",
        "Jon Stone (53-3, 46 knockouts) won easily.",
        [("47 KO's", "46 knockouts")],
    ),
    "knockouts written as KO's, the same number": (
        "Former champion Jon Stone, 53-3, 46 KO's, won easily.",
        "Jon Stone (53-3, 46 knockouts) won easily.",
        [],
    ),
    # A count of times is of one verb: presiding three times is not hosting five times.
    "times of two verbs": (
        "He presided over that ceremony three times.",
        "He hosted the ceremony five times and never stumbled.",
        [],
    ),
    "times of one verb": (
        "He hosted that ceremony three times.",
        "He hosted the ceremony five times and never stumbled.",
        [("three times", "five times")],
    ),
    # A bound reaches half as far again against a figure that is not such a bound.
    "a lower bound and a figure above it": (
        "The jury deliberated for more than 30 hours in all.",
        "The jury deliberated for 40 hours in all.",
        [],
    ),
    "a lower bound and a figure far above it": (
        "The quake killed at least three people in the villages.",
        "The quake killed 10 people in the villages.",
        [("at least three people", "10 people")],
    ),
    "two lower bounds of one kind": (
        "The 2003 quake left more than 26,000 people dead in the city.",
        "The 2003 quake left more than 31,000 people dead in the city.",
        [("more than 26,000 people", "more than 31,000 people")],
    ),
    # A date after a clock time opening the text is when it was posted.
    "a dateline after a clock time": (
        "7:15 a.m. Dec. 7, 2009 A convicted man who escaped was caught.",
        "The man was convicted in June 1998 of assault.",
        [],
    ),
    "a date of the conviction after a clock time in the sentence": (
        "At 7:15 a.m. the court said he was convicted on Dec. 7, 2009 of assault.",
        "The man was convicted in June 1998 of assault.",
        [("Dec. 7, 2009", "June 1998")],
    ),
    # An N-year-old murder case is a thing's age: the woman's is then the only age each gives.
    "a woman's age beside the age of a case": (
        "Police arrested a 60-year-old woman in the killings.",
        "Police made an arrest in a 41-year-old double murder case. "
        "Police said 61-year-old Ann Smith was arrested.",
        [("60-year-old", "61-year-old")],
    ),
    "a woman's age beside the age of a man": (
        "Police arrested a 60-year-old woman in the killings.",
        "Police questioned a 41-year-old man. Police said 61-year-old Ann Smith was arrested.",
        [],
    ),
    # A date written before a noun is that thing's date, not the verb's.
    "the date of the crime a man was convicted of": (
        "Smith was also convicted of the June 20, 2005 attempted murder of a man.",
        "Smith was convicted March 20 of first-degree murder.",
        [],
    ),
    "the date of the conviction on both sides": (
        "Smith was convicted on June 20, 2005 of first-degree murder.",
        "Smith was convicted March 20 of first-degree murder.",
        [("June 20, 2005", "March 20")],
    ),
    # One kind of people, fewer than the people counted in general, may be a part of them.
    "officers injured and people injured": (
        "Two officers suffered minor injuries in the clashes.",
        "Three people were injured in the clashes.",
        [],
    ),
    "people injured on both sides": (
        "Two people suffered minor injuries in the clashes.",
        "Three people were injured in the clashes.",
        [("Two people", "Three people")],
    ),
    "officers injured on both sides": (
        "Two officers were injured in the clashes.",
        "Three officers were injured in the clashes.",
        [("Two officers", "Three officers")],
    ),
    # The people living on one island are one count, whatever the words around them.
    "the population of one island": (
        "The quake struck Qeshm island, home to 120,000 people.",
        "The island, which has about 200,000 residents, lies south of the capital.",
        [("120,000 people", "about 200,000 residents")],
    ),
    "the population of an island told in a clause about it": (
        "The quake struck Qeshm island, home to 120,000 people.",
        "The island, which lies off the port city of Bandar Abbas and is home to about "
        "100,000 people, was shaken again.",
        [("120,000 people", "about 100,000 people")],
    ),
    "the population of an island and of a city": (
        "The quake struck Qeshm island, home to 120,000 people.",
        "It also shook the nearby city, home to 500,000 people.",
        [],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_round_three_rules(case: str) -> None:
    left, right, expected = CASES[case]
    assert disputed(left, right) == expected


def dated(dateline: str, sentence: str) -> str:
    # The age in a sentence of its own: the dateline's month is not its sentence's time.
    return f"{dateline} The police gave details. {sentence}"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # 27 in June 2005 and 29 in March 2007: the same man, older.
        (
            dated("June 26, 2005", "Jose Orozco, 27, was found in a bathtub."),
            dated("March 20, 2007", "Jose Orozco, 29, was convicted of murder."),
            [],
        ),
        # Two reports a month apart: a man does not age two years.
        (
            dated("June 26, 2005", "Jose Orozco, 27, was found in a bathtub."),
            dated("July 20, 2005", "Jose Orozco, 29, was convicted of murder."),
            [("27", "29")],
        ),
        # The later article gives the younger age: not time passing.
        (
            dated("March 20, 2007", "Jose Orozco, 27, was found in a bathtub."),
            dated("June 26, 2005", "Jose Orozco, 29, was convicted of murder."),
            [("27", "29")],
        ),
        # A year apart, one year older: a birthday between.
        (
            dated("POSTED: 04 / 02 / 07, 9:00 PM", "Jose Orozco, 28, was sentenced."),
            dated("Updated 4 / 9 / 2008 6:04 PM", "Jose Orozco, 29, lost his appeal."),
            [],
        ),
    ],
)
def test_ages_are_weighed_against_the_articles_own_dates(
    left: str, right: str, expected: list[tuple[str, str]]
) -> None:
    assert disputed(left, right) == expected


def test_an_article_is_dated_by_the_date_at_its_start() -> None:
    body = "Published: April 10, 2007 A man who was fired on March 2, 2007 returned."
    assert written_on(body, find_figures(body)) == "2007-04-10"
    numeric = "POSTED: 04 / 02 / 07, 9:00 PM PDT | A convicted killer laughed Tuesday."
    assert written_on(numeric, find_figures(numeric)) == "2007-04-02"
    late = "A man was fired. " * 30 + "It happened on April 10, 2007."
    assert written_on(late, find_figures(late)) == ""


def test_dozens_written_in_words_are_read_with_their_value() -> None:
    facts = read_article_facts("", "About two dozen protesters splintered off.")
    assert [(f.text, f.value) for f in facts] == [("About two dozen protesters", 24.0)]
