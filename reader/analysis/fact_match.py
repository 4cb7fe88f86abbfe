"""Disagreements between two articles, decided on their facts (see fact_model).

In: the facts of two texts of one story. Out: `FactDisagreement`s. Two facts are about the
same thing when they measure the same (a count of the same noun with the same role, a sum in
one currency, an age, a weekday ...), in the same scope (no "last year" on one side only,
the same months named), and their clauses share what the figure is about (a content word
or, for ages and records, the person's name). They disagree when their values differ beyond
rounding (12 percent vs 12.4%) and the hedges written with them (about 1,000 vs 800 is a
disagreement, about 1,000 vs 1,000 is not). A thing both sides agree on anywhere is never
disputed, and a side that gives two different values for one thing is not taken at its word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reader.analysis.fact_clock import clock_values_agree
from reader.analysis.fact_counts import (
    acts_before_meet,
    durations_before_meet,
    durations_of_one_act,
    one_thing_counts,
)
from reader.analysis.fact_dated import dated_things_meet
from reader.analysis.fact_days import DAY_OF_DATE, dated_nouns_meet, nights_meet
from reader.analysis.fact_frame import FRAMED
from reader.analysis.fact_lead import scopes_meet_past_dateline
from reader.analysis.fact_magnitude import magnitudes_meet, one_quake_told
from reader.analysis.fact_model import CALENDAR, FigureFact
from reader.analysis.fact_scope import population_place, scopes_differ
from reader.analysis.fact_subject import thing_age
from reader.analysis.fact_tokens import name_key, noun_key
from reader.analysis.fact_whose import ArticleNames, about_others
from reader.analysis.fact_words import DIRECTIONS
from reader.analysis.fact_years import years_meet

# How far a hedged figure may be from the value written: (low, high) factors.
HEDGE_RANGES: dict[str, tuple[float, float]] = {
    "": (1.0, 1.0),
    "further": (1.0, 1.0),
    "about": (0.9, 1.1),
    "nearly": (0.9, 1.0),
    "least": (1.0, 1.1),
    "under": (0.9, 1.0),
}
# Physical measures converted between units (40 miles, 64 km) agree within this share.
CONVERSION_SLACK = 0.02
# Measures compared by the clause words they share (what they are about).
_BY_WORDS = frozenset(
    {"money", "percent", "length", "mass", "speed", "area", "volume", "temperature", "calibre"}
)
# Measures of when and how long: compared by the event they date (checked in, fired).
_BY_EVENT = frozenset({"weekday", "month", "date", "duration", "clock"})
_PHYSICAL = frozenset({"length", "mass", "duration", "speed", "area", "volume", "temperature"})
# Measures that belong to one person or team, compared only when their owner is the same.
_OWNED = frozenset({"age", "record"})
# Measures compared whatever times their sentences name: a date is its own time, a person's
# age, record or rank is theirs ("Cheeks, fired March 2, is the fourth head coach").
_UNSCOPED = CALENDAR | _OWNED | {"ordinal"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where one side states a disputed figure: the figure and its sentence, with offsets."""

    field: str  # title | body: the article field the offsets are in
    text: str  # the figure as written
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    value: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "text": self.text,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "sentence": {
                "text": self.sentence,
                "start": self.sentence_start,
                "end": self.sentence_end,
            },
        }


@dataclass(frozen=True, slots=True)
class FactDisagreement:
    """Both sides state one quantity about one thing, with values that do not agree."""

    topic: str  # what it is about, in a word or two ("people injured", "age", "turnout")
    measure: str
    left: tuple[FigureFact, ...]
    right: tuple[FigureFact, ...]
    left_evidence: tuple[Evidence, ...]
    right_evidence: tuple[Evidence, ...]


