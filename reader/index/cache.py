"""The article index: parsed metadata, problems and full-text search, cached in SQLite.

A refresh stats the corpus and re-parses only new or changed files (a file is known by its
path, size and modification time; a changed `reader.yaml` re-parses its folder) and drops
deleted ones. Articles come back from the cache without their bodies, which are read on
first use, so a warm start reads no article file. Bodies and metadata are searched with
SQLite FTS5 when the sqlite3 build has it, else by a slower scan. The FTS index is built
after the metadata (`build_search`), so a list can be shown before search is ready; rows
not yet in it are scanned. A cache that cannot be read is moved aside and rebuilt.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from itertools import compress
from pathlib import Path
from typing import Any, NamedTuple

from reader.config import index_db_path
from reader.corpus import (
    Article,
    ArticleFilter,
    Corpus,
    Problem,
    RootScan,
    base_folder,
    escape_controls,
    folder_of,
    is_utf8_name,
    load_article,
    scan_root,
    unreadable_name,
)
from reader.db_files import corrupt_path
from reader.index.parse_pool import TAG_SEPARATOR, ParsedFile, parse_files
from reader.index.query import fts_query, scan_patterns
from reader.index.query import query_terms as search_terms

# Bump when the tables or what is stored in them change: an older cache is then rebuilt.
SCHEMA_VERSION = 2
# Commit this often while indexing, so an interrupted run keeps what it did.
COMMIT_EVERY_FILES = 5000
# Rows added to the FTS index per transaction; small enough that a search waits little.
SEARCH_BATCH_ROWS = 1000
# Articles not yet in the FTS index are scanned by searches, up to this many.
SCAN_BACKLOG_MAX = 2000
# Moved-aside caches kept for inspection; older ones are deleted.
KEEP_MOVED_ASIDE = 2
# Roots not opened for this long are dropped from the cache, with their articles.
FORGET_ROOTS_AFTER_DAYS = 90
# bm25 column weights: title, source, author, tags, body. A title hit outranks body hits.
RANK_WEIGHTS = (10.0, 2.0, 2.0, 4.0, 1.0)

NO_FTS_NOTICE = (
    "this Python's SQLite has no FTS5 full-text search; searching by scanning every article "
    "(slower)"
)
_WALK_ORIGIN = ""  # problems met while walking a root are stored under this origin

Progress = Callable[[int, int], None]


class IndexUnreadable(Exception):
    """The cache file is not an index this version can trust."""


@dataclass
class RefreshReport:
    """What one refresh did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0

    @property
    def parsed(self) -> int:
        return self.added + self.changed

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)


class SearchHit(NamedTuple):
    """One search result: the article's index row and its score (higher is better)."""

    rowid: int
    score: float


# --- articles with lazily read bodies -----------------------------------------------------


class IndexedArticle(Article):
    """An Article loaded from the index: metadata in memory, body read on first use.

    Built without the dataclass __init__ (see `ArticleIndex.load`): 100,000 of them must
    appear in a fraction of a second. `path` is made from the root folder and the relative
    path only when asked for, which also saves memory on big corpora.
    """

    @property  # type: ignore[override]
    def body(self) -> str:
        body = self.__dict__.get("_body")
        if body is None:
            body = self._load_body()
            self.__dict__["_body"] = body
        return body

    @body.setter
    def body(self, value: str) -> None:
        self.__dict__["_body"] = value

    @property  # type: ignore[override]
    def path(self) -> Path:
        path = self.__dict__.get("_path")
        if path is None:
            path = Path(self.__dict__["_base"], self.__dict__["_rel"])
            self.__dict__["_path"] = path
        return path

    @path.setter
    def path(self, value: Path) -> None:
        self.__dict__["_path"] = value

    @property
    def rowid(self) -> int:
        """This article's row in the index (what `ArticleIndex.search` returns)."""
        return self.__dict__["_rowid"]

    def _load_body(self) -> str:
        index: ArticleIndex | None = self.__dict__.get("_index")
        body = index.body(self.rowid) if index is not None else None
        if body is None:
            # The row is gone (the file changed and was re-indexed): read the file itself.
            article = load_article(self.path, Path(self.__dict__["_base"]), [])
            body = article.body if article is not None else ""
        return body

    def __eq__(self, other: object) -> bool:
        # Comparing bodies would read every body from disk for one `list.index` call.
        if isinstance(other, IndexedArticle):
            return self.id == other.id and self.rowid == other.rowid
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like Article: mutable, so not hashable

    def __repr__(self) -> str:
        return f"IndexedArticle(id={self.id!r}, title={self.title!r})"

    def __getstate__(self) -> dict[str, Any]:
        # The index connection cannot go to another process; the body goes instead.
        return dict(self.__dict__, _body=self.body, _path=self.path, _index=None)


