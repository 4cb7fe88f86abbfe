"""Clock times as facts: when in the day something happened ("struck at about 3 p.m.").

In: the tokens of one sentence and where a number starts. Out: a `Reading` of measure
`clock` (minutes after midnight; `unit` is the time zone written, if any) or None. Two
articles that put one event at 3 p.m. and at 3:30 p.m. disagree; a clock time alone says
nothing (`at 3:30` may be morning or afternoon, so it is read only with a.m./p.m. or on a
24-hour clock), and a time in a dateline (`Published 09:56 IST, Nov 11, 2011`) is when the
text was posted, not when anything happened.

`clock_values_agree` weighs two such times: `about` allows 10 minutes either way, `shortly
after` half an hour after, and a whole hour as written (`3 p.m.`) 5 minutes of rounding.
"""

from __future__ import annotations

import re

from reader.analysis.fact_reading import Reading, hedge_before
from reader.analysis.fact_tokens import Tok
from reader.analysis.fact_words import MONTH_INDEX

__all__ = ["clock_values_agree", "read_clock"]

_MERIDIEM = {"am": 0, "pm": 12}
_DOTTED = re.compile(r"(\d{1,2})\.(\d{2})")
# Zones written after a time: two times in different zones are not compared. "local time"
# is the story's own.
_ZONES = frozenset(
    "gmt utc bst cet cest est edt cst cdt mst mdt pst pdt et pt ct mt ist jst aest".split()
)
# Words after which a time is a bound, not when it happened ("by 3 p.m.", "until 5 p.m.").
_BOUND_WORDS = frozenset("by until till since before after from between through to".split())
# "shortly after 3 p.m.": within half an hour of it.
_SOON = frozenset("shortly just soon minutes moments".split())
# Words that make a sentence's clock time the time the text was posted or updated.
_POSTED = frozenset("published posted updated modified".split())
# Months, written out or cut short ("Nov. 11"): a time before one is a dateline's.
_MONTHS = frozenset([*MONTH_INDEX, *(name[:3] for name in MONTH_INDEX), "sept"])


def _meridiem(tokens: list[Tok], at: int, stop: int) -> tuple[int, int] | None:
    """(hours to add, token after it) for "a.m.", "p.m.", "am", "PM" at token `at`."""
    if at >= stop:
        return None
    lower = tokens[at].lower
    if lower in _MERIDIEM:
        return _MERIDIEM[lower], at + 1
    if (
        lower in ("a", "p")
        and at + 2 < stop
        and tokens[at + 1].text == "."
        and tokens[at + 2].lower == "m"
    ):
        end = at + 3
        if end < stop and tokens[end].text == "." and tokens[end].start == tokens[at + 2].end:
            end += 1
        return _MERIDIEM[lower + "m"], end
    return None


def read_clock(tokens: list[Tok], index: int, first: int, stop: int) -> Reading | None:
    """A clock time starting at token `index` ("3 p.m.", "3:30 p.m.", "11am", "15:40"), as
    minutes after midnight, with its hedge and zone; None for anything else."""
    token = tokens[index]
    if (
        index > first
        and tokens[index - 1].text in (":", ".")
        and tokens[index - 1].end == token.start
    ):
        return None  # "2:17:18": the end of a race time, not a clock
    dotted = _DOTTED.fullmatch(token.text)  # "3.30pm", "3.30 p.m."
    if dotted and _meridiem(tokens, index + 1, stop) is not None:
        hours, minutes, end = int(dotted[1]), int(dotted[2]), index + 1
        precision = 15.0 if minutes % 15 == 0 else 1.0
    elif not token.text.isdigit() or len(token.text) > 2:
        return None
    else:
        hours, minutes, end, precision = int(token.text), 0, index + 1, 60.0
    if not dotted and (
        index + 2 < stop
        and tokens[index + 1].text in (":", ".")
        and tokens[index + 1].start == token.end
        and tokens[index + 2].start == tokens[index + 1].end
        and tokens[index + 2].text.isdigit()
        and len(tokens[index + 2].text) == 2
    ):
        minutes, end = int(tokens[index + 2].text), index + 3
        precision = 15.0 if minutes % 15 == 0 else 1.0
    elif not dotted and index + 1 < stop and tokens[index + 1].text == ":":
        return None
    if minutes >= 60 or (end < stop and tokens[end].text == ":"):
        return None  # "2:17:18", "1:05:33": a race time
    meridiem = _meridiem(tokens, end, stop)
    if meridiem is not None:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + meridiem[0]
        end = meridiem[1]
    elif precision == 60.0 or not (13 <= hours <= 23 or token.text.startswith("0")):
        return None  # "at 3:30": morning or afternoon; "at 3": not a time at all
    if _posted(tokens, index, end, first, stop):
        return None
    reading = Reading(index, end, float(hours * 60 + minutes), measure="clock")
    reading.precision = precision
    if end < stop and tokens[end].lower in _ZONES:
        reading.unit, reading.last = tokens[end].lower, end + 1
    reading.hedge = _clock_hedge(tokens, index, first)
    return reading


