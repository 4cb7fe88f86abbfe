"""Durations said with `a` or `an`: `a week before his death`, `about a month ago`, `an hour
later` (Round 7).

In: a sentence's tokens and the place of an `a`/`an`. Out: a duration `Reading` of one unit, as
the fact model reads `one week before` (its hedge too), or None. Elsewhere `a` is no number
(`a week of talks`, `a year of growth` state no length of an act), so it is read only before a
unit of time followed by `before`, `after`, `earlier`, `later`, `ago` or `prior`; not after
`half` (`half an hour later`), nor after a word that makes it a point of comparison (`up 5%
from a year earlier`, `than a year ago`, `compared with a year before`).
"""

from __future__ import annotations

import re

from reader.analysis.fact_reading import Reading, hedge_before
from reader.analysis.fact_tokens import Tok, noun_key
from reader.analysis.fact_words import UNITS

__all__ = ["A_DURATION", "FRAME_WORDS", "read_a_duration"]

_UNIT_WORDS = ("second", "minute", "hour", "day", "week", "month", "year", "decade")
_FRAMES = ("before", "after", "earlier", "later", "ago", "prior")
# A sentence with no digit and no number word is not read word by word unless this finds a
# duration with `a` in it (`_may_state_figures`).
A_DURATION = re.compile(
    rf"\b[Aa]n?\s+(?:{'|'.join(_UNIT_WORDS)})\s+(?:{'|'.join(_FRAMES)})\b", re.IGNORECASE
)
_UNITS = frozenset(_UNIT_WORDS)
FRAME_WORDS = frozenset(_FRAMES)
# Words before `a` that make the duration a fraction or a point compared with, not a length.
_NOT_BEFORE = frozenset(("half", "from", "than", "with", "on", "over", "since", "versus", "vs"))


def read_a_duration(tokens: list[Tok], index: int, first: int, stop: int) -> Reading | None:
    """The duration `a`/`an` at token `index` starts (`a week before`), or None."""
    if index + 2 >= stop:
        return None
    unit = tokens[index + 1].lower
    if unit not in _UNITS or tokens[index + 2].lower not in FRAME_WORDS:
        return None
    if index > first and tokens[index - 1].lower in _NOT_BEFORE:
        return None
    if (tokens[index].lower == "an") != (unit == "hour"):
        return None  # "an week": not English; "a hour": a typo, not read
    measure, factor = UNITS[unit]
    reading = Reading(index, index + 2, factor, measure=measure, precision=factor)
    reading.hedge = hedge_before(tokens, index, first)[0]
    reading.unit_word = noun_key(unit)
    return reading
