"""SQLite files that reader moves aside when they cannot be trusted."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Literal

# The files SQLite keeps beside a database while it is open or after a crash.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def corrupt_path(path: Path) -> Path:
    """A free `<name>.corrupt-<time>[-N]` beside `path`, where a broken database goes."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 2
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
        number += 1
    return target


def move_aside(
    path: Path, *, companions: Literal["move", "delete"], keep: int | None = None
) -> Path | None:
    """Rename the database at `path` to `<name>.corrupt-<time>`; None when there is none.

    Its -wal, -shm and -journal files must leave `path` too, or SQLite would apply them to
    the fresh database started there. `companions="move"` takes them along (the state
    store: its WAL may hold the user's last changes, kept for inspection); "delete" removes
    them (the index cache: a copy of the files, rebuilt from them). `keep`: how many
    moved-aside copies to keep, the older ones deleted (None keeps all). Raises OSError
    when `path` exists but cannot be renamed.
    """
    target = corrupt_path(path)
    try:
        os.replace(path, target)
    except FileNotFoundError:
        return None
    for suffix in COMPANION_SUFFIXES:
        companion = f"{path}{suffix}"
        try:
            if companions == "move":
                os.replace(companion, f"{target}{suffix}")
            else:
                os.remove(companion)
        except OSError:
            pass
    if keep is not None:
        older = sorted(
            path.parent.glob(f"{path.name}.corrupt-*"), key=os.path.getmtime, reverse=True
        )
        for stale in older[keep:]:
            try:
                stale.unlink()
            except OSError:
                pass
    return target
