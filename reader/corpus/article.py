"""The data model: Article, and how articles are counted, ordered and found."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.corpus.sanitize import escape_controls
from reader.corpus.stepwise import sorted_in_steps

WORDS_PER_MINUTE = 230


@dataclass(slots=True)
class Article:
    """One article: its metadata and the body text a reader shows (already sanitised).

    Slotted: 100,000 of them are in memory at once, and an instance dict cost about 350
    bytes an article more. `tags` and `extra` are read, never changed in place: an article
    from the index shares one tuple of tags with every article tagged alike, and one
    read-only empty mapping with every article without extras.
    """

    id: str
    path: Path
    title: str
    body: str
    source: str | None = None
    author: str | None = None
    url: str | None = None
    published: datetime | None = None
    tags: Sequence[str] = field(default_factory=list)
    section: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    words: int = -1

    def __post_init__(self) -> None:
        if self.words < 0:
            self.words = count_words(self.body)

    @property
    def path_text(self) -> str:
        """The file's path as text (an indexed article makes no Path object for it)."""
        return os.fspath(self.path)

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / WORDS_PER_MINUTE))

    def to_json(self) -> dict[str, Any]:
        """The article's metadata as JSON-ready values (the body is left out)."""
        return {
            "id": self.id,
            "path": escape_controls(str(self.path)),
            "title": self.title,
            "source": self.source,
            "author": self.author,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "tags": list(self.tags),
            "section": self.section,
            "words": self.words,
            "reading_minutes": self.reading_minutes,
        }


def unique_id(article_id: str, seen: set[str]) -> str:
    """`article_id`, or `<id>~2`, `~3`... when `seen` has it already; the answer joins `seen`.

    Two files can give one id ("a.md" and "a.txt"); the later one in path order gets "~2".
    """
    candidate, number = article_id, 2
    while candidate in seen:
        candidate = f"{article_id}~{number}"
        number += 1
    seen.add(candidate)
    return candidate


# A whitespace-separated token counts as a word when it holds a letter or digit. The match
# starts at a token's first letter or digit and runs to its end, so each such token is one
# match. `[^\W_]` is exactly str.isalnum() and `\s` exactly str.isspace(), the characters
# str.split() splits on, so splitting and testing tokens gives the same count.
_WORD_TOKEN = re.compile(r"[^\W_]\S*")
_ALNUM = re.compile(r"[^\W_]")
# Up to this length a body is split into tokens at once; longer ones (a 4 MiB body would be
# 700,000 strings at once) are matched one token at a time.
_SPLIT_MAX_CHARS = 1 << 16
# For ASCII texts: spaces (as str.isspace() and `\s` see them) become b" ", letters and
# digits b"a"; the other characters are deleted.
_ASCII = [chr(code) for code in range(128)]
_ASCII_CLASSES = bytes([ord(" ") if c.isspace() else ord("a") for c in _ASCII] + [ord("a")] * 128)
_ASCII_SYMBOLS = bytes(ord(c) for c in _ASCII if not (c.isspace() or c.isalnum()))


def count_words(text: str) -> int:
    """Whitespace-separated tokens with a letter or digit in them ("—" is not a word)."""
    if text.isascii():
        # In C, without a string per token: delete every character that is neither space
        # nor letter nor digit (a token of such characters only vanishes, the others keep a
        # letter or digit), map the rest to " " and "a", and count where tokens start.
        # Measured on 3 KB synthetic texts (busy machine): 37 µs a text with str.split(), 9 µs
        # this way.
        classes = text.encode("ascii").translate(_ASCII_CLASSES, _ASCII_SYMBOLS)
        return classes.count(b" a") + classes.startswith(b"a")
    if len(text) > _SPLIT_MAX_CHARS:
        return sum(1 for _ in _WORD_TOKEN.finditer(text))
    # Most tokens start with a letter or digit; only the others need a search. Measured on
    # BBC texts (2.2 KB on average; CPU, best of 7): 149 µs a text with finditer, 81 µs
    # this way (counting tokens alone with str.split() takes about 60% of that).
    tokens = text.split()
    odd = [token for token in tokens if not token[0].isalnum()]
    return len(tokens) - len(odd) + sum(1 for token in odd if _ALNUM.search(token))


SORT_KEYS = ("date", "source", "title", "words")


def sort_articles(articles: Iterable[Article], key: str = "date") -> list[Article]:
    """Articles in display order: newest first (undated last), A-Z, or longest first.
    Sorted in steps (`stepwise`): the UI sorts 100,000 articles in a worker while keys come."""
    items = list(articles)
    if key == "date":
        dated = sorted_in_steps(
            [a for a in items if a.published], key=lambda a: (a.published, a.id), reverse=True
        )
        return dated + sorted_in_steps([a for a in items if not a.published], key=lambda a: a.id)
    if key == "title":
        return sorted_in_steps(items, key=lambda a: (a.title.casefold(), a.id))
    if key == "source":
        by_date = sort_articles(items, "date")
        order = {id(a): position for position, a in enumerate(by_date)}
        return sorted_in_steps(
            by_date, key=lambda a: (a.source is None, (a.source or "").casefold(), order[id(a)])
        )
    if key == "words":
        return sorted_in_steps(items, key=lambda a: (-a.words, a.id))
    raise ValueError(f"unknown sort key {key!r}; use one of {', '.join(SORT_KEYS)}")


class ArticleNotFound(LookupError):
    """No article, or more than one, matches what the user typed."""

    def __init__(self, query: str, candidates: list[Article]) -> None:
        self.query = query
        self.candidates = candidates
        # A query may be thousands of characters long: it is echoed cut short.
        shown = repr(query if len(query) <= 80 else query[:79] + "…")
        if candidates:
            listing = "\n".join(f"  {a.id}  {a.title}" for a in candidates[:20])
            more = f"\n  ... and {len(candidates) - 20} more" if len(candidates) > 20 else ""
            message = f"{shown} matches {len(candidates)} articles:\n{listing}{more}"
        else:
            message = f"no article matches {shown}"
        super().__init__(message)


def find_article(articles: list[Article], query: str) -> Article:
    """The one article `query` names: an id, a path, a unique id prefix or title prefix."""
    for article in articles:
        if article.id == query:
            return article
    if _is_existing_path(query):
        resolved = Path(query).resolve()
        for article in articles:
            if article.path.resolve() == resolved:
                return article
    for matches in (
        [a for a in articles if a.id.startswith(query)],
        [a for a in articles if a.title.casefold().startswith(query.casefold())],
        [a for a in articles if a.title.casefold() == query.casefold()],
    ):
        if len(matches) == 1:
            return matches[0]
    candidates = [a for a in articles if a.id.startswith(query)] or [
        a for a in articles if a.title.casefold().startswith(query.casefold())
    ]
    raise ArticleNotFound(query, candidates)


def _is_existing_path(query: str) -> bool:
    """Whether `query` names an existing file; a name too long for the system is not one."""
    try:
        return Path(query).exists()
    except (OSError, ValueError):
        return False
