"""Refreshing the cache from the files: plan what changed, parse it, store the rows."""

from __future__ import annotations

import hashlib
import os
import time
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from reader.corpus import (
    RootScan,
    base_folder,
    escape_controls,
    folder_of,
    is_utf8_name,
    scan_root,
)
from reader.index.db import Counter, IndexDb, Progress, Transaction
from reader.index.parse_pool import TAG_SEPARATOR, ParsedFile, parse_files

# Commit this often while indexing, so an interrupted run keeps what it did.
COMMIT_EVERY_FILES = 5000
# Roots not opened for this long are dropped from the cache, with their articles.
FORGET_ROOTS_AFTER_DAYS = 90
WALK_ORIGIN = ""  # problems met while walking a root are stored under this origin
# `meta` key of a root's last complete scan (`scan_digest`): while the walk finds the same,
# the stored rows are the files' rows and nothing is planned (a warm start at 100,000 files
# spent 0.7 s comparing them one by one).
SCAN_KEY = "scan:{root_id}"


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


class RefreshingIndex(IndexDb):
    """An index cache that brings itself up to date with the files under its roots."""

    def refresh(
        self,
        roots: Sequence[str | os.PathLike[str]],
        *,
        progress: Progress | None = None,
        workers: int | None = None,
        index_text: bool = False,
    ) -> RefreshReport:
        """Bring the cached metadata up to date with the files under `roots`.

        Only new and changed files are parsed; deleted ones are dropped. The full-text
        index is left to `build_search`, unless `index_text`: then the text of each new
        row goes into it as it is stored (when nothing older waits for it), while the
        worker processes parse the next files, rather than in a second pass afterwards.
        """
        started = time.perf_counter()
        report = RefreshReport()
        # The walk is the slow part of a warm refresh and needs no lock.
        scans = [(Path(root), scan_root(Path(root))) for root in roots]
        digests = [scan_digest(scan) for _, scan in scans]
        with self._lock, self._refreshing():
            plans = [
                (root, scan, digest, self._plan(root, scan, digest, report))
                for (root, scan), digest in zip(scans, digests, strict=True)
            ]
            counter = Counter(sum(len(plan or ()) for *_, plan in plans), progress)
            for root, scan, digest, to_parse in plans:
                if to_parse is not None:
                    self._parse_and_store(root, scan, to_parse, counter, workers, index_text)
                    self._set_digest(root, digest)
            self._forget_old_roots()
            self._allowed_cache = None
        report.seconds = time.perf_counter() - started
        return report

    def _plan(
        self, root: Path, scan: RootScan, digest: str, report: RefreshReport
    ) -> dict[str, list[int]] | None:
        """Drop deleted files; return the files to parse, each with the row it replaces, or
        None when the walk found what the last complete refresh found (nothing to do)."""
        db = self._db
        with Transaction(db):
            root_id = self._root_id(root, create=True)
            assert root_id is not None
            db.execute("UPDATE roots SET used_at = ? WHERE id = ?", (time.time(), root_id))
            key = SCAN_KEY.format(root_id=root_id)
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if row is not None and row[0] == digest:
                report.unchanged += len(scan.files)
                return None
            # Gone until this refresh is complete: an interrupted one leaves no digest behind.
            db.execute("DELETE FROM meta WHERE key = ?", (key,))
            # A feed or JSON Lines file has one row per article, all with its signature.
            # Only the signatures here (one tuple a row, made by SQLite): the row ids are
            # read for the few files that changed or went (see `_rows_of`).
            stored: dict[str, tuple[int, int]] = {
                rel: (size, mtime)
                for rel, size, mtime in db.execute(
                    "SELECT rel, size, mtime_ns FROM files WHERE root = ?", (root_id,)
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
            gone_files = stored.keys() - scan.files.keys()
            rows_of = self._rows_of(root_id, gone_files)
            self._delete_files(root_id, [file_id for rel in gone_files for file_id in rows_of[rel]])
            db.executemany(
                "DELETE FROM problems WHERE root = ? AND origin = ?",
                [(root_id, rel) for rel in stored_sidecars.keys() - scan.sidecars.keys()],
            )
            db.execute("DELETE FROM sidecars WHERE root = ?", (root_id,))
            db.executemany(
                "INSERT INTO sidecars(root, rel, size, mtime_ns) VALUES(?, ?, ?, ?)",
                [(root_id, rel, *sig) for rel, sig in scan.sidecars.items()],
            )
            db.execute("DELETE FROM problems WHERE root = ? AND origin = ?", (root_id, WALK_ORIGIN))
            base = base_folder(root)
            db.executemany(
                "INSERT INTO problems(root, origin, path, reason) VALUES(?, ?, ?, ?)",
                [
                    (root_id, WALK_ORIGIN, _stored_path(problem.path, base), problem.reason)
                    for problem in scan.problems
                ],
            )
        to_parse: dict[str, list[int]] = {}
        changed: list[str] = []
        for rel, sig in scan.files.items():
            previous = stored.get(rel)
            if previous is None:
                report.added += 1
                to_parse[rel] = []
            elif previous != sig or (changed_folders and folder_of(rel) in changed_folders):
                report.changed += 1
                to_parse[rel] = []  # its rows below: the files stay in the walk's order
                changed.append(rel)
            else:
                report.unchanged += 1
        report.removed += len(gone_files)
        if changed:
            rows_of = self._rows_of(root_id, changed)
            for rel in changed:
                to_parse[rel] = rows_of[rel]
        return to_parse

    def _rows_of(self, root_id: int, rels: Iterable[str]) -> dict[str, list[int]]:
        """The row ids of the files `rels` of a root (a feed has one row per article)."""
        wanted = set(rels)
        rows: dict[str, list[int]] = {rel: [] for rel in wanted}
        if not wanted:
            return rows
        db = self._db
        found: Iterable[tuple[str, int]]
        if len(wanted) > 1000:
            found = db.execute("SELECT rel, id FROM files WHERE root = ?", (root_id,))
        else:
            found = (
                row
                for rel in wanted
                for row in db.execute(
                    "SELECT rel, id FROM files WHERE root = ? AND rel = ?", (root_id, rel)
                )
            )
        for rel, file_id in found:
            if rel in rows:
                rows[rel].append(file_id)
        return rows

    def _set_digest(self, root: Path, digest: str) -> None:
        """Remember the walk that `root`'s rows now match (after a complete refresh)."""
        root_id = self._root_id(root, create=False)
        if root_id is not None:
            self._db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)",
                (SCAN_KEY.format(root_id=root_id), digest),
            )

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
        to_parse: dict[str, list[int]],
        counter: Counter,
        workers: int | None,
        index_text: bool = False,
    ) -> None:
        db = self._db
        root_id = self._root_id(root, create=True)
        assert root_id is not None
        counter.report()
        uncommitted = 0
        db.execute("BEGIN IMMEDIATE")
        try:
            next_id = self._meta_int("next_id")
            # Rows go straight into the full-text index only when every older row is in
            # it already (`fts_upto` then stays the last row stored, as `build_search` needs).
            inline = index_text and self.has_fts and self._meta_int("fts_upto") == next_id - 1

            def store(batch: list[ParsedFile]) -> None:
                nonlocal next_id, uncommitted
                next_id = self._store_batch(root_id, scan, to_parse, batch, next_id, inline)
                if inline:
                    self._set_meta("fts_upto", next_id - 1)
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
        replaces: dict[str, list[int]],
        batch: list[ParsedFile],
        next_id: int,
        inline: bool = False,
    ) -> int:
        db = self._db
        self._delete_files(root_id, [file_id for p in batch for file_id in replaces.get(p.rel, ())])
        db.executemany(
            "DELETE FROM problems WHERE root = ? AND origin = ?",
            [(root_id, parsed.rel) for parsed in batch],
        )
        file_rows: list[tuple[object, ...]] = []
        text_rows: list[tuple[object, ...]] = []
        problem_rows: list[tuple[object, ...]] = []
        for parsed in batch:
            problem_rows.extend((root_id, parsed.rel, *problem) for problem in parsed.problems)
            sig = scan.files.get(parsed.rel)
            if sig is None:  # a sidecar: only its problems
                continue
            if not parsed.rows:
                file_id, next_id = next_id, next_id + 1
                file_rows.append((file_id, root_id, parsed.rel, *sig, 0, *(None,) * 10))
                continue
            for row, body in parsed.rows:
                file_id, next_id = next_id, next_id + 1
                file_rows.append((file_id, root_id, parsed.rel, *sig, 1, *row))
                _, title, source, author, _, _, tags, _, _, _ = row
                tags_text = tags.replace(TAG_SEPARATOR, ", ") if tags else None
                text_rows.append((file_id, title, source, author, tags_text, body))
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
        if inline:
            db.executemany(
                "INSERT INTO docs(rowid, title, source, author, tags, body) "
                "VALUES(?, ?, ?, ?, ?, ?)",
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
            with Transaction(db):
                ids = [
                    row[0] for row in db.execute("SELECT id FROM files WHERE root = ?", (root_id,))
                ]
                self._delete_files(root_id, ids)
                db.execute("DELETE FROM sidecars WHERE root = ?", (root_id,))
                db.execute("DELETE FROM problems WHERE root = ?", (root_id,))
                db.execute("DELETE FROM roots WHERE id = ?", (root_id,))
                db.execute("DELETE FROM meta WHERE key = ?", (SCAN_KEY.format(root_id=root_id),))


def _stored_path(path: Path, base: Path) -> str:
    try:
        stored = path.relative_to(base).as_posix()
    except ValueError:
        stored = os.path.abspath(path)
    # A problem about an undecodable name: SQLite text must be UTF-8, so it is kept escaped.
    return stored if is_utf8_name(stored) else escape_controls(stored)


def scan_digest(scan: RootScan) -> str:
    """A digest of what a walk found: the files and sidecars with their size and mtime, and
    the walk's problems. Two walks with one digest need the same rows."""
    digest = hashlib.blake2b(digest_size=16)
    counts = f"{len(scan.files)} {len(scan.sidecars)} {len(scan.problems)}\n"
    digest.update(counts.encode())
    for signatures in (scan.files, scan.sidecars):
        # Names hold no NUL; sizes and mtimes in ns fit 64 bits.
        digest.update("\0".join(signatures).encode("utf-8", "surrogatepass") + b"\1")
        digest.update(array("q", chain.from_iterable(signatures.values())).tobytes())
    problems = "\0".join(f"{problem.path}\t{problem.reason}" for problem in scan.problems)
    digest.update(problems.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
