"""A quake's magnitude said as a phrase, and when two magnitudes are of one quake.

The figure reader (`fact_reading.read_number`) took `a 5.9-magnitude quake` and `magnitude
5.9`. News also writes `magnitude-5.9`, `a magnitude of 5.9`, `put the magnitude at 6.1`,
`6.1 on the Richter scale`, `an earthquake measuring 5.9`. General English only:

- a **magnitude** is a number under 10 written next to `magnitude` or the Richter scale,
  after `measuring`/`registering` a quake (`an earthquake measuring 5.9`), or a decimal right
  before a quake noun (`a 5.9 earthquake`);
- the magnitude of an **aftershock or a foreshock** (the quake noun nearest to the figure in
  its clause) and `magnitudes ranging from 3.6 to 4.3` are not read: they are other quakes
  than the one a story is about;
- two magnitudes are of **one quake** (`magnitudes_meet`) when their sentences name the same
  years (`a 6.4 quake in 2003` is a past one) and they are within `SAME_QUAKE` of each other:
  agencies differ by a few tenths (5.9 against 6.1), a magnitude 3.8 beside a 5.9 is another
  quake (an aftershock told as "a quake measuring 3.8");
- a magnitude is disputed only between articles that agree on a count of what the quake did
  (`one_quake_told`: people killed or hurt, villages destroyed; or its date or clock time):
  two quakes on one island on
  one weekday, three years apart, differ by as little as two agencies' readings of one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from reader.analysis.fact_tokens import CLAUSE_MARKS, Tok
from reader.analysis.fact_words import STOPWORDS, UNITS


class _Fact(Protocol):
    """What this module reads of a `fact_model.FigureFact` (fact_model reads figures through
    fact_reading, which imports this module: no import back)."""

    measure: str
    value: Any
    role: str
    sentence_text: str


__all__ = ["SAME_QUAKE", "magnitude_end", "magnitudes_meet", "one_quake_told"]

_QUAKES = frozenset("earthquake earthquakes quake quakes tremor tremors temblor temblors".split())
_OTHER_QUAKES = frozenset("aftershock aftershocks foreshock foreshocks".split())
_MEASURING = frozenset("measuring measured registering registered".split())
# Words allowed between the figure and "Richter": "6.1 degrees on the open-ended Richter scale".
_RICHTER_FILLERS = frozenset("degrees degree points point on the open-ended open ended -".split())
_NEAREST = 8  # tokens either side searched for the quake noun of a figure

# Two magnitudes further apart than this are two quakes, not two agencies' readings of one.
SAME_QUAKE = 1.0


def magnitude_end(
    tokens: list[Tok], index: int, end: int, hedge_start: int, first: int, stop: int, value: float
) -> int | None:
    """Where the magnitude phrase of the number at tokens [index, end) ends (its tokens are
    [index, returned)), -1 when it is the magnitude of an aftershock or a foreshock (no fact),
    None when the number is no magnitude. `hedge_start`: where its hedge starts (`at least`)."""
    if not 0 < value < 10:
        return None
    last = _phrase_end(tokens, index, end, hedge_start, first, stop)
    if last is None:
        return None
    if _before(tokens, hedge_start, first, 1) == "magnitudes" or _before(
        tokens, hedge_start, first, 2
    ) in ("magnitudes", "ranging"):
        return -1  # "with magnitudes ranging from 3.6 to 4.3", "magnitudes of 4.1"
    noun = _quake_noun(tokens, index, last, first, stop)
    return -1 if noun in _OTHER_QUAKES else last


def _before(tokens: list[Tok], index: int, first: int, back: int) -> str:
    return tokens[index - back].lower if index - back >= first else ""


def _phrase_end(
    tokens: list[Tok], index: int, end: int, hedge_start: int, first: int, stop: int
) -> int | None:
    after = tokens[end].lower if end < stop else ""
    # "a 5.9-magnitude quake", "a 5.9 magnitude quake"
    if after == "magnitude":
        return end + 1
    if after == "-" and end + 1 < stop and tokens[end + 1].lower == "magnitude":
        return end + 2
    # "a 5.9 earthquake", "7.8 quake hits": a decimal right before a quake noun
    if after in _QUAKES and "." in tokens[index].text and end == index + 1:
        return end
    richter = _richter_end(tokens, end, stop)
    if richter is not None:
        return richter
    previous = _before(tokens, hedge_start, first, 1)
    # "magnitude 5.9", "magnitude-5.9", "a magnitude of 5.9", "put its magnitude at 6.1"
    if previous == "magnitude":
        return end
    if previous in ("-", "of", "at") and _before(tokens, hedge_start, first, 2) == "magnitude":
        return end
    # "an earthquake measuring 5.9", "the quake registered 6.1" (not "a wall measuring 3 metres")
    if (
        previous in _MEASURING
        and _ends_reading(tokens, end, stop)
        and any(
            tokens[k].lower in _QUAKES | _OTHER_QUAKES
            for k in range(max(first, hedge_start - 5), hedge_start - 1)
        )
    ):
        return end
    return None


_QUAKE_VERBS = frozenset("struck hit hits shook shakes strikes rocked rocks jolted jolts".split())


def _ends_reading(tokens: list[Tok], end: int, stop: int) -> bool:
    """Whether the word after `measuring N` lets N be the reading itself: the end of the
    clause, a little word, a verb (`measuring 5.9 struck`), not a unit or a counted noun
    (`a wall measuring 3 metres`, `officials registered 8 deaths`)."""
    if end >= stop or tokens[end].kind != "word":
        return True
    lower = tokens[end].lower
    if lower in UNITS:
        return False
    return lower in STOPWORDS or lower in _QUAKE_VERBS or lower.endswith("ed")


def _richter_end(tokens: list[Tok], end: int, stop: int) -> int | None:
    """The end of "on the Richter scale" after a number ("6.1 degrees on the Richter")."""
    k = end
    while k < stop and k - end < 5 and tokens[k].lower in _RICHTER_FILLERS:
        k += 1
    if k < stop and k > end and tokens[k].lower == "richter":
        return k + 2 if k + 1 < stop and tokens[k + 1].lower == "scale" else k + 1
    return None


def _quake_noun(tokens: list[Tok], index: int, last: int, first: int, stop: int) -> str:
    """The quake noun nearest to a magnitude in its clause ("a 5.9 quake", "an aftershock
    measuring 4.1"): after it first (a compound), then before it."""
    for k in range(last, min(stop, last + 3)):
        if tokens[k].text in CLAUSE_MARKS:
            break
        if tokens[k].lower in _QUAKES | _OTHER_QUAKES:
            return tokens[k].lower
    for k in range(index - 1, max(first, index - _NEAREST) - 1, -1):
        if tokens[k].text in CLAUSE_MARKS:
            break
        if tokens[k].lower in _QUAKES | _OTHER_QUAKES:
            return tokens[k].lower
    return ""


# A year that dates a quake: "in 2003", "the 2003 quake" (not a dateline's "11/27/2005").
_YEAR = re.compile(
    r"\b(?:in|since|of|during)\s+((?:1[89]|20)\d\d)\b|\b((?:1[89]|20)\d\d)\s+(?:earth)?quake",
    re.IGNORECASE,
)


def _years(sentence: str) -> set[str]:
    return {"".join(m) for m in _YEAR.findall(sentence)}


def magnitudes_meet(a: _Fact, b: _Fact) -> bool:
    """Whether two magnitudes (one from each side) may be of one quake: the same years named
    in their sentences, and close enough to be two readings of it."""
    if abs(float(a.value) - float(b.value)) > SAME_QUAKE + 1e-9:
        return False
    return _years(a.sentence_text) == _years(b.sentence_text)  # "in 2003 a 6.6 quake": a past one


# Agreements that date one quake: a date or a clock time (a weekday comes back every week).
_DATING = frozenset({"date", "clock"})


def one_quake_told(agreements: Sequence[tuple[_Fact, _Fact]]) -> bool:
    """Whether two articles tell of one quake, as far as their magnitudes can say: they
    agree on a count of people or things it hurt, killed or destroyed, or on a date or a
    clock time. Two quakes a few years apart on one island, on the same weekday, differ by a
    few tenths of magnitude just as two agencies' readings of one quake do (5.6 against 5.9);
    their tolls tell them apart."""
    return any(a.measure == "count" and a.role or a.measure in _DATING for a, _ in agreements)
