"""Typed messages between the screens and the App: screens ask, the App acts (never the reverse).

Screens and workers post these; `ReaderApp` handles them with `@on(...)`. A screen never
imports the App, and a worker never touches a widget: it posts its result instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual.message import Message

from reader.corpus import Article
from reader.highlight import NameIndex
from reader.store import FileKeys

# Finds a place in an article's body as shown (markdown marks removed): (start, end) offsets
# into that text, or None. Other screens use it to open an article at a mention.
Locator = Callable[[str], "tuple[int, int] | None"]


@dataclass
class OpenArticle(Message):
    """Read `article` (in the open reader, or on a new one), at the place `at` finds.

    Posted by the list (a row chosen), the coverage screen (a cell chosen) and the palette."""

    article: Article
    at: Locator | None = None


@dataclass
class CompareRequested(Message):
    """Put `left` and `right` side by side; `articles` is the order [ and ] step through.

    Posted by the coverage screen (`c`: the two sources most apart on a fact)."""

    left: Article
    right: Article
    articles: Sequence[Article]


@dataclass
class CoverageRequested(Message):
    """Show who reports what across `articles`; `origin` says what they are ("the filtered
    list", "the 2 marked articles"). Posted by the list (`v`)."""

    articles: list[Article]
    origin: str


@dataclass
class NameIndexReady(Message):
    """The corpus name index is built (posted by the App's worker): highlight names with it."""

    index: NameIndex


@dataclass
class CorpusLoaded(Message):
    """Every cached article is loaded (posted by the index worker after a warm start)."""

    articles: list[Article]
    problems: list[Any]
    located: FileKeys | None = None  # which file each article is, for the state store


@dataclass
class CorpusChanged(Message):
    """Files changed on disk since the cache was written (posted by the index worker)."""

    articles: list[Article]
    problems: list[Any]
    # Set when the cache file could not be written and the worker indexed in memory: the
    # index the articles now come from, and why.
    index: Any = None
    fallback: str | None = None
    located: FileKeys | None = None  # which file each article is, for the state store


class CorpusSettled(Message):
    """Every article is loaded and fresh from disk: the name index can learn from them."""


@dataclass
class SearchIndexProgress(Message):
    """The search index is being built for `backlog` articles, or (`done`) is ready."""

    backlog: int
    done: bool = False


@dataclass
class StoryChosen(Message):
    """Show `articles` (one story's, or every article when `title` is empty) in the list.

    Posted by the stories screen (Enter)."""

    articles: list[Article]
    title: str = ""


@dataclass
class StoryLeft(Message):
    """Esc in a list that shows one story: show every article again.

    Posted by the list."""


@dataclass
class FeedProgress(Message):
    """An update of the feeds (`R`) moved on: `done` of `total` steps, on `label`."""

    done: int
    total: int
    label: str


@dataclass
class FeedArticles(Message):
    """Articles an update just saved to the library, for the list to take in."""

    articles: list[Article]


@dataclass
class FeedUpdateDone(Message):
    """An update ended: one summary line per feed, one line per problem; or it was cancelled."""

    summaries: list[str]
    problems: list[str]
    saved: int
    cancelled: bool = False
