"""The article index: parsed metadata, problems and full-text search, cached in SQLite.

A refresh stats the corpus and re-parses only new or changed files (a file is known by its
path, size and modification time; a changed `reader.yaml` re-parses its folder) and drops
deleted ones. Articles come back from the cache without their bodies, which are read on
first use, so a warm start reads no article file. Bodies and metadata are searched with
SQLite FTS5 when the sqlite3 build has it, else by a slower scan. The FTS index is built
after the metadata (`build_search`), so a list can be shown before search is ready; rows
not yet in it are scanned. A cache that cannot be read is moved aside and rebuilt.

This module puts the parts together (`db`, `refresh`, `search`, `articles`): ArticleIndex,
IndexedCorpus and `open_corpus`, which recovers from a bad cache file.
"""

from __future__ import annotations

import os
import sqlite3
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.config import index_db_path
from reader.corpus import (
    Article,
    ArticleFilter,
    ArticlesAt,
    Corpus,
    Problem,
    articles_where,
    is_utf8_name,
    unreadable_name,
)
from reader.index.articles import IndexedArticle, LoadingIndex
from reader.index.db import (
    IndexNotOurs,
    IndexUnreadable,
    Progress,
    is_corruption,
    move_aside,
)
from reader.index.query import search_terms
from reader.index.refresh import RefreshingIndex, RefreshReport
from reader.index.search import SearchingIndex
from reader.index.stories import StoryCache, cached_stories, update_cached_stories
from reader.index.story_listing import ListedStory, listed_stories

if TYPE_CHECKING:
    from reader.analysis import Story

NO_FTS_NOTICE = (
    "this Python's SQLite has no FTS5 full-text search; searching by scanning every article "
    "(slower)"
)


class ArticleIndex(RefreshingIndex, SearchingIndex, LoadingIndex, StoryCache):
    """One open index cache: refresh it, search it, load its articles (see the parts)."""