# --- the cache file -----------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE roots(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,   -- absolute path of a folder or file the user named
    indexed INTEGER NOT NULL DEFAULT 0,
    used_at REAL NOT NULL
);
CREATE TABLE files(
    id INTEGER PRIMARY KEY,      -- never reused (meta next_id), also the id of its texts row
    root INTEGER NOT NULL,
    rel TEXT NOT NULL,           -- path relative to the root folder, '/'-separated
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    is_article INTEGER NOT NULL, -- 0: the file gave no article (its problems say why)
    article_id TEXT, title TEXT, source TEXT, author TEXT, url TEXT, published TEXT,
    tags TEXT, section TEXT, extra TEXT, words INTEGER,
    UNIQUE(root, rel)
);
CREATE TABLE texts(
    id INTEGER PRIMARY KEY, title TEXT, source TEXT, author TEXT, tags TEXT, body TEXT
);
CREATE TABLE sidecars(
    root INTEGER NOT NULL, rel TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    PRIMARY KEY(root, rel)
);
CREATE TABLE problems(
    root INTEGER NOT NULL,
    origin TEXT NOT NULL,        -- the file whose parsing met it ('' for the walk)
    path TEXT NOT NULL,          -- relative to the root folder, or absolute outside it
    reason TEXT NOT NULL
);
CREATE INDEX problems_by_origin ON problems(root, origin);
CREATE INDEX files_by_date ON files(root, is_article, published);
CREATE INDEX files_by_article_id ON files(root, article_id, rel);
"""
# External content: the text is stored once, in `texts`; rows up to meta fts_upto are in it.
# No prefix indexes: measured at 100,000 articles they made indexing 70% slower and the
# index 30% bigger, without making prefix queries faster.
_DOCS = (
    "CREATE VIRTUAL TABLE docs USING fts5(title, source, author, tags, body, "
    "content = 'texts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')"
)
_ARTICLE_COLUMNS = (
    "id, rel, article_id, title, source, author, url, published, tags, section, extra, words"
)
_BM25 = f"bm25(docs, {', '.join(str(weight) for weight in RANK_WEIGHTS)})"
_TABLES = ("meta", "roots", "files", "texts", "sidecars", "problems")

# Error codes that say the file is not a usable index (unlike busy, full or read-only).
_CORRUPTION = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_ERROR", "SQLITE_FORMAT")


def is_corruption(error: sqlite3.Error) -> bool:
    """True when `error` means the cache file itself is bad, so rebuilding it will help."""
    name = getattr(error, "sqlite_errorname", None)
    if name:
        return name.startswith(_CORRUPTION)
    message = str(error).lower()
    return any(words in message for words in ("malformed", "not a database", "no such"))


def fts5_available(connection: sqlite3.Connection) -> bool:
    """Whether this sqlite3 build has the FTS5 extension."""
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
        connection.execute("DROP TABLE temp.fts5_probe")
    except sqlite3.Error:
        return False
    return True


def _connect(path: Path | str) -> sqlite3.Connection:
    db = sqlite3.connect(os.fspath(path), check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA busy_timeout = 10000")
    if os.fspath(path) != ":memory:":
        # WAL: a search or a body read never waits for the index being written.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA temp_store = MEMORY")
    return db


class _Transaction:
    """`with` block around BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an exception)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")


