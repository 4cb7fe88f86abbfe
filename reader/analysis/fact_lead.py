"""The time of a lead sentence that runs on from the article's dateline.

Pages often open with when they were posted, run into the first sentence: `Monday, March 11,
2013 23:51 Police intervened ... where Gray was shot 11 times by police on Saturday`. The fact
model reads the months of a sentence as the time its figures are stated for (`scope`), so
every figure of such a lead is "in March", and is never compared with the same figure in an
article without a dateline. `scope_for_comparison` leaves out of a figure's scope the month of
a full date (with a year) that opens the body's first sentence, when the sentence names that
month nowhere else; `scopes_meet_past_dateline` does so on one side of a pair only.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from reader.analysis.fact_words import MONTH_INDEX

__all__ = ["scope_for_comparison", "scopes_meet_past_dateline"]

# A full date with a year near the start of a sentence: "March 11, 2013", "11 March 2013",
# "Nov 27, 2005" (a weekday or "Posted:"/"Updated" may come before it).
_MONTHS = "|".join(
    [*sorted(MONTH_INDEX, key=len, reverse=True), "sept", *(m[:3] for m in MONTH_INDEX)]
)
_OPENING_DATE = re.compile(
    rf"^\W*(?:\w+\W+){{0,3}}?(?:(?P<m1>{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?[\s-]+(?:19|20)\d\d"
    rf"|\d{{1,2}}\s+(?P<m2>{_MONTHS})\.?,?\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_DATELINE_REACH = 60  # characters from the start of the sentence to the date's end


class _Fact(Protocol):
    field: str
    scope: frozenset[str]
    sentence: tuple[int, int]
    sentence_text: str


def scope_for_comparison(fact: _Fact) -> frozenset[str]:
    """A fact's scope without its sentence's dateline month (see the module docstring)."""
    if not fact.scope or fact.field != "body" or fact.sentence[0] > _DATELINE_REACH:
        return fact.scope
    match = _OPENING_DATE.match(fact.sentence_text)
    if match is None or match.end() > _DATELINE_REACH:
        return fact.scope
    month = _month_name(match.group("m1") or match.group("m2"))
    if month not in fact.scope:
        return fact.scope
    rest = fact.sentence_text[match.end() :]
    if re.search(rf"\b(?:{month.title()}|{month[:3].title()}\.?)(?!\w)", rest):
        return fact.scope  # the month is named again: it may be the figure's own time
    return fact.scope - {month}


def _month_name(written: Any) -> str:
    """The scope's spelling of a month as written ("Nov" -> "november")."""
    lower = str(written).lower().rstrip(".")
    return next((name for name in MONTH_INDEX if name.startswith(lower[:3])), lower)


def scopes_meet_past_dateline(a: _Fact, b: _Fact) -> bool:
    """Whether two facts' scopes are the same once one side's dateline month is left out.
    Only one side's: two datelines of two months (`March 11, 2013`, `June 2, 2012`) may be two
    events of one kind, each told in its lead."""
    extra = a.scope ^ b.scope
    if len(extra) != 1:
        return False  # most pairs compared here: no single month between them
    dated = a if extra <= a.scope else b
    return scope_for_comparison(dated) == (b.scope if dated is a else a.scope)
