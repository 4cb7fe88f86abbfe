"""The cache file: schema, connections, transactions, `meta` values, and moving a bad file aside."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from reader import db_files

try:
    import fcntl
except ImportError:  # Windows: no flock; concurrent first starts are rarer there
    fcntl = None  # type: ignore[assignment]

# Bump when the tables or what is stored in them change: an older cache is then rebuilt.
SCHEMA_VERSION = 4
# Moved-aside caches kept for inspection; older ones are deleted.
KEEP_MOVED_ASIDE = 2

Progress = Callable[[int, int], None]


class IndexUnreadable(Exception):
    """The cache file is not an index this version can trust."""


class IndexNotOurs(Exception):
    """The file is another program's database (or not a database): never moved or written."""


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
    UNIQUE(root, rel, article_id) -- a feed or JSON Lines file has one row per article
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
# Stories (index/stories.py, index/story_store.py): the grouping kept as rows, so that one
# article added or removed reads and writes a few rows, not the whole grouping. Per scope
# (the roots a corpus was opened with): its articles' vectors, topic and story; each term's
# document frequency and postings; each story's row, listing item and printed block.
_STORY_SCHEMA = """
CREATE TABLE stories(
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL UNIQUE,  -- the roots, absolute and sorted (stories.scope_of)
    params TEXT NOT NULL,        -- JSON: the StoryParams grouped with
    next_id INTEGER NOT NULL,    -- the next topic or story id
    articles INTEGER NOT NULL,   -- how many rows it has in story_articles
    head TEXT                    -- the listing head the items were made for (story_listing)
);
CREATE TABLE story_articles(
    scope INTEGER NOT NULL, key INTEGER NOT NULL, -- key: the article's files id
    topic INTEGER NOT NULL, story INTEGER NOT NULL,
    title TEXT NOT NULL, source TEXT, published TEXT, day INTEGER, years TEXT NOT NULL,
    terms BLOB NOT NULL, weights BLOB NOT NULL, sketch BLOB NOT NULL, -- packed, little-endian
    lead INTEGER NOT NULL,  -- bit i: terms[i] is in the title or lead (signed 64 bits)
    PRIMARY KEY(scope, key)
);
-- With the key: a topic's or a story's members are read from the index alone.
CREATE INDEX story_articles_by_topic ON story_articles(scope, topic, key);
CREATE INDEX story_articles_by_story ON story_articles(scope, story, key);
-- What a placement reads of its candidates (hundreds), from the index alone.
CREATE INDEX story_articles_for_dates ON story_articles(scope, key, topic, story, day, years);
CREATE TABLE story_terms(
    scope INTEGER NOT NULL, id INTEGER NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL,
    keys BLOB NOT NULL, weights BLOB NOT NULL, -- the postings (articles whose vector has it)
    days BLOB NOT NULL,          -- each entry's article's day (story_store: placement skips
    PRIMARY KEY(scope, id)       -- the articles outside the time window before reading them)
);
CREATE UNIQUE INDEX story_terms_by_term ON story_terms(scope, term);
CREATE TABLE story_rows(
    scope INTEGER NOT NULL, story INTEGER NOT NULL,
    size INTEGER NOT NULL, recency REAL NOT NULL, sources INTEGER NOT NULL, -- listing order
    row TEXT NOT NULL,           -- JSON: the story, keys are files ids
    item TEXT,                   -- JSON: the story as listed (story_listing), for `head`
    printed BLOB,                -- the story as `reader stories` prints it (NULL: not yet)
    PRIMARY KEY(scope, story)
);
CREATE INDEX story_rows_in_order ON story_rows(scope, size DESC, recency DESC, story);
"""
_STORY_TABLES = ("stories", "story_articles", "story_terms", "story_rows")
# External content: the text is stored once, in `texts`; rows up to meta fts_upto are in it.
# No prefix indexes: measured at 100,000 articles they made indexing 70% slower and the
# index 30% bigger, without making prefix queries faster.
_DOCS = (
    "CREATE VIRTUAL TABLE docs USING fts5(title, source, author, tags, body, "
    "content = 'texts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')"
)
_TABLES = ("meta", "roots", "files", "texts", "sidecars", "problems", *_STORY_TABLES)

# Error codes that say the file is not a usable index (unlike busy, full or read-only).
_CORRUPTION = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_ERROR", "SQLITE_FORMAT")