def values_agree(a: FigureFact, b: FigureFact) -> bool:
    """Whether two facts' values agree at face value, allowing rounding and hedges."""
    if nights_meet(a, b):
        return True  # "on Thursday night", "early Friday morning"
    if a.measure == "clock" and isinstance(a.value, float) and isinstance(b.value, float):
        return clock_values_agree(a.value, a.hedge, a.precision, b.value, b.hedge, b.precision)
    if isinstance(a.value, str) or isinstance(b.value, str):
        return _dates_agree(str(a.value), str(b.value))
    if isinstance(a.value, tuple) or isinstance(b.value, tuple):
        # A score may be written either way round: "England's 18-17 defeat", "England 17-18".
        return a.value == b.value or (
            a.measure == "record" and isinstance(b.value, tuple) and a.value == b.value[::-1]
        )
    low_a, high_a = _hedged(a)
    low_b, high_b = _hedged(b)
    # A bound against a figure that is not the same kind of bound reaches further: "at least
    # 70 hurt" and "about 100 hurt", "more than 30 hours" and "40 hours" do not contradict
    # each other; "at least three killed" and "10 killed" do.
    bound_a, bound_b = _BOUNDS.get(a.hedge, ""), _BOUNDS.get(b.hedge, "")
    if bound_a != bound_b:
        if bound_a == "low":
            high_a = low_a * BOUND_REACH
        elif bound_a == "high":
            low_a = high_a / BOUND_REACH
        if bound_b == "low":
            high_b = low_b * BOUND_REACH
        elif bound_b == "high":
            low_b = high_b / BOUND_REACH
    gap = max(low_b - high_a, low_a - high_b, 0.0)
    return gap <= max(_slack(a), _slack(b)) + 1e-9


# Hedges that bound a value on one side only ("at least", "more than"; "under"), and how far
# such a bound reaches against a figure that is not a bound the same way: a writer who knows
# of 40 hours may well write "more than 30", rarely "more than 10" (two bounds of one kind
# keep HEDGE_RANGES: "more than 26,000 dead" and "more than 31,000" disagree).
_BOUNDS = {"least": "low", "under": "high"}
BOUND_REACH = 1.5


def _hedged(fact: FigureFact) -> tuple[float, float]:
    """The values a figure allows at face value, given its hedge (about 100: 90 to 110)."""
    value = float(fact.value)  # type: ignore[arg-type]
    low_factor, high_factor = HEDGE_RANGES.get(fact.hedge, (1.0, 1.0))
    low, high = sorted((value * low_factor, value * high_factor))
    return low, high


def _slack(fact: FigureFact) -> float:
    """How far another value may be and still be this one rounded (12 percent, 12.4%)."""
    slack = 0.0
    if fact.measure in _PHYSICAL or fact.measure in ("percent", "magnitude"):
        slack = fact.precision / 2
    if fact.measure in _PHYSICAL:
        slack = max(slack, abs(float(fact.value)) * CONVERSION_SLACK)  # type: ignore[arg-type]
    return slack


