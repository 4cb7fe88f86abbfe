"""Round 5 of compare's fact rules (docs/compare.md, "Round 5"): clock times, death tolls, the
dead named as nouns, ages said as phrases (and in months), homes as houses, weights after a height, and the verb of a
day past a participle.

Each rule has a hand-written case (made up, not copied from any corpus) and a control with
matching context on the other side of the rule: one must be reported and the other not.
"""

from __future__ import annotations

import pytest

from reader.analysis.fact_match import compare_facts
from reader.analysis.fact_model import read_article_facts


def disputed(left: str, right: str) -> list[tuple[str, str]]:
    """The disagreements of two bodies, as (left figure, right figure) texts."""
    verdict = compare_facts(read_article_facts("", left), read_article_facts("", right))
    return [(d.left[0].text, d.right[0].text) for d in verdict.disagreements]


# case: (left, right, the figures disputed, or [] when nothing may be)
CASES = {
    # Clock times of one event are facts: half an hour apart is a disagreement ...
    "one event at two clock times": (
        "The blaze broke out at about 2 p.m. in the old mill.",
        "The blaze broke out at 2:30 p.m. in the old mill.",
        [("about 2 p.m.", "2:30 p.m.")],
    ),
    # ... a few minutes from a time said about, or from a round hour, is not.
    "one event at about the same time": (
        "The blaze broke out at about 2 p.m. in the old mill.",
        "The blaze broke out at 2:10 p.m. in the old mill.",
        [],
    ),
    "a round hour and a time a few minutes past it": (
        "The train left the station at 7 a.m. with forty people aboard.",
        "The train left the station at 7:04 a.m. with forty people aboard.",
        [],
    ),
    "written am and a.m., a 24-hour clock": (
        "The ferry docked at 11am near the harbour wall.",
        "The ferry docked at 13:15 near the harbour wall.",
        [("11am", "13:15")],
    ),
    "shortly after an hour, and twenty minutes past it": (
        "The alarm was raised shortly after 9 p.m. by a neighbour.",
        "The alarm was raised at 9:20 p.m. by a neighbour.",
        [],
    ),
    "two acts at two times": (
        "The crowd gathered at 6 p.m. outside the hall.",
        "The doors opened at 8 p.m. outside the hall.",
        [],
    ),
    "a bound is not a time": (
        "Crews had the fire under control by 5 p.m. on the hill.",
        "Crews had the fire under control at 7 p.m. on the hill.",
        [],
    ),
    "two time zones are not compared": (
        "The rocket lifted off at 10:15 a.m. EST from the pad.",
        "The rocket lifted off at 3:15 p.m. GMT from the pad.",
        [],
    ),
    "a planned time may move": (
        "The hearing will begin at 10 a.m. in the county court.",
        "The hearing will begin at 2 p.m. in the county court.",
        [],
    ),
    "a time without a.m. or p.m. is not read": (
        "The bus was stopped at 4:40 near the bridge.",
        "The bus was stopped at 5:50 near the bridge.",
        [],
    ),
    "a posting time is not the event's": (
        "Updated 8:40 a.m. The bus was stopped near the bridge.",
        "Updated 11:05 a.m. The bus was stopped near the bridge.",
        [],
    ),
    "a time in a numeric dateline is not the event's": (
        "04 / 11 / 12 08:15 PM ET The bus was stopped near the bridge at 6 p.m.",
        "11:40 AM PDT 4 / 11 / 2012 The bus was stopped near the bridge at 6 p.m.",
        [],
    ),
    # A death toll counts the dead.
    "two tolls of one disaster": (
        "The death toll from the landslide stood at 31 on the island.",
        "The landslide killed 25 people on the island.",
        [("31", "25 people")],
    ),
    "two tolls said to have risen": (
        "The death toll from the landslide rose to 31 on the island.",
        "The death toll from the landslide climbed to 40 on the island.",
        [("31", "40")],
    ),
    # A toll that rose is a running tally: a first day's count is not a report of it.
    "a risen toll against a first count": (
        "The death toll from the landslide rose to 31 on the island.",
        "The landslide killed 25 people on the island.",
        [],
    ),
    "a road toll is money, not people": (
        "The bridge toll rose to 9 after the vote.",
        "The bridge toll rose to 12 after the vote.",
        [],
    ),
    # The dead named as nouns are people killed.
    "lives claimed against people killed": (
        "The avalanche claimed 11 lives near the pass.",
        "The avalanche killed 14 people near the pass.",
        [("11 lives", "14 people")],
    ),
    "lives saved are not the dead": (
        "Rescuers saved 11 lives near the pass.",
        "The avalanche killed 14 people near the pass.",
        [],
    ),
    "fatalities against people who died": (
        "The pile-up caused 6 fatalities on the motorway.",
        "In the pile-up 9 people died on the motorway.",
        [("6 fatalities", "9 people")],
    ),
    # A day after a participle of a noun ("ships sailing ... on Friday") is the main verb's.
    "a day past a participle, the main verb's": (
        "A patrol boat stopped a raid on fishing boats crossing the bay on Friday.",
        "On Thursday a patrol boat stopped a raid in the bay.",
        [("Friday", "Thursday")],
    ),
    "a day past a participle, another act": (
        "A patrol boat stopped a raid on fishing boats crossing the bay on Friday.",
        "Fishing boats started crossing the bay again on Thursday.",
        [],
    ),
    "an -ing noun is no participle": (
        "A man robbed a bank near the town building Monday morning.",
        "A man robbed a bank near the town hall on Tuesday.",
        [],
    ),
    # People taken to hospital are a role of their own.
    "taken to hospital against hospitalised": (
        "Eleven people were taken to hospital after the pile-up.",
        "After the pile-up 14 were hospitalised.",
        [("Eleven people", "14")],
    ),
    "taken to hospital against killed": (
        "Eleven people were taken to hospital after the pile-up.",
        "After the pile-up 14 were killed.",
        [],
    ),
    # A sentence whose only figure is "one" is read too, and one person is no part of people.
    "one person against two people": (
        "Police said one person was killed when the roof fell in.",
        "Police said two people were killed when the roof fell in.",
        [("one person", "two people")],
    ),
    "one officer against two people": (
        "Police said one officer was killed when the roof fell in.",
        "Police said two people were killed when the roof fell in.",
        [],
    ),
    # Ages said as phrases.
    "the age of, against an N-year-old": (
        "Jane Porter retired from the stage at the age of 62 last spring.",
        "The 64-year-old Jane Porter retired from the stage last spring.",
        [("62", "64-year-old")],
    ),
    "years of age against a name and an age": (
        "Harold Quint, 58 years of age, was charged with fraud.",
        "Harold Quint, 55, was charged with fraud.",
        [("58 years of age", "55")],
    ),
    "who is, against an N-year-old": (
        "Olga Renn, who is 39, was elected mayor.",
        "The 41-year-old Olga Renn was elected mayor.",
        [("39", "41-year-old")],
    ),
    "a person described with an age": (
        "The driver, 52, was treated for cuts and released.",
        "The 57-year-old driver was treated for cuts and released.",
        [("52", "57-year-old")],
    ),
    "ages of the young in months": (
        "A 7-month-old girl was pulled alive from the rubble.",
        "An 8-month-old girl was pulled alive from the rubble.",
        [("7-month-old", "8-month-old")],
    ),
    "an age in months, the same": (
        "A 7-month-old girl was pulled alive from the rubble.",
        "A 7-month-old girl was pulled alive from the rubble, rescuers said.",
        [],
    ),
    # Two words for one thing counted.
    "homes and houses destroyed": (
        "The flood destroyed 30 homes along the river.",
        "The flood destroyed 45 houses along the river.",
        [("30 homes", "45 houses")],
    ),
    "homes and barns destroyed": (
        "The flood destroyed 30 homes along the river.",
        "The flood destroyed 45 barns along the river.",
        [],
    ),
    # Pounds right after a height are a body's weight, not a sum of money.
    "a weight after a height": (
        "The man is described as 5-foot-10, 170 pounds, with short hair.",
        "The man is described as 5 feet 10 inches tall and 190 pounds.",
        [("170 pounds", "190 pounds")],
    ),
    "a plural noun with a number is no age": (
        "The victims, 12 in all, were buried on Sunday.",
        "The victims, 15 in all, were buried on Sunday.",
        [],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_round_five_rules(case: str) -> None:
    left, right, expected = CASES[case]
    assert disputed(left, right) == expected


def test_a_clock_time_is_read_with_its_value_and_hedge() -> None:
    facts = read_article_facts("", "Witnesses said the shots rang out around 10:45 p.m. there.")
    clock = [f for f in facts if f.measure == "clock"]
    assert [(f.text, f.value, f.hedge) for f in clock] == [("around 10:45 p.m.", 1365.0, "about")]


def test_a_headline_clock_time_is_not_a_fact() -> None:
    facts = read_article_facts("Storm latest at 4 p.m.", "The storm hit the coast at 4 p.m.")
    assert [f.field for f in facts if f.measure == "clock"] == ["body"]


def test_pounds_are_a_weight_only_right_after_a_height() -> None:
    def measures(text: str) -> list[str]:
        return [f.measure for f in read_article_facts("", text) if "pounds" in f.text]

    assert measures("The man is 5-foot-10, 170 pounds, with short hair.") == ["mass"]
    assert measures("The 6-foot statue was sold at the fair for 200 pounds.") == ["money"]


def test_a_race_time_is_no_clock_time() -> None:
    facts = read_article_facts("", "She won in 2:14:35, and the race had started at 9 a.m.")
    assert [f.text for f in facts if f.measure == "clock"] == ["9 a.m."]
