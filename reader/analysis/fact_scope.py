"""Whether two facts that look like one quantity are stated for different scopes or times.

`fact_match.same_thing` links two figures by measure, noun, role and the words around them;
this module vetoes a disagreement when the sentences say the two figures are not about one
scope, read from general English only:

- a weekday or date of **reporting or publishing**, not of the event (`the paper reported
  Sunday`, `officials said Saturday`, `posted ... on Wednesday`), or a dateline run into the
  text (`WASHINGTON, April 28, 2009 The ...`);
- a weekday or date of something **planned or expected** (`is expected to appear next
  Monday`, `a rally planned for Sunday`): plans move, so two of them are not a dispute;
- counts, records and `times` with a different **scope**: a span (`in 54 games`, `over four
  nights`, `in his first three seasons`, `each of the past five seasons`), a whole
  (`combined`, `overall`, `career`), a season or a start (`this season`, `a 9-14 start`), a
  subset (`51 wins by knockout`), a population (`home to`, `residents`), a span without a
  period word (`2-8 in their last ten`), a record in a table of records (three or more in
  its sentence): a disagreement needs the same scope markers on both sides;
- durations of something still running, counted up to the time of each report (`reeling
  from four days of riots`, `after 8 days of riots`): both sides elapsed, so two times;
- two people, acts or parts (`fact_subject.subjects_differ`): ages of two people or of one at
  two times, dates of one verb done to two things, durations where one is a part.
"""

from __future__ import annotations

import re

from reader.analysis.fact_counts import SHOT
from reader.analysis.fact_days import DAY_OF_DATE
from reader.analysis.fact_model import FigureFact
from reader.analysis.fact_subject import subjects_differ

__all__ = ["population_place", "scopes_differ", "scope_markers"]

# Points in time: a day, a month, a date or a clock time of reporting or of a plan.
_CALENDAR = frozenset({"weekday", "date", "month", "clock"})
_SCOPED = frozenset({"count", "record", "times"})

# Verbs of saying or publishing: a day next to them is when the news was told, not the event.
REPORTING = frozenset(
    """said says say told tell tells reported reports report wrote writes write posted posts
    post published publishes publish updated stated states added adds confirmed according
    quoted cited column editorial interview statement""".split()
)
# Words that put a day in the future: what is planned, expected or due.
_FUTURE = re.compile(
    r"\b(?:will|shall|expected|expects|expect|planned|plans?\s+to|planning|scheduled|schedule"
    r"|due|slated|set\s+to|is\s+to|are\s+to|next|upcoming|later\s+this|to\s+be\s+held"
    r"|tomorrow|intends|intend)\b",
    re.IGNORECASE,
)
_PERIOD = (
    r"(?:seasons?|years?|games?|matches|nights?|days?|weeks?|months?|starts?|appearances?"
    r"|outings?|races?|fights?|bouts?|terms?|rounds?|innings|tournaments?|campaigns?)"
)
_NUMBER = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty)"
)
_SPAN = re.compile(
    r"\b(?:in|over|during|across|through|for|of|from)\s+(?:(?:his|her|their|its|the|a)\s+)?"
    r"(?:(?:first|last|past|previous|next|final|opening)\s+)?"
    r"(?:(?:just\s+)?(?:over|under|about|nearly|almost|more\s+than|less\s+than)\s+)?"
    rf"{_NUMBER}(?:-plus|\+)?\s+(?:\w+\s+)?{_PERIOD}\b",
    re.IGNORECASE,
)
# "2-8 in their last ten", "over the past five": a span even without a period word.
_SPAN_BARE = re.compile(
    r"\b(?:in|over|during|across|through|of|from)\s+(?:(?:his|her|their|its|the)\s+)?"
    rf"(?:last|past|previous|first|final|opening)\s+{_NUMBER}\b",
    re.IGNORECASE,
)
# A win-loss record: several in one sentence are a table of records (of other people).
_RECORD = re.compile(r"\b\d{1,3}-\d{1,3}(?:-\d{1,3})?\b")
_TABLE = 3
_EACH = re.compile(rf"\b(?:each|every|per|a|an)\s+(?:of\s+the\s+\w+\s+\w+\s+)?{_PERIOD}\b", re.I)
_WHOLE = re.compile(r"\b(?:combined|overall|career|all-time|lifetime|in\s+all|in\s+total)\b", re.I)
_SEASON = re.compile(
    r"\b(?:this|last|that|the|past|previous|next)\s+(?:past\s+)?(?:season|year|campaign)\b"
    r"|\bstart\b",
    re.I,
)
_SUBSET = re.compile(
    r"^\W*(?:\w+\s+)?(?:coming\s+|came\s+|all\s+)?(?:by|via)\s+(?:way\s+of\s+)?\w", re.I
)
# A population: "home to 120,000 people", "a town of 15,000", "200,000 residents".
_POPULATION_BEFORE = re.compile(
    r"\b(?:home\s+to|population\s+of|population|(?:city|town|village|island|country|nation)"
    r"\s+of)\s+(?:about\s+|some\s+|around\s+|nearly\s+|almost\s+|roughly\s+|over\s+)?$",
    re.I,
)
_POPULATION_NOUN = re.compile(r"\b(?:residents|inhabitants|population)\b", re.I)
# How far around the figure scope markers are read (characters within its clause).
_REACH = 90
_ELAPSED = re.compile(
    r"\b(?:after|from|into|following|since|in\s+its|now\s+in)\s+(?:(?:the|its|a)\s+)?$", re.I
)
# A date with its year run straight into a capitalised word, at the start of the sentence or
# after a place in capitals: a dateline, when it was published.
_DATELINE_AFTER = re.compile(r"^\s+(?:\d{1,2}:\d{2}\s*[AP]M\s+)?[A-Z]")
_DATELINE_BEFORE = re.compile(r"(?:^\W*|[A-Z]{2,}[^a-z]*,\s*)$")
_TODAY = re.compile(r"\btoday\b", re.I)
_CLAUSE_END = re.compile(r"[;:()\u2014\u2013]| - ")


