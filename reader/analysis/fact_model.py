"""Facts for compare: each figure in a text tied to what it is about.

In: an article body (plain text). Out: `FigureFact`s, one per figure, with its measure (a
count of some noun, an age, a sum of money, a weekday, a distance ...), its value in the
measure's base unit (40 miles and 64 km are both metres), the counted noun and the role of
what is counted (people killed, injured, arrested ...), a hedge (about, nearly, at least),
the content words and names of its clause (what it is about), the time markers of its
sentence (its scope: "last year", "in September") and the sentence itself as evidence.

Numbers written in words (five, a dozen, twenty-three, twice), weekdays and ages are read too.
A figure that says nothing about what it counts (a bare "11") is not a fact.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, NamedTuple

from reader.analysis.fact_words import (
    ABBREVIATIONS,
    HEDGE_LONGEST,
    HEDGES,
    MONTH_INDEX,
    NUMBER_WORDS,
    PERSON_NOUNS,
    ROLE_GROUPS,
    ROLE_NOUNS,
    SCALE_WORDS,
    STOPWORDS,
    TIMES_WORDS,
    UNITS,
    WEEKDAY_INDEX,
)

Value = float | tuple[float, ...]

# Measures whose value is a point in time: their scope is the value itself.
CALENDAR = frozenset({"weekday", "month", "date"})


@dataclass(slots=True)
class FigureFact:
    """One figure read as a fact: how much of what, about whom, when, and where it is said."""

    start: int  # the figure as written, with its unit or counted noun
    end: int
    text: str
    measure: str  # count | times | age | money | percent | record | magnitude | calibre |
    # weekday | month | date | length | mass | duration | speed | area | volume | temperature
    value: Value | str
    unit: str = ""  # money: the currency; otherwise "" (values are in the base unit)
    unit_word: str = ""  # the unit as written, in the singular ("hour", "mile")
    noun: str = ""  # counts: the counted noun's stem ("rifl"), "person" for people
    role: str = ""  # counts: what happened to them (killed, injured, seized ...)
    other: bool = False  # "three other rifles": not the same rifles as "seven rifles"
    kinds: frozenset[str] = frozenset()  # capitalised words before the noun ("Yemeni", "AK")
    hedge: str = ""  # "" | about | nearly | least | under | further | vague
    precision: float = 0.0  # the rounding step of the value as written (12.4 -> 0.1)
    words: frozenset[str] = frozenset()  # content stems of its clause
    close: frozenset[str] = frozenset()  # those within three words of it, moves aside
    forms: dict[str, str] = field(default_factory=dict)  # close stems as written (longest)
    event: str = ""  # the stem of the verb or event noun nearest to it in its clause
    owner: frozenset[str] = frozenset()  # names it belongs to ("Smith, 61", "Smith's $5m")
    near: frozenset[str] = frozenset()  # ages, records: names earlier in the clause
    scope: frozenset[str] = frozenset()  # months and past markers of its sentence
    days: frozenset[str] = frozenset()  # weekdays named in its sentence
    sentence: tuple[int, int] = (0, 0)
    sentence_text: str = ""  # the sentence, spaces collapsed
    field: str = "body"  # the field of the article the offsets are in: title | body
    spellings: tuple[str, ...] = ()  # the figure alone, and with its noun, as written


# --- tokens and sentences -------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<num>\d+(?:,\d{3})+(?:\.\d+)?(?![\w])|(?>\d+(?:\.\d+)?)(?![\w.:,]\d)(?![^\W\d_]))"
    r"|(?P<numunit>\d+(?:\.\d+)?(?=[a-zA-Z]))"
    r"|(?P<word>[^\W_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>[^\s\w])"
)


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    kind: str  # num | numunit | word | punct
    lower: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[_Tok]:
    """Numbers, words and punctuation marks of `text[start:end]`, with offsets in `text`."""
    tokens = []
    stop = len(text) if end is None else end
    for match in _TOKEN.finditer(text, start, stop):
        word = match.group()
        tokens.append(
            _Tok(word, match.start(), match.end(), match.lastgroup or "punct", word.casefold())
        )
    return tokens


# A sentence ends at . ! or ? (and closing quotes) before a capital, a digit or a quote, or
# at a line break; a full stop after an abbreviation (Mr., Nov., U.S.) does not end one.
_BOUNDARY = re.compile(r"""([.!?]+["”’')\]]*)[ \t]+(?=["“‘(]?[A-Z0-9])|[ \t]*\n\s*""")
_WORD_BEFORE_DOT = re.compile(r"([^\W\d_]+)\.$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as (start, end) character ranges, spaces trimmed."""
    sentences = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        mark = match.group(1)
        if mark is not None:
            end = match.start(1) + len(mark)
            if mark == ".":
                before = _WORD_BEFORE_DOT.search(text, max(0, end - 12), end)
                if before and (
                    before.group(1).casefold() in ABBREVIATIONS
                    or (len(before.group(1)) == 1 and before.group(1).isupper())
                ):
                    continue
        else:
            end = match.start()
        if text[start:end].strip():
            sentences.append((start, end))
        start = match.end()
    if text[start:].strip():
        sentences.append((start, len(text.rstrip())))
    return sentences


# --- words ----------------------------------------------------------------------------------

_SUFFIXES = (
    ("ations", ""),
    ("ation", ""),
    ("ating", ""),
    ("ated", ""),
    ("ates", ""),
    ("ate", ""),
    ("ments", ""),
    ("ment", ""),
    ("ings", ""),
    ("ing", ""),
    ("ied", "y"),
    ("ies", "y"),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
    ("e", ""),
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, so that deliberation, deliberated and deliberate meet."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "stopp(ed)" -> "stop"
    return word


def noun_key(plural: str) -> str:
    """A counted noun in the singular: rifles -> rifle, KO's -> ko, casualties -> casualty."""
    word = plural.casefold().replace("’", "'").removesuffix("'s").removesuffix("'")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _is_number_word(lower: str) -> bool:
    return lower in NUMBER_WORDS


def _is_name(tokens: list[_Tok], index: int, first: int) -> bool:
    token = tokens[index]
    return (
        token.kind == "word"
        and token.text[:1].isupper()
        and index != first
        and token.lower not in STOPWORDS
        and token.lower not in MONTH_INDEX
        and token.lower not in WEEKDAY_INDEX
        and not (index > first and tokens[index - 1].text in ("“", '"', "(", ":"))
    )


def _could_be_name(tokens: list[_Tok], index: int, first: int) -> bool:
    """A name, or a capitalised word opening the sentence that is not a function word."""
    token = tokens[index]
    if index == first:
        return token.kind == "word" and token.text[:1].isupper() and token.lower not in STOPWORDS
    return _is_name(tokens, index, first)


def _name_key(word: str) -> str:
    return word.casefold().replace("’", "'").removesuffix("'s")


# --- reading one figure ---------------------------------------------------------------------


@dataclass(slots=True)
class _Reading:
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
    return value, end, precision


def _hedge_before(tokens: list[_Tok], index: int, first: int) -> tuple[str, int]:
    """The hedge written just before token `index` and the token it starts at."""
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
            # "AK-47 rifles": digits inside a compound modifier
            if position > index and tokens[position - 1].text == "-":
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


def _read_number(
    tokens: list[_Tok], index: int, first: int, stop: int, text: str
) -> _Reading | None:
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
            if previous.kind == "word" and previous.lower != "minus":
                return None  # "AK-47", "COVID-19"
        if index > first and tokens[index - 1].text in ("#", "$", "£", "€", "/", ":"):
            return None
    number = _number_at(tokens, index, stop)
    if number is None:
        return None
    value, end, precision = number
    reading = _Reading(index, end, value, precision=precision)
    hedge, hedge_start = _hedge_before(tokens, index, first)
    reading.hedge = hedge
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
            reading.owner = _owner_before(tokens, index, first, strict=False)
            return reading
        return None
    after = tokens[end] if end < stop else None
    after_lower = after.lower if after else ""
    hyphen = after is not None and after.text == "-" and after.start == tokens[end - 1].end
    if hyphen and end + 1 < stop:
        unit_token = tokens[end + 1]
        unit_word = unit_token.lower
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
            reading.owner = _owner_before(tokens, hedge_start, first)
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
        reading.owner = _owner_before(tokens, hedge_start, first)
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
        reading.noun = _verb_before(tokens, hedge_start, first)
        return reading if reading.noun else None
    if after_lower == "magnitude" or _word_before(tokens, hedge_start, first) in (
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
    word_before = _word_before(tokens, hedge_start, first)
    if word_before in ("aged", "age", "ages") and value < 120:
        reading.measure = "age"
        reading.owner = _owner_before(tokens, hedge_start - 1, first)
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
        if _word_before(tokens, hedge_start, first) in ("the", "of") and _word_before(
            tokens, hedge_start - 1, first
        ) in ("of", "the"):
            reading.role = ""  # "two of the three victims died": three is the whole group
        lower_kinds = {
            tokens[k].lower
            for k in range(end, noun_index)
            if tokens[k].lower.endswith(_SUPERLATIVE)
        }
        reading.kinds |= lower_kinds  # "the 12 worst-hit villages" are not all villages
        if noun == "person" and tokens[noun_index].lower in ROLE_NOUNS and not reading.role:
            reading.role = ROLE_GROUPS.get(tokens[noun_index].lower, "")
        return reading
    # A bare number taken by a role: "injuring 40", "killed at least six".
    role_before = ROLE_GROUPS.get(_word_before(tokens, hedge_start, first), "")
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


_PEOPLE_ROLES = frozenset({"killed", "injured", "arrested", "rescued", "evacuated", "missing"})


def _word_before(tokens: list[_Tok], index: int, first: int) -> str:
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


def _verb_before(tokens: list[_Tok], index: int, first: int) -> str:
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


def _near_names(tokens: list[_Tok], reading: _Reading, first: int, event: int) -> frozenset[str]:
    """The names a figure may belong to: its clause's names before it; for a duration or a
    count of times, the names before its verb (its subject: "Ryan has worked ... 30 years",
    not "hospitalized in Los Angeles for four weeks")."""
    if reading.measure in _OWNED or reading.measure in ("money", "percent"):
        return frozenset(_names_before(tokens, reading.first, first, 16))
    if reading.measure in ("duration", "times"):
        return frozenset(_names_before(tokens, event, first, 8, initial=True))
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


def _owner_before(tokens: list[_Tok], index: int, first: int, *, strict: bool = True) -> set[str]:
    """The name a figure belongs to when it follows it closely ("Smith, 53-3", "Smith's");
    not `strict`, also a name a word or two before it ("Smith compiled a 53-3 record")."""
    owner: set[str] = set()
    for k in range(index - 1, max(first - 1, index - 4), -1):
        token = tokens[k]
        if token.kind == "punct" and token.text not in (",", "(", "-"):
            break
        if _is_name(tokens, k, first) or (k == first and token.text[:1].isupper()):
            owner.add(_name_key(token.text))
        elif token.kind != "punct" and (strict or owner):
            break  # "police arrested a 60-year-old": no name right before it
    return owner


# --- the whole text -------------------------------------------------------------------------

_CLAUSE_MARKS = frozenset(';:()[]—–"“”')
_WINDOW = 8
# "by Saturday", "until Monday": a bound, not the day something happened.
_BOUNDS = frozenset("by until till before after since through from".split())
_MONTH_LEADS = frozenset("in since until by of early late mid during from".split())
_PAST_PHRASES = frozenset("previous previously earlier former formerly ago prior".split())
# "last night", "last week": the story's own time, not an earlier one.
_NOW = frozenset(
    "night evening weekend week of few two three monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)
# A sentence opening with these speaks of what the one before spoke of (its time too).
_ANAPHORA = frozenset("it that this they those these".split())
# Figure kinds of the highlighter's figure finder that the fact model takes as they are.
_TAKEN_KINDS = frozenset({"money", "percent", "date"})


def read_article_facts(title: str, body: str) -> list[FigureFact]:
    """The facts of an article's title, then of its body (offsets are within each field)."""
    # A title's dates and weekdays are often when it was updated, not when things happened.
    title_facts = [f for f in read_facts(title, field="title") if f.measure not in CALENDAR]
    return [*title_facts, *read_facts(body)]


def read_facts(text: str, *, field: str = "body") -> list[FigureFact]:
    """The figures of `text` as facts, in order of appearance (see the module docstring)."""
    from reader.highlight import find_figures

    figures = [f for f in find_figures(text) if f.kind in _TAKEN_KINDS]
    facts: list[FigureFact] = []
    figure_index = 0
    lowered = text.lower()
    candidates = [m.start() for m in _CANDIDATE.finditer(lowered)]
    all_markers = _scope_markers(text, lowered)
    marker_starts = [at for at, _ in all_markers]
    previous_scope: frozenset[str] = frozenset()
    for sentence_start, sentence_end in split_sentences(text):
        opening = _FIRST_WORD.match(text, sentence_start)
        anaphoric = bool(opening) and opening.group().casefold() in _ANAPHORA  # type: ignore[union-attr]
        inherited = previous_scope if anaphoric else frozenset()
        markers = all_markers[
            bisect_left(marker_starts, sentence_start) : bisect_left(marker_starts, sentence_end)
        ]
        previous_scope = frozenset(m for _, m in markers) or inherited
        sentence_figures = []
        while figure_index < len(figures) and figures[figure_index].start < sentence_end:
            if figures[figure_index].start >= sentence_start:
                sentence_figures.append(figures[figure_index])
            figure_index += 1
        at = bisect_left(candidates, sentence_start)
        if not sentence_figures and not (at < len(candidates) and candidates[at] < sentence_end):
            continue  # most sentences state no figure: no need to read them word by word
        tokens = tokenize(text, sentence_start, sentence_end)
        if not tokens:
            continue
        readings = _sentence_readings(tokens, sentence_figures, text)
        sentence = _Sentence(
            (sentence_start, sentence_end),
            " ".join(text[sentence_start:sentence_end].split()),
            markers,
            inherited,
        )
        for reading in readings:
            fact = _fact(text, tokens, reading, sentence)
            facts.append(fact if field == "body" else replace(fact, field=field))
    return facts


@dataclass(frozen=True, slots=True)
class _Sentence:
    span: tuple[int, int]
    text: str
    markers: list[tuple[int, str]]  # (offset, time marker) in the sentence
    inherited: frozenset[str]  # the time of the sentence before, for one opening with "It"


_FIRST_WORD = re.compile(r"\W*([^\W\d_]+)")
_NUMBER_ALTERNATIVES = "|".join(
    sorted(set(NUMBER_WORDS) - {"one", "zero"} | set(TIMES_WORDS), key=len, reverse=True)
)
# Where a figure may be, in the lower-cased text: digits, number words, weekdays, months.
_CANDIDATE = re.compile(
    rf"[0-9]|\b(?:{_NUMBER_ALTERNATIVES}|one\s+[^\W\d_]+"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b"
)
_MARKER = re.compile(
    r"\b(?:(?P<past>previous|previously|earlier|former|formerly|ago|prior)"
    r"|last\s+(?P<after>[^\W\d_]+(?:['’]s)?)"
    r"|(?P<month>january|february|march|april|june|july|august|september|october|november"
    r"|december)|(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"
)


def _scope_markers(text: str, lowered: str) -> list[tuple[int, str]]:
    """The time markers of a text with their offsets: months named (with a capital), and
    "past" for "last year", "earlier", "previous" ... ("last night", "last week" are the
    story's own time)."""
    markers = []
    for match in _MARKER.finditer(lowered):
        month = match.group("month") or match.group("day")
        if month:
            if text[match.start()].isupper():
                markers.append((match.start(), month))
        elif match.group("past") or _name_key(match.group("after")) not in _NOW:
            markers.append((match.start(), "past"))
    return markers


def _sentence_readings(tokens: list[_Tok], figures: list[Any], text: str) -> list[_Reading]:
    """The figures of one sentence's tokens, the highlighter's money, percent and dates first."""
    first, stop = 0, len(tokens)
    readings: list[_Reading] = []
    skip_to = [0] * stop  # where reading resumes inside a highlighter figure
    for figure in figures:
        span = _token_range(tokens, first, stop, figure.start, figure.end)
        if span is None:
            continue
        for k in range(span[0], span[1]):
            skip_to[k] = span[1]
        reading = _reading_of_figure(tokens, span, first, stop, figure.kind, figure.value)
        if reading is not None:
            readings.append(reading)
    index = first
    while index < stop:
        if skip_to[index]:
            index = skip_to[index]
            continue
        token = tokens[index]
        reading = None
        if token.kind in ("num", "numunit") or token.lower in NUMBER_WORDS:
            if token.lower != "one" or _one_counts(tokens, index, stop):
                reading = _read_number(tokens, index, first, stop, text)
        elif token.lower in TIMES_WORDS:
            verb = _verb_before(tokens, index, first)
            if verb:
                reading = _Reading(index, index + 1, float(TIMES_WORDS[token.lower]))
                reading.measure, reading.noun = "times", verb
        elif (
            token.lower in WEEKDAY_INDEX
            and token.text[:1].isupper()
            and _word_before(tokens, index, first) not in _BOUNDS
        ):
            reading = _Reading(index, index + 1, float(WEEKDAY_INDEX[token.lower]))
            reading.measure = "weekday"
        elif (
            token.lower in MONTH_INDEX
            and token.text[:1].isupper()
            and _word_before(tokens, index, first) in _MONTH_LEADS
            and (token.lower != "may" or _word_before(tokens, index, first) == "in")
        ):
            reading = _Reading(index, index + 1, float(MONTH_INDEX[token.lower]))
            reading.measure = "month"
        if reading is None:
            index += 1
            continue
        if readings and not reading.owner and _follows(tokens, readings[-1].last, index):
            reading.owner = set(readings[-1].owner)  # "Smith, 53-3, 47 KOs"
        readings.append(reading)
        index = max(index + 1, reading.last if reading.measure != "times" else index + 1)
    readings.sort(key=lambda r: r.first)
    return readings


_IRREGULAR_PAST = frozenset(
    """
    struck began begun took taken held won lost met made sent left went came fell rose shot
    fought sank sunk broke broken caught led paid sold bought spent found gave given kept ran
    wed hit killed beat drove driven flew flown stole stolen threw thrown wrote written
    """.split()
)
_EVENT_ENDINGS = ("ed", "ing", "ion", "ions", "ment")
_NOT_EVENTS = frozenset(
    "during including according following nothing something morning evening million billion "
    "region nation station".split()
)
# Measures that belong to a person or a team: their owner may be named further back.
_OWNED = frozenset({"age", "record"})
# Words this close to a figure say what it is ("turnout reached 93.87 percent").
_CLOSE = 3
_POSSESSIVE = ("'s", "’s")
# Words that say how a figure moved, not what it is ("rose 9%", "fell to $5m").
_MOVES = frozenset(
    "rose rise rises rising risen fell fall falls falling fallen grew grow grows growing grown "
    "increased increase increases increasing decreased decrease decline declined declining "
    "dropped drop drops dropping jumped jump jumps climbed climb slipped slip gained gain "
    "lost lose loss losses cut cuts raised raise boosted boost reached reach reaches hit "
    "up down higher lower total totalled totaled worth value valued".split()
)
# Words that never say what a figure is about.
_NOT_ABOUT = (
    STOPWORDS
    | NUMBER_WORDS.keys()
    | UNITS.keys()
    | WEEKDAY_INDEX.keys()
    | frozenset(
        "come came coming comes go goes went going gone make made making makes take took taking "
        "takes get got getting gets give gave giving gives put puts putting see saw seen seeing "
        "show showed shown shows well recent recently many much new latest overall several "
        "various".split()
    )
)


def _follows(tokens: list[_Tok], end: int, index: int) -> bool:
    """Whether only commas or "with"/"and" stand between two figures."""
    return 0 <= index - end <= 2 and all(
        tokens[k].text in (",", "with", "and", "(") for k in range(end, index)
    )


def _one_counts(tokens: list[_Tok], index: int, stop: int) -> bool:
    """ "one" is a figure only before a person, a unit or a role ("one person", "1 Wounded")."""
    if index + 1 >= stop:
        return False
    following = tokens[index + 1].lower
    return (
        following in PERSON_NOUNS
        or following in UNITS
        or following in ROLE_NOUNS
        or (following in ("person", "man", "woman", "child"))
    )


def _token_range(
    tokens: list[_Tok], first: int, stop: int, start: int, end: int
) -> tuple[int, int] | None:
    """The tokens [a, b) of the sentence covering the characters [start, end)."""
    a = next((k for k in range(first, stop) if tokens[k].end > start), None)
    if a is None or tokens[a].start >= end:
        return None
    b = a
    while b < stop and tokens[b].start < end:
        b += 1
    return a, b


_CLOCK = frozenset("am pm a.m p.m gmt est edt pst pdt bst hrs ist".split())


def _dateline(tokens: list[_Tok], a: int, b: int, first: int, stop: int) -> bool:
    """A date opening a sentence and running on into the next one without a stop ("Published:
    April 10, 2007 A man who ..."): when the text was posted, not when anything happened."""
    if a - first > 3:
        return False
    k = b
    while k < stop and (
        tokens[k].kind in ("num", "numunit")
        or tokens[k].lower in _CLOCK
        or tokens[k].text in (":", ".")
    ):
        k += 1
    return k < stop and tokens[k].kind == "word" and tokens[k].text[:1].isupper()


def _reading_of_figure(
    tokens: list[_Tok], span: tuple[int, int], first: int, stop: int, kind: str, value: object
) -> _Reading | None:
    """A highlighter figure (money, percent, date) as a reading; years are not facts."""
    a, b = span
    if kind == "money":
        if not isinstance(value, dict) or not isinstance(value.get("amount"), (int, float)):
            return None
        amount = float(value["amount"])
        currency = str(value.get("currency", ""))
        verb = _word_before(tokens, _hedge_before(tokens, a, first)[1], first)
        if (
            currency == "GBP"
            and tokens[b - 1].lower in ("pound", "pounds")
            and verb.startswith("weigh")
        ):
            reading = _Reading(a, b, amount * UNITS["lb"][1], measure="mass")
            reading.precision = UNITS["lb"][1]
        else:
            reading = _Reading(a, b, amount, measure="money", unit=currency)
            reading.precision = 0.0  # sums of money are taken as exact ($14bn vs $14.3bn)
    elif kind == "percent" and isinstance(value, (int, float)):
        reading = _Reading(a, b, float(value), measure="percent")
        digits = tokens[a].text.replace(",", "")
        reading.precision = 10.0 ** -len(digits.split(".")[1]) if "." in digits else 1.0
    elif kind == "date" and isinstance(value, str):
        if _dateline(tokens, a, b, first, stop):
            return None
        reading = _Reading(a, b, value, measure="date")
    else:
        return None
    reading.hedge = _hedge_before(tokens, a, first)[0]
    reading.owner = _owner_before(tokens, _hedge_before(tokens, a, first)[1], first)
    return reading


def _fact(text: str, tokens: list[_Tok], reading: _Reading, sentence: _Sentence) -> FigureFact:
    first, stop = 0, len(tokens)
    start = tokens[reading.first].start
    end = tokens[max(reading.first, reading.last - 1)].end
    figure_end = tokens[reading.first].end
    if reading.measure in ("count",) and reading.noun_index > reading.first:
        figure_end = (
            tokens[reading.noun_index - 1].end
            if reading.noun_index - 1 > reading.first
            else figure_end
        )
    # The clause: up to _WINDOW tokens either side, not across a clause mark.
    low = reading.first
    while (
        low > first and reading.first - low < _WINDOW and tokens[low - 1].text not in _CLAUSE_MARKS
    ):
        low -= 1
    high = reading.last
    while high < stop and high - reading.last < _WINDOW and tokens[high].text not in _CLAUSE_MARKS:
        high += 1
    words = set()
    close = set()
    forms: dict[str, str] = {}
    event = ""
    event_after = ""
    event_index = reading.first
    for k in range(low, high):
        if reading.first <= k < reading.last:
            continue
        token = tokens[k]
        lower = token.lower
        if token.kind != "word" or lower in _NOT_ABOUT or len(lower) < 3:
            continue
        if (
            token.text[0].isupper()
            and lower not in MONTH_INDEX
            and (k or lower.endswith(_POSSESSIVE))
        ):
            continue  # a name: the clause's names are its owner, not what it is about
        if lower in MONTH_INDEX:
            continue
        word = stem(lower)
        words.add(word)
        if (reading.first - k <= _CLOSE or k - reading.last < _CLOSE) and lower not in _MOVES:
            close.add(word)
            if len(lower) > len(forms.get(word, "")):
                forms[word] = lower
        if (lower in _IRREGULAR_PAST or lower.endswith(_EVENT_ENDINGS)) and (
            lower in _IRREGULAR_PAST or (len(lower) >= 5 and lower not in _NOT_EVENTS)
        ):
            if k < reading.first:
                event = word  # the nearest before wins
                event_index = k
            elif not event_after:
                event_after = word
    event = event or event_after
    own = (tokens[reading.first].start, tokens[reading.last - 1].end)
    marked = frozenset(m for at, m in sentence.markers if not own[0] <= at < own[1])
    days = marked & WEEKDAY_INDEX.keys()
    scope = (marked - days) or (sentence.inherited - WEEKDAY_INDEX.keys())
    spellings = (text[start:figure_end], text[start:end])
    return FigureFact(
        start=start,
        end=end,
        text=" ".join(text[start:end].split()),
        measure=reading.measure,
        value=reading.value,
        unit=reading.unit,
        unit_word=reading.unit_word,
        noun=reading.noun,
        role=reading.role,
        other=reading.other,
        kinds=frozenset(reading.kinds),
        hedge=reading.hedge,
        precision=reading.precision,
        words=frozenset(words),
        close=frozenset(close),
        forms=forms,
        event=event,
        owner=frozenset(reading.owner),
        near=_near_names(tokens, reading, first, event_index),
        scope=scope,
        days=days,
        sentence=sentence.span,
        sentence_text=sentence.text,
        spellings=tuple(dict.fromkeys(" ".join(s.split()) for s in spellings)),
    )
