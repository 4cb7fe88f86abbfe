"""Reading untrusted files: regular files only, and never more than a given number of bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.corpus.problems import Problem

# Problem reasons both loaders (Corpus.load and the index's scan) give, word for word.
NOT_REGULAR = "not a regular file (a FIFO, device or folder); skipped"
NOT_UTF8_NAME = "name is not valid UTF-8 (rename it to read it); skipped"


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
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotARegularFile(path)
    # os.open and os.read, not a file object: 12 µs a small file instead of 44 µs.
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        # One byte more than the size, to see the end at once; a file growing meanwhile is
        # read on, like file.read(limit) would, up to `limit`.
        data = os.read(fd, min(limit, size + 1))
        if len(data) < limit:
            parts, total = [data], len(data)
            while total < limit:
                chunk = os.read(fd, min(limit - total, max(size + 1 - total, _CHUNK)))
                if not chunk:
                    break
                parts.append(chunk)
                total += len(chunk)
            if len(parts) > 1:
                data = b"".join(parts)
    finally:
        os.close(fd)
    return data, max(len(data), size)


_CHUNK = 1 << 16


def is_utf8_name(name: str) -> bool:
    """False for a file name with bytes that are not UTF-8 (Python holds them as surrogates).

    Such names cannot be stored as text (the index cache, JSON), so both loaders skip the
    file with a problem line, and `reader list` and the UI agree on what is there.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def unreadable_name(path: Path) -> Problem:
    """The problem of a file or folder whose name is not UTF-8."""
    kind = "folder" if path.is_dir() else "file"
    return Problem(path, f"{kind} {NOT_UTF8_NAME}")


def os_reason(error: BaseException) -> str:
    """Why a file could not be read, in a few lowercase words for a problem line."""
    if isinstance(error, FileNotFoundError):
        return "vanished before it could be read"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    if isinstance(error, NotARegularFile):
        return NOT_REGULAR
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__