@dataclass
class IndexedCorpus(Corpus):
    """A Corpus read through the index: lazy bodies, full-text search, refreshable."""

    index: ArticleIndex | None = None
    roots: list[Path] = field(default_factory=list)
    report: RefreshReport | None = None
    notices: list[str] = field(default_factory=list)
    # False while `articles` holds only the newest few (a fast start): call `load_all`.
    complete: bool = True

    def search(self, query: str, limit: int | None = 50) -> list[tuple[Article, float]]:
        """(article, score) pairs matching `query`, best first."""
        if self.index is None:
            return []
        by_row = self._by_rowid()
        hits = self.index.search(query, roots=self.roots, limit=limit)
        return [(by_row[hit.rowid], hit.score) for hit in hits if hit.rowid in by_row]

    def matching(self, query: str) -> set[int]:
        """`rowid`s of the articles matching `query` (compare with `IndexedArticle.rowid`)."""
        if self.index is None:
            return set()
        return self.index.matching_rowids(query, roots=self.roots) or set()

    def filter_articles(
        self,
        articles: Sequence[Article],
        query: str,
        *,
        should_stop: Callable[[], bool] | None = None,
    ) -> Sequence[Article] | None:
        """`filtering.filter_articles` answered by the full-text index, in the given order
        (as positions in `articles`: see `reader.corpus.selection`).

        Words match as in `reader.index.query` (whole words, the last one also as a prefix; case
        and accents do not matter), not as substrings.
        """
        if not search_terms(query):
            return ArticlesAt(articles, array("l", range(len(articles))))
        if self.index is None:
            return []
        found = self.index.matching_rowids(query, roots=self.roots, should_stop=should_stop)
        if found is None or (should_stop is not None and should_stop()):
            return None
        # compress() and the cached row numbers keep the loop in C: a Python loop over
        # 100,000 articles took 50 ms of every keystroke.
        rowids = self._rowids_of(articles)
        return articles_where(articles, map(found.__contains__, rowids), should_stop, found)

    def first_matches(
        self, articles: Sequence[Article], query: str, count: int
    ) -> tuple[list[Article], bool] | None:
        """The first `count` of `articles` matching `query` (a first page, found by reading
        texts in list order) and whether that was all of them; None when that is slow (see
        `SearchingIndex.first_matching`): then only the full answer will do."""
        if self.index is None or not search_terms(query):
            return None
        found = self.index.first_matching(self._rowids_of(articles), query, count)
        if found is None:
            return None
        positions, complete = found
        return [articles[position] for position in positions], complete

    def _rowids_of(self, articles: Sequence[Article]) -> array[int]:
        """Each article's index row (0 for none: rows count from 1), remembered for the few
        lists the UI keeps (its sorts); an array, which the cycle collector never walks."""
        cache: dict[int, tuple[Sequence[Article], array[int]]]
        cache = self.__dict__.setdefault("_rowids", {})
        hit = cache.get(id(articles))
        if hit is not None and hit[0] is articles and len(hit[1]) == len(articles):
            return hit[1]
        rowids = array("q", [getattr(article, "_rowid", None) or 0 for article in articles])
        if len(cache) >= 8:
            cache.clear()
        cache[id(articles)] = (articles, rowids)
        return rowids

    @property
    def article_filter(self) -> ArticleFilter:
        """The list's filter: the index, run afresh for every query (it is fast enough, and
        a longer query does not always narrow: "oil p" holds "oil prices", "oil pr" too,
        but a one-letter word is a whole word, not a prefix)."""
        return ArticleFilter(
            apply=self.filter_articles,
            narrows=lambda previous, query: False,
            first_page=self.first_matches,
            prepare=self._rowids_of,
        )

    @property
    def refreshed(self) -> bool:
        """False when this is the cache as it was (a warm start): call `refresh` soon."""
        return self.report is not None

    def refresh(
        self, *, progress: Progress | None = None, workers: int | None = None
    ) -> RefreshReport:
        """Pick up files added, changed or deleted since the load; reload when any were."""
        assert self.index is not None
        self.report = self.index.refresh(self.roots, progress=progress, workers=workers)
        if self.report.touched:
            self.reload()
        return self.report

    def stories(
        self,
        progress: Callable[[str], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        in_child: bool = False,
    ) -> list[Story]:
        """The stories of the articles (keys: article ids), biggest and newest first: read
        from the cache, updated incrementally, or grouped and stored (`index/stories.py`).
        `should_stop`, `in_child`: see `cached_stories`."""
        if self.index is None or not self.complete:
            from reader.analysis import group_articles

            return group_articles(self.articles, should_stop=should_stop).stories
        return cached_stories(
            self.index,
            self.roots,
            self.articles,
            progress=progress,
            should_stop=should_stop,
            in_child=in_child,
        )

    def update_stories(self, progress: Callable[[str], None] | None = None) -> None:
        """Bring the stories stored in the cache up to date with the articles (loaded when
        they were not), without reading them all back; see `update_cached_stories`."""
        if self.index is None:
            return
        if not self.complete:
            self.reload()
        if self.complete:
            update_cached_stories(self.index, self.roots, self.articles, progress=progress)

    def listed_stories(self, progress: Callable[[str], None] | None = None) -> list[ListedStory]:
        """The stories as a listing shows them: read from the cache without loading an
        article when they are stored for the articles the cache has now; else the articles
        are loaded (when they were not) and `stories` gives them."""
        if self.index is not None and self.report is not None:
            listed = self.index.listed_stories(self.roots)
            if listed is not None:
                return listed
        if not self.complete:
            self.reload()
        return listed_stories(self.stories(progress=progress), self.articles)

    def reload(self) -> None:
        """Re-read articles and problems from the index."""
        if self.index is not None:
            self.articles, self.problems = self.index.load(self.roots)
            self.complete = True

    def _by_rowid(self) -> dict[int, Article]:
        cached: tuple[object, dict[int, Article]] = self.__dict__.get("_by_row", (None, {}))
        built_for, by_row = cached
        if built_for is not self.articles:
            by_row = {
                article.rowid: article
                for article in self.articles
                if isinstance(article, IndexedArticle)
            }
            self.__dict__["_by_row"] = (self.articles, by_row)
        return by_row


def index_in_memory(
    roots: Sequence[Path], *, should_stop: Callable[[], bool] | None = None
) -> tuple[ArticleIndex, list[Article], list[Problem]]:
    """A fresh index of `roots` in memory, for a run whose cache file cannot be written (held
    by another process, full disk): its index, articles and problems."""
    index = ArticleIndex(":memory:")
    index.refresh(roots)
    index.build_search(should_stop=should_stop)
    articles, problems = index.load(roots)
    return index, articles, problems


def open_index(path: Path, *, fts: bool | None = None) -> tuple[ArticleIndex, list[str]]:
    """Open the cache at `path`: a bad one is moved aside and a new one started.

    When the file cannot be used at all (locked, read-only, disk full), an index in memory
    serves this run. Returns the index and what the user should be told.
    """
    notices: list[str] = []
    try:
        return ArticleIndex(path, fts=fts), notices
    except IndexNotOurs as error:
        # Someone else's file: not renamed, not written, whatever it holds.
        notices.append(
            f"{path}: not a reader index cache ({error}); left as it is, indexing in memory"
        )
        return ArticleIndex(":memory:", fts=fts), notices
    except IndexUnreadable as error:
        notices.append(_moved_notice(path, error, move_aside(path)))
    except (sqlite3.Error, OSError) as error:
        notices.append(f"{path}: index cache unusable ({error}); indexing in memory")
        return ArticleIndex(":memory:", fts=fts), notices
    try:
        return ArticleIndex(path, fts=fts), notices
    except (IndexUnreadable, sqlite3.Error, OSError) as error:
        notices.append(f"{path}: index cache unusable ({error}); indexing in memory")
        return ArticleIndex(":memory:", fts=fts), notices


def _moved_notice(path: Path, error: BaseException, moved: Path | None) -> str:
    where = f"moved to {moved.name} and rebuilt" if moved else "rebuilt"
    return f"{path}: index cache unreadable ({error}); {where}"


def open_corpus(
    paths: Sequence[str | os.PathLike[str]],
    *,
    index_path: str | os.PathLike[str] | None = None,
    refresh: bool | None = True,
    search: bool = True,
    progress: Progress | None = None,
    search_progress: Progress | None = None,
    workers: int | None = None,
    fts: bool | None = None,
    first_page: int | None = None,
    load: bool = True,
) -> IndexedCorpus:
    """Load `paths` through the index cache at `index_path` (see `config.index_db_path`).

    `refresh`: parse new and changed files first; False takes the cache as it is (a warm
    start that refreshes later); None refreshes only roots never indexed before. `search`: finish the full-text index before returning
    (else leave it to `ArticleIndex.build_search`). `first_page`: on a warm start with one
    root, load only that many newest articles (`complete` is then False; `reload` reads
    the rest). `load`: False reads no article, only the problems (`complete` is then
    False, `articles` empty; `reload` reads them), for a caller the cache may answer
    without them (`IndexedCorpus.listed_stories`). A cache found unreadable half-way is
    moved aside and rebuilt.
    """
    path = index_db_path(index_path)
    roots: list[Path] = []
    unstorable: list[Path] = []
    for root in map(Path, paths):
        # The cache keeps paths as text, which a name that is not UTF-8 cannot be.
        (roots if is_utf8_name(os.path.abspath(root)) else unstorable).append(root)
    index, notices = open_index(path, fts=fts)

    def read(index: ArticleIndex, refresh: bool | None) -> IndexedCorpus:
        if refresh is None:
            refresh = not index.is_indexed(roots)
        report = (
            index.refresh(roots, progress=progress, workers=workers, index_text=search)
            if refresh
            else None
        )
        if search:
            index.build_search(progress=search_progress)
        if not load:
            problems = index.load_problems(roots)
            return IndexedCorpus(
                [], problems, index=index, roots=roots, report=report, complete=False
            )
        if first_page and not refresh and len(roots) == 1:
            articles, problems = index.load_newest(roots[0], first_page)
            return IndexedCorpus(articles, problems, index=index, roots=roots, complete=False)
        articles, problems = index.load(roots)
        return IndexedCorpus(articles, problems, index=index, roots=roots, report=report)

    try:
        corpus = read(index, refresh)
    except sqlite3.DatabaseError as error:
        index.close()
        if is_corruption(error) and not index.in_memory:
            notices.append(_moved_notice(path, error, move_aside(path)))
            index, more = open_index(path, fts=fts)
            notices.extend(more)
        else:
            notices.append(f"{path}: index cache unusable ({error}); indexing in memory")
            index = ArticleIndex(":memory:", fts=fts)
        corpus = read(index, True)
    if not index.has_fts:
        notices.append(NO_FTS_NOTICE)
    corpus.notices = notices
    corpus.problems[:0] = [unreadable_name(root) for root in unstorable]
    return corpus
