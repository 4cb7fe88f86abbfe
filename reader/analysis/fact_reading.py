"""Reading one figure for the fact model: its value, unit or counted noun, role, hedge, owner.

In: the tokens of one sentence and where a number starts. Out: a `Reading` (or None when the
number says nothing about what it measures: a bare "11", a code such as "AK-47", a year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.analysis.fact_magnitude import magnitude_end
from reader.analysis.fact_phrases import age_phrase, killed_noun, toll_before
from reader.analysis.fact_tokens import CLAUSE_MARKS as _CLAUSE_MARKS
from reader.analysis.fact_tokens import Tok as _Tok
from reader.analysis.fact_tokens import could_be_name as _could_be_name
from reader.analysis.fact_tokens import is_name as _is_name
from reader.analysis.fact_tokens import is_number_word as _is_number_word
from reader.analysis.fact_tokens import name_key as _name_key
from reader.analysis.fact_tokens import noun_key, stem
from reader.analysis.fact_words import (
    HEDGE_LONGEST,
    HEDGES,
    MONTH_INDEX,
    NUMBER_WORDS,
    ORDINALS,
    PERSON_NOUNS,
    ROLE_GROUPS,
    ROLE_NOUNS,
    SCALE_WORDS,
    SEQUENCE_NOUNS,
    STOPWORDS,
    TIMES_WORDS,
    UNITS,
    WEEKDAY_INDEX,
)

Value = float | tuple[float, ...]
# Measures that belong to a person or a team: their owner may be named further back.
OWNED = frozenset({"age", "record"})
_OWNED = OWNED


@dataclass(slots=True)
class Reading:
    """A figure being read: its tokens [first, last) and what is known of it."""

    first: int
    last: int
    value: Value | str
    measure: str = ""
    unit: str = ""
    unit_word: str = ""
    noun: str = ""
    noun_index: int = -1
    role: str = ""
    other: bool = False
    kinds: set[str] = field(default_factory=set)
    hedge: str = ""
    precision: float = 1.0
    owner: set[str] = field(default_factory=set)
    whole: str = ""  # a share's whole, when it is a name ("a 56% stake in Ferrari")


def _number_at(tokens: list[_Tok], index: int, stop: int) -> tuple[float, int, float] | None:
    """(value, end token, precision) of a number written at `index`: digits, words
    ("twenty-three", "a dozen", "five hundred") and a scale after it ("2.5 million")."""
    token = tokens[index]
    if token.kind in ("num", "numunit"):
        digits = token.text.replace(",", "")
        value = float(digits)
        precision = 10.0 ** -len(digits.split(".")[1]) if "." in digits else 1.0
        end = index + 1
    elif _is_number_word(token.lower):
        value = float(NUMBER_WORDS[token.lower])
        precision = 1.0
        end = index + 1
        if (
            end + 1 < stop
            and tokens[end].text == "-"
            and tokens[end + 1].lower in NUMBER_WORDS
            and value >= 20
        ):
            value += NUMBER_WORDS[tokens[end + 1].lower]
            end += 2
    else:
        return None
    if token.kind == "num" and end < stop and tokens[end].lower in SCALE_WORDS:
        scale = SCALE_WORDS[tokens[end].lower]
        if tokens[end].lower not in ("m",) or tokens[end].start == token.end:
            precision *= scale
            value *= scale
            end += 1
    elif token.kind == "word" and end < stop and tokens[end].lower in ("hundred", "thousand"):
        scale = SCALE_WORDS[tokens[end].lower]
        value, precision, end = value * scale, precision * scale, end + 1
    elif token.kind == "word" and end < stop and tokens[end].lower == "dozen" and value < 12:
        value, precision, end = value * 12, precision * 12, end + 1  # "two dozen": 24
    return value, end, precision


def read_elapsed(tokens: list[_Tok], index: int, stop: int) -> Reading | None:
    """Minutes and seconds into something ("stopped at the 2:15 mark", "1:30 into the
    round"): a duration in seconds. A clock time ("at 2:15 pm") is not one."""
    if not (
        index + 3 < stop
        and tokens[index].text.isdigit()
        and tokens[index + 1].text == ":"
        and tokens[index + 2].kind == "num"
        and len(tokens[index + 2].text) == 2
        and tokens[index + 1].start == tokens[index].end
        and tokens[index + 2].start == tokens[index + 1].end
        and tokens[index + 3].lower in ("mark", "into")
    ):
        return None
    minutes, seconds = float(tokens[index].text), float(tokens[index + 2].text)
    if minutes >= 60 or seconds >= 60:
        return None
    reading = Reading(index, index + 3, minutes * 60 + seconds, measure="duration")
    reading.unit_word = "second"
    return reading


# The last words of the hedges: before any other word no hedge ends (most figures).
_HEDGE_ENDS = frozenset(words[-1] for words in HEDGES)


def hedge_before(tokens: list[_Tok], index: int, first: int) -> tuple[str, int]:
    """The hedge written just before token `index` and the token it starts at."""
    if index <= first or tokens[index - 1].lower not in _HEDGE_ENDS:
        if index - 2 >= first and tokens[index - 1].lower == "than":
            return "vague", index - 2
        return "", index
    for length in range(HEDGE_LONGEST, 0, -1):
        start = index - length
        if start < first:
            continue
        words = tuple(tokens[k].lower for k in range(start, index))
        if words in HEDGES:
            return HEDGES[words], start
    if index - 2 >= first and tokens[index - 1].lower == "than":
        return "vague", index - 2  # "longer than eight years": a bound, not a value
    return "", index


_ADVERB = re.compile(r"[a-z]+ly$")
_SUPERLATIVE = ("est", "worst", "best", "most", "-hit")
_IRREGULAR_PLURALS = frozenset(
    "people men women children police staff personnel crew cattle sheep fish deer aircraft "
    "police".split()
)


def _counted_noun(tokens: list[_Tok], index: int, stop: int) -> tuple[str, int, bool]:
    """The noun a count quantifies, read after it: (stem, its token index, "other" said)."""
    other = False
    seen = 0
    position = index
    while position < stop and seen < 4:
        token = tokens[position]
        if token.kind == "punct":
            if (
                token.text == "-"
                and position + 1 < stop
                and tokens[position + 1].start == token.end
            ):
                position += 1
                continue
            return "", -1, other
        if token.kind == "num":
            # "AK-47 rifles", "AK 47 guns": digits inside a compound modifier
            if position > index and (
                tokens[position - 1].text == "-" or _code_letters(tokens[position - 1])
            ):
                position += 1
                continue
            return "", -1, other
        lower = token.lower
        if lower in ("other", "more", "further", "additional", "extra"):
            other = True
            position += 1
            continue
        if lower in STOPWORDS or lower in WEEKDAY_INDEX or lower in MONTH_INDEX:
            return "", -1, other
        if lower in PERSON_NOUNS:
            return "person", position, other
        if lower in _IRREGULAR_PLURALS:
            return lower, position, other
        if len(lower) > 2 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
            return noun_key(lower), position, other
        if seen == 0 and lower in ROLE_NOUNS:
            return "person", position, other
        if _ADVERB.match(lower):
            return "", -1, other
        seen += 1
        position += 1
    return "", -1, other


def _code_letters(token: _Tok) -> bool:
    """Capital letters that start a code written with a space before its digits ("AK 47")."""
    return (
        token.kind == "word"
        and 2 <= len(token.text) <= 3
        and token.text.isupper()
        and token.lower not in STOPWORDS  # "AN 18-YEAR-OLD" in a shouted headline
    )


def _role_near(tokens: list[_Tok], before: int, after: int, first: int, stop: int) -> str:
    """What happened to what is counted: a role word just before the count ("killing five
    people", "injured almost 50") or shortly after its noun ("12 people were injured")."""
    for k in (before - 1, before - 2):
        if k >= first:
            role = ROLE_GROUPS.get(tokens[k].lower)
            if role:
                return role
            if tokens[k].kind == "punct" or tokens[k].lower not in ("a", "the"):
                break
    position, seen = after, 0
    while position < stop and seen < 5:
        token = tokens[position]
        if token.kind == "punct" or token.lower in ("and", "but", "or", "while", "which"):
            break
        role = ROLE_GROUPS.get(token.lower)
        if role:
            return role
        position += 1
        seen += 1
    return ""


def read_number(tokens: list[_Tok], index: int, first: int, stop: int, text: str) -> Reading | None:
    """A figure at token `index` of the sentence [first, stop), or None when it says nothing
    about what it measures (a bare number) or is not a figure (a code, a clock time)."""
    token = tokens[index]
    if token.kind == "num":
        if (
            index > first
            and tokens[index - 1].text == "-"
            and tokens[index - 1].start == (tokens[index - 2].end if index - 2 >= first else -1)
        ):
            previous = tokens[index - 2]
            if previous.kind == "word" and previous.lower not in ("minus", "magnitude"):
                return None  # "AK-47", "COVID-19"
        if index > first and _code_letters(tokens[index - 1]):
            return None  # "AK 47", "G 20": a code written with a space
        if index > first and tokens[index - 1].text in ("#", "$", "£", "€", "/", ":"):
            return None
    number = _number_at(tokens, index, stop)
    if number is None:
        return None
    value, end, precision = number
    reading = Reading(index, end, value, precision=precision)
    hedge, hedge_start = hedge_before(tokens, index, first)
    reading.hedge = hedge
    quake = magnitude_end(tokens, index, end, hedge_start, first, stop, value)
    if quake is not None:  # "magnitude-5.9", "6.1 on the Richter scale" (fact_magnitude)
        if quake < 0:
            return None  # an aftershock's
        reading.measure, reading.last = "magnitude", quake
        return reading
    # Records: "53-3", "45-7-2" (never a year range or a code).
    if (
        token.kind == "num"
        and end + 1 < stop
        and tokens[end].text == "-"
        and tokens[end + 1].kind == "num"
        and tokens[end].start == tokens[end - 1].end
        and tokens[end + 1].start == tokens[end].end
    ):
        parts = [value]
        position = end
        while (
            position + 1 < stop
            and tokens[position].text == "-"
            and tokens[position + 1].kind == "num"
            and tokens[position + 1].start == tokens[position].end
        ):
            parts.append(float(tokens[position + 1].text.replace(",", "")))
            position += 2
        if max(parts) < 1000 and all(float(p).is_integer() for p in parts):
            reading.value, reading.last, reading.measure = tuple(parts), position, "record"
            reading.owner = owner_before(tokens, index, first, strict=False)
            return reading
        return None
    after = tokens[end] if end < stop else None
    after_lower = after.lower if after else ""
    hyphen = after is not None and after.text == "-" and after.start == tokens[end - 1].end
    if hyphen and end + 1 < stop:
        unit_token = tokens[end + 1]
        unit_word = unit_token.lower
        young = _YOUNG.get(unit_word, 0.0)  # "a 9-month-old baby": 0.75 years
        if young and end + 3 < stop and tokens[end + 3].lower == "old":
            reading.measure, reading.last = "age", end + 4
            reading.value, reading.precision = value / young, 1.0 / young
            reading.owner = owner_before(tokens, hedge_start, first)
            return reading
        if (
            unit_word in ("year", "years")
            and end + 3 < stop
            and tokens[end + 3].lower
            in (
                "old",
                "olds",
            )
        ):
            reading.measure, reading.last = "age", end + 4
            reading.owner = owner_before(tokens, hedge_start, first)
            noun_index = end + 4
            while noun_index < stop and tokens[noun_index].kind == "punct":
                noun_index += 1
            return reading
        if unit_word == "magnitude":
            reading.measure, reading.last = "magnitude", end + 2
            return reading
        if unit_word in ("caliber", "calibre"):
            reading.measure, reading.last = "calibre", end + 2
            return reading
        if unit_word in ("degree", "degrees") and _minus_before(tokens, index, first):
            reading.value = -value
        if unit_word in UNITS:
            measure, factor = UNITS[unit_word]
            reading.measure, reading.value = measure, float(reading.value) * factor  # type: ignore[arg-type]
            reading.precision *= factor
            reading.last = end + 2
            reading.unit_word = noun_key(unit_word)
            following = tokens[end + 2] if end + 2 < stop else None
            if following and following.kind == "word" and following.lower not in STOPWORDS:
                reading.noun = noun_key(following.lower)  # "a 10-metre craft": the craft's size
            return reading
        if unit_word in TIMES_WORDS or unit_word == "times":
            reading.measure, reading.last = "times", end + 2
            return reading
        return None  # "a five-boat attack", "an eight-year deal": a modifier, not a fact
    if token.kind == "numunit" and after is not None:
        unit_word = after_lower
        if after.text == "G":
            return None  # "3G networks": a generation, not grams (written "g")
        if unit_word in UNITS and unit_word not in ("s", "m") or unit_word in ("km", "kg"):
            measure, factor = UNITS[unit_word]
            reading.measure = measure
            reading.value, reading.precision = value * factor, precision * factor
            reading.last = end + 1
            reading.unit_word = noun_key(unit_word)
            return reading
        return None  # "11am", "3pm", "4x4"
    if after_lower in ("year", "years") and end + 1 < stop and tokens[end + 1].lower == "old":
        reading.measure, reading.last = "age", end + 2
        reading.owner = owner_before(tokens, hedge_start, first)
        return reading
    phrase = age_phrase(tokens, index, end, hedge_start, first, stop) if value < 120 else None
    if phrase is not None and token.kind in ("num", "word"):  # "at the age of 44"
        reading.measure, reading.last = "age", phrase[0]
        reading.owner = phrase[1] or owner_before(tokens, hedge_start, first)
        return reading
    if after_lower in ("degree", "degrees") and _minus_before(tokens, index, first):
        reading.value = -value
    if after_lower in UNITS and after_lower not in ("s", "g", "mi", "min", "ha", "sec"):
        measure, factor = UNITS[after_lower]
        if after_lower in ("day", "days", "week", "weeks") and _ago_or_later(tokens, end + 1, stop):
            measure = "duration"
        reading.measure = measure
        reading.value = float(reading.value) * factor  # type: ignore[arg-type]
        reading.precision *= factor
        reading.last = end + 1
        reading.unit_word = noun_key(after_lower)
        return reading
    if after_lower == "times" and not (
        end + 1 < stop and tokens[end + 1].lower in ("as", "more", "higher", "the", "bigger")
    ):
        reading.measure, reading.last = "times", end + 1
        reading.noun = verb_before(tokens, hedge_start, first)
        return reading if reading.noun else None
    if after_lower == "magnitude" or word_before(tokens, hedge_start, first) in (
        "magnitude",
        "magnitude-",
    ):
        reading.measure = "magnitude"
        reading.last = end + (1 if after_lower == "magnitude" else 0)
        return reading
    if after_lower in ("caliber", "calibre"):
        reading.measure, reading.last = "calibre", end + 1
        return reading
    # "aged 44", "age 61", "Smith, 44,": an age.
    previous_word = word_before(tokens, hedge_start, first)
    if previous_word in ("aged", "age", "ages") and value < 120:
        reading.measure = "age"
        reading.owner = owner_before(tokens, hedge_start - 1, first)
        return reading
    if (
        token.kind == "num"
        and value < 120
        and hedge_start - 2 >= first
        and tokens[hedge_start - 1].text == ","
        and _could_be_name(tokens, hedge_start - 2, first)
        and (end >= stop or tokens[end].text in (",", ")", ";"))
    ):
        reading.measure = "age"
        reading.owner = {_name_key(tokens[hedge_start - 2].text)}
        return reading
    if (
        token.kind == "num"
        and len(token.text) == 4
        and 1800 <= value <= 2100
        and end < stop
        and tokens[end].text[:1].isupper()
    ):
        return None  # "the 2013 Academy Awards": a year
    noun, noun_index, other = _counted_noun(tokens, end, stop)
    if noun:
        reading.measure, reading.noun, reading.other = "count", noun, other
        reading.noun_index = noun_index
        reading.kinds = {
            tokens[k].lower for k in range(end, noun_index) if tokens[k].text[:1].isupper()
        }
        reading.last = noun_index + 1
        reading.role = _role_near(tokens, hedge_start, noun_index + 1, first, stop)
        if word_before(tokens, hedge_start, first) in ("the", "of") and word_before(
            tokens, hedge_start - 1, first
        ) in ("of", "the"):
            reading.role = ""  # "two of the three victims died": three is the whole group
        lower_kinds = {
            tokens[k].lower
            for k in range(end, noun_index)
            if tokens[k].lower.endswith(_SUPERLATIVE)
        }
        reading.kinds |= lower_kinds  # "the 12 worst-hit villages" are not all villages
        if killed_noun(tokens, noun_index, hedge_start, first):
            reading.noun, reading.role = "person", "killed"  # "claimed 12 lives", "12 deaths"
        if noun == "person" and tokens[noun_index].lower in ROLE_NOUNS and not reading.role:
            reading.role = ROLE_GROUPS.get(tokens[noun_index].lower, "")
        if not reading.role:
            # "355 damaged shops", "three wounded soldiers": the role written before the noun.
            reading.role = next(
                (
                    ROLE_GROUPS[tokens[k].lower]
                    for k in range(end, noun_index)
                    if tokens[k].lower in ROLE_GROUPS
                    and tokens[k].lower.endswith(("ed", "dead", "hurt", "missing"))
                    and tokens[k - 1].text != "-"  # "nine pro-death jurors"
                ),
                "",
            )
        return reading
    # A bare number taken by a role: "injuring 40", "killed at least six".
    role_before = ROLE_GROUPS.get(word_before(tokens, hedge_start, first), "")
    toll = toll_before(tokens, hedge_start, first)  # "the death toll rose to 12"
    if toll:
        reading.measure, reading.noun, reading.role = "count", toll, "killed"
        return reading
    if role_before and role_before in _PEOPLE_ROLES:
        reading.measure, reading.noun, reading.role = "count", "person", role_before
        return reading
    # "600 were killed", "two have been arrested"
    k = end
    while k < stop and tokens[k].lower in ("were", "was", "have", "has", "had", "been", "being"):
        k += 1
    if k > end and k < stop and ROLE_GROUPS.get(tokens[k].lower, "") in _PEOPLE_ROLES:
        reading.measure, reading.noun, reading.role = (
            "count",
            "person",
            ROLE_GROUPS[tokens[k].lower],
        )
        return reading
    return None


# Ages of the young given in months, weeks or days: how many make a year.
_YOUNG = {"month": 12.0, "months": 12.0, "week": 52.0, "weeks": 52.0, "day": 365.0, "days": 365.0}
_PEOPLE_ROLES = frozenset(
    {"killed", "injured", "arrested", "rescued", "evacuated", "missing", "hospitalized"}
)


# Words before an ordinal that make it a rank in a series: "the fourth", "his second".
_RANK_LEADS = frozenset("the his her its their".split())


def read_ordinal(tokens: list[_Tok], index: int, first: int, stop: int) -> Reading | None:
    """A rank in a series ("the fourth head coach", "the fifth Sixers coach"): the ordinal's
    value and the noun it ranks (the last lower-case word of the phrase), or None (no noun,
    a rank in time such as "the third day", or no "the"/possessive before it)."""
    lead = tokens[index - 1] if index > first else None
    if lead is None or not (lead.lower in _RANK_LEADS or lead.lower.endswith(("'s", "’s"))):
        return None
    if index + 1 < stop and tokens[index + 1].text == "-":
        return None  # "the second-largest"
    noun, noun_index = "", -1
    for k in range(index + 1, min(stop, index + 4)):
        token = tokens[k]
        if token.kind != "word" or token.lower in STOPWORDS or _ADVERB.match(token.lower):
            break
        if token.text[:1].islower():
            if k > index + 1 and token.lower.endswith("ed") and not token.lower.endswith("eed"):
                break  # "in the sixth Smith landed a hook": a verb after a name
            noun, noun_index = token.lower, k
    if not noun or noun in SEQUENCE_NOUNS:
        return None
    reading = Reading(index, noun_index + 1, float(ORDINALS[tokens[index].lower]))
    reading.measure, reading.noun, reading.noun_index = "ordinal", noun_key(noun), noun_index
    return reading


def word_before(tokens: list[_Tok], index: int, first: int) -> str:
    return tokens[index - 1].lower if index - 1 >= first else ""


def _minus_before(tokens: list[_Tok], index: int, first: int) -> bool:
    for k in (index - 1, index - 2):
        if k >= first and tokens[k].lower == "minus":
            return True
    return (
        index - 1 >= first
        and tokens[index - 1].text in ("-", "−")
        and (index - 2 < first or tokens[index - 2].end < tokens[index - 1].start)
    )


def _ago_or_later(tokens: list[_Tok], index: int, stop: int) -> bool:
    return index < stop and tokens[index].lower in ("ago", "later", "earlier", "before", "after")


def verb_before(tokens: list[_Tok], index: int, first: int) -> str:
    """The verb a "N times" belongs to: "shot eleven times", "married twice"."""
    for k in range(index - 1, max(first, index - 4) - 1, -1):
        token = tokens[k]
        if token.kind != "word":
            return ""
        if token.lower in ("been", "was", "were", "had", "has", "have", "is", "be"):
            continue
        if token.lower in STOPWORDS or token.text[:1].isupper():
            return ""
        return stem(token.lower)
    return ""


def near_names(tokens: list[_Tok], reading: Reading, first: int, event: int) -> frozenset[str]:
    """The names a figure may belong to: its clause's names before it; for a duration or a
    count of times, the names before its verb (its subject: "Ryan has worked ... 30 years",
    not "hospitalized in Los Angeles for four weeks")."""
    if reading.measure == "record":  # "Smith improved his record to 52-3": its subject
        return frozenset(_names_before(tokens, reading.first, first, 16, initial=True))
    if reading.measure in _OWNED or reading.measure in ("money", "percent"):
        return frozenset(_names_before(tokens, reading.first, first, 16))
    if reading.measure in ("duration", "times"):
        return frozenset(_names_before(tokens, event, first, 8, initial=True))
    if reading.measure == "ordinal":  # whose rank it is: "Cheeks ... is the fourth coach"
        return frozenset(_names_before(tokens, reading.first, first, 40, initial=True))
    return frozenset()


def _names_before(
    tokens: list[_Tok], index: int, first: int, reach: int = 10, *, initial: bool = False
) -> set[str]:
    """The names in the clause before token `index` (up to `reach` tokens back); `initial`:
    a capitalised word opening the sentence counts as one ("Hiller had worked ...")."""
    names: set[str] = set()
    for k in range(index - 1, max(first - 1, index - reach - 1), -1):
        if tokens[k].text in _CLAUSE_MARKS:
            break
        if _could_be_name(tokens, k, first) if initial else _is_name(tokens, k, first):
            names.add(_name_key(tokens[k].text))
    return names


def owner_before(tokens: list[_Tok], index: int, first: int, *, strict: bool = True) -> set[str]:
    """The name a figure belongs to when it follows it closely ("Smith, 53-3", "Smith's");
    not `strict`, also a name a word or two before it ("Smith compiled a 53-3 record")."""
    owner: set[str] = set()
    for k in range(index - 1, max(first - 1, index - 4), -1):
        token = tokens[k]
        if token.kind == "punct" and token.text not in (",", "(", "-"):
            break
        if _is_name(tokens, k, first) or (
            k == first and token.text[:1].isupper() and token.lower not in STOPWORDS
        ):  # a sentence's first word may be a name ("Smith, 44,"), not a pronoun ("He owns")
            owner.add(_name_key(token.text))
        elif token.kind != "punct" and (strict or owner):
            break  # "police arrested a 60-year-old": no name right before it
    return owner
