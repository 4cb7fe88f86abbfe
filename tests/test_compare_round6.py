"""Round 6 of compare's fact rules (docs/compare.md, "Round 6: counts and magnitudes"): quake
magnitudes said as phrases (analysis/fact_magnitude.py), with their guards; how long before an
act or how long it lasts, distances in buildings, and hits told as bullets
(analysis/fact_counts.py); a lead's dateline month (analysis/fact_lead.py).

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


# Two reports of one quake agree on what it did (fact_magnitude.one_quake_told).
TOLL = " The tremor killed 14 people in the hill villages."

# case: (left, right, the figures disputed, or [] when nothing may be)
CASES = {
    # A magnitude on the Richter scale against one written with a hyphen: one quake, two values.
    "the Richter scale against magnitude-N": (
        "A quake measuring 6.3 on the Richter scale shook the valley." + TOLL,
        "A magnitude-5.8 quake shook the valley." + TOLL,
        [("6.3 on the Richter scale", "5.8")],
    ),
    "a magnitude of N against an earthquake measuring N": (
        "An earthquake with a magnitude of 4.9 rattled the port town." + TOLL,
        "The earthquake, measuring 5.3, rattled the port town." + TOLL,
        [("4.9", "5.3")],
    ),
    # Control: the same values, no disagreement.
    "two phrases of one value": (
        "A quake measuring 6.3 on the Richter scale shook the valley." + TOLL,
        "A magnitude-6.3 quake shook the valley." + TOLL,
        [],
    ),
    # An aftershock is its own quake ...
    "an aftershock against the main quake": (
        "An aftershock measuring 4.6 on the Richter scale shook the valley on Tuesday." + TOLL,
        "A magnitude-5.8 quake shook the valley." + TOLL,
        [],
    ),
    "aftershocks' magnitudes ranging from N to M": (
        "It was followed by aftershocks with magnitudes ranging from 4.4 to 4.9." + TOLL,
        "A magnitude-5.8 quake shook the valley." + TOLL,
        [],
    ),
    # ... and so is a quake told as one, far weaker than the main one.
    "a quake a whole magnitude weaker": (
        "The institute registered a quake measuring 3.9 on the Richter scale." + TOLL,
        "A magnitude-5.8 quake shook the valley." + TOLL,
        [],
    ),
    # A past quake named by its year is not this one.
    "a quake of another year": (
        "In 1999 a quake measuring 6.3 on the Richter scale shook the valley." + TOLL,
        "A magnitude-5.8 quake shook the valley." + TOLL,
        [],
    ),
    # Two articles that agree on the quake's date tell of one quake too.
    "a date agreed": (
        "A quake measuring 6.3 on the Richter scale shook the valley. It struck on March 4.",
        "A magnitude-5.8 quake shook the valley. It struck on March 4, injuring two people.",
        [("6.3 on the Richter scale", "5.8")],
    ),
    # Two articles that agree on nothing the quake did may tell of two quakes of one place.
    "no toll agreed": (
        "A quake measuring 6.3 on the Richter scale shook the valley, injuring two people.",
        "A magnitude-5.8 quake shook the valley, killing 30 people.",
        [],
    ),
    # How long before an act, counted back from the act on one side and from the time of
    # writing on the other (fact_counts.durations_before_meet) ...
    "weeks before the act against weeks ago": (
        "The singer signed the contract three weeks before his arrest.",
        "The singer signed the contract about two weeks ago, his agent said.",
        [("three weeks", "about two weeks")],
    ),
    "days before the act against days earlier": (
        "The banker moved out of the flat five days before the fire.",
        "The banker had moved out of the flat eight days earlier.",
        [("five days", "eight days")],
    ),
    # Told once without a verb of its own, two words near both name the act ...
    "one act before, told with a verb and without": (
        "The coach had knee surgery five weeks before the final.",
        "The coach needed knee surgery about three weeks ago.",
        [("five weeks", "about three weeks")],
    ),
    # ... two verbs are two acts: selling and buying a house.
    "two acts before, two verbs": (
        "The banker sold the house five weeks before the fire.",
        "The banker bought the house about three weeks ago.",
        [],
    ),
    # ... not a length after an act, against one before the time of writing.
    "weeks after the act against weeks ago": (
        "The singer signed the contract three weeks after his arrest.",
        "The singer signed the contract about two weeks ago, his agent said.",
        [],
    ),
    # How long an act lasts, before its noun on one side and after its verb on the other ...
    "a N-year marriage against married for M years": (
        "The painter had been married for 14 years when he left for Lisbon.",
        "His 11-year marriage ended when he left for Lisbon.",
        [("14 years", "11-year")],
    ),
    "a N-year prison sentence against sentenced to M years": (
        "The clerk was sentenced to six years in prison for the theft.",
        "The clerk received a four-year prison sentence for the theft.",
        [("six years", "four-year")],
    ),
    # ... not a sentence someone faces or a rule says: what may be, not what is ...
    "a N-year sentence faced against sentenced to M years": (
        "The clerk was sentenced to six years in prison for the theft.",
        "The clerk could face a four-year prison sentence for the theft.",
        [],
    ),
    # ... nor offers or deals, which a story often tells of two parties.
    "a N-year offer against offered M years": (
        "The club offered the striker seven years, the agent said.",
        "The club made the striker an eight-year offer, the agent said.",
        [],
    ),
    # A distance along a street counted in buildings on one side, houses on the other ...
    "buildings away against houses away": (
        "The gunman was caught in a yard five buildings away from the bakery.",
        "The gunman was caught in a yard three houses away from the bakery.",
        [("five buildings", "three houses")],
    ),
    # ... not buildings and houses counted for what happened to them.
    "buildings destroyed against houses destroyed": (
        "The storm destroyed five buildings in the lane.",
        "The storm destroyed three houses in the lane.",
        [],
    ),
    # Hits told as bullets that struck (fact_counts.hits_as_times) ...
    "shot N times against hit by M bullets": (
        "The driver was shot nine times by the guards at the gate.",
        "The post-mortem found the driver had been hit by six bullets.",
        [("nine times", "six bullets")],
    ),
    # ... and hits with a bullet in the clause; not blows.
    "hit N times by bullets against shot M times": (
        "The driver was shot nine times by the guards at the gate.",
        "The driver was hit six times by gunfire from the guards at the gate.",
        [("nine times", "six times")],
    ),
    "hit N times with a bat against shot M times": (
        "The driver was shot nine times by the guards at the gate.",
        "The driver was hit six times with a bat by a guard at the gate.",
        [],
    ),
    # ... not bullets fired, which need not all strike.
    "shot N times against M bullets fired": (
        "The driver was shot nine times by the guards at the gate.",
        "The guards fired six bullets at the driver's car.",
        [],
    ),
    # A lead that runs on from its dateline is not "in" the dateline's month (fact_lead) ...
    "a lead after its dateline": (
        "Tuesday, June 4, 2019 08:10 The fire destroyed 12 homes in the valley, officials said.",
        "The fire destroyed 15 homes in the valley, officials said.",
        [("12 homes", "15 homes")],
    ),
    # ... but two datelines of two months may be two events of one kind ...
    "two leads after datelines of two months": (
        "Tuesday, June 4, 2019 08:10 The fire destroyed 12 homes in the valley, officials said.",
        "Friday, March 9, 2018 10:30 The fire destroyed 15 homes in the valley, officials said.",
        [],
    ),
    # ... and a sentence that names a month of its own is in it.
    "a month named in the sentence": (
        "The fire destroyed 12 homes in the valley in June, officials said.",
        "The fire destroyed 15 homes in the valley, officials said.",
        [],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_round_six_rules(case: str) -> None:
    left, right, expected = CASES[case]
    assert disputed(left, right) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A magnitude-5.8 quake shook the valley.", 5.8),
        ("The quake had a magnitude of 5.8, the survey said.", 5.8),
        ("The survey put the quake's magnitude at 5.8.", 5.8),
        ("It measured 5.8 degrees on the Richter scale.", 5.8),
        ("An earthquake registering 5.8 shook the valley.", 5.8),
        ("A 5.8-magnitude quake shook the valley.", 5.8),
        ("A 5.8 earthquake shook the valley.", 5.8),
    ],
)
def test_a_magnitude_said_as_a_phrase_is_read(text: str, value: float) -> None:
    facts = [f for f in read_article_facts("", text) if f.measure == "magnitude"]
    assert [f.value for f in facts] == [value]


def test_a_number_measured_without_a_quake_is_no_magnitude() -> None:
    for text in (
        "The room measuring 5.8 metres was full of people.",
        "The quake toppled a wall measuring 3 metres.",
        "After the quake, officials registered 8 deaths.",
        "Two quakes hit the town.",
    ):
        assert not [f for f in read_article_facts("", text) if f.measure == "magnitude"]
