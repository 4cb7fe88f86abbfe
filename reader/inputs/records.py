"""The plain records every input parser returns: articles, problems, and both together."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class InputArticle:
    """One article read from a feed, a web page or a JSON Lines dump.

    Every string is plain text, already sanitised (no markup, no controls or escape
    sequences); `published` is naive UTC or None when the input gave no usable date.
    `source` is the outlet (a feed's title, a page's site name); `feed` the url of the
    feed the entry came from, when it came from one.
    """

    title: str
    text: str
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    source: str | None = None
    guid: str | None = None
    tags: tuple[str, ...] = ()
    feed: str | None = None


@dataclass(frozen=True)
class Problem:
    """Something that could not be read or fetched: where (a path, url or `file:line`), and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Parsed:
    """What one input gave: its articles and the problems met reading it (never raised)."""

    articles: list[InputArticle] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # A feed's own title, for the feed list and summaries; None for pages and dumps.
    title: str | None = None
