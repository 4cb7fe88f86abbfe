"""Reading state in SQLite: read marks, stars, scroll positions, last article, settings."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.db_files import move_aside

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS article_state (
    id TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    position INTEGER,
    updated REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;
"""


class StateStore:
    """Per-article state keyed by article id, plus a few settings.

    Everything is read into memory when the store opens, so the UI can ask "is this read?"
    for every row it draws without touching the disk; each change is written at once in its
    own small transaction. A database that cannot be used never stops the app: it is moved
    aside (or, failing that, replaced by an in-memory one) and a warning is recorded.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self._db = connection
        self.path = path
        self.warnings: list[str] = []
        # Called with each warning met after opening (a failed write), e.g. to notify the user.
        self.on_warning: Callable[[str], None] | None = None
        self._read: set[str] = set()
        self._starred: set[str] = set()
        self._positions: dict[str, int] = {}
        self._settings: dict[str, str] = {}
        self._load()

    # --- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None) -> StateStore:
        """Open (or create) the store at `path`; None keeps the state in memory only."""
        if path is None:
            return cls(_connect(":memory:"), None)
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return cls._in_memory(f"cannot create {path.parent} ({_reason(error)})")
        try:
            return cls._open_file(path)
        except sqlite3.DatabaseError as error:
            if _is_busy(error):
                # Another process holds the file: it is not broken, so leave it alone.
                return cls._in_memory(f"{path} is busy ({error})")
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
        connection = _connect(path)
        try:
            return cls(connection, path)
        except BaseException:
            connection.close()
            raise

    @classmethod
    def _in_memory(cls, reason: str, warnings: Iterable[str] = ()) -> StateStore:
        store = cls(_connect(":memory:"), None)
        store.warnings.extend(warnings)
        store.warnings.append(f"{reason}; reading state will not be saved")
        return store

    def _load(self) -> None:
        """Check the file, create the tables, and read everything in (raises DatabaseError)."""
        db = self._db
        (check,) = db.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"made by a newer reader (schema {version})")
        with db:
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        for article_id, read, starred, position in db.execute(
            "SELECT id, read, starred, position FROM article_state"
        ):
            if read:
                self._read.add(article_id)
            if starred:
                self._starred.add(article_id)
            if position is not None:
                self._positions[article_id] = position
        self._settings = dict(db.execute("SELECT key, value FROM settings"))

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass

    # --- reading -----------------------------------------------------------------------

    @property
    def in_memory(self) -> bool:
        return self.path is None

    def is_read(self, article_id: str) -> bool:
        return article_id in self._read

    def is_starred(self, article_id: str) -> bool:
        return article_id in self._starred

    def read_ids(self) -> frozenset[str]:
        return frozenset(self._read)

    def starred_ids(self) -> frozenset[str]:
        return frozenset(self._starred)

    def position(self, article_id: str) -> int | None:
        """Where the reader was in the article (a character offset), if anywhere."""
        return self._positions.get(article_id)

    def setting(self, key: str) -> str | None:
        return self._settings.get(key)

    @property
    def last_opened(self) -> str | None:
        return self.setting("last_opened")

    @property
    def theme(self) -> str | None:
        return self.setting("theme")

    # --- writing -----------------------------------------------------------------------

    def set_read(self, article_id: str, read: bool = True) -> None:
        _toggle(self._read, article_id, read)
        self._write_article(article_id, "read", int(read))

    def set_starred(self, article_id: str, starred: bool = True) -> None:
        _toggle(self._starred, article_id, starred)
        self._write_article(article_id, "starred", int(starred))

    def set_position(self, article_id: str, position: int) -> None:
        position = max(0, int(position))
        if self._positions.get(article_id) == position:
            return
        self._positions[article_id] = position
        self._write_article(article_id, "position", position)

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
        self.set_setting("last_opened", article_id)

    def set_theme(self, theme: str) -> None:
        self.set_setting("theme", theme)

    def _write_article(self, article_id: str, column: str, value: int) -> None:
        # `column` is one of our own names, never user input.
        self._execute(
            f"INSERT INTO article_state (id, {column}, updated) VALUES (?, ?, ?)"
            f" ON CONFLICT(id) DO UPDATE SET {column} = excluded.{column},"
            " updated = excluded.updated",
            (article_id, value, time.time()),
        )

    def _execute(self, sql: str, parameters: tuple[object, ...]) -> None:
        """One change, one transaction; a failure is a warning, the in-memory state stays."""
        try:
            with self._db:
                self._db.execute(sql, parameters)
        except sqlite3.Error as error:
            self._warn(f"could not save reading state ({error})")

    def _warn(self, message: str) -> None:
        if message in self.warnings:
            return  # one failing disk should not produce a notification per keypress
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)


BUSY_SECONDS = 2.0


def _connect(target: Path | str) -> sqlite3.Connection:
    connection = sqlite3.connect(target, timeout=BUSY_SECONDS)
    try:
        _use_wal(connection)
        connection.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection


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


def _toggle(ids: set[str], article_id: str, present: bool) -> None:
    if present:
        ids.add(article_id)
    else:
        ids.discard(article_id)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
