"""Whether two facts linked as one thing are about two different people, acts or parts.

`fact_scope.scopes_differ` asks this module after its own scope tests. Read from general
English only:

- **ages** of two people: the names or the person noun right after `N-year-old` (`said
  61-year-old Anna Smith`, `a 30-year-old man`) or its owner (`Smith, 61`) differ on the two
  sides; or one person's age said at two times (the sentences' time markers differ: `Smith,
  29, was found guilty last month` and `Smith, 27, was arrested`);
- **dates and weekdays** of one verb done to two things: the verb's object differs (`signed
  an executive order` on one day, `a spending bill signed by` on another) and the days are
  more than one apart (one event's day misreported is most often a day off);
- **durations in two units** when the side in the coarser or finer unit also gives one in the
  other side's unit in the same sentence (`after four days and more than 30 hours of
  deliberations`): the other figure is then a part (hours of the days), not the same measure.
"""

from __future__ import annotations

import re
from datetime import date

from reader.analysis.fact_days import dated_nouns_meet
from reader.analysis.fact_model import FigureFact
from reader.analysis.fact_tokens import noun_key
from reader.analysis.fact_words import PERSON_NOUNS as PEOPLE_WORDS

__all__ = ["subjects_differ", "thing_age"]

_CALENDAR = frozenset({"weekday", "date", "month"})

