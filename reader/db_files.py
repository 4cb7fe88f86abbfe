"""Names for SQLite files that reader moves aside when they cannot be trusted."""

from __future__ import annotations

import time
from pathlib import Path


def corrupt_path(path: Path) -> Path:
    """A free `<name>.corrupt-<time>[-N]` beside `path`, where a broken database goes."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 2
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
        number += 1
    return target