def _dates_agree(a: str, b: str) -> bool:
    """ISO dates, possibly without a year ("--11-18") or a day ("2009-11")."""
    if a.startswith("--") or b.startswith("--"):
        return a[-5:] == b[-5:] if len(a) >= 5 and len(b) >= 5 else True
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def same_thing(a: FigureFact, b: FigureFact) -> bool:
    """Whether two facts (one from each side) state one quantity about one thing."""
    if a.measure != b.measure or a.unit != b.unit:
        return False
    if a.unit_word == b.unit_word == DAY_OF_DATE:
        return False  # two weekdays of dates: their dates are compared
    if "vague" in (a.hedge, b.hedge):
        return False
    measure = a.measure
    if (
        measure not in _UNSCOPED
        and a.scope != b.scope
        and not scopes_meet_past_dateline(a, b)  # a dateline's month (fact_lead)
        and not durations_before_meet(a, b)  # "three weeks before", "two weeks ago" (fact_counts)
    ):
        return False
    if measure in _SIZED and not _same_order(a, b, ORDER_RATIO):
        return False  # "five wounded", "80 hurt": more likely two events than one misreport
    if measure not in CALENDAR and a.days and b.days and not a.days & b.days:
        return False  # "arrested on Monday", "arrested on Wednesday": two days, two events
    if measure in ("duration", "times") and a.near and b.near and not _owners_meet(a.near, b.near):
        return False  # "Hiller had worked there 15 years", "Ryan has worked there 30 years"
    if measure == "count":
        if a.noun != b.noun or a.other != b.other or a.kinds != b.kinds:
            return False
        if a.owner and b.owner:
            return _owners_meet(a.owner, b.owner)
        if a.noun == "person":
            if a.role or b.role:
                return a.role == b.role
            place = population_place(a)
            if place or population_place(b):
                return place == population_place(b)  # the people living on one island
            # No role on either side: the same verb or event ("sent eight experts", "sent
            # three observers") and another word of what they do in common.
            return bool(a.event) and a.event == b.event and bool((a.close & b.close) - {a.event})
        if a.rate or b.rate:
            # "793,000 barrels of oil per day" (produces), "1 million barrels a day" (pumps)
            return a.rate and b.rate and bool(a.event) and a.event == b.event
        if a.role and b.role:
            return a.role == b.role
        return bool(a.words & b.words)
    if measure == "times":
        # "presided over that ceremony three times", "hosted the ceremony five times": two
        # verbs (and here two hosts), not one count
        return a.noun == b.noun and (not a.event or not b.event or a.event == b.event)
    if measure == "ordinal":
        # The same rank of one series: the same noun, and the same person or team ranked.
        return a.noun == b.noun and _owners_meet(a.near, b.near)
    if measure in _OWNED:
        if measure == "record" and not _records_of_one_order(a, b):
            return False  # "4-2-1 since that win", "45-7-2": two spans, not one record
        if _owners_meet(a.owner, b.owner):
            return True
        # A name earlier in the clause is a weaker owner: the clauses must share a word too.
        weak = _owners_meet(a.owner or a.near, b.owner or b.near)
        if weak and bool(a.words & b.words):
            return True
        # "Smith, 53-3, ..." and "Smith improved his record to 52-3": a record whose clause
        # names no one but the other side's owner is that owner's.
        return measure == "record" and (_sole_subject(a, b) or _sole_subject(b, a))
    if measure == "magnitude":
        return magnitudes_meet(a, b)
    if measure in _BY_EVENT:
        if a.event and a.event == b.event:
            return True
        # "a 10-year marriage" / "married for 12 years"; "had a heart attack ... before" /
        # "suffered a heart attack ... ago" (fact_counts)
        if measure == "duration" and (durations_of_one_act(a, b) or acts_before_meet(a, b)):
            return True
        # "rules issued last December", "rule changes made in January": one thing's month;
        # "the June 20 shooting", "a shooting that took place the previous day": one thing's day
        return dated_things_meet(a, b) or dated_nouns_meet(a, b)
    if measure in _BY_WORDS:
        if measure in ("money", "percent"):
            if a.noun and b.noun and a.noun != b.noun:
                return False  # "$3 billion revenue", "$4 billion profit"
        elif (a.noun or b.noun) and a.noun != b.noun:
            return False  # a 10-metre craft, 13 miles away
        if a.owner and b.owner and not _owners_meet(a.owner, b.owner):
            return False
        if a.near and b.near and not _owners_meet(a.near, b.near):
            return False  # "Reuters ... 52%" and "GlaxoSmithKline ... 9%": two companies
        if measure in FRAMED:
            if a.whole and b.whole and not _owners_meet(frozenset({a.whole}), frozenset({b.whole})):
                return False  # "a 56% stake in Ferrari", "a 20% stake in Fiat"
            return bool(a.frame & b.frame) and _same_order(a, b, FRAMED_RATIO)
        return bool((a.close & b.close) - DIRECTIONS)
    return measure == "year" and years_meet(a, b)


# Two sums or percentages further apart than this are two things, however they are
# described: a misreport is a digit or a rounding, not a $36m claim against a $27bn one.
FRAMED_RATIO = 3.0


# Two counts, durations or physical measures this many times apart are two things: reports of
# one quantity differ by a rounding, a misprint or an update, rarely by an order of magnitude.
# (Same-story disagreements on the development set differ by at most 3.4 times.)
ORDER_RATIO = 10.0
_SIZED = frozenset({"count", "times", "duration", "length", "mass", "speed", "area", "volume"})