# Nouns for one person, as a role: two different ones are two people.
PERSON_NOUNS = frozenset(
    """man woman boy girl son daughter father mother husband wife brother sister suspect victim
    driver officer deputy teacher student worker soldier pilot gunman friend neighbour neighbor
    grandmother grandfather baby child teenager teen resident singer actor actress player
    pensioner farmer nurse doctor guard fan""".split()
)
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_AGE_WORDS = re.compile(r"year-old|years? old|yr-old", re.I)
# Words that are no object: determiners, pronouns, prepositions, little verbs.
_FUNCTION = frozenset(
    """a an the his her their its this that these those to of on in at for by with from into
    and or but as is was were be been has have had it he she they them him we you i who which
    what also then there here not no yes all some any more most one last next first""".split()
)
_OBJECT_WORDS = 3
_PUNCTUATION = re.compile(r"[,;:.()\"\u2014\u2013?!]")
_CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday""".split()
)


def _age_person(fact: FigureFact) -> tuple[frozenset[str], str]:
    """The names and the person noun an age is given for (`61-year-old Anna Smith`)."""
    # An owner that is a little word is a sentence's capitalised first word ("A", "On").
    names = {name for name in fact.owner if name not in _FUNCTION}
    role = ""
    text = fact.sentence_text
    at = text.find(fact.text)
    if at >= 0 and _AGE_WORDS.search(fact.text):
        # The noun phrase after the age: up to its first punctuation or little word.
        phrase = _PUNCTUATION.split(text[at + len(fact.text) : at + len(fact.text) + 80])[0]
        own = len(names)
        for word in _WORD.findall(phrase)[:6]:
            lower = word.lower()
            if lower in _FUNCTION or lower in _CALENDAR_WORDS:
                break
            if word[0].isupper():
                names.add(lower.removesuffix("'s"))
            elif len(names) > own:
                break  # the name ended
            elif lower in PERSON_NOUNS and not role:
                role = lower
    return frozenset(names), role


# Things that have an age as people do ("a 41-year-old double murder case", "the 86-year-old
# structure"): general English nouns, never a person.
THING_NOUNS = frozenset(
    """case cases mystery murder murders killing killings law laws rule ban tradition record
    rivalry feud dispute war conflict company firm business store shop restaurant building
    structure house home church school bridge car plane ship boat tree film movie show series
    band policy program programme treaty contract agreement system institution organisation
    organization brand franchise magazine newspaper paper event festival competition
    tournament""".split()
)


def thing_age(fact: FigureFact) -> bool:
    """Whether an `N-year-old` is the age of a thing, not of a person: the words right after
    it (up to punctuation or a little word) name a thing and no person."""
    if fact.measure != "age" or not _AGE_WORDS.search(fact.text):
        return False
    text = fact.sentence_text
    at = text.find(fact.text)
    if at < 0:
        return False
    phrase = _PUNCTUATION.split(text[at + len(fact.text) : at + len(fact.text) + 60])[0]
    for word in _WORD.findall(phrase)[:4]:
        lower = word.lower()
        if word[0].isupper() or lower in _FUNCTION or lower in PERSON_NOUNS:
            return False
        if lower in THING_NOUNS:
            return True
    return False


def _ages_differ(a: FigureFact, b: FigureFact) -> bool:
    if thing_age(a) or thing_age(b):
        return thing_age(a) != thing_age(b) or a.value != b.value  # not a person's
    names_a, role_a = _age_person(a)
    names_b, role_b = _age_person(b)
    if names_a and names_b and not names_a & names_b:
        return True  # two people named
    if role_a and role_b and role_a != role_b and not names_a & names_b:
        return True  # "a 61-year-old man", "a 76-year-old woman"
    if a.scope != b.scope:
        return True  # one person at two times ("last month", "in 2005")
    return _aged_between(a, b)


# Days an article must be written after another, beyond whole years, for a person to be
# taken to have had a birthday in between: half a year (a misreported age is more likely
# than a birthday between two reports a few weeks apart).
_BIRTHDAY_DAYS = 182


def _aged_between(a: FigureFact, b: FigureFact) -> bool:
    """Whether the articles' own dates are far enough apart for one person to be these two
    ages (27 in an article of June 2005, 29 in one of March 2007), the later one older."""
    days = _days_between(a.written, b.written)
    if days is None or isinstance(a.value, str) or isinstance(b.value, str):
        return False
    older = float(b.value) - float(a.value)  # type: ignore[arg-type]
    if days < 0:
        days, older = -days, -older
    return older >= 1 and days >= 365 * (older - 1) + _BIRTHDAY_DAYS


def _days_between(a: str, b: str) -> int | None:
    """Days from ISO date `a` to ISO date `b` (a month without a day: its 15th)."""
    if not a or not b:
        return None
    try:
        first, second = (date.fromisoformat(d if len(d) == 10 else f"{d}-15") for d in (a, b))
    except ValueError:
        return None
    return (second - first).days


def _object(fact: FigureFact) -> frozenset[str]:
    """Content words of what the fact's verb is done to: the words after it, or before it
    when it is passive (`a spending bill signed by`)."""
    verb = fact.event_form
    if not verb:
        return frozenset()
    text = fact.sentence_text
    at = text.find(fact.text)
    found = [m for m in re.finditer(rf"\b{re.escape(verb)}\b", text, re.I)]
    if not found:
        return frozenset()
    near = min(found, key=lambda m: abs(m.start() - at)) if at >= 0 else found[0]
    after = _WORD.findall(text[near.end() : near.end() + 60])
    if after and after[0].lower() == "by":
        words = _WORD.findall(text[max(0, near.start() - 40) : near.start()])[-2:]
    else:
        words = after[:_OBJECT_WORDS]
    return frozenset(
        w.lower() for w in words if w.lower() not in _FUNCTION and w[0].islower() and len(w) > 2
    )


def _days_apart(a: FigureFact, b: FigureFact) -> int | None:
    """How many days apart two weekdays or two dates with a day are (None: not known)."""
    if a.measure == "weekday" and isinstance(a.value, float) and isinstance(b.value, float):
        step = abs(int(a.value) - int(b.value)) % 7
        return min(step, 7 - step)
    if a.measure == "date" and isinstance(a.value, str) and isinstance(b.value, str):
        days = [_DAY.search(v) for v in (a.value, b.value)]
        if days[0] and days[1]:
            (ma, da), (mb, db) = (map(int, d.groups()) for d in days)  # type: ignore[union-attr]
            return abs((ma * 31 + da) - (mb * 31 + db))
    return None


_DAY = re.compile(r"(\d\d)-(\d\d)$")
# One event's day told differently is most often a day off (time zones, overnight): two days
# further apart with two different objects of the verb are two acts.
_MISREPORT_DAYS = 1


_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|this|that|its|his|her|their)|['’]s)\s*$", re.I)


def _attributive(fact: FigureFact) -> str:
    """The word a date stands before as an adjective (`convicted of the June 20, 2005
    attempted murder`): the date is that thing's, not the sentence's verb's; else ""."""
    text = fact.sentence_text
    at = text.find(fact.text)
    if at < 0 or not _DETERMINER_BEFORE.search(text[:at]):
        return ""
    after: list[str] = _WORD.findall(text[at + len(fact.text) : at + len(fact.text) + 30])
    if after and after[0][0].islower() and after[0].lower() not in _FUNCTION:
        return after[0].lower()
    return ""


