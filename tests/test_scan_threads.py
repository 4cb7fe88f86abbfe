"""The folder walker walks a root's subfolders in threads: what it finds, and in which
order, is what one thread finds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import write

import reader.corpus.scan
from reader.corpus import scan_root


def tree(root: Path) -> Path:
    for folder in ("b-world", "a-business/markets", "a-business", "c-sport", "d-empty"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for number in range(30):
        write(root, f"b-world/{number:02}.txt", "World news " * number)
        write(root, f"a-business/markets/{number:02}.md", f"Markets {number}")
        write(root, f"c-sport/{number:02}.txt", f"Sport {number}")
    write(root, "top.txt", "A story at the top")
    write(root, "c-sport/reader.yaml", "source: Sport Desk\n")
    write(root, "c-sport/photo.png", b"\x89PNG")
    write(root, "b-world/.hidden/inside.txt", "never read")
    os.symlink(root / "top.txt", root / "a-business/linked.txt")
    os.symlink(root / "missing.txt", root / "c-sport/broken.txt")
    os.mkfifo(root / "b-world/pipe.txt")
    return root


@pytest.mark.parametrize("threads", [2, 3])
def test_threads_find_what_one_thread_finds_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    root = tree(tmp_path / "news")
    monkeypatch.setattr(reader.corpus.scan, "WALK_THREADS", 1)
    alone = scan_root(root)
    monkeypatch.setattr(reader.corpus.scan, "WALK_THREADS", threads)
    together = scan_root(root)
    assert list(together.files.items()) == list(alone.files.items())
    assert together.sidecars == alone.sidecars and together.skipped == alone.skipped
    assert [(p.path, p.reason) for p in together.problems] == [
        (p.path, p.reason) for p in alone.problems
    ]
    # Folders in name order, depth first, the root's own files first.
    names = list(together.files)
    assert names[0] == "top.txt" and names[1] == "a-business/linked.txt"
    assert names.index("a-business/markets/29.md") < names.index("b-world/00.txt")
    assert len(names) == 1 + 1 + 90 and "b-world/pipe.txt" not in names
    reasons = " ".join(p.reason for p in together.problems)
    assert "symlink" in reasons and "1 file skipped: .png (1)" in reasons
