"""Paragraphs of a body and the terms they are compared by (stemmed words, fact keys)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from reader.analysis.facts import fact_key
from reader.highlight.span import SpanLike


class Paragraph(NamedTuple):
    """A paragraph of a body: character offsets [start, end)."""

    start: int
    end: int

    def text(self, body: str) -> str:
        return body[self.start : self.end]


_MARKER = re.compile(r"\s*(?:[#>|*•\-–—+]|\d{1,3}[.)]\s)")
_LINE_END = re.compile(r"[.!?:;\"”’')\]…*]\s*$")
# A line at least this long that does not end a sentence was wrapped by its writer: the next
# line continues the same paragraph.
_WRAPPED_LINE = 40


def split_paragraphs(body: str) -> list[Paragraph]:
    """The paragraphs of `body`: blocks between blank lines, and lines that end a sentence.

    Web articles often put one paragraph per line with no blank line between; hard-wrapped
    text breaks lines mid-sentence. A line break therefore ends a paragraph unless the line
    is long, does not end with punctuation and the next line is not a list item or heading.
    """
    paragraphs: list[Paragraph] = []
    start: int | None = None
    end = 0
    previous = ""
    position = 0
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        stripped = content.strip()
        line_start = position
        position += len(line)
        if not stripped:
            if start is not None:
                paragraphs.append(Paragraph(start, end))
                start = None
            continue
        first = line_start + (len(content) - len(content.lstrip()))
        last = line_start + len(content.rstrip())
        if start is not None and _breaks_after(previous, content):
            paragraphs.append(Paragraph(start, end))
            start = None
        if start is None:
            start = first
        end = last
        previous = content
    if start is not None:
        paragraphs.append(Paragraph(start, end))
    return paragraphs


def _breaks_after(line: str, next_line: str) -> bool:
    stripped = line.strip()
    if len(stripped) < _WRAPPED_LINE or _LINE_END.search(stripped):
        return True
    return bool(_MARKER.match(next_line)) or bool(_MARKER.match(line))


# --- words and terms -------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Function words carry no topic; they are ignored by alignment and topic finding.
STOPWORDS = frozenset(
    """
    a an the and or but nor so yet for of in on at to from by with without within into onto
    over under about above below between through during before after since until upon
    against among across along around behind beyond near off out up down via per than then
    as if because while although though whether which who whom whose what when where why how
    that this these those there here it its it's itself he him his himself she her hers
    herself they them their theirs themselves we us our ours you your yours i me my mine
    is are was were be been being am do does did doing done have has had having will would
    shall should can could may might must not no yes all any both each few more most other
    some such only own same too very just also even ever still again once already now
    s t don't isn't aren't wasn't weren't won't can't didn't doesn't hasn't haven't it’s
    one ones said says say according like
    """.split()
)
_SUFFIXES = ("ments", "ment", "ations", "ation", "ings", "ing", "ies", "ed", "es", "s", "e")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem so that invest, invests, invested and investment meet."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word


def paragraph_terms(text: str, spans: Sequence[SpanLike] = ()) -> list[str]:
    """The terms alignment compares: stemmed content words, plus one term per figure (by
    value) and per name (by canonical name) in place of the words that spell them."""
    terms: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < position:
            continue
        terms += _word_terms(text, position, span.start)
        terms.append("\x00" + "\x00".join(fact_key(span)))
        position = span.end
    terms += _word_terms(text, position, len(text))
    return terms


def _word_terms(text: str, start: int, end: int) -> list[str]:
    """The terms of the words of `text[start:end]` (words cut there as in a slice)."""
    terms = []
    known = _TERMS
    for word in WORD.findall(text, start, end):
        term = known.get(word)
        if term is None:
            term = _word_term(word)
        if term:
            terms.append(term)
    return terms


def _word_term(word: str) -> str:
    """A word's term: stemmed, case aside; "" for a function word or one letter."""
    lower = word.casefold()
    term = stem(lower) if len(lower) > 1 and lower not in STOPWORDS else ""
    if len(_TERMS) > 65_536:
        _TERMS.clear()
    _TERMS[word] = term
    return term


# Terms of words already seen, by the word as written.
_TERMS: dict[str, str] = {}