class ArticleIndex:
    """One open index cache. Methods may be called from any thread (they take turns)."""

    def __init__(self, path: Path | str, *, fts: bool | None = None) -> None:
        """Open or create the cache at `path`; raises IndexUnreadable for a file it cannot trust.

        `fts` forces full-text search on or off (None: use FTS5 when sqlite3 has it).
        """
        self.path = Path(path)
        self.in_memory = os.fspath(path) == ":memory:"
        self._lock = threading.RLock()
        self._allowed_cache: tuple[Any, set[int] | None] | None = None
        if not self.in_memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = _connect(path)
        except sqlite3.Error as error:
            if is_corruption(error):
                raise IndexUnreadable(str(error)) from error
            raise
        try:
            wanted_fts = fts5_available(self._db) if fts is None else fts
            self.has_fts = self._check_schema(wanted_fts)
        except sqlite3.Error as error:
            self._db.close()
            if is_corruption(error):
                raise IndexUnreadable(str(error)) from error
            raise
        except IndexUnreadable:
            self._db.close()
            raise
        # Reads (the list, bodies, searches) have their own connection and lock, so opening
        # an article never waits for a refresh or the search index being written (WAL).
        if self.in_memory:
            self._read_db, self._read_lock = self._db, self._lock
        else:
            self._read_db, self._read_lock = _connect(path), threading.RLock()

    def _check_schema(self, wanted_fts: bool) -> bool:
        db = self._db
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        if not tables:
            with _Transaction(db):
                self._create(wanted_fts)
            return wanted_fts
        if "meta" not in tables:
            raise IndexUnreadable("not a reader index")
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("schema") != str(SCHEMA_VERSION):
            raise IndexUnreadable(
                f"schema version {meta.get('schema')}, this reader uses {SCHEMA_VERSION}"
            )
        missing = {*_TABLES, *(("docs",) if meta.get("fts") == "1" else ())} - tables
        if missing:
            raise IndexUnreadable(f"tables missing: {', '.join(sorted(missing))}")
        built_with_fts = meta.get("fts") == "1"
        if built_with_fts != wanted_fts:
            raise IndexUnreadable(
                "built with FTS5 search, which this sqlite3 lacks"
                if built_with_fts
                else "built without FTS5 search, which is now available"
            )
        # Read the last page of every table: a truncated file fails here, not half-way.
        for table in _TABLES:
            db.execute(f"SELECT * FROM {table} ORDER BY rowid DESC LIMIT 1").fetchall()
        return built_with_fts

    def _create(self, fts: bool) -> None:
        db = self._db
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        if fts:
            db.execute(_DOCS)
        db.executemany(
            "INSERT INTO meta(key, value) VALUES(?, ?)",
            [
                ("schema", str(SCHEMA_VERSION)),
                ("fts", "1" if fts else "0"),
                ("next_id", "1"),
                ("fts_upto", "0"),
            ],
        )

    def close(self) -> None:
        with self._lock, self._read_lock:
            self._db.close()
            self._read_db.close()

    def __enter__(self) -> ArticleIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _meta_int(self, key: str, db: sqlite3.Connection | None = None) -> int:
        (value,) = (
            (db or self._db).execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        )
        return int(value)

    def _set_meta(self, key: str, value: object, db: sqlite3.Connection | None = None) -> None:
        (db or self._db).execute("UPDATE meta SET value = ? WHERE key = ?", (str(value), key))

    def _root_id(
        self, root: Path, *, create: bool, db: sqlite3.Connection | None = None
    ) -> int | None:
        key = os.path.abspath(root)
        row = (db or self._db).execute("SELECT id FROM roots WHERE path = ?", (key,)).fetchone()
        if row:
            return row[0]
        if not create:
            return None
        cursor = self._db.execute(
            "INSERT INTO roots(path, used_at) VALUES(?, ?)", (key, time.time())
        )
        return cursor.lastrowid

    def is_indexed(self, roots: Iterable[str | os.PathLike[str]]) -> bool:
        """True when every root was indexed before, so a warm start is possible."""
        with self._read_lock:
            for root in roots:
                row = self._read_db.execute(
                    "SELECT indexed FROM roots WHERE path = ?", (os.path.abspath(root),)
                ).fetchone()
                if not row or not row[0]:
                    return False
            return True

    # --- refreshing ------------------------------------------------------------------

    def refresh(
        self,
        roots: Sequence[str | os.PathLike[str]],
        *,
        progress: Progress | None = None,
        workers: int | None = None,
    ) -> RefreshReport:
        """Bring the cached metadata up to date with the files under `roots`.

        Only new and changed files are parsed; deleted ones are dropped. The full-text
        index is not touched: call `build_search` for that.
        """
        started = time.perf_counter()
        report = RefreshReport()
        # The walk is the slow part of a warm refresh and needs no lock.
        scans = [(Path(root), scan_root(Path(root))) for root in roots]
        with self._lock:
            plans = [(root, scan, self._plan(root, scan, report)) for root, scan in scans]
            counter = _Counter(sum(len(to_parse) for _, _, to_parse in plans), progress)
            for root, scan, to_parse in plans:
                self._parse_and_store(root, scan, to_parse, counter, workers)
            self._forget_old_roots()
            self._allowed_cache = None
        report.seconds = time.perf_counter() - started
        return report

    def _plan(self, root: Path, scan: RootScan, report: RefreshReport) -> dict[str, int | None]:
        """Drop deleted files; return the files to parse, each with the row it replaces."""
        db = self._db
        with _Transaction(db):
            root_id = self._root_id(root, create=True)
            db.execute("UPDATE roots SET used_at = ? WHERE id = ?", (time.time(), root_id))
            stored = {
                rel: (file_id, (size, mtime))
                for file_id, rel, size, mtime in db.execute(
                    "SELECT id, rel, size, mtime_ns FROM files WHERE root = ?", (root_id,)
                )
            }
            stored_sidecars = {
                rel: (size, mtime)
                for rel, size, mtime in db.execute(
                    "SELECT rel, size, mtime_ns FROM sidecars WHERE root = ?", (root_id,)
                )
            }
            # A reader.yaml that appeared, changed or went re-parses its whole folder.
            changed_folders = {
                folder_of(rel)
                for rel in stored_sidecars.keys() | scan.sidecars.keys()
                if stored_sidecars.get(rel) != scan.sidecars.get(rel)
            }
            gone = [stored[rel][0] for rel in stored.keys() - scan.files.keys()]
            self._delete_files(root_id, gone)
            db.executemany(
                "DELETE FROM problems WHERE root = ? AND origin = ?",
                [(root_id, rel) for rel in stored_sidecars.keys() - scan.sidecars.keys()],
            )
            db.execute("DELETE FROM sidecars WHERE root = ?", (root_id,))
            db.executemany(
                "INSERT INTO sidecars(root, rel, size, mtime_ns) VALUES(?, ?, ?, ?)",
                [(root_id, rel, *sig) for rel, sig in scan.sidecars.items()],
            )
            db.execute(
                "DELETE FROM problems WHERE root = ? AND origin = ?", (root_id, _WALK_ORIGIN)
            )
            base = base_folder(root)
            db.executemany(
                "INSERT INTO problems(root, origin, path, reason) VALUES(?, ?, ?, ?)",
                [
                    (root_id, _WALK_ORIGIN, _stored_path(problem.path, base), problem.reason)
                    for problem in scan.problems
                ],
            )
        to_parse: dict[str, int | None] = {}
        for rel, sig in scan.files.items():
            previous = stored.get(rel)
            if previous is None:
                report.added += 1
                to_parse[rel] = None
            elif previous[1] != sig or (changed_folders and folder_of(rel) in changed_folders):
                report.changed += 1
                to_parse[rel] = previous[0]
            else:
                report.unchanged += 1
        report.removed += len(gone)
        return to_parse

    def _delete_files(self, root_id: int, file_ids: list[int]) -> None:
        if not file_ids:
            return
        db = self._db
        rows = [(file_id,) for file_id in file_ids]
        if self.has_fts:
            upto = self._meta_int("fts_upto")
            # External content: FTS5 needs the exact text it indexed to forget a row.
            db.executemany(
                "INSERT INTO docs(docs, rowid, title, source, author, tags, body) "
                "SELECT 'delete', id, title, source, author, tags, body FROM texts WHERE id = ?",
                [row for row in rows if row[0] <= upto],
            )
        db.executemany("DELETE FROM texts WHERE id = ?", rows)
        db.executemany(
            "DELETE FROM problems WHERE root = ? AND origin = (SELECT rel FROM files WHERE id = ?)",
            [(root_id, file_id) for file_id in file_ids],
        )
        db.executemany("DELETE FROM files WHERE id = ?", rows)

    def _parse_and_store(
        self,
        root: Path,
        scan: RootScan,
        to_parse: dict[str, int | None],
        counter: _Counter,
        workers: int | None,
    ) -> None:
        db = self._db
        root_id = self._root_id(root, create=True)
        assert root_id is not None
        counter.report()
        uncommitted = 0
        db.execute("BEGIN IMMEDIATE")
        try:
            next_id = self._meta_int("next_id")

            def store(batch: list[ParsedFile]) -> None:
                nonlocal next_id, uncommitted
                next_id = self._store_batch(root_id, scan, to_parse, batch, next_id)
                files = sum(1 for parsed in batch if parsed.rel in scan.files)
                uncommitted += files
                if uncommitted >= COMMIT_EVERY_FILES:
                    self._set_meta("next_id", next_id)
                    db.execute("COMMIT")
                    db.execute("BEGIN IMMEDIATE")
                    uncommitted = 0
                counter.add(files)

            parse_files(base_folder(root), list(to_parse), store, workers)
            self._set_meta("next_id", next_id)
            db.execute("UPDATE roots SET indexed = 1 WHERE id = ?", (root_id,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _store_batch(
        self,
        root_id: int,
        scan: RootScan,
        replaces: dict[str, int | None],
        batch: list[ParsedFile],
        next_id: int,
    ) -> int:
        db = self._db
        self._delete_files(root_id, [replaces[p.rel] for p in batch if replaces.get(p.rel)])
        db.executemany(
            "DELETE FROM problems WHERE root = ? AND origin = ?",
            [(root_id, parsed.rel) for parsed in batch],
        )
        file_rows, text_rows, problem_rows = [], [], []
        for parsed in batch:
            problem_rows.extend((root_id, parsed.rel, *problem) for problem in parsed.problems)
            sig = scan.files.get(parsed.rel)
            if sig is None:  # a sidecar: only its problems
                continue
            file_id, next_id = next_id, next_id + 1
            if parsed.row is None:
                file_rows.append((file_id, root_id, parsed.rel, *sig, 0, *(None,) * 10))
                continue
            file_rows.append((file_id, root_id, parsed.rel, *sig, 1, *parsed.row))
            _, title, source, author, _, _, tags, _, _, _ = parsed.row
            tags_text = tags.replace(TAG_SEPARATOR, ", ") if tags else None
            text_rows.append((file_id, title, source, author, tags_text, parsed.body))
        db.executemany(
            "INSERT INTO files(id, root, rel, size, mtime_ns, is_article, article_id, title, "
            "source, author, url, published, tags, section, extra, words) "
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            file_rows,
        )
        db.executemany(
            "INSERT INTO texts(id, title, source, author, tags, body) VALUES(?, ?, ?, ?, ?, ?)",
            text_rows,
        )
        db.executemany(
            "INSERT INTO problems(root, origin, path, reason) VALUES(?, ?, ?, ?)", problem_rows
        )
        return next_id

    def _forget_old_roots(self) -> None:
        db = self._db
        cutoff = time.time() - FORGET_ROOTS_AFTER_DAYS * 86400
        for (root_id,) in db.execute(
            "SELECT id FROM roots WHERE used_at < ?", (cutoff,)
        ).fetchall():
            with _Transaction(db):
                ids = [
                    row[0] for row in db.execute("SELECT id FROM files WHERE root = ?", (root_id,))
                ]
                self._delete_files(root_id, ids)
                db.execute("DELETE FROM sidecars WHERE root = ?", (root_id,))
                db.execute("DELETE FROM problems WHERE root = ?", (root_id,))
                db.execute("DELETE FROM roots WHERE id = ?", (root_id,))

    # --- the full-text index ---------------------------------------------------------

    def search_backlog(self) -> int:
        """How many articles are not in the full-text index yet (they are scanned instead)."""
        if not self.has_fts:
            return 0
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
        db = self._db if self.in_memory else _connect(self.path)
        counter = _Counter(total, progress)
        counter.report()
        try:
            while not (should_stop and should_stop()):
                with self._lock if self.in_memory else nullcontext(), _Transaction(db):
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

    # --- reading ---------------------------------------------------------------------

    def load(self, roots: Sequence[str | os.PathLike[str]]) -> tuple[list[Article], list[Problem]]:
        """The cached articles and problems under `roots`, like Corpus.load gives them.

        Reads no article file; bodies are read from the cache when first used.
        """
        articles: list[Article] = []
        problems: list[Problem] = []
        seen_ids: set[str] = set()
        # Many thousands of new objects would set off full garbage collections again and
        # again while loading; none of them is in a cycle.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self._read_lock:
                for root in roots:
                    self._load_root(Path(root), len(roots) > 1, seen_ids, articles, problems)
        finally:
            if collecting:
                gc.enable()
        # The articles live as long as the app. Frozen, they are left out of later garbage
        # collections, which otherwise walked all of them again and again while a search
        # built its results (measured: a filter keystroke went from 300 ms to 50 ms).
        gc.freeze()
        return articles, problems

    def load_newest(
        self, root: str | os.PathLike[str], count: int
    ) -> tuple[list[Article], list[Problem]]:
        """The `count` newest cached articles of one root (undated last), and its problems.

        A first screenful for a fast start: ids are the ones `load` gives the same files.
        """
        root = Path(root)
        articles: list[Article] = []
        problems: list[Problem] = []
        with self._read_lock:
            db = self._read_db
            root_id = self._root_id(root, create=False, db=db)
            if root_id is None:
                return articles, problems
            rows = db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM files INDEXED BY files_by_date "
                "WHERE root = ? AND is_article = 1 AND published IS NOT NULL "
                "ORDER BY published DESC LIMIT ?",
                (root_id, count),
            ).fetchall()
            if len(rows) < count:
                rows += db.execute(
                    f"SELECT {_ARTICLE_COLUMNS} FROM files WHERE root = ? AND is_article = 1 "
                    "AND published IS NULL ORDER BY article_id LIMIT ?",
                    (root_id, count - len(rows)),
                ).fetchall()
            base = base_folder(root)
            for article in self._articles_from_rows(rows, base, "", None):
                # Two files with one id ("a.md", "a.txt"): the later one in path order gets
                # "~2", as in a full load.
                (earlier,) = db.execute(
                    "SELECT COUNT(*) FROM files INDEXED BY files_by_article_id "
                    "WHERE root = ? AND article_id = ? AND rel < ?",
                    (root_id, article.id, article.__dict__["_rel"]),
                ).fetchone()
                if earlier:
                    article.id = f"{article.id}~{earlier + 1}"
                articles.append(article)
            problems = self._problems_of(root, root_id, base)
        return articles, problems

    def _load_root(
        self,
        root: Path,
        prefix_ids: bool,
        seen_ids: set[str],
        articles: list[Article],
        problems: list[Problem],
    ) -> None:
        db = self._read_db
        root_id = self._root_id(root, create=False, db=db)
        if root_id is None:
            return
        base = base_folder(root)
        prefix = f"{base.name}/" if prefix_ids and base.name else ""
        rows = db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM files WHERE root = ? AND is_article = 1 ORDER BY rel",
            (root_id,),
        )
        articles.extend(self._articles_from_rows(rows, base, prefix, seen_ids))
        problems.extend(self._problems_of(root, root_id, base))

    def _articles_from_rows(
        self, rows: Iterable[tuple], base: Path, prefix: str, seen_ids: set[str] | None
    ) -> Iterator[IndexedArticle]:
        """IndexedArticles from `files` rows; ids made unique against `seen_ids` in order."""
        base_text = os.fspath(base)
        new, fromisoformat, loads = object.__new__, datetime.fromisoformat, json.loads
        # Sources, authors, sections and tags repeat across thousands of articles: one
        # string object each instead of one per article (about 20 MB at 100,000).
        shared: dict[str, str] = {}
        share = shared.setdefault
        for rowid, rel, article_id, title, source, author, url, published, tags, *rest in rows:
            section, extra, words = rest
            if source:
                source = share(source, source)
            if author:
                author = share(author, author)
            if section:
                section = share(section, section)
            article_id = prefix + article_id
            if seen_ids is not None:
                if article_id in seen_ids:
                    article_id = _unique_id(article_id, seen_ids)
                else:
                    seen_ids.add(article_id)
            article = new(IndexedArticle)
            article.__dict__.update(
                id=article_id,
                title=title,
                source=source,
                author=author,
                url=url,
                published=fromisoformat(published) if published else None,
                tags=[share(tag, tag) for tag in tags.split(TAG_SEPARATOR)] if tags else [],
                section=section,
                extra=loads(extra) if extra else {},
                words=words,
                _rowid=rowid,
                _base=base_text,
                _rel=rel,
                _index=self,
            )
            yield article

    def _problems_of(self, root: Path, root_id: int, base: Path) -> list[Problem]:
        return [
            Problem(_loaded_path(path, root, base), reason)
            for path, reason in self._read_db.execute(
                "SELECT path, reason FROM problems WHERE root = ? ORDER BY origin, rowid",
                (root_id,),
            )
        ]

    def body(self, rowid: int) -> str | None:
        """One article's body, or None when the cache no longer has it."""
        try:
            with self._read_lock:
                row = self._read_db.execute(
                    "SELECT body FROM texts WHERE id = ?", (rowid,)
                ).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    # --- searching -------------------------------------------------------------------

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
            hits, upto = self._fts_hits(query, limit=limit, allowed=allowed)
            if len(hits) != limit:
                more = self._scan_hits(query, above=upto, allowed=allowed)
                hits.extend(more[: None if limit is None else limit - len(hits)])
            return hits

    def matching_rowids(
        self, query: str, *, roots: Sequence[str | os.PathLike[str]] | None = None
    ) -> set[int]:
        """Rows of every article matching `query`, unranked: for filtering a list."""
        with self._read_lock:
            allowed = self._allowed_rowids(roots)
            found, upto = self._fts_rowids(query)
            if allowed is not None:
                found &= allowed
            found.update(hit.rowid for hit in self._scan_hits(query, above=upto, allowed=allowed))
            return found

    def _fts_rowids(self, query: str) -> tuple[set[int], int]:
        """Like `_fts_hits`, unranked, straight into a set: a filter keystroke can match
        90,000 articles, and a result object for each doubled its time."""
        if not self.has_fts:
            return set(), 0
        upto = self._meta_int("fts_upto", self._read_db)
        expression = fts_query(query)
        if expression is None or not upto:
            return set(), upto
        try:
            rows = self._read_db.execute(
                "SELECT rowid FROM docs WHERE docs MATCH ?", (expression,)
            ).fetchall()
        except sqlite3.Error:
            return set(), -1
        return {rowid for (rowid,) in rows}, upto

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
        # Spelled out rather than a configured `rank`: measured twice as fast.
        sql = f"SELECT rowid, {_BM25} AS score FROM docs WHERE docs MATCH ? ORDER BY score"
        params: tuple = (expression,)
        if limit is not None and allowed is None:
            sql += " LIMIT ?"
            params += (limit,)
        try:
            rows = self._read_db.execute(sql, params).fetchall()
        except sqlite3.Error:
            return [], -1  # whatever went wrong, a scan of everything still answers
        hits = [
            SearchHit(rowid, -rank) for rowid, rank in rows if allowed is None or rowid in allowed
        ]
        return (hits[:limit] if limit is not None else hits), upto

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
            score = 0.0
            for pattern in patterns:
                found = sum(
                    weight * len(pattern.findall(text))
                    for weight, text in zip(RANK_WEIGHTS, columns, strict=True)
                    if text
                )
                if not found:
                    break
                score += found
            else:
                hits.append(SearchHit(rowid, score))
        hits.sort(key=lambda hit: (-hit.score, hit.rowid))
        return hits

    def _backlog(self, above: int) -> int:
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


