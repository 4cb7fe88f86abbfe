"""What the article list shows: the rows a sort and filter made, and the view's narrowing.

Made in a worker thread for big lists (see `LibraryScreen`), so nothing here touches widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reader.corpus import Article

__all__ = ["ListRows", "in_view"]


@dataclass
class ListRows:
    """A finished sort+filter: what the list shows and how it was made."""

    sort: str
    query: str
    articles: list[Article]
    view: str = "all"
    # False for a first page shown while the rest of the matches are being counted.
    complete: bool = True

    @cached_property
    def members(self) -> frozenset[int]:
        """The shown article objects' identities: the status line counts read and starred
        rows against them. Made on first use (only when some are read or starred), best
        where the rows are made (a worker thread for big lists)."""
        return frozenset(map(id, self.articles))


def in_view(
    articles: list[Article], view: str, read: frozenset[str], starred: frozenset[str]
) -> list[Article]:
    """`articles` narrowed to the view: unread only, starred only, or all of them."""
    if view == "unread":
        return [article for article in articles if article.id not in read]
    if view == "starred":
        return [article for article in articles if article.id in starred]
    return articles
