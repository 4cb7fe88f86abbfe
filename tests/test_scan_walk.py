"""The folder walker: what it finds under a root, and in which order (its fast path for
plain article files beside symlinks, a FIFO, a sidecar and other files)."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import write

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


def test_the_walk_finds_articles_in_name_order_depth_first(tmp_path: Path) -> None:
    root = tree(tmp_path / "news")
    together = scan_root(root)
    assert set(together.sidecars) == {"c-sport/reader.yaml"}
    # Folders in name order, depth first, the root's own files first.
    names = list(together.files)
    assert names[0] == "top.txt" and names[1] == "a-business/linked.txt"
    assert names.index("a-business/markets/29.md") < names.index("b-world/00.txt")
    assert len(names) == 1 + 1 + 90 and "b-world/pipe.txt" not in names
    reasons = " ".join(p.reason for p in together.problems)
    assert "symlink" in reasons and "1 file skipped: .png (1)" in reasons