class _Counter:
    """Counts work done and tells a progress callback."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def add(self, count: int) -> None:
        self.done += count
        self.report()

    def report(self) -> None:
        if self.progress and self.total:
            self.progress(self.done, self.total)


# --- paths --------------------------------------------------------------------------------


def _stored_path(path: Path, base: Path) -> str:
    try:
        stored = path.relative_to(base).as_posix()
    except ValueError:
        stored = os.path.abspath(path)
    # A problem about an undecodable name: SQLite text must be UTF-8, so it is kept escaped.
    return stored if is_utf8_name(stored) else escape_controls(stored)


def _loaded_path(stored: str, root: Path, base: Path) -> Path:
    if os.path.isabs(stored):
        return root if stored == os.path.abspath(root) else Path(stored)
    return base / stored if stored not in ("", ".") else base


def _unique_id(article_id: str, seen: set[str]) -> str:
    candidate, number = article_id, 2
    while candidate in seen:
        candidate = f"{article_id}~{number}"
        number += 1
    seen.add(candidate)
    return candidate


# --- a corpus read through the index ------------------------------------------------------


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
        return self.index.matching_rowids(query, roots=self.roots)

    def filter_articles(
        self,
        articles: Sequence[Article],
        query: str,
        *,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[Article] | None:
        """`filtering.filter_articles` answered by the full-text index, in the given order.

        Words match as in `reader.index.query` (whole words, the last one also as a prefix; case
        and accents do not matter), not as substrings.
        """
        if not search_terms(query):
            return list(articles)
        found = self.matching(query)
        if should_stop is not None and should_stop():
            return None
        # compress() and the cached row numbers keep the loop in C: a Python loop over
        # 100,000 articles took 50 ms of every keystroke.
        return list(compress(articles, map(found.__contains__, self._rowids_of(articles))))

    def _rowids_of(self, articles: Sequence[Article]) -> list[int | None]:
        """Each article's index row, remembered for the few lists the UI keeps (its sorts)."""
        cache: dict[int, tuple[Sequence[Article], list[int | None]]]
        cache = self.__dict__.setdefault("_rowids", {})
        hit = cache.get(id(articles))
        if hit is not None and hit[0] is articles and len(hit[1]) == len(articles):
            return hit[1]
        rowids = [article.__dict__.get("_rowid") for article in articles]
        if len(cache) >= 8:
            cache.clear()
        cache[id(articles)] = (articles, rowids)
        return rowids

    @property
    def article_filter(self) -> ArticleFilter:
        """The list's filter: the index, run afresh for every query (it is fast enough, and
        a longer query does not always narrow: "oil p" holds "oil prices", "oil pr" too,
        but a one-letter word is a whole word, not a prefix)."""
        return ArticleFilter(apply=self.filter_articles, narrows=lambda previous, query: False)

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

    def reload(self) -> None:
        """Re-read articles and problems from the index."""
        if self.index is not None:
            self.articles, self.problems = self.index.load(self.roots)
            self.complete = True

    def _by_rowid(self) -> dict[int, Article]:
        built_for, by_row = self.__dict__.get("_by_row", (None, {}))
        if built_for is not self.articles:
            by_row = {
                article.rowid: article
                for article in self.articles
                if isinstance(article, IndexedArticle)
            }
            self.__dict__["_by_row"] = (self.articles, by_row)
        return by_row


