"""Full-text search: building the FTS5 index, ranked and unranked queries, the scan fallback."""

from __future__ import annotations

import os
import re
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from contextlib import nullcontext
from typing import Any, NamedTuple, cast

from reader.index.db import Counter, Progress, Transaction, connect
from reader.index.first_page import FIRST_PAGE_CHUNK, FirstPageIndex
from reader.index.query import fts_query, narrower_prefix, scan_patterns, short_prefix

# Rows added to the FTS index per transaction; small enough that a search waits little.
SEARCH_BATCH_ROWS = 1000
# Articles not yet in the FTS index are scanned by searches, up to this many.
SCAN_BACKLOG_MAX = 2000
# bm25 column weights: title, source, author, tags, body. A title hit outranks body hits.
RANK_WEIGHTS = (10.0, 2.0, 2.0, 4.0, 1.0)
_BM25 = f"bm25(docs, {', '.join(str(weight) for weight in RANK_WEIGHTS)})"
# Ranking every match costs about 1 µs a row inside SQLite, plus a Python tuple each: a word in
# 90% of 100,000 articles took 80-120 ms. Up to RANK_ALL_MAX matches are all ranked; beyond
# that only candidates are: the title matches (a title hit weighs 10 body hits), then the
# best of the first RANK_POOL other matches. Such a word is in over a tenth of the corpus,
# so its weight (bm25's idf) is near nothing and the ranking mostly orders by length anyway.
RANK_ALL_MAX = 5_000
RANK_POOL = 2_000
# A prefix of up to this many letters as the last word ("pr", "con") is not expanded by FTS5
# (300-470 ms for a common one at 100,000 articles) when its whole word does not fill the
# page: its candidates are read and matched like a scan instead (see `_short_prefix_hits`).
SHORT_PREFIX_MAX = 3
# Recent results kept per index: a search repeated (Backspace, a second run of the same
# query) is answered from memory until the index changes.
SEARCH_CACHE_SIZE = 64
SEARCH_CACHE_HITS = 500
# The list filter's matches are made into a set this many at a time (see `_fts_rowids`).
MATCH_STEP = 8192
MATCH_CACHE_SIZE = 1  # a match set can hold 100,000 rows (7 MB): only the last


class SearchHit(NamedTuple):
    """One search result: the article's index row and its score (higher is better)."""

    rowid: int
    score: float


