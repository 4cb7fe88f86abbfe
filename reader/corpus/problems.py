"""Problem: a file that could not be loaded, or loaded with a caveat (shared by every loader)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from reader.corpus.sanitize import escape_controls


class Problem(NamedTuple):
    """A file that could not be loaded, or loaded with a caveat."""

    path: Path
    reason: str

    def __str__(self) -> str:
        # File names can hold escape sequences and newlines too: the line stays one safe line.
        return f"{escape_controls(str(self.path))}: {escape_controls(self.reason)}"