# Two win-loss records of one fighter or team at one time count nearly the same contests: a
# misreport is a win or a loss, not 18 contests against 56 ("a 10-8 round", "53-3").
RECORD_SPREAD = 0.25


def _records_of_one_order(a: FigureFact, b: FigureFact) -> bool:
    total_a = sum(a.value) if isinstance(a.value, tuple) else 0.0
    total_b = sum(b.value) if isinstance(b.value, tuple) else 0.0
    low, high = sorted((total_a, total_b))
    return high - low <= max(3.0, high * RECORD_SPREAD)


_OPENING_WORD = re.compile(r"\W*([A-Z][\w'’-]*)")


def _sole_subject(owned: FigureFact, other: FigureFact) -> bool:
    """Whether `other` has no owner, its sentence opens with `owned`'s owner (its subject)
    and its clause names no one else."""
    if not owned.owner or other.owner or not other.near:
        return False
    opening = _OPENING_WORD.match(other.sentence_text)
    if not opening or not _owners_meet(frozenset({name_key(opening.group(1))}), owned.owner):
        return False
    return all(_owners_meet(frozenset({name}), owned.owner) for name in other.near)


def _same_order(a: FigureFact, b: FigureFact, ratio: float) -> bool:
    low, high = sorted((abs(float(a.value)), abs(float(b.value))))  # type: ignore[arg-type]
    return high < low * ratio


def _owners_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Names that are one person: equal, or one letter or two apart (Klitschko, Klitchsko)."""
    if not a or not b:
        return False
    if a & b:
        return True
    return any(len(x) >= 6 and len(y) >= 6 and _close(x, y) for x in a for y in b)


@lru_cache(maxsize=4096)
def _close(x: str, y: str) -> bool:
    if abs(len(x) - len(y)) > 2 or x[0] != y[0]:
        return False
    previous = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        current = [i]
        for j, cy in enumerate(y, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (cx != cy)))
        previous = current
    return previous[-1] <= 2


@dataclass(frozen=True, slots=True)
class FactComparison:
    """What two texts' facts say together: things they agree on, things they dispute."""

    agreements: tuple[tuple[FigureFact, FigureFact], ...]  # one agreeing pair per thing
    disagreements: tuple[FactDisagreement, ...]


def find_fact_disagreements(
    left: Sequence[FigureFact], right: Sequence[FigureFact]
) -> list[FactDisagreement]:
    """Things both sides state with values that do not agree (see the module docstring)."""
    return list(compare_facts(left, right).disagreements)


