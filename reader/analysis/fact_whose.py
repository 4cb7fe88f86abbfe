"""Whose figure it is: the names a fact is said about, and whether the other article names any.

Articles grouped into one story are often two events of one kind, above all from one outlet
(two takeovers, two consoles' launches, two players' injuries). A figure said about a company,
product or person the other article never names is not the other article's figure: on the BBC
corpus, 20 of 44 wrong reports in a sample of 50 were two owners' figures (docs/compare.md,
"BBC audit"). The names a fact is about are the names of its sentence before it; a sentence
naming none (`The 30-year-old will undergo an operation`) speaks of the one before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import Protocol

from reader.analysis.fact_model import FigureFact
from reader.analysis.fact_words import MONTH_INDEX, NUMBER_WORDS, WEEKDAY_INDEX
from reader.analysis.paragraphs import STOPWORDS

# A capitalised word (`Nintendo`, `Houston-based`, `AT&T`), with an optional possessive.
_WORD = re.compile(r"[A-Z][\w&-]*(?:['’]s?\b)?")
# The same words as _WORD without the possessive (`\w` holds no apostrophe).
_BARE = re.compile(r"[A-Z][\w&-]*")
# Where a sentence (or a quotation) opens: its first word is capitalised by position.
_OPENERS = frozenset(".!?:;\"“‘'([—-")
# The sentence before a fact's, looked for this far back (characters).
_BACK = 400
# A name followed by one of these (after more names: `Gov. Abdolreza Sheikholeslami said`) is
# who told it, not whose figure it is (unless it speaks of itself: `Oracle said it would
# cut`); so is one after `according to`.
_SOURCE_AFTER = re.compile(
    r"(?:[\s,.'’]+[A-Z][\w&'’.-]*)*[\s,]+(?:said|says|say|told|tells|quoted|reported|added|"
    r"stated|according)\b(?!\s+(?:it|its|they|their|he|his|she|her)\b)"
)
_SOURCE_BEFORE = re.compile(r"according\s+to\s+(?:the\s+)?(?:[A-Z][\w&'’.-]*\s+)*$")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])")


def _head(word: str) -> str:
    """A name word without its possessive: `Nintendo's` -> `Nintendo`."""
    return re.sub(r"['’]s?$", "", word)


class _Texts(Protocol):
    @property
    def title(self) -> str: ...

    @property
    def body(self) -> str: ...


class ArticleNames:
    """The names of one article (title and body), read only when a disagreement asks: an
    indexed article reads its body from the cache on first use."""

    def __init__(self, article: _Texts) -> None:
        self._article = article
        self._seen: dict[tuple[str, bool], bool] = {}

    @property
    def title(self) -> str:
        return self._article.title

    @property
    def body(self) -> str:
        return self._article.body

    @cached_property
    def _whole(self) -> str:
        """Title and body in one text (joined once, not at every word asked)."""
        return self.title + "\n" + self.body

    def _found(self, word: str, text: str, inside: bool) -> bool:
        """Whether `text` holds `word` as a word of its own (`inside`: after a word, a comma
        or a figure and a space). `str.find` over the text: a regular expression that tries
        every position cost 0.3-0.6 ms a word on a 5,000-word text."""
        key = (word, inside)
        found = self._seen.get(key)
        if found is not None:
            return found
        at = text.find(word)
        found = False
        while at >= 0 and not found:
            end = at + len(word)
            found = (end == len(text) or not (text[end].isalnum() or text[end] == "_")) and (
                at >= 2
                and text[at - 1] == " "
                and text[at - 2] not in _OPENERS
                and not text[at - 2].isspace()
                if inside
                else at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")
            )
            at = text.find(word, at + 1)
        self._seen[key] = found
        return found

    def has_lower(self, word: str) -> bool:
        """Whether the article writes `word` (lower case) as a word of its own."""
        return self._found(word, self._whole, inside=False)

    def _inside(self, word: str) -> bool:
        """Whether `word` is capitalised inside a sentence somewhere (so a name, not only an
        opener); a title may capitalise every word, so the body only. Asked of the few words
        that open a sentence before a disputed figure."""
        return self._found(word, self.body, inside=True)

    @cached_property
    def heads(self) -> frozenset[str]:
        """Every capitalised word of the article, possessives aside, and the first part of a
        hyphenated one (`AK-47` names `AK`, `Houston-based` names `Houston`): 0.2 ms on a
        5,000-word text, read once a disagreement asks."""
        words = set(_BARE.findall(self._whole))
        words |= {word.split("-", 1)[0] for word in words if "-" in word}
        return frozenset(words)

    def text(self, field: str) -> str:
        return self.title if field == "title" else self.body

    def names_in(self, text: str) -> list[str]:
        """The name words of a stretch of text: capitalised words, but not a word capitalised
        only because it opens a sentence or a quotation (`The`, `But`, `Authorities`: one
        never capitalised inside a sentence of the body), nor a month, weekday, number word or
        single letter, nor who told it (`X said`, `according to X`)."""
        out: list[str] = []
        for m in _WORD.finditer(text):
            word = _head(m.group())
            lower = word.lower()
            if len(word) < 2 or lower in MONTH_INDEX or lower in WEEKDAY_INDEX:
                continue
            if lower in NUMBER_WORDS:  # "Ten people are killed"
                continue
            if _SOURCE_AFTER.match(text, m.end()) or _SOURCE_BEFORE.search(text, 0, m.start()):
                continue  # who told it: "officials told IRNA", "Sheikholeslami said"
            before = text[: m.start()].rstrip()
            opens = not before or before[-1] in _OPENERS
            if opens and (lower in STOPWORDS or self.has_lower(lower) or not self._inside(word)):
                continue
            out.append(word)
        return out

    def subject(self, fact: FigureFact) -> tuple[list[str], bool]:
        """The names `fact` is said about, and whether they are its own sentence's: the names
        of its sentence before it, else the names of the sentence before its own."""
        text = self.text(fact.field)
        start, _ = fact.sentence
        names = self.names_in(text[start : max(start, fact.start)])
        if names or fact.measure != "age":
            return names, True
        before = text[max(0, start - _BACK) : start].rstrip()
        cuts = [m.end() for m in _SENTENCE_END.finditer(before)]
        previous = before[cuts[-1] :] if cuts else before if start - _BACK <= 0 else ""
        return self.names_in(previous), False


# A name met as the start of a longer one is a short form of it (`Yugansk`,
# `Yuganskneftegas`) when it is at least this long.
_SHORT_FORM = 5


def _named(name: str, other: ArticleNames) -> bool:
    """Whether the other article names `name`: as written, in lower case (`the navy`), or a
    short or long form of it."""
    heads = other.heads
    if name in heads or other.has_lower(name.lower()):
        return True
    if len(name) < _SHORT_FORM:
        return False
    return any(
        len(head) >= _SHORT_FORM and (head.startswith(name) or name.startswith(head))
        for head in heads
    )


def about_others(facts: Iterable[FigureFact], own: ArticleNames, other: ArticleNames) -> bool:
    """Whether every one of `facts` is said about names the other article never mentions
    (each has a subject, and none of its names is among the other article's words, nor a
    short or long form of one)."""
    for fact in facts:
        subject, own_sentence = own.subject(fact)
        # In its own sentence the name nearest the figure is whose it is (`Oracle has
        # announced ... its $10.3bn takeover`); the sentence before may name several.
        said = subject[-1:] if own_sentence else subject
        if not subject or any(_named(name, other) for name in said):
            return False
    return True
