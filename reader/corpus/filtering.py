"""The list filter: articles whose title, source, author, tags or body hold every typed word.

This is the one place the library screen asks "which articles match?", so a faster backend
(an SQLite full-text index) can replace `filter_articles` without touching the UI.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.corpus.article import Article

# How many articles are matched between two checks of `should_stop`.
_STOP_CHECK_EVERY = 512


def filter_terms(query: str) -> tuple[str, ...]:
    """The words a list filter looks for as substrings: case-folded, without repeats (order
    kept). Not `reader.index.query.search_terms`, which the full-text index matches as words."""
    return tuple(dict.fromkeys(query.casefold().split()))


def _fields_text(article: Article) -> str:
    return "\n".join(
        (article.title, article.source or "", article.author or "", " ".join(article.tags))
    ).casefold()


def article_matches(article: Article, terms: Sequence[str]) -> bool:
    """True when every term occurs in the article's title, source, author, tags or body."""
    if not terms:
        return True
    fields = _fields_text(article)
    missing = [term for term in terms if term not in fields]
    if not missing:
        return True
    # The body is long: fold it only when the short fields did not already decide.
    body = article.body.casefold()
    return all(term in body for term in missing)


def filter_articles(
    articles: Sequence[Article],
    query: str,
    *,
    should_stop: Callable[[], bool] | None = None,
) -> list[Article] | None:
    """The articles matching `query`, in their given order (all of them for a blank query).

    `should_stop` is polled now and then so a thread can abandon a filter the user has
    already typed past; it then returns None.
    """
    terms = filter_terms(query)
    if not terms:
        return list(articles)
    matched: list[Article] = []
    for position, article in enumerate(articles):
        if should_stop is not None and position % _STOP_CHECK_EVERY == 0 and should_stop():
            return None
        if article_matches(article, terms):
            matched.append(article)
    return matched


def narrows(previous: str, query: str) -> bool:
    """True when every match of `query` is also a match of `previous`.

    Typing more letters only narrows a filter, so the previous result can be filtered again
    instead of the whole corpus.
    """
    old_terms = filter_terms(previous)
    new_terms = filter_terms(query)
    return all(any(old in new for new in new_terms) for old in old_terms)


# (articles, query, count) -> the first `count` matches in order and whether they are all of
# them, or None when a first page cannot be found quickly.
FirstPage = Callable[[Sequence[Article], str, int], tuple[list[Article], bool] | None]


@dataclass(frozen=True)
class ArticleFilter:
    """How the list filters: a function like `filter_articles`, whether a longer query
    may be run on the previous query's result (`narrows`), optionally a quick first page
    (`first_page`) to show while `apply` counts the rest of a big list, and what to make
    ready for a list before the first key is typed (`prepare`, called off the UI thread)."""

    apply: Callable[..., Sequence[Article] | None] = filter_articles
    narrows: Callable[[str, str], bool] = narrows
    first_page: FirstPage | None = None
    prepare: Callable[[Sequence[Article]], object] | None = None


# Substring matching in memory: the filter when no index backs the corpus.
SUBSTRING_FILTER = ArticleFilter()
