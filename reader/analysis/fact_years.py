"""Years of acts done once in a life or a history: a beginning, a birth, a death, a founding.

In: an article's body and its facts. Out: more facts (measure `year`). Years are no facts in
general: a history repeats its acts with one verb (hosted in 1987 and in 2006, won in 2004 and
2005), so two years of one verb are often two acts (Round 5 tried it and dropped it). An act
that can happen only once (`began modelling in 1950`, `posed for her first photos in 1947`,
`born in 1923`, `founded in 1886`) has one year, whatever the verb: `years_meet` compares two
such years when both sides name the same kind of once-only act.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.analysis.fact_frame import is_past

if TYPE_CHECKING:
    from reader.analysis.fact_model import FigureFact

__all__ = ["year_facts", "years_meet"]

# "in 1950", "in early 1947": a year an act is dated by (not "the 1950 film", "1950s").
_YEAR = re.compile(r"\bin\s+(?:(?:early|late|mid)[\s-]+)?((?:18|19|20)\d\d)\b(?![-'’s\d])")
# Acts that happen once: the words that name them, by kind.
_ONCE = {
    "begin": "began begun begin begins beginning started start starts first debut debuted",
    "born": "born birth",
    "died": "died death",
    "founded": "founded established",
    "retired": "retired retirement",
}
_ONCE_WORDS = {word: kind for kind, words in _ONCE.items() for word in words.split()}
# Words, hyphenated ones whole ("born-again" is no birth).
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# How far before the year its act is looked for (characters of its clause).
_BEFORE = 60
_CLAUSE_END = re.compile(r"[;:()\u2014\u2013]|,\s+(?:and|but|while|when|before|after)\b| - ")


def once_kind(fact: FigureFact) -> str:
    """The kind of once-only act a year is of ("begin", "born" ...), or ""."""
    if fact.measure != "year":
        return ""
    at = fact.sentence_text.find(fact.text)
    return _once_before(fact.sentence_text[max(0, at - _BEFORE) : at]) if at >= 0 else ""


def _once_before(before: str) -> str:
    """The kind of the once-only word nearest before a year in its clause, with no other verb
    between them ("began after she divorced him in 1947": the year is the divorce's)."""
    words = _WORD.findall(_CLAUSE_END.split(before)[-1])
    for k in range(len(words) - 1, -1, -1):
        lower = words[k].lower()
        if lower in _ONCE_WORDS:
            return _ONCE_WORDS[lower]
        if is_past(lower):
            return ""
    return ""


# The end of the sentence before a year (its words before it are read within its sentence).
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=\S)")


def year_facts(body: str, make: Callable[[int, int, float], FigureFact | None]) -> list[FigureFact]:
    """The years of once-only acts in `body`, as facts made by `make(start, end, value)`; the
    words before a year are read first, so most years cost no fact."""
    found = []
    for match in _YEAR.finditer(body):
        window = body[max(0, match.start() - _BEFORE) : match.start()]
        ends = list(_SENTENCE_END.finditer(window))
        if not _once_before(window[ends[-1].end() :] if ends else window):
            continue
        fact = make(match.start(1), match.end(1), float(match.group(1)))
        if fact is not None and once_kind(fact):
            found.append(fact)
    return found


def years_meet(a: FigureFact, b: FigureFact) -> bool:
    """Two years of one once-only act: the same kind on both sides, and no two different
    people named before them."""
    kind = once_kind(a)
    if not kind or kind != once_kind(b):
        return False
    return not (a.near and b.near and not a.near & b.near)
