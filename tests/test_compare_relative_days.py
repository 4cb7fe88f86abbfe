"""Round 6 of compare's fact rules (docs/compare.md, "Round 6: days and years"): days said
relative to the article's own date or to the day just named, the weekday of a date, a night
told from either side of midnight, and the thing a day is of.

Each rule has a hand-written case (made up, not copied from any corpus) and a control with
matching context on the other side of the rule: one must be reported and the other not.
"""

from __future__ import annotations

import pytest

from reader.analysis.fact_article import read_article_facts
from reader.analysis.fact_match import compare_facts


def disputed(left: str, right: str, left_title: str = "") -> list[tuple[str, str]]:
    """The disagreements of two bodies, as (left figure, right figure) texts."""
    verdict = compare_facts(read_article_facts(left_title, left), read_article_facts("", right))
    return [(d.left[0].text, d.right[0].text) for d in verdict.disagreements]


DATED = "Published: March 3, 2011. "  # a Thursday
# case: (left, right, the figures disputed, or [] when nothing may be)
CASES = {
    # Days relative to the article's own date (its dateline) are that date's days ...
    "yesterday against another date": (
        DATED + "Police arrested the bus driver yesterday near the depot.",
        "Police arrested the bus driver on March 1 near the depot.",
        [("yesterday", "March 1")],
    ),
    "yesterday against the same date": (
        DATED + "Police arrested the bus driver yesterday near the depot.",
        "Police arrested the bus driver on March 2 near the depot.",
        [],
    ),
    "last Friday against another weekday": (
        DATED + "The residents sent a petition last Friday to the council.",
        "The residents sent petitions on Thursday to the council.",
        [("last Friday", "Thursday")],
    ),
    "last Friday against its date": (
        DATED + "The residents sent a petition last Friday to the council.",
        "The residents sent petitions on February 25 to the council.",
        [],
    ),
    "days ago against a date": (
        DATED + "The mayor was elected ten days ago by a narrow margin.",
        "The mayor was elected on February 20 by a narrow margin.",
        [("ten days ago", "February 20")],
    ),
    "days ago against the same date": (
        DATED + "The mayor was elected ten days ago by a narrow margin.",
        "The mayor was elected on February 21 by a narrow margin.",
        [],
    ),
    # ... and not read without one, nor as a bound.
    "yesterday in an undated article": (
        "Police arrested the bus driver yesterday near the depot.",
        "Police arrested the bus driver on March 1 near the depot.",
        [],
    ),
    "until yesterday is a bound": (
        DATED + "The museum stayed closed until yesterday after the flood.",
        "The museum stayed closed until March 1 after the flood.",
        [],
    ),
    # A title that is only a date dates the text; a dateline without a year gives its day.
    "a title that is a date": (
        "The union today signed the pay deal with the mill owners.",
        "The union signed the pay deal on May 2 with the mill owners.",
        [("today", "May 2")],
    ),
    "a dateline without a year": (
        "LONDON - May 4 - The union today signed the pay deal with the mill owners.",
        "The union signed the pay deal on May 2 with the mill owners.",
        [("today", "May 2")],
    ),
    "a dateline without a year, the same day": (
        "LONDON - May 4 - The union today signed the pay deal with the mill owners.",
        "The union signed the pay deal on May 4 with the mill owners.",
        [],
    ),
    # Days relative to the day just named.
    "the previous day of a weekday": (
        "The suspect was caught on Friday. He had robbed the jeweller the previous day.",
        "The suspect robbed the jeweller on Wednesday, police said.",
        [("the previous day", "Wednesday")],
    ),
    "the previous day of a weekday, the same day": (
        "The suspect was caught on Friday. He had robbed the jeweller the previous day.",
        "The suspect robbed the jeweller on Thursday, police said.",
        [],
    ),
    "later that day": (
        "The prisoner escaped on Monday morning. Later that day he stole a van in the town.",
        "The prisoner stole a van on Tuesday in the town.",
        [("Later that day", "Tuesday")],
    ),
    "later that day, the same day": (
        "The prisoner escaped on Monday morning. Later that day he stole a van in the town.",
        "The prisoner stole a van on Monday in the town.",
        [],
    ),
    "a month is no day to count from": (
        "The prisoner escaped in March 2005. Later that day he stole a van in the town.",
        "The prisoner stole a van on Tuesday in the town.",
        [],
    ),
    # A date with its year has a weekday.
    "a date and another weekday": (
        "The singer was sentenced on June 20, 2005 in the county court.",
        "The singer was sentenced on Tuesday in the county court.",
        [("June 20, 2005", "Tuesday")],
    ),
    "a date and its weekday": (
        "The singer was sentenced on June 20, 2005 in the county court.",
        "The singer was sentenced on Monday in the county court.",
        [],
    ),
    # A night may cross midnight: a weekday's night and the next day's early hours are one
    # time; the next day's afternoon is not.
    "a night and the next early morning": (
        "The actress checked into the clinic late Thursday night, her agent said.",
        "The actress checked into the clinic early Friday, her agent said.",
        [],
    ),
    "a night and the next afternoon": (
        "The actress checked into the clinic late Thursday night, her agent said.",
        "The actress checked into the clinic on Friday afternoon, her agent said.",
        [("Thursday", "Friday")],
    ),
    # The thing a day is of: a noun dated on both sides, whatever the verbs.
    "one shooting's day told by its noun": (
        "The officer was killed on June 24, 2005. He had gone to ask about a shooting that"
        " had taken place the previous day.",
        "Detectives were investigating the June 20, 2005 shooting at the time.",
        [("the previous day", "June 20, 2005")],
    ),
    "one shooting's day told by its noun, the same day": (
        "The officer was killed on June 24, 2005. He had gone to ask about a shooting that"
        " had taken place the previous day.",
        "Detectives were investigating the June 23, 2005 shooting at the time.",
        [],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_relative_days(name: str) -> None:
    left, right, expected = CASES[name]
    title = "May 4, 2012" if name == "a title that is a date" else ""
    assert disputed(left, right, title) == expected


def test_one_act_in_singular_and_plural_is_one_object() -> None:
    """`sent a letter` and `sent separate letters` name one object: days three apart of it
    are disputed (they were taken for two acts, as `signed an order` and `signed a bill`)."""
    left = DATED + "The scientists sent a letter today asking for a review."
    right = "The scientists sent separate letters on February 28 to the agency."
    assert disputed(left, right) == [("today", "February 28")]
    other = "The scientists sent separate petitions on February 28 to the agency."
    assert disputed(left, other) == []


def test_a_relative_day_is_shown_with_its_date() -> None:
    """The facts read from `yesterday` carry the date it names (shown in `--json`)."""
    facts = read_article_facts("", DATED + "Police arrested the bus driver yesterday.")
    dates = [(f.text, f.value) for f in facts if f.measure == "date" and f.text == "yesterday"]
    assert dates == [("yesterday", "2011-03-02")]


def test_a_stamp_made_before_the_day_it_tells_of_dates_nothing() -> None:
    """A text stamped at 7:07 a.m. that tells of 10 a.m. today was written on another day or in
    another time zone: its `today` is not read against the stamp (a stamp in the evening is)."""
    right = "Firefighters extinguished the blaze on Monday, officials said."
    evening = "April 10, 2007 6:15PM Firefighters extinguished the blaze today at about 10am, officials said."
    morning = evening.replace("6:15PM", "7:07AM")
    assert disputed(evening, right) == [("today", "Monday")]
    assert disputed(morning, right) == []


# Years of acts done once (a beginning, a birth, a founding): one year whatever the verb.
YEARS = {
    "one beginning told with two verbs": (
        "The dancer began performing on stage in 1962 in Ohio.",
        "The dancer gave her first stage performance in 1959 in Ohio.",
        [("1962", "1959")],
    ),
    "one beginning in one year": (
        "The dancer began performing on stage in 1962 in Ohio.",
        "The dancer gave her first stage performance in 1962 in Ohio.",
        [],
    ),
    "an act that repeats is not compared by its year": (
        "The comedian hosted the awards in 1987 to great acclaim.",
        "The comedian hosted the awards in 2006 to great acclaim.",
        [],
    ),
    "the year of another verb after the beginning": (
        "The dancer began performing on stage in 1962 in Ohio.",
        "Her stage career began after she moved to Ohio in 1959.",
        [],
    ),
    "born-again is no birth": (
        "The singer was born in 1931 in a small town.",
        "The singer became a born-again Christian in 1975.",
        [],
    ),
    "two people's births": (
        "Ann Carter was born in 1931 in a small town.",
        "Her brother, Tom Carver, was born in 1934 in a small town.",
        [],
    ),
}


@pytest.mark.parametrize("name", list(YEARS))
def test_years_of_acts_done_once(name: str) -> None:
    left, right, expected = YEARS[name]
    assert disputed(left, right) == expected


MORE = {
    # A day without a year still has a next day.
    "the next day of a date without a year": (
        "The boy was arrested on Dec. 6 in the old town. He was released the next day from custody.",
        "The boy was released on Dec. 9 from custody.",
        [("the next day", "Dec. 9")],
    ),
    "the next day of a date without a year, the same day": (
        "The boy was arrested on Dec. 6 in the old town. He was released the next day from custody.",
        "The boy was released on Dec. 7 from custody.",
        [],
    ),
    # Days counted from the day just named.
    "days earlier than the day just named": (
        "The ship was seized on Monday. Four days earlier, pirates had attacked a tanker.",
        "Pirates attacked the tanker on Friday near the coast.",
        [("Four days earlier", "Friday")],
    ),
    "days earlier than the day just named, the same day": (
        "The ship was seized on Monday. Four days earlier, pirates had attacked a tanker.",
        "Pirates attacked the tanker on Thursday near the coast.",
        [],
    ),
    "days after a thing named is not a day counted from the day before": (
        "The ship was seized on Monday. Pirates attacked a tanker four days after the storm.",
        "Pirates attacked the tanker on Friday near the coast.",
        [],
    ),
    "the same day as the day just named": (
        "The gang robbed a bank on Tuesday. They stole a car the same day, police said.",
        "The gang stole a car on Wednesday, police said.",
        [("the same day", "Wednesday")],
    ),
    "the same day something else was is not a day on its own": (
        "The gang robbed a bank on Tuesday. The same day a report showed they stole a car.",
        "The gang stole a car on Wednesday, police said.",
        [],
    ),
    # A night told by a relative day crosses midnight too.
    "that night and the next early morning": (
        "The band played on Saturday. The drummer collapsed later that night on stage.",
        "The drummer collapsed early Sunday on stage.",
        [],
    ),
    "that night and the next afternoon": (
        "The band played on Saturday. The drummer collapsed later that night on stage.",
        "The drummer collapsed on Sunday afternoon on stage.",
        [("later that night", "Sunday")],
    ),
}


@pytest.mark.parametrize("name", list(MORE))
def test_more_relative_days(name: str) -> None:
    left, right, expected = MORE[name]
    assert disputed(left, right) == expected

