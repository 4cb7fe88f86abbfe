"""Days said relative to another day, read as the day they name.

In: an article's body, its facts (fact_model) and the date it was written on (fact_dateline).
Out: more facts. News says when an act happened as often by `yesterday`, `last Friday`, `eight
days ago` or `later that day` as by a weekday or a date; another outlet tells the same act by
its weekday or date. So:

- **days relative to the article's own date** (`yesterday`, `today`, `tonight`, `this morning`,
  `last Friday`, `eight days ago`) are read as dates when the article opens with its date (a
  dateline with a year, a month and a day), else from the date it was published (a feed's,
  front matter's or metadata's: Round 7); without one they are not read;
- **days relative to the day just named** (`the previous day`, `the next day`, `the day
  before`, `later that day`) take the last weekday or date stated before them, within a few
  sentences: a weekday gives a weekday (Friday's `previous day` is Thursday), a date a date;
- **the weekday of a date**: a date with its year (or resolved as above) also gives its weekday
  as a fact of its own (`unit_word` "date"), so it meets the other side's weekday of the same
  act (`June 20, 2005` was a Monday: `on Tuesday` disputes it). Two such weekdays are never
  compared (their dates are).

Years of acts done once (`fact_years`) are read here too. How two such days are matched:
`fact_days` (the noun a day is of, a night across midnight).

General English only; compared like any weekday or date (the same event word, not a day of
reporting or of a plan: `fact_match`, `fact_scope`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from reader.analysis.fact_days import DAY_OF_DATE
from reader.analysis.fact_frame import is_past
from reader.analysis.fact_markers import scope_markers as _scope_markers
from reader.analysis.fact_model import FigureFact, _fact, _Sentence
from reader.analysis.fact_reading import Reading, _names_before
from reader.analysis.fact_tokens import split_sentences, stem, tokenize
from reader.analysis.fact_words import (
    EVENT_SYNONYMS,
    NOT_ABOUT,
    NUMBER_WORDS,
    WEEKDAY_INDEX,
    is_event_word,
)
from reader.analysis.fact_years import year_facts

if TYPE_CHECKING:
    from reader.analysis.fact_reading import Value

__all__ = ["relative_day_facts"]

_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?:day|night|morning|afternoon|evening)"
# Days relative to the article's date, then days relative to the day just named. Each form
# starts at a word start with one of the letters of the look-ahead, so most places of a text
# are passed over at the first two tests (a look-ahead first, case-blind, cost ~8 ms on 5,000
# words, as every "e" or "t" passed it).
_RELATIVE = re.compile(
    r"\b(?=[ytleYTLE])(?:(?P<yesterday>yesterday)"
    r"|(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))"
    rf"|last\s+(?P<last>{_WEEKDAY})"
    rf"|the\s+(?P<step>previous|next|following)\s+{_PART}"
    r"|the\s+(?:day|night)\s+(?P<around>before|after)(?=\s*[,.;:)]|\s+(?:and|when|but|as)\b)"
    rf"|(?:(?:later|earlier)\s+)?(?P<that>(?:that\s+(?:same\s+)?|the\s+same\s+){_PART})"
    # "that day" said alone, not "the same day Gray's autopsy showed" (the day something was)
    r"(?=\s*[,.;:)\u2014]|\s+(?:and|when|but|as|in|at|on|after|before|he|she|they|it|we|i)\b)"
    r")\b(?!['’]s)",
    re.I,
)
# Days counted: "eight days ago" (from the article's date), "four days earlier", "a day later"
# (from the day just named; not "two days after the fire"). Found by their literal part, the
# count read after: a pattern opening with any word tried every word of the text.
_COUNTED = re.compile(
    r"\bdays?\s+(?:(?P<ago>ago)\b|(?P<way>later|earlier)\b"
    r"(?=\s*[,.;:)]|\s+(?:and|when|but|as|on|in|at)\b))",
    re.I,
)
_COUNT_BEFORE = re.compile(r"\b(\d{1,2}|[A-Za-z]+)\s+$")
_MAX_SHIFT = 31
_GROUPS = dict.fromkeys(
    ("yesterday", "today", "last", "ago", "step", "around", "that", "shift", "way")
)
# Words before a relative day that make it a bound or another time: `until yesterday`,
# `since last Friday`, `as of today`, `to this day`.
_BOUND_BEFORE = re.compile(
    r"\b(?:by|until|till|since|through|before|after|from|of|to|than|unlike|like|for|as)\s*$",
    re.I,
)
# How far back the day a `later that day` refers to may be named (characters).
_ANCHOR_REACH = 400
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(value: object) -> date | None:
    if isinstance(value, str) and _ISO_DAY.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def relative_day_facts(
    title: str, body: str, facts: list[FigureFact], written: str, published: str = ""
) -> list[FigureFact]:
    """`facts` (title and body, in order) with the relative days of `body` read as dates or
    weekdays, and each date's weekday (see the module docstring); in order again. The
    article's date is the one its text gives (`written`, a title that is a date, a dateline
    without a year), else `published` (ISO, from a feed, front matter or metadata)."""
    today = _day(written) or _day(_title_date(title))
    yearless = "" if today else _yearless_dateline(body, facts)
    if not today and not yearless:
        today = _day(published)
    body_facts = [f for f in facts if f.field == "body"]
    if (today or yearless) and _stamped_before(body):
        today, yearless = None, ""  # the stamp is another zone's or the next day's
    added: list[FigureFact] = []

    def make(start: int, end: int, measure: str, value: float | str) -> FigureFact | None:
        sentence = sentence_around(body, start, end)
        return _span_fact(body, sentence, start, end, measure, value) if sentence else None

    for start, end, groups in _relative_days(body):
        if _BOUND_BEFORE.search(body, max(0, start - 12), start):
            continue
        value: float | str | None
        if yearless and not (
            groups["step"] or groups["around"] or groups["that"] or groups["shift"]
        ):
            value = _resolve_yearless(groups, yearless)
        else:
            value = _resolve(groups, start, today, body_facts, added)
        if value is None:
            continue
        measure = "weekday" if isinstance(value, float) else "date"
        fact = make(start, end, measure, value)
        if fact is not None:
            added.append(fact)
    if added:  # "last Friday" read as its date: its "Friday" is that date's weekday, not another
        body_facts = [
            f
            for f in body_facts
            if f.measure != "weekday" or not any(a.start <= f.start < a.end for a in added)
        ]
    added += year_facts(body, lambda start, end, value: make(start, end, "year", value))
    dated = [*body_facts, *added]
    twins = [
        replace(f, measure="weekday", value=float(day.weekday()), unit_word=DAY_OF_DATE)
        for f in dated
        if f.measure == "date" and (day := _day(f.value)) is not None
    ]
    if not added and not twins:
        return facts
    title_facts = [f for f in facts if f.field != "body"]
    return [*title_facts, *sorted([*body_facts, *added, *twins], key=lambda f: f.start)]


# How much text either side of a relative day is cut into sentences to find its own: the
# whole of a 5,000-word text took ~5 ms, more than all the rest of this module.
_SENTENCE_REACH = 1500


def _relative_days(body: str) -> list[tuple[int, int, dict[str, str | None]]]:
    """The relative days of a text in order: (start, end, what the pattern's groups read)."""
    found = [(m.start(), m.end(), _GROUPS | m.groupdict()) for m in _RELATIVE.finditer(body)]
    for match in _COUNTED.finditer(body) if "day" in body else ():
        count = _COUNT_BEFORE.search(body, max(0, match.start() - 16), match.start())
        if count is None:
            continue
        groups = _GROUPS | {"ago": count.group(1)} if match.group("ago") else None
        if groups is None:
            groups = _GROUPS | {"shift": count.group(1), "way": match.group("way")}
        found.append((count.start(), match.end(), groups))
    return sorted(found, key=lambda item: item[0])


def sentence_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The sentence of `text` (as `split_sentences` cuts the whole text) holding
    text[start:end], found by cutting only the text around it; None if it crosses one."""
    low, high = max(0, start - _SENTENCE_REACH), min(len(text), end + _SENTENCE_REACH)
    for first, last in split_sentences(text[low:high]):
        if first + low <= start and end <= last + low:
            if (first == 0 and low > 0) or (last == high - low and high < len(text)):
                break  # a sentence longer than the window: cut the whole text
            return first + low, last + low
        if first + low > start:
            return None
    else:
        return None
    for first, last in split_sentences(text):
        if first <= start and end <= last:
            return first, last
    return None


def _span_fact(
    text: str,
    sentence_span: tuple[int, int],
    start: int,
    end: int,
    measure: str,
    value: Value | str,
) -> FigureFact | None:
    """The fact the words text[start:end] state, read as the fact model reads a figure (its
    event word, clause words, scope, sentence), with the given measure and value."""
    first, last = sentence_span
    tokens = tokenize(text, first, last)
    inside = [k for k, token in enumerate(tokens) if start <= token.start < end]
    if not inside:
        return None
    reading = Reading(inside[0], inside[-1] + 1, value, measure=measure, precision=0.0)
    piece = text[first:last]
    markers = [(first + at, marker) for at, marker in _scope_markers(piece, piece.lower())]
    sentence = _Sentence((first, last), " ".join(piece.split()), markers, frozenset())
    fact = _fact(text, tokens, reading, sentence)
    if measure == "year":  # whose act: "Ann Carter was born in 1931"
        names = _names_before(tokens, inside[0], 0, _NAMES_REACH, initial=True)
        return replace(fact, near=frozenset(names))
    after = inside[-1] + 1
    if after < len(tokens) and tokens[after].kind == "word":
        lower = tokens[after].lower  # "scientists today called on ...": the verb right after
        if tokens[after].text[:1].islower() and is_past(lower):
            return replace(fact, event=EVENT_SYNONYMS.get(lower, stem(lower)), event_form=lower)
    if fact.event:
        return fact
    # "the killing by police of a boy, Alexandros X, eight days ago": a relative day closes
    # its clause more often than a date does; its act may be further back in the sentence.
    for k in range(inside[0] - 1, max(-1, inside[0] - 1 - _EVENT_REACH), -1):
        word = tokens[k]
        if word.text in _CLAUSE_ENDS:
            break
        lower = word.lower
        if word.kind == "word" and word.text[:1].islower() and is_event_word(lower):
            if lower in NOT_ABOUT:
                continue
            return replace(fact, event=EVENT_SYNONYMS.get(lower, stem(lower)), event_form=lower)
    return fact


# How far back a year's subject is looked for (tokens).
_NAMES_REACH = 16
# How far back in its sentence a relative day's act is looked for (tokens), and the marks
# that end the look.
_EVENT_REACH = 20
_CLAUSE_ENDS = frozenset(';:()"“”')


# A dateline without a year: "WASHINGTON - April 27 - ...", "(Dec. 7) -", a place in capitals
# or the start of the text before it and a dash after it.
_YEARLESS_BEFORE = re.compile(r"(?:^\W*|\b[A-Z]{3,}[A-Z .,]*[-\u2013\u2014,(]\s*)$")
_YEARLESS_AFTER = re.compile(r"^\s*\)?\s*[-\u2013\u2014]")
_YEARLESS_REACH = 300
# A year with a day in it for month-day arithmetic (not a leap year, unless the day is Feb 29).
_ANY_YEAR, _LEAP_YEAR = 2001, 2000


def _yearless_dateline(body: str, facts: list[FigureFact]) -> str:
    """The month and day of a dateline without a year ("--04-27"), or ""."""
    for fact in facts:
        if fact.field != "body" or fact.start >= _YEARLESS_REACH:
            continue
        value = str(fact.value)
        if fact.measure != "date" or not re.match(r"^--\d\d-\d\d$", value):
            continue
        if _YEARLESS_BEFORE.search(body[max(0, fact.start - 40) : fact.start]) and (
            _YEARLESS_AFTER.match(body[fact.end : fact.end + 5])
        ):
            return value
    return ""


def _resolve_yearless(groups: dict[str, str | None], dateline: str) -> str | None:
    """A day relative to a dateline without a year, as a month and day ("--04-26"); a weekday
    (`last Friday`) needs the year."""
    month, day = int(dateline[2:4]), int(dateline[5:7])
    try:
        today = date(_LEAP_YEAR if (month, day) == (2, 29) else _ANY_YEAR, month, day)
    except ValueError:
        return None
    back = 0
    if groups["yesterday"]:
        back = 1
    elif groups["ago"]:
        count = (groups["ago"] or "").lower()
        back = int(count) if count.isdigit() else NUMBER_WORDS.get(count, 0)
        if not 0 < back <= 31:
            return None
    elif not groups["today"]:
        return None
    return (today - timedelta(days=back)).strftime("--%m-%d")


# A clock time in the stamp at the start of a text ("April 10, 2007-7:07AM A man ...").
_STAMP_CLOCK = re.compile(r"\b(\d{1,2})\s*:\s*(\d{2})\s*([AaPp])\.?\s*[Mm]\b")
_STAMP_REACH = 150
_LATER_TODAY = re.compile(r"\b(?:this\s+(?:afternoon|evening)|tonight)\b", re.I)
_TODAY_WORDS = re.compile(r"\b(?:today|this\s+morning)\b", re.I)
_NOON = 12 * 60


def _stamped_before(body: str) -> bool:
    """Whether the text's stamp says it was posted before what it says happened today (posted
    at 7:07 a.m., "at about 10am today", "this afternoon"): the stamp is then in another time
    zone or of a later day than the writing, and days relative to it would be wrong."""
    stamp = _STAMP_CLOCK.search(body, 0, _STAMP_REACH)
    if not stamp:
        return False
    hour, minute = int(stamp.group(1)) % 12, int(stamp.group(2))
    posted = hour * 60 + minute + (_NOON if stamp.group(3).lower() == "p" else 0)
    # Words looked for in the lower-cased text first: a case-blind pattern over a whole text
    # cost ~0.5 ms on 5,000 words, `in` a hundredth of that.
    lowered = body.lower()
    later = "tonight" in lowered or "this afternoon" in lowered or "this evening" in lowered
    if posted < _NOON and later and _LATER_TODAY.search(body):
        return True
    if "today" not in lowered and "this morning" not in lowered:
        return False
    for clock in _CLOCK.finditer(body, stamp.end()):
        hour, minute = int(clock.group(1)) % 12, int(clock.group(2) or 0)
        if hour * 60 + minute + (_NOON if clock.group(3).lower() == "p" else 0) <= posted:
            continue
        near = (max(0, clock.start() - _SENTENCE_REACH), clock.end() + _SENTENCE_REACH)
        if not _TODAY_WORDS.search(body, *near):
            continue  # no "today" within reach: not worth finding the sentence
        sentence = sentence_around(body, clock.start(), clock.end())
        if sentence and _TODAY_WORDS.search(body, max(sentence[0], stamp.end()), sentence[1]):
            return True
    return False


# A clock time said with a.m. or p.m. ("10am", "3:30 p.m.").
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([AaPp])\.?\s*[Mm]\b")


def _title_date(title: str) -> str:
    """The date a title is made of, when it is nothing else (`April 28, 2009`): the page's
    date, its text on the next line; else ""."""
    if not title or len(title) > _TITLE_DATE_LENGTH or not any(c.isdigit() for c in title):
        return ""
    from reader.highlight import find_figures

    for figure in find_figures(title):
        rest = title[: figure.start] + title[figure.end :]
        if figure.kind == "date" and not re.search(r"[A-Za-z0-9]", rest):
            return str(getattr(figure, "value", ""))
    return ""


_TITLE_DATE_LENGTH = 40


def _resolve(
    groups: dict[str, str | None],
    start: int,
    today: date | None,
    facts: list[FigureFact],
    added: list[FigureFact],
) -> float | str | None:
    """The day a relative expression names: an ISO date, a weekday index, or None."""
    if groups["yesterday"] or groups["today"] or groups["last"] or groups["ago"]:
        if today is None:
            return None
        if groups["yesterday"]:
            return (today - timedelta(days=1)).isoformat()
        if groups["today"]:
            return today.isoformat()
        if groups["last"]:
            back = (today.weekday() - WEEKDAY_INDEX[groups["last"].lower()]) % 7 or 7
            return (today - timedelta(days=back)).isoformat()
        count = (groups["ago"] or "").lower()
        days = int(count) if count.isdigit() else NUMBER_WORDS.get(count)
        if not days or days > 31:
            return None
        return (today - timedelta(days=days)).isoformat()
    step = 0
    if groups["step"]:
        step = -1 if groups["step"].lower() == "previous" else 1
    elif groups["around"]:
        step = -1 if groups["around"].lower() == "before" else 1
    elif groups["shift"]:
        count = groups["shift"].lower()
        days = (
            1
            if count in ("a", "one")
            else int(count)
            if count.isdigit()
            else NUMBER_WORDS.get(count)
        )
        if not days or days > _MAX_SHIFT:
            return None
        step = -days if (groups["way"] or "").lower() == "earlier" else days
    anchor = _anchor(start, facts, added, today)
    if anchor is None:
        return None
    if isinstance(anchor, date):
        return (anchor + timedelta(days=step)).isoformat()
    if isinstance(anchor, str):  # "--12-06": the next day is "--12-07", whatever the year
        month, day = int(anchor[2:4]), int(anchor[5:7])
        leap = _LEAP_YEAR if (month, day) == (2, 29) else _ANY_YEAR
        return (date(leap, month, day) + timedelta(days=step)).strftime("--%m-%d")
    return float((int(anchor) + step) % 7)


def _anchor(
    at: int, facts: list[FigureFact], added: list[FigureFact], today: date | None
) -> date | float | str | None:
    """The last day stated shortly before `at`: a date with its day (its year known or read
    from the article's date), a weekday, or a month and day without a year ("--12-06"); None
    when the last time stated is no day (`in March 2005`)."""
    best: tuple[int, date | float | str | None] | None = None
    for fact in (*facts, *added):
        if not at - _ANCHOR_REACH <= fact.end <= at or fact.unit_word == DAY_OF_DATE:
            continue
        if fact.measure == "weekday" and isinstance(fact.value, float):
            value: date | float | str | None = fact.value
        elif fact.measure in ("date", "month"):
            value = _full_day(fact.value, today)
            if value is None and _MONTH_DAY.match(str(fact.value)):
                value = str(fact.value)
        else:
            continue
        if best is None or fact.end > best[0]:
            best = (fact.end, value)
    return None if best is None else best[1]


_MONTH_DAY = re.compile(r"^--(\d\d)-(\d\d)$")


def _full_day(value: object, today: date | None) -> date | None:
    """A date with its day: as written, or a month and day without a year in an article of
    known date, on or before that date (the year of the article: "Dec. 6" written on December
    13, 2008; a later month and day may be next year's plan or last year's act: not read)."""
    day = _day(value)
    if day is not None or today is None:
        return day
    month_day = _MONTH_DAY.match(str(value))
    if not month_day:
        return None
    try:
        day = date(today.year, int(month_day.group(1)), int(month_day.group(2)))
    except ValueError:
        return None
    return day if day <= today else None