def _clause(fact: FigureFact) -> tuple[str, str, str]:
    """(words before, the figure, words after) within its clause of its sentence."""
    text = fact.sentence_text
    at = text.find(fact.text)
    if at < 0:
        return text, "", ""
    before, after = text[:at], text[at + len(fact.text) :]
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    if cut:
        before = before[cut[-1] :]
    end = _CLAUSE_END.search(after)
    if end:
        after = after[: end.start()]
    return before, fact.text, after


def _markers(fact: FigureFact) -> frozenset[str]:
    before, figure, after = _clause(fact)
    found: set[str] = set()
    if fact.measure in _SCOPED:
        if _POPULATION_BEFORE.search(before) or _POPULATION_NOUN.search(figure):
            found.add("population")
        for side in (before[-_REACH:], after[:_REACH]):
            if _SPAN.search(side) or _SPAN_BARE.search(side):
                found.add("span")
            if _EACH.search(side):
                found.add("each")
            if _WHOLE.search(side):
                found.add("whole")
            if _SEASON.search(side):
                found.add("season")
        if _WHOLE.search(figure):
            found.add("whole")
        if _SUBSET.search(after) and fact.noun != SHOT:  # "shot nine times by the guards"
            found.add("subset")
        if fact.measure == "record" and len(_RECORD.findall(fact.sentence_text)) >= _TABLE:
            found.add("table")
    elif fact.measure in _CALENDAR:
        if fact.event_form in REPORTING or _near_reporting(before, after):
            found.add("reported")
        if _FUTURE.search(before + " " + after):
            found.add("planned")
        # a date's weekday (fact_relative) is as much a dateline's as its date
        if (fact.measure == "date" or fact.unit_word == DAY_OF_DATE) and _dateline(
            fact, before, after
        ):
            found.add("reported")
    elif fact.measure == "duration" and _ELAPSED.search(before):
        found.add("elapsed")
    return frozenset(found)


def _dateline(fact: FigureFact, before: str, after: str) -> bool:
    has_year = not str(fact.value).startswith("--")
    if has_year and _DATELINE_AFTER.match(after) and _DATELINE_BEFORE.search(before):
        return True
    return has_year and bool(_TODAY.search(after))  # "April 28, 2009 ... today revoked"


# A round count and another within this share of it: the round one is the other rounded.
ROUNDING = 0.05


def _rounded(a: FigureFact, b: FigureFact) -> bool:
    """A count given as a round figure (600) and one that rounds to it (612)."""
    if a.measure != "count" or isinstance(a.value, str) or isinstance(b.value, str):
        return False
    for x, y in ((a, b), (b, a)):
        value, other = float(x.value), float(y.value)  # type: ignore[arg-type]
        if value < 100 or value != int(value):
            continue
        step = 10 ** (len(str(int(value))) - len(str(int(value)).rstrip("0")))
        if step >= 100 and abs(other - value) <= min(step / 2, value * ROUNDING):
            return True
    return False


def _near_reporting(before: str, after: str) -> bool:
    """A reporting verb right before the day (`reported Sunday`, `wrote on Monday`)."""
    words = re.findall(r"[a-z]+", before.lower())[-2:]
    if words and words[-1] == "on":
        words = words[:-1]
    return bool(words) and words[-1] in REPORTING


# Nouns of a place a population is counted for ("Qeshm island, home to 120,000 people").
_PLACES = re.compile(
    r"\b(island|city|town|village|country|nation|state|province|region|county|district"
    r"|capital|port|area|community|neighbou?rhood|suburb)\b",
    re.I,
)
_PLACE_REACH = 60
_RELATIVE_PLACE = re.compile(_PLACES.pattern + r",\s*(?:which|that)\b[^.;]*$", re.I)


def population_place(fact: FigureFact) -> str:
    """For a count of the people living somewhere (`home to 120,000 people`, `about 200,000
    residents`), the place noun nearest before it in its sentence ("island"); else ""."""
    if fact.measure != "count" or fact.noun != "person" or fact.role:
        return ""
    before, figure, _ = _clause(fact)
    if not (_POPULATION_BEFORE.search(before) or _POPULATION_NOUN.search(figure)):
        return ""
    text = fact.sentence_text
    at = text.find(fact.text)
    before = text[max(0, at - _PLACE_REACH) : max(0, at)]
    # "the island, which is off the port city of X and is home to ...": the place the
    # relative clause is about, not the nearest one.
    relative = _RELATIVE_PLACE.findall(text[max(0, at - 3 * _PLACE_REACH) : max(0, at)])
    if relative:
        return str(relative[-1]).lower()
    places = _PLACES.findall(before)
    return places[-1].lower() if places else ""


def scope_markers(fact: FigureFact) -> frozenset[str]:
    """The scope and time markers read around a fact (see the module docstring)."""
    return _markers(fact)


def scopes_differ(a: FigureFact, b: FigureFact) -> bool:
    """Whether two facts linked as one thing are stated for different scopes or times."""
    if _rounded(a, b) or subjects_differ(a, b):
        return True
    ma, mb = _markers(a), _markers(b)
    if a.measure in _CALENDAR:
        return bool((ma | mb) & {"reported", "planned"})
    if a.measure == "duration":
        return "elapsed" in ma and "elapsed" in mb
    if a.measure in _SCOPED:
        return ma != mb
    return False
