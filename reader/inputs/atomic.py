"""Atomic file writes: a temporary file in the same folder, fsynced, then renamed or linked.

A killed process leaves either the old file or the new one, never half of one; temporary
files start with a dot and end in `.tmp`, so no reader takes them for articles.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_temporary(folder: Path, data: bytes) -> str:
    """Write `data` to a new hidden temporary file in `folder`, fsynced; returns its path."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def sync_folder(folder: Path) -> None:
    """Make renames and links in `folder` durable (where the system allows it)."""
    # The rename itself is durable only once the folder is synced (not possible everywhere).
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically (creating its folder). Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = write_temporary(path.parent, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    sync_folder(path.parent)


def link_into(temporary: str, path: Path) -> bool:
    """Give the finished `temporary` file the name `path`, never replacing a file already
    there: False when `path` exists (the caller picks another name and tries again). The
    temporary file is gone after a True. Raises OSError.
    """
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    except OSError:
        # File systems without hard links: the existence check and rename can race with
        # another writer, which the library's lock rules out within one process.
        if path.exists():
            return False
        os.replace(temporary, path)
        return True
    with contextlib.suppress(OSError):
        os.unlink(temporary)
    return True
