"""Reading state in SQLite: read marks, stars, scroll positions, last article, settings.

State belongs to the file an article was read in (its absolute path, folders resolved), not
to its id in a folder: `story.md` starred in one folder does not show starred in another,
and a new `a.markdown` beside `a.md` does not take `a.md`'s marks. A file moved or renamed
keeps its marks when its old path is gone and its content is the same (same size and hash).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from reader.db_files import move_aside

# 1: keyed by article id (until issue 16); 2: keyed by the file.
SCHEMA_VERSION = 2
# Written in the database header: a file with it is reader's own state, whatever it holds.
APPLICATION_ID = 0x52445354  # "RDST"
SQLITE_HEADER = b"SQLite format 3\x00"
# A file that is not SQLite at all is treated as our own broken state only under a name we
# would give it; anything else (an article passed as --state) is someone's file.
_OUR_SUFFIXES = (".db", ".sqlite", ".sqlite3")
# Content hashes cover the start of the file: enough to know it, cheap for a huge one.
_DIGEST_BYTES = 4 * 1024 * 1024

_SCHEMA = """
CREATE TABLE IF NOT EXISTS marks (
    key TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    position INTEGER,
    size INTEGER,
    digest TEXT,
    updated REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;
"""
_OUR_TABLES = {"marks", "settings", "article_state"}


class _Located(Protocol):
    """What the store needs of an article: its id and its file."""

    @property
    def id(self) -> str: ...

    @property
    def path_text(self) -> str: ...


@dataclass
class _Row:
    read: bool = False
    starred: bool = False
    position: int | None = None
    size: int | None = None
    digest: str | None = None


class NotOurs(sqlite3.DatabaseError):
    """A database reader must not write: another program's, or a newer reader's."""


class StateStore:
    """Per-article state keyed by the article's file, plus a few settings.

    Callers speak of article ids; `attach` tells the store which file each id is (ids not
    attached are keys of their own, as in tests). Everything is read into memory when the
    store opens, so the UI can ask "is this read?" for every row it draws without touching
    the disk; each change is written at once in its own small transaction. A database that
    cannot be used never stops the app: reader's own broken file is moved aside; anything
    else (another program's file, a newer schema, a read-only file, a full disk) is left
    exactly as it is, read if it can be, and the state of this run is kept in memory.
    """

    def __init__(
        self, connection: sqlite3.Connection | None, path: Path | None, *, writable: bool = True
    ) -> None:
        self._db = connection if connection is not None else sqlite3.connect(":memory:")
        self.path = path
        self.writable = writable
        self.warnings: list[str] = []
        # Called with each warning met after opening (a failed write), e.g. to notify the user.
        self.on_warning: Callable[[str], None] | None = None
        self._rows: dict[str, _Row] = {}
        self._legacy: dict[str, _Row] = {}  # schema 1 rows by article id, not yet placed
        self._settings: dict[str, str] = {}
        self._key_of: dict[str, str] = {}
        self._id_of: dict[str, str] = {}
        if connection is None:
            self._db.executescript(_SCHEMA)
        else:
            self._load()

    # --- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None) -> StateStore:
        """Open (or create) the store at `path`; None keeps the state in memory only."""
        if path is None:
            return cls(None, None)
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return cls._in_memory(f"cannot create {path.parent} ({_reason(error)})")
        kind = _kind_of(path)
        if kind == "other" and not path.name.endswith(_OUR_SUFFIXES):
            return cls._in_memory(f"{path} is not a reader state database; left as it is")
        try:
            if kind == "special":
                raise sqlite3.DatabaseError("not a regular file")
            return cls._open_file(path)
        except NotOurs as error:
            return cls._in_memory(f"{path} {error}; left as it is")
        except sqlite3.DatabaseError as error:
            if not _is_corruption(error) and kind != "special":
                # Busy, read-only, full, unreadable: the file is fine, or not ours to judge.
                return cls._read_only(path, error)
            if kind == "sqlite" and not _ours_by_header(path):
                return cls._in_memory(f"{path} cannot be read ({error}); left as it is")
            try:
                # Moved with its WAL files: they may hold the user's last changes.
                moved = move_aside(path, companions="move")
            except OSError:
                moved = None
            if moved is None:
                return cls._in_memory(f"cannot use {path} ({error})")
            warning = (
                f"state database {path} was unusable ({error});"
                f" moved aside to {moved.name}, starting fresh"
            )
        try:
            store = cls._open_file(path)
        except sqlite3.DatabaseError as error:
            return cls._in_memory(f"cannot use {path} ({error})", [warning])
        store.warnings.insert(0, warning)
        return store

    @classmethod
    def _open_file(cls, path: Path) -> StateStore:
        connection = sqlite3.connect(path, timeout=BUSY_SECONDS)
        try:
            return cls(connection, path)
        except BaseException:
            connection.close()
            raise

    @classmethod
    def _read_only(cls, path: Path, error: sqlite3.DatabaseError) -> StateStore:
        """The marks of a healthy file that cannot be written now, kept in memory this run."""
        reason = f"{path} cannot be written ({error})"
        try:
            snapshot = sqlite3.connect(f"file:{quote(os.fspath(path))}?immutable=1", uri=True)
        except sqlite3.Error:
            return cls._in_memory(reason)
        try:
            store = cls(None, None, writable=False)
            store._read_rows(snapshot)
        except sqlite3.Error:
            return cls._in_memory(reason)
        finally:
            snapshot.close()
        store.warnings.append(f"{reason}; its marks are shown; reading state will not be saved")
        return store

    @classmethod
    def _in_memory(cls, reason: str, warnings: Iterable[str] = ()) -> StateStore:
        store = cls(None, None)
        store.warnings.extend(warnings)
        store.warnings.append(f"{reason}; reading state will not be saved")
        return store

    def _load(self) -> None:
        """Check the file is ours, create or upgrade the tables, read everything in (raises
        NotOurs, or DatabaseError for a file that cannot be used)."""
        db = self._db
        (version,) = db.execute("PRAGMA user_version").fetchone()
        (application,) = db.execute("PRAGMA application_id").fetchone()
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        # Schema 1 files carry no application id; every later one does.
        newest = SCHEMA_VERSION if application == APPLICATION_ID else 1
        if application not in (0, APPLICATION_ID) or (
            application == 0 and tables and not tables & _OUR_TABLES
        ):
            raise NotOurs("is another program's database")
        if version > newest:
            raise NotOurs(f"was made by a newer reader (schema {version})")
        (check,) = db.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        _use_wal(db)
        db.execute("PRAGMA synchronous = NORMAL")
        if version != SCHEMA_VERSION or application != APPLICATION_ID or "marks" not in tables:
            with db:
                db.executescript(_SCHEMA)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        else:
            # A read-only or immutable file opens without complaint and fails at the first
            # mark: find out now, so the user is told once, before marking anything.
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            finally:
                db.execute("ROLLBACK")
        self._read_rows(db)

    def _read_rows(self, db: sqlite3.Connection) -> None:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        if "marks" in tables:
            for key, read, starred, position, size, digest in db.execute(
                "SELECT key, read, starred, position, size, digest FROM marks"
            ):
                self._rows[key] = _Row(bool(read), bool(starred), position, size, digest)
        if "article_state" in tables:
            # Schema 1, keyed by article id: placed on files by `attach` (see there).
            for article_id, read, starred, position in db.execute(
                "SELECT id, read, starred, position FROM article_state"
            ):
                self._legacy[article_id] = _Row(bool(read), bool(starred), position)
        if "settings" in tables:
            self._settings = dict(db.execute("SELECT key, value FROM settings"))

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass

    # --- which file is which article -----------------------------------------------------

    def attach(self, articles: Iterable[_Located], located: FileKeys | None = None) -> None:
        """Say which file each article id stands for (call again when the list changes).

        `located`: `locate(articles)` worked out already (off the UI thread: at 100,000
        articles it takes a few hundred milliseconds). Marks a reader before issue 16 kept by
        article id go to the file that id names now; marks of a file whose path is gone go
        to an unmarked file with the same content (moved or renamed).
        """
        if located is None:
            located = locate(articles)
        self._key_of = located.key_of
        self._id_of = located.id_of
        if self._legacy:
            self._place_legacy_rows()
        self._follow_moved_files(located.folders)

    def _place_legacy_rows(self) -> None:
        placed = []
        for article_id, row in self._legacy.items():
            key = self._key_of.get(article_id)
            if key is None:
                continue
            placed.append(article_id)
            if key in self._rows:
                continue  # the file has marks of its own already
            self._rows[key] = row
            self._save_row(key)
        for article_id in placed:
            del self._legacy[article_id]
        if placed and self.writable:
            self._executemany(
                "DELETE FROM article_state WHERE id = ?", [(article_id,) for article_id in placed]
            )

    def _follow_moved_files(self, folders: set[str]) -> None:
        """Give the rows of files gone from these folders to unmarked files with their content."""
        orphans: dict[int, list[str]] = {}
        for key, row in self._rows.items():
            if (
                row.digest is not None
                and row.size is not None
                and key not in self._id_of
                and os.path.dirname(key) in folders
                and not os.path.exists(key)
            ):
                orphans.setdefault(row.size, []).append(key)
        if not orphans:
            return
        for key in self._id_of:
            if key in self._rows:
                continue
            try:
                size = os.stat(key).st_size
            except OSError:
                continue
            candidates = orphans.get(size)
            if not candidates:
                continue
            digest = _digest(key)
            for old in candidates:
                if self._rows[old].digest == digest:
                    candidates.remove(old)
                    self._rows[key] = self._rows.pop(old)
                    self._execute("DELETE FROM marks WHERE key = ?", (old,))
                    self._save_row(key)
                    break

    def _key(self, article_id: str) -> str:
        return self._key_of.get(article_id, article_id)

    def _ids(self, wanted: Callable[[_Row], bool]) -> frozenset[str]:
        id_of = self._id_of
        return frozenset(id_of.get(key, key) for key, row in self._rows.items() if wanted(row))

    # --- reading -----------------------------------------------------------------------

    @property
    def in_memory(self) -> bool:
        return self.path is None

    def is_read(self, article_id: str) -> bool:
        row = self._rows.get(self._key(article_id))
        return row is not None and row.read

    def is_starred(self, article_id: str) -> bool:
        row = self._rows.get(self._key(article_id))
        return row is not None and row.starred

    def read_ids(self) -> frozenset[str]:
        return self._ids(lambda row: row.read)

    def starred_ids(self) -> frozenset[str]:
        return self._ids(lambda row: row.starred)

    def position(self, article_id: str) -> int | None:
        """Where the reader was in the article (a character offset), if anywhere."""
        row = self._rows.get(self._key(article_id))
        return None if row is None else row.position

    def setting(self, key: str) -> str | None:
        return self._settings.get(key)

    @property
    def last_opened(self) -> str | None:
        value = self.setting("last_opened")
        return None if value is None else self._id_of.get(value, value)

    @property
    def theme(self) -> str | None:
        return self.setting("theme")

    # --- writing -----------------------------------------------------------------------

    def set_read(self, article_id: str, read: bool = True) -> None:
        self._change(article_id, read=bool(read))

    def set_starred(self, article_id: str, starred: bool = True) -> None:
        self._change(article_id, starred=bool(starred))

    def set_position(self, article_id: str, position: int) -> None:
        position = max(0, int(position))
        row = self._rows.get(self._key(article_id))
        if row is not None and row.position == position:
            return
        self._change(article_id, position=position)

    def _change(self, article_id: str, **values: object) -> None:
        key = self._key(article_id)
        row = self._rows.setdefault(key, _Row())
        for name, value in values.items():
            setattr(row, name, value)
        self._save_row(key)

    def set_setting(self, key: str, value: str | None) -> None:
        if self._settings.get(key) == value:
            return
        if value is None:
            self._settings.pop(key, None)
            self._execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            self._settings[key] = value
            self._execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def set_last_opened(self, article_id: str) -> None:
        self.set_setting("last_opened", self._key(article_id))

    def set_theme(self, theme: str) -> None:
        self.set_setting("theme", theme)

    def _save_row(self, key: str) -> None:
        row = self._rows[key]
        if row.digest is None and key in self._id_of:
            # The content is what finds the file again once it is moved or renamed.
            try:
                row.size = os.stat(key).st_size
                row.digest = _digest(key)
            except OSError:
                row.size = row.digest = None
        self._execute(
            "INSERT INTO marks (key, read, starred, position, size, digest, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
            " read = excluded.read, starred = excluded.starred, position = excluded.position,"
            " size = excluded.size, digest = excluded.digest, updated = excluded.updated",
            (key, int(row.read), int(row.starred), row.position, row.size, row.digest, time.time()),
        )

    def _execute(self, sql: str, parameters: tuple[object, ...]) -> None:
        self._executemany(sql, [parameters])

    def _executemany(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        """One change, one transaction; a failure is a warning, the in-memory state stays."""
        if not self.writable:
            return  # said once when the store opened
        try:
            with self._db:
                self._db.executemany(sql, rows)
        except sqlite3.Error as error:
            self._warn(f"could not save reading state ({error})")

    def _warn(self, message: str) -> None:
        if message in self.warnings:
            return  # one failing disk should not produce a notification per keypress
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)


BUSY_SECONDS = 2.0


def _kind_of(path: Path) -> str:
    """ "missing", "sqlite" (or empty), "other" (a file that is not SQLite) or "special"."""
    try:
        if not path.exists():
            return "missing"
        if not path.is_file():
            return "special"
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return "special"
    return "sqlite" if not header or header == SQLITE_HEADER else "other"


def _ours_by_header(path: Path) -> bool:
    """Whether the header of the SQLite file at `path` carries our application id, or its
    name is one reader gives its state (schema 1 files carry no id)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    if len(header) >= 72 and int.from_bytes(header[68:72], "big") == APPLICATION_ID:
        return True
    return path.name.endswith(_OUR_SUFFIXES)


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    """True when `error` says the file itself is broken (not busy, full or read-only)."""
    name: str | None = getattr(error, "sqlite_errorname", None)
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    message = str(error).lower()
    return any(
        words in message
        for words in ("malformed", "not a database", "integrity check", "not a regular file")
    )


@dataclass(frozen=True)
class FileKeys:
    """Which file each article id stands for (`locate`), for `StateStore.attach`."""

    key_of: dict[str, str]  # article id -> file key
    id_of: dict[str, str]  # file key -> article id
    folders: set[str]  # the folders of the files, resolved


def locate(articles: Iterable[_Located]) -> FileKeys:
    """The file key of each article: touches no database, so any thread may call it."""
    key_of: dict[str, str] = {}
    parents: dict[str, str] = {}
    for article in articles:
        key_of[article.id] = _file_key(article.path_text, parents)
    id_of = {key: article_id for article_id, key in key_of.items()}
    return FileKeys(key_of, id_of, set(parents.values()))


def _file_key(path: str, parents: dict[str, str]) -> str:
    """The file's absolute path with its folder resolved (each folder resolved once)."""
    if not path.startswith(os.sep) or "/." in path or "//" in path:
        path = os.path.abspath(path)  # made plain: no "..", ".", "//"
    folder, _, name = path.rpartition(os.sep)
    resolved = parents.get(folder)
    if resolved is None:
        resolved = parents[folder] = os.path.realpath(folder or os.sep)
    if resolved == folder:
        return path
    return os.path.join(resolved, name)


def _digest(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.blake2b(handle.read(_DIGEST_BYTES), digest_size=16).hexdigest()
    except OSError:
        return None


def _use_wal(connection: sqlite3.Connection) -> None:
    # Switching to WAL does not wait out the busy timeout: two readers starting together on
    # a new file got "database is locked" at once (and kept their state in memory only).
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if not _is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _is_busy(error: sqlite3.DatabaseError) -> bool:
    message = str(error).lower()
    return "locked" in message or "busy" in message


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
