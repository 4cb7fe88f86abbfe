"""Each article's compare analysis kept in the index cache, so a first comparison is warm.

In: an index cache file; an article's title and body; the bytes of its analysis
(`analysis.side_codec`). Out: the rows kept for that title and body (`SideStore.rows`), for
`analysis.compare_side` to check and use.

A row is found by a digest of the code version, the title and the body: an edited article,
or any change to the code that analyses it, finds no row. The version is derived, not
written by hand: a digest of the source of every module the analysis can run
(`reader/analysis`, `reader/highlight`, `reader/corpus`, `reader/config.py`) and of the
Python and Unicode versions, so an edit to the fact reader never meets analyses of the
code before it. A row also carries the digest of its data, checked when read (a damaged
row is never decoded), and the name-index answers its spans depended on, checked by the
caller (`highlight.name_lookups`). Rows are plain JSON, compressed, never pickled.

Writing never makes a comparison wait: a new analysis is encoded and written when its owner
calls `flush`, once the comparison is shown or printed; and where the cache's own connection
waits for writers (a refresh), this one gives up at once and the row is simply not kept. At most `MAX_ROWS` rows
(the most recently written) and `PER_ARTICLE` per title and body are kept.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import threading
import time
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

__all__ = ["SideStore", "analysis_version", "kept_sides", "source_version"]

# A compare session analyses a few articles; the UI ahead of time a few more. A 5,000-word
# article's row is about 20 KB, a typical 500-word one 3 KB.
MAX_ROWS = 2000
# An article compared under different name indexes (the corpus's, the CLI's index over
# the two) may need a row per index.
PER_ARTICLE = 3

# Analyses waiting to be encoded and written (`keep_later`): a comparison leaves two.
PENDING = 8

_TABLE = (
    "CREATE TABLE IF NOT EXISTS compare_sides("
    " content BLOB NOT NULL,"  # blake2b of version, title and body
    " digest BLOB NOT NULL,"  # blake2b of data: a damaged row is not read
    " written REAL NOT NULL,"
    " data BLOB NOT NULL,"  # analysis.side_codec bytes
    " PRIMARY KEY(content, digest))"
)

_PACKAGE = Path(__file__).resolve().parents[1]
_SOURCES = ("analysis", "highlight", "corpus", "config.py")


@lru_cache(maxsize=1)
def analysis_version() -> str | None:
    """A digest of the code behind an article's compare analysis; None when its source
    cannot be read (nothing is kept then)."""
    return source_version(_PACKAGE)


def source_version(package: Path) -> str | None:
    """A digest of the analysis sources under `package` (the `reader` folder), and of the
    Python and Unicode versions; None when a source cannot be read."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version_info[:2]} {unicodedata.unidata_version}".encode())
    try:
        for name in _SOURCES:
            place = package / name
            files = sorted(place.rglob("*.py")) if place.is_dir() else [place]
            if not files:
                return None
            for path in files:
                digest.update(str(path.relative_to(package)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def _content_key(version: str, title: str, body: str) -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(version.encode())
    digest.update(b"\0")
    digest.update(title.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(body.encode("utf-8", "surrogatepass"))
    return digest.digest()


_DIGEST = 16
Text = tuple[str, str]  # an article's title and body


def _data_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=_DIGEST).digest()


def _pair_key(version: str, scope: str, left: Text, right: Text) -> bytes:
    """The key of what holds for two articles compared under `scope` (in this order)."""
    return _content_key(
        version,
        "\0pair\0" + scope,
        _content_key(version, *left).hex() + _content_key(version, *right).hex(),
    )


class SideStore:
    """The kept analyses of one index cache file (`KeptSides` of analysis.compare_side).

    Its own connection: reads never wait (WAL), writes give up when the file is busy."""

    def __init__(self, path: Path | str, version: str | None = None) -> None:
        self.version = version if version is not None else analysis_version()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._ready = False
        self._pending: list[tuple[str, str, Callable[[], bytes | None]]] = []
        if self.version is None:
            return
        try:
            db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA busy_timeout = 0")
            self._db = db
        except sqlite3.Error:
            self._db = None

    def _table(self) -> bool:
        """Whether the table is there (made if not; False when the file is busy or bad)."""
        if not self._ready and self._db is not None:
            try:
                found = self._db.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'compare_sides'"
                ).fetchone()
                if not found:
                    self._db.execute(_TABLE)
                self._ready = True
            except sqlite3.Error:
                return False
        return self._ready

    def rows(self, title: str, body: str) -> list[bytes]:
        """The rows kept for this title and body under this code version, newest first,
        each whole (its digest checked); none when the file cannot be read."""
        return [data for _, data in self.digested_rows(title, body)]

    def digested_rows(self, title: str, body: str) -> list[tuple[bytes, bytes]]:
        """`rows` with the digest of each: (digest, data)."""
        if self.version is None:
            return []
        return self._rows(_content_key(self.version, title, body))

    def _rows(self, key: bytes) -> list[tuple[bytes, bytes]]:
        if self._db is None:
            return []
        with self._lock:
            if not self._table():
                return []
            try:
                found = self._db.execute(
                    "SELECT digest, data FROM compare_sides WHERE content = ?"
                    " ORDER BY written DESC",
                    (key,),
                ).fetchall()
            except sqlite3.Error:
                return []
        return [
            (bytes(digest), bytes(data))
            for digest, data in found
            if isinstance(data, bytes) and _data_digest(data) == digest
        ]

    def pair(self, scope: str, left: Text, right: Text) -> tuple[bytes, bytes] | None:
        """The rows of `left` and `right` that `keep_pair` said hold for the two compared
        under `scope` (the name index over the two, with the user's declared names)."""
        if self.version is None:
            return None
        for _, data in self._rows(_pair_key(self.version, scope, left, right)):
            digests = (data[:_DIGEST], data[_DIGEST:])
            found = []
            for (title, body), digest in zip((left, right), digests, strict=True):
                row = next((d for g, d in self.digested_rows(title, body) if g == digest), None)
                if row is None:
                    break
                found.append(row)
            else:
                return found[0], found[1]
        return None

    def keep_pair(
        self, scope: str, left: Text, right: Text, left_row: bytes, right_row: bytes
    ) -> None:
        """Note that the rows of digests `left_row` and `right_row` hold for `left` and
        `right` compared under `scope`, so that their next comparison needs no name index."""
        if self.version is not None:
            self._write(_pair_key(self.version, scope, left, right), left_row + right_row)

    def keep_later(self, title: str, body: str, encode: Callable[[], bytes | None]) -> None:
        """Keep what `encode()` gives for this title and body at the next `flush` (the
        newest `PENDING` waiting only)."""
        with self._lock:
            self._pending.append((title, body, encode))
            del self._pending[:-PENDING]

    def flush(self) -> None:
        """Encode and keep what waits (call once the comparison is shown or printed)."""
        with self._lock:
            pending, self._pending = self._pending, []
        for title, body, encode in pending:
            data = encode()
            if data is not None:
                self.keep(title, body, data)

    def keep(self, title: str, body: str, data: bytes) -> None:
        """Keep `data` for this title and body; not kept when the file is busy or bad."""
        if self.version is not None:
            self._write(_content_key(self.version, title, body), data)

    def _write(self, key: bytes, data: bytes) -> None:
        db = self._db
        if db is None:
            return
        with self._lock:
            if not self._table():
                return
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.execute(
                        "INSERT OR REPLACE INTO compare_sides(content, digest, written, data)"
                        " VALUES(?, ?, ?, ?)",
                        (key, _data_digest(data), time.time(), data),
                    )
                    db.execute(
                        "DELETE FROM compare_sides WHERE content = ? AND rowid NOT IN ("
                        " SELECT rowid FROM compare_sides WHERE content = ?"
                        " ORDER BY written DESC LIMIT ?)",
                        (key, key, PER_ARTICLE),
                    )
                    (count,) = db.execute("SELECT count(*) FROM compare_sides").fetchone()
                    if count > MAX_ROWS:
                        db.execute(
                            "DELETE FROM compare_sides WHERE rowid IN ("
                            " SELECT rowid FROM compare_sides ORDER BY written LIMIT ?)",
                            (count - MAX_ROWS,),
                        )
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
            except sqlite3.Error:
                return  # busy (a refresh writes) or read-only: not kept, no harm

    def clear(self) -> None:
        """Forget every kept analysis (a benchmark's cold case; tests)."""
        with self._lock:
            if self._db is not None and self._table():
                try:
                    self._db.execute("DELETE FROM compare_sides")
                except sqlite3.Error:
                    pass

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


_STORES: dict[str, SideStore] = {}
_STORES_LOCK = threading.Lock()


def kept_sides(corpus: object) -> SideStore | None:
    """The kept analyses of `corpus`'s index cache file (one store per file and process),
    or None for a corpus read without one (or with one in memory)."""
    index = getattr(corpus, "index", None)
    if index is None or getattr(index, "in_memory", True):
        return None
    path = str(index.path)
    with _STORES_LOCK:
        store = _STORES.get(path)
        if store is None:
            store = _STORES[path] = SideStore(path)
    return store
