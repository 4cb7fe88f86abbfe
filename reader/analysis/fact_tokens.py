"""Tokens, sentences and words for the fact model: numbers, words and marks with offsets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from reader.analysis.fact_words import (
    ABBREVIATIONS,
    MONTH_INDEX,
    NOUN_ABBREVIATIONS,
    NUMBER_WORDS,
    STOPWORDS,
    WEEKDAY_INDEX,
)

# Marks that end a clause: what a figure is about is not looked for across them.
CLAUSE_MARKS = frozenset(';:()[]—–"“”')


_TOKEN = re.compile(
    r"(?P<num>\d+(?:,\d{3})+(?:\.\d+)?(?![\w])|(?>\d+(?:\.\d+)?)(?![\w.:,]\d)(?![^\W\d_]))"
    r"|(?P<numunit>\d+(?:\.\d+)?(?=[a-zA-Z]))"
    r"|(?P<word>[^\W_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>[^\s\w])"
)


class Tok(NamedTuple):
    """A number, word or mark of a text, with its offsets and its lower case."""

    text: str
    start: int
    end: int
    kind: str  # num | numunit | word | punct
    lower: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Numbers, words and punctuation marks of `text[start:end]`, with offsets in `text`."""
    stop = len(text) if end is None else end
    make = tuple.__new__  # a NamedTuple built without its Python-level __new__: 2x faster
    tokens: list[Tok] = []
    append = tokens.append
    # A plain loop with start() and end(): 2.5 ms for a 5,000-word article's sentences with
    # figures, against 3.0 for a comprehension unpacking span() (every token is in a group).
    for m in _TOKEN.finditer(text, start, stop):
        word = m.group()
        append(make(Tok, (word, m.start(), m.end(), m.lastgroup, word.lower())))
    return tokens


# A sentence ends at . ! or ? (and closing quotes) before a capital, a digit or a quote, or
# at a line break; a full stop after an abbreviation (Mr., Nov., U.S.) does not end one.
# Linear on any text: a run of marks is tried from its first mark only, and a line break
# from the break itself (spaces before it are trimmed after the match). The earlier
# `[ \t]*\n` was tried from every space of a run: 8.4 s on 250,000 spaces, now 5 ms.
# The pattern opens with the set of its first characters, so the engine skips to the next
# mark or line break in C instead of trying the pattern at every character: 0.15 ms for a
# 5,000-word article against 0.9 when it opened with the look-behind. Group 1 is the rest of
# the marks (and closing quotes) after the first one.
_BOUNDARY = re.compile(
    r"""[.!?\n](?:(?<=\n)\s*|(?<![.!?][.!?])([.!?]*["”’')\]]*)[ \t]+(?=["“‘(]?[A-Z0-9]))"""
)
_WORD_BEFORE_DOT = re.compile(r"([^\W\d_]+)\.$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` as (start, end) character ranges, spaces trimmed."""
    sentences = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.start(1) >= 0:
            end = match.end(1)
            if end - match.start() == 1 and text[end - 1] == ".":
                before = _WORD_BEFORE_DOT.search(text, max(0, end - 12), end)
                if before and (
                    before.group(1).casefold() in ABBREVIATIONS
                    or (len(before.group(1)) == 1 and before.group(1).isupper())
                ):
                    continue
        else:
            end = match.start()
            while end > start and text[end - 1] in " \t":
                end -= 1
        if text[start:end].strip():
            sentences.append((start, end))
        start = match.end()
    if text[start:].strip():
        sentences.append((start, len(text.rstrip())))
    return sentences


def matches_at_words(
    pattern: re.Pattern[str], text: str, words: Sequence[str]
) -> list[re.Match[str]]:
    """`pattern.finditer(text)` as a list, for a pattern whose every match starts with one of
    `words`: the pattern is tried only where one of them is (found by `str.find`), not at
    every character. Pays for patterns that open with letters most text is made of."""
    starts = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            starts.append(at)
            at = text.find(word, at + 1)
    starts.sort()
    found = []
    done = 0
    match_at = pattern.match
    for at in starts:
        if at >= done:
            match = match_at(text, at)
            if match:
                found.append(match)
                done = match.end()
    return found


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
    if word in NOUN_ABBREVIATIONS:
        return NOUN_ABBREVIATIONS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def is_number_word(lower: str) -> bool:
    return lower in NUMBER_WORDS


def is_name(tokens: list[Tok], index: int, first: int) -> bool:
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


def could_be_name(tokens: list[Tok], index: int, first: int) -> bool:
    """A name, or a capitalised word opening the sentence that is not a function word."""
    token = tokens[index]
    if index == first:
        return token.kind == "word" and token.text[:1].isupper() and token.lower not in STOPWORDS
    return is_name(tokens, index, first)


def name_key(word: str) -> str:
    return word.casefold().replace("’", "'").removesuffix("'s")
