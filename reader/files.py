"""Reading untrusted files: regular files only, and never more than a given number of bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotARegularFile(OSError):
    """A FIFO, device or folder where a file was expected: opening it could block forever."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: not a regular file")
        self.filename = str(path)
        self.strerror = "not a regular file"


def read_limited(path: Path, limit: int) -> tuple[bytes, int]:
    """At most `limit` bytes from the start of the regular file `path`, and its whole size.

    Raises OSError (NotARegularFile for FIFOs, devices and folders) when it cannot be read.
    """
    # A FIFO would block open() itself, so the kind is checked before opening.
    if not stat.S_ISREG(path.stat().st_mode):
        raise NotARegularFile(path)
    with path.open("rb") as handle:
        data = handle.read(limit)
        size = max(len(data), os.fstat(handle.fileno()).st_size)
    return data, size
