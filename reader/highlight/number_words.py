"""Numbers written in words, with their values: "five people", "a dozen others", "one person".

The reader view does not mark them (the highlighter marks figures written in digits), but the
analysis compares them: "killed five people" in one report and "killed 5" in another agree.
`find_number_words(text)` returns them as figure Spans of kind "quantity" whose value is the
number; a counted noun right after the number is inside the span, as for digit counts.
"""

from __future__ import annotations

import re

from reader.highlight.span import Span

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}

_SIMPLE = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SCALE = "|".join(_SCALES)
# "twenty-five", "two hundred and fifty", "three million", "a dozen", "two-thirds".
_NUMBER = (
    rf"(?:(?:{_SIMPLE})(?:-(?:{_SIMPLE}))?"
    rf"(?:[ -](?:{_SCALE})(?:[ -](?:and[ -])?(?:{_SIMPLE})(?:-(?:{_SIMPLE}))?)?)*"
    rf"|an?[ ](?:dozen|{_SCALE}))"
)
_NUMBER_RE = re.compile(
    rf"(?<![\w-])(?P<number>(?i:{_NUMBER[3:-1]}))"
    rf"(?:(?P<fraction>[ -](?:halves|half|thirds?|quarters?))(?![\w-])"
    rf"|(?![\w-]))(?:[ ](?P<noun>[a-z][a-z'-]*))?"
)
# Words after a number that are not what it counts ("one of", "five to ten").
_NOT_NOUNS = frozenset(
    "of to and or in on at by for from with than as a an the is are was were be been has have "
    "had will would could should may might can do does did that which who this these those "
    "it its their his her our your my more less per times another other each such".split()
)
_PLURALS = frozenset("people men women children staff police cattle sheep fish personnel".split())
# "one" alone is a pronoun more often than a count ("the one that ...", "one of them").
_NEEDS_NOUN = frozenset(("one", "a", "an"))


def _words_value(words: str) -> int | None:
    total, current = 0, 0
    for word in re.split(r"[ -]+", words.lower()):
        if word in ("and", "a", "an"):
            current = current or (1 if word != "and" else current)
            continue
        if word == "dozen":
            current = (current or 1) * 12
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
    return total + current


def find_number_words(text: str) -> list[Span]:
    """Numbers written in words in `text`, as sorted Spans (cls "figure", kind "quantity").

    The value is the number (`five people` -> 5, `a dozen others` -> 12, `two-thirds` ->
    0.667). A capitalised number word counts only where a sentence may begin ("Five people
    died"), not inside a name ("Formula One", "Channel Four").
    """
    spans: list[Span] = []
    for match in _NUMBER_RE.finditer(text):
        number = match.group("number")
        start = match.start()
        if number[0].isupper() and not _sentence_start(text, start):
            continue
        value: int | float | None = _words_value(number)
        if value is None:
            continue
        end = match.end("number")
        fraction = match.group("fraction")
        if fraction:
            denominator = _FRACTIONS[fraction.strip(" -").lower()]
            value = round(value / denominator, 3)
            end = match.end("fraction")
        noun = match.group("noun")
        if noun and not fraction and _counted(noun, value):
            end = match.end("noun")
        elif number.lower().split()[0] in _NEEDS_NOUN or number.lower() == "one":
            continue
        spans.append(Span(start, end, "figure", "quantity", value))
    return spans


def _counted(noun: str, value: float) -> bool:
    """Whether `noun` is what the number counts: "five people", "one person", not "six knew"."""
    if noun in _NOT_NOUNS:
        return False
    if value == 1:
        return True
    return noun in _PLURALS or (noun.endswith("s") and not noun.endswith(("ss", "us", "is")))


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 3) : at].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:\n"
