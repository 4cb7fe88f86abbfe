"""Days of one act on two sides: the thing a day is of, a night across midnight, a date's weekday.

Helpers `fact_match` and `fact_subject` ask about two date or weekday facts (Round 6):

- **the noun a day is of** (`the June 20, 2005 shooting`, `a shooting that had taken place the
  previous day`): two days of one noun are one act's, whatever the verbs;
- **a night across midnight**: a weekday's night (`on Thursday night`, `late Thursday`, `later
  that night`) and the next day's early hours (`early Friday morning`, a bare `Friday`) may be
  one time, so such a pair agrees;
- `DAY_OF_DATE`: the `unit_word` of a weekday read from a date (`fact_relative`); two such
  weekdays are never compared (their dates are).

General English only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.analysis.fact_tokens import stem
from reader.analysis.fact_words import EVENT_SYNONYMS

if TYPE_CHECKING:
    from reader.analysis.fact_model import FigureFact

__all__ = ["DAY_OF_DATE", "dated_noun", "dated_nouns_meet", "nights_meet"]

# The unit_word of a weekday read from a date: never compared with another such weekday.
DAY_OF_DATE = "date"


# The thing a day is of: `the June 20, 2005 shooting` (a date before its noun) or `a shooting
# that had taken place the previous day` (a noun, then a verb that only says it happened).
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:\b(?:the|a|an|this|that|its|his|her|their)|['’]s)\s*$", re.I)
_NOUN_AFTER = re.compile(r"^\s*([a-z][a-z-]+)\b")
_HAPPENED_BEFORE = re.compile(
    r"\b([a-z][a-z-]+)\s+(?:that|which)\s+(?:had\s+|has\s+)?"
    r"(?:taken\s+place|took\s+place|happened|occurred|broke\s+out)\s+(?:on\s+)?$"
)
# Words after a date that are not the noun it dates.
_NOT_DATED = frozenset("and or but to of in on at by for from with as when while".split())


def dated_noun(fact: FigureFact) -> str:
    """The stem of the noun a date or a day is of (`the June 20, 2005 shooting`, `a shooting
    that took place the previous day`: "shoot"); else ""."""
    if fact.measure not in ("date", "weekday"):
        return ""
    text = fact.sentence_text
    at = text.find(fact.text)
    if at < 0:
        return ""
    happened = _HAPPENED_BEFORE.search(text[max(0, at - 60) : at])
    if happened:
        noun = happened.group(1)
    else:
        noun_after = _NOUN_AFTER.match(text[at + len(fact.text) : at + len(fact.text) + 30])
        if not noun_after or not _ATTRIBUTIVE_BEFORE.search(text[:at]):
            return ""
        noun = noun_after.group(1)
    if noun in _NOT_DATED:
        return ""
    return EVENT_SYNONYMS.get(noun, stem(noun.removesuffix("s")))


def dated_nouns_meet(a: FigureFact, b: FigureFact) -> bool:
    """Two days of one thing named by its noun on both sides (`the Dec. 6 killing`, `a
    killing that happened eight days ago`)."""
    noun = dated_noun(a)
    return bool(noun) and noun == dated_noun(b)


# A weekday's night (`Thursday night`, `late Thursday`, `overnight Thursday`) and the next
# day's early hours (`early Friday`, `Friday morning`, `before dawn Friday`, a bare `Friday`)
# may be one time: an act at 1 a.m. is told either way.
_NIGHT_AFTER = re.compile(r"^\W*(?:night|overnight)\b", re.I)
_NIGHT_BEFORE = re.compile(r"\b(?:late|overnight)\s+(?:on\s+)?$", re.I)
_LATER_PART = re.compile(r"^\W*(?:afternoon|evening|night)\b", re.I)


def _around(fact: FigureFact) -> tuple[str, str]:
    text, figure = fact.sentence_text, fact.text
    at = text.find(figure)
    if at < 0:
        return "", ""
    return text[max(0, at - 30) : at], text[at + len(figure) : at + len(figure) + 20]


def _night_of(fact: FigureFact) -> bool:
    if _OWN_NIGHT.search(fact.text):
        return True  # "tonight", "later that night"
    before, after = _around(fact)
    return bool(_NIGHT_AFTER.match(after) or _NIGHT_BEFORE.search(before))


def _early_of(fact: FigureFact) -> bool:
    if _OWN_LATER.search(fact.text):
        return False  # "this afternoon", "that night"
    before, after = _around(fact)
    return not _LATER_PART.match(after)


# A relative day that says its part of the day itself.
_OWN_NIGHT = re.compile(r"night\b", re.I)
_OWN_LATER = re.compile(r"\b(?:afternoon|evening|night|tonight)\b", re.I)


def nights_meet(a: FigureFact, b: FigureFact) -> bool:
    """Two weekdays one day apart where the earlier is told as its night and the later is not
    told as its afternoon, evening or night: one time, said from either side of midnight."""
    if a.measure != "weekday" or not isinstance(a.value, float) or not isinstance(b.value, float):
        return False
    day_a, day_b = int(a.value), int(b.value)
    if (day_a + 1) % 7 == day_b:
        return _night_of(a) and _early_of(b)
    if (day_b + 1) % 7 == day_a:
        return _night_of(b) and _early_of(a)
    return False