def move_aside(path: Path) -> Path | None:
    """Rename an unreadable cache to `<name>.corrupt-<time>`; keep only the newest few."""
    target = corrupt_path(path)
    try:
        os.replace(path, target)
    except FileNotFoundError:
        return None
    for suffix in ("-wal", "-shm", "-journal"):
        try:
            os.remove(f"{path}{suffix}")
        except OSError:
            pass
    older = sorted(path.parent.glob(f"{path.name}.corrupt-*"), key=os.path.getmtime, reverse=True)
    for stale in older[KEEP_MOVED_ASIDE:]:
        try:
            stale.unlink()
        except OSError:
            pass
    return target


def open_index(path: Path, *, fts: bool | None = None) -> tuple[ArticleIndex, list[str]]:
    """Open the cache at `path`: a bad one is moved aside and a new one started.

    When the file cannot be used at all (locked, read-only, disk full), an index in memory
    serves this run. Returns the index and what the user should be told.
    """
    notices: list[str] = []
    try:
        return ArticleIndex(path, fts=fts), notices
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
) -> IndexedCorpus:
    """Load `paths` through the index cache at `index_path` (see `config.index_db_path`).

    `refresh`: parse new and changed files first; False takes the cache as it is (a warm
    start that refreshes later); None refreshes only roots never indexed before. `search`: finish the full-text index before returning
    (else leave it to `ArticleIndex.build_search`). `first_page`: on a warm start with one
    root, load only that many newest articles (`complete` is then False; `reload` reads
    the rest). A cache found unreadable half-way is moved aside and rebuilt.
    """
    path = index_db_path(index_path)
    roots, unstorable = [], []
    for root in map(Path, paths):
        # The cache keeps paths as text, which a name that is not UTF-8 cannot be.
        (roots if is_utf8_name(os.path.abspath(root)) else unstorable).append(root)
    index, notices = open_index(path, fts=fts)

    def read(index: ArticleIndex, refresh: bool | None) -> IndexedCorpus:
        if refresh is None:
            refresh = not index.is_indexed(roots)
        report = index.refresh(roots, progress=progress, workers=workers) if refresh else None
        if search:
            index.build_search(progress=search_progress)
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