def compare_facts(
    left: Sequence[FigureFact],
    right: Sequence[FigureFact],
    names: tuple[ArticleNames, ArticleNames] | None = None,
) -> FactComparison:
    """The things two texts agree on and the things they dispute. `names`: the two
    articles' texts, when known: a figure said about names the other never mentions is not
    its figure (`fact_whose`)."""
    left, right = one_thing_counts(left), one_thing_counts(right)  # "hit by seven bullets"
    by_measure: dict[str, list[int]] = {}
    for j, fact in enumerate(right):
        by_measure.setdefault(fact.measure, []).append(j)
    parent = list(range(len(left) + len(right)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    lone = _lone_nouns(left) & _lone_nouns(right)
    if _people_ages(left) == 1 and _people_ages(right) == 1:
        lone.add("\x00age")
    edges: list[tuple[int, int]] = []
    for i, a in enumerate(left):
        for j in by_measure.get(a.measure, ()):
            if same_thing(a, right[j]) or _lone_totals(a, right[j], lone):
                edges.append((i, j))
                parent[find(i)] = find(len(left) + j)
    groups: dict[int, list[tuple[int, int]]] = {}
    for i, j in edges:
        groups.setdefault(find(i), []).append((i, j))
    found: list[FactDisagreement] = []
    agreed: list[tuple[FigureFact, FigureFact]] = []
    for group in groups.values():
        agreeing = [(left[i], right[j]) for i, j in group if values_agree(left[i], right[j])]
        if agreeing:
            agreed.append(agreeing[0])
            continue
        lefts = [left[i] for i in sorted({i for i, _ in group})]
        rights = [right[j] for j in sorted({j for _, j in group})]
        if not _one_value(lefts):
            lefts = _in_units_of(lefts, rights)
        if not _one_value(rights):
            rights = _in_units_of(rights, lefts)
        if not (lefts and rights and _one_value(lefts) and _one_value(rights)):
            continue
        if all(scopes_differ(x, y) for x in lefts for y in rights):
            continue  # the same words, but another scope or time (fact_scope.py)
        if names is not None and (
            about_others(lefts, names[0], names[1]) and about_others(rights, names[1], names[0])
        ):
            continue  # another company's, product's or person's figure (fact_whose.py)
        found.append(
            FactDisagreement(
                topic=_topic(lefts, rights),
                measure=lefts[0].measure,
                left=tuple(lefts),
                right=tuple(rights),
                left_evidence=tuple(evidence(f) for f in lefts),
                right_evidence=tuple(evidence(f) for f in rights),
            )
        )
    if not one_quake_told(agreed):  # fact_magnitude: two quakes, or no way to tell
        found = [d for d in found if d.measure != "magnitude"]
    found = _merged(found)
    found.sort(key=lambda d: (d.left[0].field != "title", d.left[0].start, d.right[0].start))
    agreed.sort(key=lambda pair: (pair[0].start, pair[1].start))
    return FactComparison(tuple(agreed), tuple(found))


# A count this large of a noun each side counts only once is taken to be its total.
LONE_TOTAL = 20


LONE_AGE_RATIO = 1.25


def _people_ages(facts: Sequence[FigureFact]) -> int:
    """How many ages of people a side gives ("a 41-year-old murder case" is a thing's)."""
    return sum(f.measure == "age" and not thing_age(f) for f in facts)


def _lone_nouns(facts: Sequence[FigureFact]) -> set[str]:
    """The nouns (not people) that a side counts exactly once."""
    seen: dict[str, int] = {}
    for fact in facts:
        if fact.measure == "count" and fact.noun != "person":
            seen[fact.noun] = seen.get(fact.noun, 0) + 1
    return {noun for noun, times in seen.items() if times == 1}


def _lone_totals(a: FigureFact, b: FigureFact, lone: set[str]) -> bool:
    """Two large counts of a noun each side counts only once ("nearly 300,000 comments",
    "235,000 public comments"): the same total, even when their clauses share no word. And
    the only age each side gives: the age of the one person the story is about."""
    if a.measure == b.measure == "age" and "\x00age" in lone:
        low, high = sorted((float(a.value), float(b.value)))  # type: ignore[arg-type]
        # Far apart, two lone ages are more likely two people than one misreported.
        return not (a.owner and b.owner) and a.scope == b.scope and high <= low * LONE_AGE_RATIO
    return (
        a.measure == b.measure == "count"
        and a.noun == b.noun
        and a.noun in lone
        and a.other == b.other
        and a.kinds == b.kinds
        and _scopes_fit(a, b)
        and not (a.role and b.role and a.role != b.role)
        and "vague" not in (a.hedge, b.hedge)
        and min(float(a.value), float(b.value)) >= LONE_TOTAL  # type: ignore[arg-type]
        and not (a.rate or b.rate)
    )


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _scopes_fit(a: FigureFact, b: FigureFact) -> bool:
    """The same time: equal scopes, or one side naming the month and the other no time at all,
    not even a year ("in October corralled 250,000 comments", "nearly 235,000 comments")."""
    if a.scope == b.scope:
        return True
    if "past" in a.scope | b.scope:
        return False
    timeless = a if not a.scope else b if not b.scope else None
    return timeless is not None and not _YEAR.search(timeless.sentence_text)


def _merged(found: list[FactDisagreement]) -> list[FactDisagreement]:
    """One disagreement per pair of values: two things disputed with the same values on
    each side ($14 billion vs $14.3 billion said twice) are one disagreement."""
    by_values: dict[tuple[object, ...], FactDisagreement] = {}
    for d in found:
        key = (
            d.measure,
            d.left[0].unit,
            frozenset(_value_key(f) for f in d.left),
            frozenset(_value_key(f) for f in d.right),
        )
        seen = by_values.get(key)
        if seen is None:
            by_values[key] = d
            continue
        lefts = _unique((*seen.left, *d.left))
        rights = _unique((*seen.right, *d.right))
        by_values[key] = FactDisagreement(
            topic=_topic(lefts, rights),
            measure=seen.measure,
            left=lefts,
            right=rights,
            left_evidence=tuple(evidence(f) for f in lefts),
            right_evidence=tuple(evidence(f) for f in rights),
        )
    return list(by_values.values())


def _value_key(fact: FigureFact) -> object:
    value = fact.value
    return round(value, 6) if isinstance(value, float) else value


def _unique(facts: Sequence[FigureFact]) -> tuple[FigureFact, ...]:
    seen: dict[tuple[str, int], FigureFact] = {}
    for fact in facts:
        seen.setdefault((fact.field, fact.start), fact)
    return tuple(sorted(seen.values(), key=lambda f: (f.field != "title", f.start)))


def _in_units_of(facts: list[FigureFact], other: list[FigureFact]) -> list[FigureFact]:
    """Of a side's several values for a thing, those written in the other side's unit ("40
    hours over four days" against "30 hours": the hours)."""
    units = {f.unit_word for f in other}
    return [f for f in facts if f.unit_word and f.unit_word in units]


def _one_value(facts: Sequence[FigureFact]) -> bool:
    """Whether one side's facts about a thing agree with each other (else it names several
    things we cannot tell apart, and none of them is disputed)."""
    return all(values_agree(facts[0], other) for other in facts[1:])


_ROLE_TOPICS = {
    "killed": "people killed",
    "injured": "people injured",
    "arrested": "people arrested",
    "missing": "people missing",
    "rescued": "people rescued",
    "evacuated": "people evacuated",
    "displaced": "people displaced",
    "charged": "people charged",
    "hospitalized": "people in hospital",
}


def _topic(lefts: Sequence[FigureFact], rights: Sequence[FigureFact]) -> str:
    """What a disagreement is about, in a word or two: "people injured", "rifles", the word
    most of its figures sit next to ("investment"), else the measure ("age", "weekday")."""
    first = lefts[0]
    if first.measure == "count":
        if first.noun == "person":
            return _ROLE_TOPICS.get(first.role, "people")
        words = first.text.split()
        written = words[-1].casefold() if len(words) > 1 else first.noun
        # "47 KO's": the noun it stands for ("knockout"), not the abbreviation
        return written if noun_key(written) == first.noun else first.noun
    if first.measure == "ordinal":
        return f"rank ({first.text.split()[-1].casefold()})"  # "rank (coach)"
    if first.measure in _BY_EVENT and first.event_form:
        return f"{first.measure} ({first.event_form})"  # "weekday (checked)"
    facts = (*lefts, *rights)
    # A sum or a percentage is about what it is attached to ("tax bill", "damages").
    framed = first.measure in FRAMED
    left_words = set().union(*((f.frame if framed else f.close) for f in lefts))
    right_words = set().union(*((f.frame if framed else f.close) for f in rights))
    counts: dict[str, int] = {}
    for fact in facts:
        for word in (fact.frame if framed else fact.close) & left_words & right_words:
            counts[word] = counts.get(word, 0) + 1
    if not counts:
        return first.measure
    forms = {w: max((f.forms.get(w, w) for f in facts), key=len) for w in counts}
    best = max(counts, key=lambda w: (counts[w], len(forms[w]), forms[w]))
    return forms[best]


def evidence(fact: FigureFact) -> Evidence:
    """The fact as evidence: the figure and its sentence, with offsets into its field."""
    start, end = fact.sentence
    return Evidence(
        field=fact.field,
        text=fact.text,
        start=fact.start,
        end=fact.end,
        sentence=fact.sentence_text,
        sentence_start=start,
        sentence_end=end,
        value=fact.value,
    )
