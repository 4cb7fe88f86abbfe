"""The floor for a cold index: one process reads every file and puts its path and text in FTS5.

`python -m benchmarks.floor_index CORPUS INDEX` prints JSON: the seconds from nothing to a
searchable table, for the same files `reader` indexes (no parsing, no metadata, no workers).
The scale benchmark runs it in the same run as `reader`'s own cold index, so the two are
measured on the same machine load.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ARTICLE_SUFFIXES = (".md", ".txt", ".markdown", ".html", ".htm", ".json", ".jsonl", ".xml")


def article_files(folder: str) -> Iterator[str]:
    """Every article-like file under `folder` (hidden entries skipped), depth first."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from article_files(entry.path)
            elif entry.name.endswith(ARTICLE_SUFFIXES):
                yield entry.path


def build(corpus: Path, index: Path) -> dict[str, float]:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{index}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(index, isolation_level=None)
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(path, text, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute("BEGIN")
    count = 0
    for path in article_files(os.fspath(corpus)):
        with open(path, encoding="utf-8", errors="replace") as handle:
            db.execute("INSERT INTO docs(path, text) VALUES(?, ?)", (path, handle.read()))
        count += 1
    db.execute("COMMIT")
    db.close()
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "floor_files": count,
        "floor_index_s": seconds,
        "floor_index_cpu_s": usage.ru_utime + usage.ru_stime,
    }


def main(argv: list[str]) -> int:
    json.dump(build(Path(argv[0]), Path(argv[1])), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