def _story_tables_current(db: sqlite3.Connection) -> bool:
    """Whether the story tables are there with every column this reader writes."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(story_articles)")}
    term_columns = {row[1] for row in db.execute("PRAGMA table_info(story_terms)")}
    has_rows = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_rows'").fetchone()
    return has_rows is not None and "lead" in columns and "days" in term_columns


def _create_story_tables(db: sqlite3.Connection) -> None:
    for statement in _STORY_SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def is_corruption(error: sqlite3.Error) -> bool:
    """True when `error` means the cache file itself is bad, so rebuilding it will help."""
    name: str | None = getattr(error, "sqlite_errorname", None)
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


def connect(path: Path | str, *, wal: bool = True) -> sqlite3.Connection:
    db = sqlite3.connect(os.fspath(path), check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA busy_timeout = 10000")
    if wal and os.fspath(path) != ":memory:":
        use_wal(db)
    db.execute("PRAGMA temp_store = MEMORY")
    return db


def use_wal(db: sqlite3.Connection) -> None:
    """WAL: a search or a body read never waits for the index being written.

    Switching does not wait out the busy timeout: starts at the same moment retry a while.
    """
    deadline = time.monotonic() + 10
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError as error:
            message = str(error).lower()
            if not ("locked" in message or "busy" in message) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    db.execute("PRAGMA synchronous = NORMAL")


_SQLITE_HEADER = b"SQLite format 3\x00"


def _may_be_ours(path: Path) -> bool:
    """False for a file that is there, is not SQLite at all and is not named like a database
    (someone's document given as --index): anything else is looked at further."""
    try:
        if not path.is_file():
            return True  # missing, a folder or a FIFO (never opened): SQLite says what it is
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError:
        return True  # an unreadable file: SQLite says what is wrong with it
    # A damaged file under a name reader gives its cache is taken for a broken cache.
    return not header or header == _SQLITE_HEADER or path.name.endswith(_OUR_SUFFIXES)


_OUR_SUFFIXES = (".db", ".sqlite", ".sqlite3")


class Transaction:
    """`with` block around BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an exception)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")


class IndexDb:
    """One open index cache file: its connections, locks, schema and `meta` values.

    `ArticleIndex` adds refreshing, searching and loading. Methods may be called from any
    thread (they take turns).
    """

    def __init__(self, path: Path | str, *, fts: bool | None = None) -> None:
        """Open or create the cache at `path`; raises IndexUnreadable for a file it cannot trust.

        `fts` forces full-text search on or off (None: use FTS5 when sqlite3 has it).
        """
        self.path = Path(path)
        self.in_memory = os.fspath(path) == ":memory:"
        self._lock = threading.RLock()
        # Held while the list filter matches on its own connection (index/search.py).
        self._filter_lock = threading.Lock()
        self._allowed_cache: tuple[Any, set[int] | None] | None = None
        if not self.in_memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.in_memory and not _may_be_ours(self.path):
            raise IndexNotOurs("not a database")
        try:
            # WAL is switched on only once the file is known to be ours: the switch writes
            # the header of whatever database the file is.
            self._db = connect(path, wal=False)
        except sqlite3.Error as error:
            if is_corruption(error):
                raise IndexUnreadable(str(error)) from error
            raise
        try:
            wanted_fts = fts5_available(self._db) if fts is None else fts
            self.has_fts = self._check_schema(wanted_fts)
            if not self.in_memory:
                use_wal(self._db)
        except sqlite3.Error as error:
            self._db.close()
            if is_corruption(error):
                raise IndexUnreadable(str(error)) from error
            raise
        except (IndexUnreadable, IndexNotOurs):
            self._db.close()
            raise
        # Held (flock) while one process refreshes, so concurrent starts on an empty cache
        # take turns: one indexes, the others wait and then find the work done. Kept open:
        # closing any descriptor of the file would drop SQLite's own (POSIX) locks.
        self._refresh_fd = None if self.in_memory else os.open(self.path, os.O_RDONLY)
        # Reads (the list, bodies, searches) have their own connection and lock, so opening
        # an article never waits for a refresh or the search index being written (WAL).
        if self.in_memory:
            self._read_db, self._read_lock = self._db, self._lock
        else:
            self._read_db, self._read_lock = connect(path), threading.RLock()

    def _check_schema(self, wanted_fts: bool) -> bool:
        db = self._db
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        if not tables:
            with Transaction(db):
                # Looked at again under the write lock: a process starting at the same
                # moment may have created them meanwhile (then they are checked below).
                tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
                if not tables:
                    self._create(wanted_fts)
                    return wanted_fts
        if "meta" not in tables:
            raise IndexNotOurs("another program's database")
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("schema") != str(SCHEMA_VERSION):
            raise IndexUnreadable(
                f"schema version {meta.get('schema')}, this reader uses {SCHEMA_VERSION}"
            )
        self._story_tables(tables)
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
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
        # Read the last page of every table: a truncated file fails here, not half-way. Only
        # the row id: a row may hold a story's whole printed block.
        for table in _TABLES:
            db.execute(f"SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT 1").fetchall()
        return built_with_fts

    def _story_tables(self, tables: set[str]) -> None:
        """A cache from before the stories were kept as rows (one `stories` row holding the
        whole grouping, a `printed` table) gets the story tables in place: its articles are
        kept, its stories are grouped again once, when next wanted. So do story tables that
        lack a column this reader writes (articles' `lead`, postings' `days`)."""
        db = self._db
        if "story_rows" in tables and _story_tables_current(db):
            return
        with Transaction(db):
            # Looked at again under the write lock: another process may have done it.
            if _story_tables_current(db):
                return
            for table in ("printed", *_STORY_TABLES):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            _create_story_tables(db)

    def _create(self, fts: bool) -> None:
        db = self._db
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        _create_story_tables(db)
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
        with self._lock, self._read_lock, self._filter_lock:
            filter_db = self.__dict__.pop("_filter_db", None)
            if filter_db is not None and filter_db is not self._read_db:
                filter_db.close()
            self._db.close()
            self._read_db.close()
            if self._refresh_fd is not None:
                os.close(self._refresh_fd)
                self._refresh_fd = None

    @contextmanager
    def _refreshing(self) -> Iterator[None]:
        """Hold the cache's refresh lock (other processes wait for it), if it has one."""
        fd = self._refresh_fd
        if fd is None or fcntl is None:
            yield
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)

    def __enter__(self) -> Self:
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
            root_id: int = row[0]
            return root_id
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


class Counter:
    """Counts work done and tells a progress callback."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def add(self, count: int) -> None:
        self.done += count
        self.report()

    def report(self) -> None:
        if self.progress and self.total:
            self.progress(self.done, self.total)


def move_aside(path: Path) -> Path | None:
    """Rename an unreadable cache to `<name>.corrupt-<time>`; keep only the newest few.

    Its WAL files are deleted, not kept: the cache is rebuilt from the article files.
    """
    return db_files.move_aside(path, companions="delete", keep=KEEP_MOVED_ASIDE)
