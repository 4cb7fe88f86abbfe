"""The list filter's first page: the first matches of a big list, in its order, in a few ms."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from itertools import compress, islice

from reader.index.db import IndexDb, connect
from reader.index.query import fts_query, narrower_prefix, short_prefix, word_tests

__all__ = ["FirstPageIndex"]

# Texts read per query, and how many rows are read at most (a few ms) before the full answer
# (from FTS) is awaited instead; for a prefix of more than PREFIX_EXPANDED_FROM letters, the
# rows read before its every match is asked of FTS (a prefix met in none of them is rare).
FIRST_PAGE_CHUNK = 64
FIRST_PAGE_MAX_ROWS = 600
FIRST_PAGE_PREFIX_ROWS = 192
# Whole words in fewer articles than this are answered from FTS instead (a word that rare is
# seldom met in the first rows, and its few postings are read in a millisecond or two).
FIRST_PAGE_RARE = 2_000
# A prefix of up to this many letters is not asked of FTS5 here: it expands it to every word
# it begins before the first row (300-470 ms for a common one at 100,000 articles).
PREFIX_EXPANDED_FROM = 3
# Every match of the last prefix asked of FTS is kept (for the same prefix typed on, see
# `_earlier_matches`) when there are at most this many (a set of 20,000 rows: about 1.5 MB);
# more are met soon enough by reading the list itself.
REMEMBERED_MAX = 20_000
# The first page is asked for on the UI thread: it does not wait longer than this for another
# thread asking for one (the count's worker).
FIRST_PAGE_LOCK_WAIT = 0.02


class FirstPageIndex(IndexDb):
    """`first_matching`, on a connection of its own (an index file): a first page never
    waits for the reads of other threads (bodies for the name index, stories), whose lock
    it could wait for in vain while they take turns with it."""

    def first_matching(
        self, rowids: Sequence[int | None], query: str, count: int
    ) -> tuple[list[int], bool] | None:
        """Positions in `rowids` (a list's order) of the first `count` articles matching
        `query`, and whether every row was read. Quick enough for the UI thread: words in
        fewer than FIRST_PAGE_RARE articles come from FTS (every match, in a few ms); others
        by reading texts in list order (the words match as in a scan, see
        `reader.index.query`), where they are soon met; a prefix of four letters or more
        met in none of the first FIRST_PAGE_PREFIX_ROWS is rare, and comes from FTS too.
        None when that is not so (a shorter prefix met in none of the first
        FIRST_PAGE_MAX_ROWS) or another thread holds the connection for long: then only
        the full answer will do. A prefix typed on from one whose every match is known (from
        FTS here, or counted) is read among those matches only.
        """
        tests = word_tests(query)
        if not tests:
            return None
        db, lock = self._first_page_connection()
        if not lock.acquire(timeout=FIRST_PAGE_LOCK_WAIT):
            return None
        try:
            every = self._rare_matches(query, db)
            if every is None:
                expanded = self._expanded_prefix(query)
                earlier = self._earlier_matches(query, db)
                if earlier is not None:
                    found = self._first_among(rowids, earlier, tests, count, db)
                    if found is not None:
                        return found
                most = FIRST_PAGE_PREFIX_ROWS if expanded else FIRST_PAGE_MAX_ROWS
                found = self._first_by_reading(rowids, tests, count, db, most)
                if found is not None or not expanded:
                    return found
                every = self._every_match(query, db)
                if every is None:
                    return None
            if not every:
                return [], True
            # The first `count` positions, and one more to know whether there are more: the
            # list is not walked to its end.
            matching = compress(range(len(rowids)), map(every.__contains__, rowids))
            positions = list(islice(matching, count + 1))
            return positions[:count], len(positions) <= count
        finally:
            lock.release()

    def _first_page_connection(self) -> tuple[sqlite3.Connection, threading.RLock]:
        """The first page's connection and its lock (for an index in memory, the one read
        connection and its lock)."""
        if self.in_memory:
            return self._read_db, self._read_lock
        found: tuple[sqlite3.Connection, threading.RLock] | None = self.__dict__.get("_page_db")
        if found is None:
            with self._filter_lock:
                found = self.__dict__.get("_page_db")
                if found is None:
                    found = (connect(self.path), threading.RLock())
                    self.__dict__["_page_db"] = found
        return found

    def close(self) -> None:
        found = self.__dict__.pop("_page_db", None)
        if found is not None:
            db, lock = found
            with lock:
                db.close()
        super().close()

    @staticmethod
    def _expanded_prefix(query: str) -> bool:
        """True when the last word is a prefix of more than PREFIX_EXPANDED_FROM letters."""
        expression = fts_query(query)
        return (
            expression is not None
            and expression != fts_query(query, prefix=False)
            and short_prefix(query, PREFIX_EXPANDED_FROM) is None
        )

    def _fts_complete(self, db: sqlite3.Connection) -> bool:
        """True when every row is in the FTS index (then FTS alone answers a filter)."""
        if not self.has_fts:
            return False
        upto = self._meta_int("fts_upto", db)
        if not upto:
            return False
        backlog = db.execute("SELECT 1 FROM texts WHERE id > ? LIMIT 1", (upto,)).fetchone()
        return backlog is None

    def _rare_matches(self, query: str, db: sqlite3.Connection) -> set[int] | None:
        """Every row matching `query` when it has no prefix to expand (costly for a short
        one) and matches fewer than FIRST_PAGE_RARE articles (counting stops there, so a
        common word costs little), all in the FTS index; else None."""
        expression = fts_query(query)
        if expression is None or expression != fts_query(query, prefix=False):
            return None
        if not self._fts_complete(db):
            return None
        try:
            (found,) = db.execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM docs WHERE docs MATCH ? LIMIT ?)",
                (expression, FIRST_PAGE_RARE),
            ).fetchone()
        except sqlite3.Error:
            return None
        if found >= FIRST_PAGE_RARE:
            return None
        return self._every_match(query, db) if found else set()

    def _every_match(self, query: str, db: sqlite3.Connection) -> set[int] | None:
        """Every row matching `query` (its last word also as a prefix), all from FTS; None
        when FTS cannot answer alone. The last answer is remembered for `_earlier_matches`."""
        expression = fts_query(query)
        if expression is None or not self._fts_complete(db):
            return None
        try:
            (joined,) = db.execute(
                "SELECT group_concat(rowid) FROM docs WHERE docs MATCH ?", (expression,)
            ).fetchone()
        except sqlite3.Error:
            return None
        every = set(map(int, joined.split(","))) if joined else set()
        if len(every) <= REMEMBERED_MAX:
            self.__dict__["_last_every"] = (query, self._page_version(db), every)
        return every

    def _page_version(self, db: sqlite3.Connection) -> tuple[int, int]:
        """Changes when the index does: a commit by another connection, or a write on this
        index's own (an index in memory has only that one)."""
        (data_version,) = db.execute("PRAGMA data_version").fetchone()
        return data_version, self._db.total_changes

    def _earlier_matches(self, query: str, db: sqlite3.Connection) -> set[int] | None:
        """Every match of an earlier query whose matches hold all of `query`'s (its last
        word was a shorter prefix of `query`'s, as while a word is typed), when the index
        has not changed since; else None."""
        remembered = self.__dict__.get("_last_every")
        if remembered is not None:
            earlier: str = remembered[0]
            version: tuple[int, int] = remembered[1]
            every: set[int] = remembered[2]
            if narrower_prefix(earlier, query) and version == self._page_version(db):
                return every
        return self._earlier_counted(query)

    def _earlier_counted(self, query: str) -> set[int] | None:
        """Like `_earlier_matches`, from the list filter's last count (see `SearchingIndex`)."""
        return None

    def _first_among(
        self,
        rowids: Sequence[int | None],
        candidates: set[int],
        tests: list[Callable[[str], bool]],
        count: int,
        db: sqlite3.Connection,
    ) -> tuple[list[int], bool] | None:
        """Like `_first_by_reading`, reading only the rows among `candidates` (a superset
        of the matches); None when the first FIRST_PAGE_PREFIX_ROWS of them hold fewer than
        `count` matches (FTS is then quicker than reading on)."""
        positions = compress(range(len(rowids)), map(candidates.__contains__, rowids))
        found: list[int] = []
        read = 0
        while True:
            chunk = list(islice(positions, FIRST_PAGE_CHUNK))
            if not chunk:
                return found, True
            texts = self._texts(db, [rowids[position] for position in chunk])
            for position in chunk:
                columns = texts.get(rowids[position])
                if columns is not None and _matches(columns, tests):
                    found.append(position)
                    if len(found) == count:
                        last = position == chunk[-1] and next(positions, None) is None
                        return found, last
            read += len(chunk)
            if read >= FIRST_PAGE_PREFIX_ROWS:
                return None

    @staticmethod
    def _texts(db: sqlite3.Connection, rowids: Sequence[int | None]) -> dict[int | None, list[str]]:
        """The searchable columns of `rowids` (None skipped), by row."""
        chunk = [rowid for rowid in rowids if rowid is not None]
        marks = ", ".join("?" * len(chunk))
        return {
            rowid: columns
            for rowid, *columns in db.execute(
                f"SELECT id, title, source, author, tags, body FROM texts WHERE id IN ({marks})",
                chunk,
            )
        }

    def _first_by_reading(
        self,
        rowids: Sequence[int | None],
        tests: list[Callable[[str], bool]],
        count: int,
        db: sqlite3.Connection,
        most: int,
    ) -> tuple[list[int], bool] | None:
        """The first `count` matches by reading texts in list order; None when the first
        `most` rows hold fewer."""
        found: list[int] = []
        for start in range(0, len(rowids), FIRST_PAGE_CHUNK):
            texts = self._texts(db, rowids[start : start + FIRST_PAGE_CHUNK])
            for position in range(start, min(start + FIRST_PAGE_CHUNK, len(rowids))):
                columns = texts.get(rowids[position])
                if columns is not None and _matches(columns, tests):
                    found.append(position)
                    if len(found) == count:
                        return found, position == len(rowids) - 1
            if start + FIRST_PAGE_CHUNK >= most:
                return None
        return found, True


def _matches(columns: Sequence[str | None], tests: list[Callable[[str], bool]]) -> bool:
    """True when every test finds its word in the row's columns (as one lower-cased text)."""
    text = "\n".join(column for column in columns if column).lower()
    return all(test(text) for test in tests)
