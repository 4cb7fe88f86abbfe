"""What the article list shows: the rows a sort and filter made, the view's narrowing, and
the status line's texts.

Made in a worker thread for big lists (see `LibraryScreen`), so nothing here touches widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from textual.content import Content

from reader.corpus import Article, ArticlesAt

__all__ = ["ListRows", "counts_text", "empty_message", "in_view", "mode_text", "starts_with"]


@dataclass
class ListRows:
    """A finished sort+filter: what the list shows and how it was made."""

    sort: str
    query: str
    articles: Sequence[Article]
    view: str = "all"
    # False for a first page shown while the rest of the matches are being counted.
    complete: bool = True

    def made_for(self, sort: str, query: str, view: str) -> bool:
        """True when these are the rows of exactly this sort, filter and view."""
        return (self.sort, self.query, self.view) == (sort, query, view)

    @cached_property
    def members(self) -> frozenset[int]:
        """The shown article objects' identities, for `shows`. Made on first use (only
        when some are read or starred), best where the rows are made (a worker thread for
        big lists: see `ready_for_counts`)."""
        return frozenset(map(id, self.articles))

    def shows(self, article: Article) -> bool:
        """Whether `article`, one of the list's, is among the rows: the status line counts
        read and starred rows so. A filter's answer knows its index rows (no set of 100,000
        identities made at each count)."""
        if isinstance(self.articles, ArticlesAt):
            held = self.articles.holds(article)
            if held is not None:
                return held
        return id(article) in self.members

    def ready_for_counts(self) -> None:
        """Make now (in the thread making the rows) what `shows` will need."""
        if not (isinstance(self.articles, ArticlesAt) and self.articles.knows_rows):
            self.members  # noqa: B018 - made here, not on the UI thread


def in_view(
    articles: Sequence[Article], view: str, read: frozenset[str], starred: frozenset[str]
) -> Sequence[Article]:
    """`articles` narrowed to the view: unread only, starred only, or all of them."""
    if view == "unread":
        return [article for article in articles if article.id not in read]
    if view == "starred":
        return [article for article in articles if article.id in starred]
    return articles


def starts_with(rows: Sequence[Article], page: Sequence[Article]) -> bool:
    """Whether `rows` begin with the articles of `page`, in the same order and as they were
    drawn. By id and by what a row shows (title, source, date): a first page and the whole
    list are read from the cache apart, as two sets of objects, and a row kept across the swap
    is not drawn again."""
    if len(rows) < len(page):
        return False
    return all(
        row.id == article.id
        and row.title == article.title
        and row.source == article.source
        and row.published == article.published
        for row, article in zip(rows, page, strict=False)
    )


def empty_message(query: str, view: str) -> str:
    """What an empty list says: why it is empty and which key shows every article."""
    if query:
        return f"No article matches {query!r}. Esc shows them all."
    if view != "all":
        key = "U" if view == "unread" else "S"
        return f"No {view} articles. {key} shows them all."
    return "No articles"


def counts_text(shown: int, total: int, unread: int, starred: int, *, complete: bool) -> str:
    """The left of the list's status line: how many rows are shown, unread and starred."""
    if complete:
        counts = f"{shown:,} of {total:,} shown · {unread:,} unread"
    else:
        counts = f"first {shown:,} of {total:,} shown · counting…"
    return counts + (f" · {starred:,} starred" if starred else "")


def mode_text(
    sort: str,
    view: str,
    query: str,
    *,
    pending: bool = False,
    activity: str | None = None,
    marked: int = 0,
) -> Content:
    """The right of the list's status line: sort, view, filter, work under way, marks.
    What the user typed (and an activity's text) is shown as text, never read as markup."""
    mode = Content.assemble("sort: ", (sort, "bold"))
    if view:
        mode = Content.assemble(mode, " · ", (view, "bold"))
    if query:
        mode = Content.assemble(mode, " · filter: ", (query, "bold"))
    if pending:
        mode = Content.assemble(mode, " · filtering…")
    if activity:
        mode = Content.assemble(mode, " · ", (activity, "bold"))
    if marked:
        marks = " + ".join(str(n) for n in range(1, marked + 1))
        mode = Content.assemble(mode, " · marked ", (marks, "bold"))
    return mode
