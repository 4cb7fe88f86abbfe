"""What a figure is attached to, for the fact model: the words that say what a sum or a
percentage is ("a $27bn tax bill", "$20bn in damages", "turnout was 90%"), whether a count is
a rate ("barrels per day"), the event a duration measures ("30 hours of deliberation"), and
the verb a day belongs to past a participle ("foiled an attack on ships sailing on Friday").

In: the tokens of one sentence and a `Reading`. Out: stems, a flag, a word.
"""

from __future__ import annotations

from reader.analysis.fact_reading import Reading, hedge_before
from reader.analysis.fact_tokens import CLAUSE_MARKS, Tok, stem
from reader.analysis.fact_words import (
    DETERMINERS,
    IRREGULAR_PAST,
    MOVES,
    NOT_ABOUT,
    NOT_EVENTS,
    STOPWORDS,
    UNITS,
)

# Measures whose figures are about the words they are attached to (see `frame_words`).
FRAMED = frozenset({"money", "percent"})
# Words between a figure and the noun before it that take it: "valuation of", "turnout was",
# "valued at", "cut to", "rose by", "sold for".
_TAKERS = frozenset(
    "of at to for by was is were are be been being stood stands stand has have had".split()
)
_MARKUP = frozenset("*_")
_OWN = ("'s", "’s")


def frame_words(tokens: list[Tok], reading: Reading, first: int, stop: int) -> frozenset[str]:
    """What a sum or a percentage is attached to, as stems: the compound after it ("a $27bn
    back-tax bill"), else the phrase after "in" or "of" ("$20bn in damages", "70% of its oil
    consumption"), and the noun before it that takes it ("damages of $20bn", "turnout was
    almost 90%", "valuation reached $14bn"). Not the other words of its clause: in a story
    of many sums, "oil", "tax" or "company" sit next to most of them."""
    words: set[str] = set()
    k = _past_aside(tokens, reading.last, stop)
    taken = _compound(tokens, k, stop, words)
    if not taken and k < stop and tokens[k].lower in ("in", "of"):
        k += 1
        while k < stop and (
            tokens[k].lower in DETERMINERS
            or (tokens[k].kind == "word" and tokens[k].text[:1].isupper())
            or tokens[k].text in ("'", "’")
        ):
            k += 1  # "of its", "of Russia's", "of Yukos'"
        _compound(tokens, k, stop, words)
    j = hedge_before(tokens, reading.first, first)[1] - 1
    while j >= first:
        if (
            tokens[j].text in _MARKUP
            or tokens[j].lower in _TAKERS
            or tokens[j].lower in MOVES
            or tokens[j].lower in DETERMINERS
        ):
            j -= 1
        elif tokens[j].lower == "half" and j > first and tokens[j - 1].lower in ("in", "by"):
            j -= 2  # "cut its stake in half to 10%": the stake
        else:
            break
    if j >= first:
        token = tokens[j]
        # A capital inside a sentence is a name, unless the sentence is a headline in title
        # case ("Meta Invests $14.3B"); a possessive ("Meta's $14bn") is an owner.
        if (
            token.kind == "word"
            and (
                token.text[:1].islower()
                or (
                    j > first
                    and not token.lower.endswith(_OWN)
                    and _title_case(tokens, first, stop)
                )
            )
            and token.lower not in NOT_ABOUT
            and len(token.lower) > 2
        ):
            words.add(stem(token.lower))
    return frozenset(words - _LOOSE)


# Words a sum is attached to that say nothing of what it is: "in the $75 million range",
# "a sum of $5m", "the $1bn mark".
_LOOSE = frozenset(
    stem(word) for word in "range sum amount figure total level mark region order tune".split()
)


def _title_case(tokens: list[Tok], first: int, stop: int) -> bool:
    """Whether a sentence is written in title case (a headline): most of its longer words
    start with a capital."""
    words = [t for t in tokens[first:stop] if t.kind == "word" and len(t.text) > 3]
    return len(words) >= 2 and sum(t.text[:1].isupper() for t in words) * 4 >= len(words) * 3