class SearchingIndex(FirstPageIndex):
    """An index cache with full-text search (FTS5 when sqlite3 has it, else a scan)."""

    def search_backlog(self) -> int:
        """How many articles are not in the full-text index yet (they are scanned instead)."""
        if not self.has_fts:
            return 0
        count: int
        with self._read_lock:
            (count,) = self._read_db.execute(
                "SELECT COUNT(*) FROM texts WHERE id > ?",
                (self._meta_int("fts_upto", self._read_db),),
            ).fetchone()
        return count

    def build_search(
        self, *, progress: Progress | None = None, should_stop: Callable[[], bool] | None = None
    ) -> int:
        """Add every article not yet in the full-text index to it; returns how many.

        Runs in batches on its own connection (the text is tokenized inside SQLite, which
        lets other threads run), so the list and searches stay usable meanwhile.
        """
        if not self.has_fts:
            return 0
        total = self.search_backlog()
        if not total:
            return 0
        db = self._db if self.in_memory else connect(self.path)
        counter = Counter(total, progress)
        counter.report()
        try:
            while not (should_stop and should_stop()):
                with self._lock if self.in_memory else nullcontext(), Transaction(db):
                    upto = self._meta_int("fts_upto", db)
                    (last, count) = db.execute(
                        "SELECT MAX(id), COUNT(*) FROM "
                        "(SELECT id FROM texts WHERE id > ? ORDER BY id LIMIT ?)",
                        (upto, SEARCH_BATCH_ROWS),
                    ).fetchone()
                    if not count:
                        break
                    db.execute(
                        "INSERT INTO docs(rowid, title, source, author, tags, body) "
                        "SELECT id, title, source, author, tags, body FROM texts "
                        "WHERE id > ? AND id <= ?",
                        (upto, last),
                    )
                    self._set_meta("fts_upto", last, db)
                counter.add(count)
        finally:
            if db is not self._db:
                db.close()
        return counter.done

    def search(
        self,
        query: str,
        *,
        roots: Sequence[str | os.PathLike[str]] | None = None,
        limit: int | None = 50,
    ) -> list[SearchHit]:
        """Articles matching `query`, best first; never raises on what the user typed.

        See `reader.index.query` for what matches. With `roots`, only articles under them.
        """
        with self._read_lock:
            allowed = self._allowed_rowids(roots)
            key = ("search", query, self._roots_key(roots), limit, self._version())
            cached = self._cached(key)
            if cached is not None:
                return list(cached)
            hits, upto = self._fts_hits(query, limit=limit, allowed=allowed)
            if len(hits) != limit:
                more = self._scan_hits(query, above=upto, allowed=allowed)
                hits.extend(more[: None if limit is None else limit - len(hits)])
            if len(hits) <= SEARCH_CACHE_HITS:  # not every match of a search with no limit
                self._remember(key, tuple(hits), SEARCH_CACHE_SIZE)
            return hits

    def matching_rowids(
        self,
        query: str,
        *,
        roots: Sequence[str | os.PathLike[str]] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> set[int] | None:
        """Rows of every article matching `query`, unranked: for filtering a list.

        The set is shared with later calls for the same query (kept until the index
        changes): do not change it. `should_stop` is polled while SQLite works (the query
        is abandoned when it says so; then None is returned). Runs on its own connection,
        so bodies and first pages are read meanwhile.
        """
        with self._filter_lock:
            with self._read_lock:
                allowed = self._allowed_rowids(roots)
                key = ("matching", query, self._roots_key(roots), self._version())
                cached: set[int] | None = self._cached(key)
                if cached is not None:
                    return cached
            db = self._filter_connection()
            # An index in memory has one connection: then the filter waits its turn.
            with self._read_lock if db is self._read_db else nullcontext():
                if should_stop is not None:
                    db.set_progress_handler(lambda: 1 if should_stop() else 0, 2000)
                try:
                    found, upto = self._fts_rowids(query, db)
                finally:
                    if should_stop is not None:
                        db.set_progress_handler(None, 0)
            if should_stop is not None and should_stop():
                return None
            if allowed is not None:
                found &= allowed
            with self._read_lock:
                found.update(
                    hit.rowid for hit in self._scan_hits(query, above=upto, allowed=allowed)
                )
                self._remember(key, found, MATCH_CACHE_SIZE)
            return found

    def _earlier_counted(self, query: str) -> set[int] | None:
        """The last count of the list filter (`matching_rowids`) when it was for a query whose
        matches hold all of `query`'s (see `narrower_prefix`) and the index has not changed
        since; None also when another thread holds the read lock (a first page never waits)."""
        if not self._read_lock.acquire(blocking=False):
            return None
        try:
            cache: OrderedDict[tuple[Hashable, ...], Any] = self.__dict__.get(
                "_result_cache", OrderedDict()
            )
            counted = [(key, value) for key, value in cache.items() if key[0] == "matching"]
            if not counted:
                return None
            version = self._version()
            for key, value in reversed(counted):
                if key[3] == version and isinstance(key[1], str) and narrower_prefix(key[1], query):
                    return cast(set[int], value)
            return None
        finally:
            self._read_lock.release()

    def _filter_connection(self) -> sqlite3.Connection:
        """The list filter's connection (its own, so a long match never holds up reads)."""
        db: sqlite3.Connection | None = self.__dict__.get("_filter_db")
        if db is None:
            db = self._read_db if self.in_memory else connect(self.path)
            self.__dict__["_filter_db"] = db
        return db

    def _version(self) -> tuple[int, int]:
        """Changes when the index does: a commit by any connection (`data_version` of the
        read connection) or a write on this one (`total_changes`, for an index in memory)."""
        (data_version,) = self._read_db.execute("PRAGMA data_version").fetchone()
        return data_version, self._db.total_changes

    @staticmethod
    def _roots_key(roots: Sequence[str | os.PathLike[str]] | None) -> Hashable:
        return None if roots is None else frozenset(os.path.abspath(root) for root in roots)

    def _cached(self, key: tuple[Hashable, ...]) -> Any:
        cache: OrderedDict[tuple[Hashable, ...], Any] = self.__dict__.setdefault(
            "_result_cache", OrderedDict()
        )
        found = cache.get(key)
        if found is not None:
            cache.move_to_end(key)
        return found

    def _remember(self, key: tuple[Hashable, ...], value: Any, keep: int) -> None:
        cache: OrderedDict[tuple[Hashable, ...], Any] = self.__dict__["_result_cache"]
        cache[key] = value
        same_kind = [old for old in cache if old[0] == key[0]]
        for old in same_kind[: max(0, len(same_kind) - keep)]:
            del cache[old]

    def _fts_rowids(self, query: str, db: sqlite3.Connection) -> tuple[set[int], int]:
        """Like `_fts_hits`, unranked, straight into a set: a filter keystroke can match
        90,000 articles. SQLite joins the rows into one string, split and converted in C:
        a tuple per row took half the time of the whole match."""
        if not self.has_fts:
            return set(), 0
        upto = self._meta_int("fts_upto", db)
        expression = fts_query(query)
        if expression is None or not upto:
            return set(), upto
        try:
            (joined,) = db.execute(
                "SELECT group_concat(rowid) FROM docs WHERE docs MATCH ?", (expression,)
            ).fetchone()
        except sqlite3.Error:
            return set(), -1
        found: set[int] = set()
        if joined:
            # In steps: one C call over 100,000 numbers would hold the interpreter for
            # 20-60 ms, from the UI answering a key typed meanwhile.
            numbers = joined.split(",")
            for start in range(0, len(numbers), MATCH_STEP):
                found.update(map(int, numbers[start : start + MATCH_STEP]))
        return found, upto

    def _fts_hits(
        self, query: str, *, limit: int | None, allowed: set[int] | None
    ) -> tuple[list[SearchHit], int]:
        """FTS hits and the last row the FTS index covers (rows after it need a scan).

        That row is -1 when the FTS query failed: then everything is scanned.
        """
        if not self.has_fts:
            return [], 0
        upto = self._meta_int("fts_upto", self._read_db)
        expression = fts_query(query)
        if expression is None or not upto:
            return [], upto
        try:
            hits = self._ranked(query, expression, limit=limit, allowed=allowed)
        except sqlite3.Error:
            return [], -1  # whatever went wrong, a scan of everything still answers
        return hits, upto

    def _ranked(
        self, query: str, expression: str, *, limit: int | None, allowed: set[int] | None
    ) -> list[SearchHit]:
        """The best `limit` FTS hits of `expression` (all ranked when `limit` is None or
        there are at most RANK_ALL_MAX; else the candidates described at RANK_ALL_MAX)."""
        db = self._read_db
        if limit is not None:
            whole_words = fts_query(query, prefix=False)
            if whole_words is not None and whole_words != expression:
                # A prefix ("pre" for "prices", "press", ...) is expanded to every word it
                # begins, before the first row: costly for a short one. When the whole word
                # alone fills the page, its hits (which score higher) are the page.
                if self._count_upto(whole_words, RANK_ALL_MAX + 1) >= limit:
                    expression = whole_words
                elif (others := short_prefix(query, SHORT_PREFIX_MAX)) is not None:
                    return self._short_prefix_hits(query, others, limit=limit, allowed=allowed)
            if self._count_upto(expression, RANK_ALL_MAX + 1) > RANK_ALL_MAX:
                return self._ranked_candidates(expression, limit=limit, allowed=allowed)
        # Spelled out rather than a configured `rank`: measured twice as fast.
        sql = f"SELECT rowid, {_BM25} AS score FROM docs WHERE docs MATCH ? ORDER BY score"
        params: tuple[object, ...] = (expression,)
        if limit is not None and allowed is None:
            sql += " LIMIT ?"
            params += (limit,)
        rows = db.execute(sql, params).fetchall()
        hits = [
            SearchHit(rowid, -rank) for rowid, rank in rows if allowed is None or rowid in allowed
        ]
        return hits[:limit] if limit is not None else hits

    def _count_upto(self, expression: str, most: int) -> int:
        """How many articles match `expression`, counting no further than `most` (cheap:
        FTS5 stops reading there, even for a word in every article)."""
        count: int
        (count,) = self._read_db.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM docs WHERE docs MATCH ? LIMIT ?)",
            (expression, most),
        ).fetchone()
        return count

    def _ranked_candidates(
        self, expression: str, *, limit: int, allowed: set[int] | None
    ) -> list[SearchHit]:
        """For a query matching more than RANK_ALL_MAX articles: the most recently indexed
        title matches, then the other matches among the RANK_POOL most recently indexed,
        each group best first. One bm25 pass over at most RANK_POOL rows: bm25 also reads
        every posting of each word once (for its weight), so a second pass would cost as
        much again."""
        db = self._read_db
        titles = {
            rowid
            for (rowid,) in db.execute(
                "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid DESC LIMIT ?",
                (f"{{title}} : ({expression})", RANK_POOL),
            )
        }
        pool = dict(
            db.execute(
                f"SELECT rowid, {_BM25} FROM docs WHERE docs MATCH ? ORDER BY rowid DESC LIMIT ?",
                (expression, RANK_POOL),
            ).fetchall()
        )
        unscored = float("inf")
        candidates = sorted(
            (rowid not in titles, pool.get(rowid, unscored), -rowid)
            for rowid in titles | pool.keys()
            if allowed is None or rowid in allowed
        )
        return [
            SearchHit(-rowid, 0.0 if rank == unscored else -rank)
            for _, rank, rowid in candidates[:limit]
        ]

    def _short_prefix_hits(
        self, query: str, others: str, *, limit: int, allowed: set[int] | None
    ) -> list[SearchHit]:
        """Hits for a query ending in a short prefix, without asking FTS5 to expand it: the
        candidates are the RANK_POOL most recently indexed articles (holding the other
        words, found by FTS as whole words); those whose title holds every word come first,
        then the first `limit` others read in that order, each group by its scan score
        (`_scan_score`), the more recent first among equals. A short prefix begins words in most articles, so a few
        hundred rows are read at most."""
        db = self._read_db
        upto = self._meta_int("fts_upto", db)
        other_words = fts_query(others, prefix=False)
        if other_words is None:
            pool = [
                rowid
                for (rowid,) in db.execute(
                    "SELECT id FROM texts WHERE id <= ? ORDER BY id DESC LIMIT ?",
                    (upto, RANK_POOL),
                )
            ]
        else:
            pool = [
                rowid
                for (rowid,) in db.execute(
                    "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid DESC LIMIT ?",
                    (other_words, RANK_POOL),
                )
            ]
        if allowed is not None:
            pool = [rowid for rowid in pool if rowid in allowed]
        patterns = scan_patterns(query)
        titles: list[SearchHit] = []
        for start in range(0, len(pool), SEARCH_BATCH_ROWS):
            chunk = pool[start : start + SEARCH_BATCH_ROWS]
            marks = ", ".join("?" * len(chunk))
            rows = db.execute(f"SELECT id, title FROM texts WHERE id IN ({marks})", chunk)
            titles.extend(
                SearchHit(rowid, _scan_score(patterns, (title, None, None, None, None)))
                for rowid, title in rows
                if title and all(pattern.search(title) for pattern in patterns)
            )
            if len(titles) >= limit:
                break
        titles.sort(key=lambda hit: (-hit.score, -hit.rowid))
        seen = {hit.rowid for hit in titles}
        others_found: list[SearchHit] = []
        for start in range(0, len(pool), FIRST_PAGE_CHUNK):
            if len(titles) + len(others_found) >= limit:
                break
            chunk = [rowid for rowid in pool[start : start + FIRST_PAGE_CHUNK] if rowid not in seen]
            marks = ", ".join("?" * len(chunk))
            for rowid, *columns in db.execute(
                f"SELECT id, title, source, author, tags, body FROM texts WHERE id IN ({marks})",
                chunk,
            ):
                score = _scan_score(patterns, columns)
                if score:
                    others_found.append(SearchHit(rowid, score))
        others_found.sort(key=lambda hit: (-hit.score, -hit.rowid))
        # Title matches come first: their scores start above the best other one.
        above = others_found[0].score if others_found else 0.0
        titles = [SearchHit(hit.rowid, hit.score + above) for hit in titles]
        return (titles + others_found)[:limit]

    def _scan_hits(self, query: str, *, above: int, allowed: set[int] | None) -> list[SearchHit]:
        """Match by regex over rows after `above`: no FTS5, or not in the FTS index yet.

        While a big backlog is being indexed, it is not scanned (that would take seconds
        for every keystroke): results then cover the indexed articles only.
        """
        patterns = scan_patterns(query)
        if not patterns:
            return []
        if above < 0:
            above = 0
        elif self.has_fts and self._backlog(above) > SCAN_BACKLOG_MAX:
            return []
        hits = []
        rows = self._read_db.execute(
            "SELECT id, title, source, author, tags, body FROM texts WHERE id > ?", (above,)
        )
        for rowid, *columns in rows:
            if allowed is not None and rowid not in allowed:
                continue
            score = _scan_score(patterns, columns)
            if score:
                hits.append(SearchHit(rowid, score))
        hits.sort(key=lambda hit: (-hit.score, hit.rowid))
        return hits

    def _backlog(self, above: int) -> int:
        count: int
        (count,) = self._read_db.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM texts WHERE id > ? LIMIT ?)",
            (above, SCAN_BACKLOG_MAX + 1),
        ).fetchone()
        return count

    def _allowed_rowids(self, roots: Sequence[str | os.PathLike[str]] | None) -> set[int] | None:
        """Rows under `roots`; None when nothing else shares the cache (no filter needed)."""
        if roots is None:
            return None
        wanted = frozenset(os.path.abspath(root) for root in roots)
        if self._allowed_cache and self._allowed_cache[0] == wanted:
            return self._allowed_cache[1]
        known = dict(self._read_db.execute("SELECT path, id FROM roots"))
        allowed: set[int] | None = None
        if not set(known) <= wanted:
            allowed = set()
            for path in wanted & set(known):
                allowed.update(
                    row[0]
                    for row in self._read_db.execute(
                        "SELECT id FROM files WHERE root = ? AND is_article = 1", (known[path],)
                    )
                )
        self._allowed_cache = (wanted, allowed)
        return allowed

    def snippet(self, rowid: int, query: str, *, words: int = 16) -> str:
        """A short piece of the article's body around what `query` matched."""
        body = self.body(rowid) or ""
        for pattern in scan_patterns(query):
            match = pattern.search(body)
            if match:
                start = body.rfind(" ", 0, max(0, match.start() - words * 4)) + 1
                end = body.find(" ", match.end() + words * 4)
                end = len(body) if end < 0 else end
                piece = " ".join(body[start:end].split())
                return ("…" if start else "") + piece + ("…" if end < len(body) else "")
        piece = " ".join(body[: words * 8].split())
        return piece + ("…" if len(body) > words * 8 else "")


def _scan_score(patterns: Sequence[re.Pattern[str]], columns: Sequence[str | None]) -> float:
    """The weighted count of every pattern's hits in the columns; 0 when one has none."""
    score = 0.0
    for pattern in patterns:
        found = sum(
            weight * len(pattern.findall(text))
            for weight, text in zip(RANK_WEIGHTS, columns, strict=True)
            if text
        )
        if not found:
            return 0.0
        score += found
    return score