def _clock_hedge(tokens: list[Tok], index: int, first: int) -> str:
    """about / nearly as for any figure; "soon_after" / "soon_before" for "shortly after";
    "vague" for a bound ("by 3 p.m.", "after 3 p.m.")."""
    hedge, _ = hedge_before(tokens, index, first)
    if hedge in ("about", "nearly"):
        return hedge
    before = tokens[index - 1].lower if index - 1 >= first else ""
    if before in ("after", "before"):
        if index - 2 >= first and tokens[index - 2].lower in _SOON:
            return "soon_" + before
        return "vague"
    if before in _BOUND_WORDS or hedge:
        return "vague"
    return ""


def _posted(tokens: list[Tok], index: int, end: int, first: int, stop: int) -> bool:
    """Whether the time is a dateline's: a year or "posted"/"updated" before it in its
    sentence, or a month, a year or a numeric date right after it ("7:15 a.m. Dec. 7, 2009",
    "10:10 AM PDT 6 / 6 / 2013")."""
    for k in range(first, index):
        token = tokens[k]
        if token.lower in _POSTED or (
            token.kind == "num" and len(token.text) == 4 and 1900 <= float(token.text) <= 2100
        ):
            return True
    if index > first and all(tokens[k].kind != "word" for k in range(first, index)):
        return True  # "06 / 06 / 13 07:05 PM": only a date before it
    while end < stop and tokens[end].lower in _ZONES:
        end += 1  # "07:05 PM ET EDT"
    for k in range(end, min(stop, end + 3)):
        token = tokens[k]
        if token.lower in _MONTHS and token.text[:1].isupper():
            return True
        if token.kind == "num" and len(token.text) == 4 and 1900 <= float(token.text) <= 2100:
            return True
    # "10:10 AM PDT 6 / 6 / 2013": a numeric date after it
    return end + 1 < stop and tokens[end].kind == "num" and tokens[end + 1].text in ("/", "-")


# How far a hedged clock time may be from the time written, in minutes: (before, after).
_CLOCK_RANGES = {
    "": (0.0, 0.0),
    "about": (10.0, 10.0),
    "nearly": (10.0, 0.0),
    "soon_after": (0.0, 30.0),
    "soon_before": (30.0, 0.0),
}
# A whole hour as written ("3 p.m.") may be a rounding of a time a few minutes off, a
# quarter ("3:30") of one a little off ("3:33"): minutes allowed by the written precision.
_ROUNDING = {60.0: 5.0, 15.0: 3.0}


def clock_values_agree(
    a_value: float,
    a_hedge: str,
    a_precision: float,
    b_value: float,
    b_hedge: str,
    b_precision: float,
) -> bool:
    """Whether two clock times (minutes after midnight) agree at face value."""
    before_a, after_a = _CLOCK_RANGES.get(a_hedge, (0.0, 0.0))
    before_b, after_b = _CLOCK_RANGES.get(b_hedge, (0.0, 0.0))
    gap = max(
        (b_value - before_b) - (a_value + after_a),
        (a_value - before_a) - (b_value + after_b),
        0.0,
    )
    slack = _ROUNDING.get(max(a_precision, b_precision), 0.0)
    return gap <= slack + 1e-9