_RATE_LEADS = frozenset("per a an each every".split())


def rate_after(tokens: list[Tok], k: int, stop: int) -> bool:
    """Whether a count is a rate: "per day", "a year", "of oil a day" after it."""
    if k + 1 < stop and tokens[k].lower == "of":
        k += 2  # "barrels of oil a day"
    return k + 1 < stop and tokens[k].lower in _RATE_LEADS and tokens[k + 1].lower in UNITS


def _past_aside(tokens: list[Tok], k: int, stop: int) -> int:
    """Where the words after a figure start, past markup and a short aside in brackets
    ("$27.5bn (£14.5bn) in unpaid taxes")."""
    while k < stop and tokens[k].text in _MARKUP:
        k += 1
    if k < stop and tokens[k].text == "(":
        close = next((m for m in range(k + 1, min(stop, k + 8)) if tokens[m].text == ")"), -1)
        if close > 0:
            k = close + 1
    return k


def _compound(tokens: list[Tok], k: int, stop: int, words: set[str]) -> int:
    """Adds the lower-case words of the noun compound at `k` ("back-tax bill") to `words`;
    returns how many were taken."""
    taken = 0
    while k < stop and taken < 3:
        token = tokens[k]
        if token.text == "-" and taken and k + 1 < stop and tokens[k + 1].start == token.end:
            k += 1
            continue
        if (
            token.kind != "word"
            or not token.text[:1].islower()
            or token.lower in STOPWORDS
            or token.lower in MOVES
            or token.lower in UNITS
        ):
            break
        words.add(stem(token.lower))
        taken += 1
        k += 1
    return taken


def measured_event(tokens: list[Tok], reading: Reading, stop: int) -> str:
    """The event a duration measures when it says so: "after 30 hours of deliberation"."""
    k = reading.last
    if reading.measure != "duration" or k + 1 >= stop or tokens[k].lower != "of":
        return ""
    following = tokens[k + 1]
    if following.kind != "word" or not following.text[:1].islower() or len(following.lower) < 4:
        return ""
    return "" if following.lower in NOT_ABOUT else following.lower


# Words after a participle used as a verb: its object or where it goes ("transiting the").
_OBJECT_LEADS = DETERMINERS | frozenset(
    "through across in on at to from into near along off toward towards past".split()
)
# How far back past a participle the verb of a day or date is looked for (tokens).
_MAIN_VERB_REACH = 20


def is_past(lower: str) -> bool:
    """A past tense or participle that can be a verb of an event ("foiled", "struck")."""
    return lower in IRREGULAR_PAST or (
        lower.endswith("ed") and len(lower) >= 5 and lower not in NOT_EVENTS
    )


def verb_behind_participle(tokens: list[Tok], at: int, first: int) -> str:
    """The verb a day or date belongs to when the nearest verb before it, at `at`, is an
    -ing participle right after a noun ("foiled an attack on vessels transiting the Gulf on
    Friday": the vessels were transiting, the attack was foiled on Friday): the nearest past
    tense before the participle in its clause, or ""."""
    if not tokens[at].lower.endswith("ing") or at - 1 < first or at + 1 >= len(tokens):
        return ""
    if tokens[at + 1].lower not in _OBJECT_LEADS:
        return ""  # "an office building Monday", "fought running battles": no verb
    noun = tokens[at - 1]
    if (
        noun.kind != "word"
        or not noun.text[:1].islower()
        or noun.lower in STOPWORDS
        or is_past(noun.lower)
        or noun.lower.endswith("ly")
    ):
        return ""
    for k in range(at - 2, max(first, at - _MAIN_VERB_REACH) - 1, -1):
        token = tokens[k]
        if token.text in CLAUSE_MARKS:
            return ""
        if (
            token.kind == "word"
            and token.text[:1].islower()
            and is_past(token.lower)
            and (k - 1 < first or tokens[k - 1].lower not in DETERMINERS)
        ):
            return token.lower
    return ""