def _acts_differ(a: FigureFact, b: FigureFact) -> bool:
    apart = _days_apart(a, b)
    if apart is None or apart <= _MISREPORT_DAYS:
        return False
    if dated_nouns_meet(a, b):
        return False  # "the June 20 shooting", "a shooting that took place ...": one thing
    if _attributive(a) != _attributive(b):
        return True  # "the June 20 attempted murder", "convicted March 20": two things' days
    # "sent a letter" and "sent separate letters": one object, in the singular and the plural
    obj_a, obj_b = ({noun_key(w) for w in _object(f)} for f in (a, b))
    return bool(obj_a and obj_b and not obj_a & obj_b)


def _gives_unit(fact: FigureFact, unit: str) -> bool:
    """Whether the fact's sentence also gives a figure in `unit` (`four days and ...`)."""
    if not unit:
        return False
    pattern = rf"\b(?:\d[\d,.]*|[a-z]+)\s+{re.escape(unit)}s?\b"
    return any(m.group(0) != fact.text for m in re.finditer(pattern, fact.sentence_text, re.I))


def _parts_differ(a: FigureFact, b: FigureFact) -> bool:
    if not a.unit_word or not b.unit_word or a.unit_word == b.unit_word:
        return False
    return _gives_unit(a, b.unit_word) or _gives_unit(b, a.unit_word)


# Words for people in general: a count of them may hold a count of one kind of people. The
# dead named as such ("12 fatalities", "claimed 12 lives") are all of them, not a kind.
GENERAL_PEOPLE = frozenset(
    "people person persons individuals others fatalities deaths lives".split()
)
_PEOPLE_NOUNS = PEOPLE_WORDS | {w.removesuffix("s") for w in PEOPLE_WORDS}


def _people_word(fact: FigureFact) -> str:
    words = _WORD.findall(fact.text)
    return words[-1].lower() if words else ""


def _part_of_people(a: FigureFact, b: FigureFact) -> bool:
    """`Two officers` injured and `three people` injured: one kind of people, fewer than the
    people counted in general, may be a part of them (another paper told who they were)."""
    if a.noun != "person" or isinstance(a.value, str) or isinstance(b.value, str):
        return False
    for part, whole in ((a, b), (b, a)):
        part_word, whole_word = _people_word(part), _people_word(whole)
        if (
            whole_word in GENERAL_PEOPLE
            and part_word not in GENERAL_PEOPLE
            and part_word in _PEOPLE_NOUNS  # "1 Wounded": no kind of people named
            and float(part.value) < float(whole.value)  # type: ignore[arg-type]
        ):
            return True
    return False


def subjects_differ(a: FigureFact, b: FigureFact) -> bool:
    """Whether two facts linked as one thing are about two people, acts or parts."""
    if a.measure == "count":
        return _part_of_people(a, b)
    if a.measure == "age":
        return _ages_differ(a, b)
    if a.measure in _CALENDAR:
        return _acts_differ(a, b)
    if a.measure == "duration":
        return _parts_differ(a, b)
    return False
