"""Problem: a file that could not be loaded, or loaded with a caveat (shared by every loader)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from reader.corpus.sanitize import escape_controls

# Reasons that are notes, not alarms: the article loaded and reads as it should (an old
# file in a Windows encoding). Matched at the start of the reason.
NOTE_REASONS = ("not UTF-8; read as",)


class Problem(NamedTuple):
    """A file that could not be loaded, or loaded with a caveat."""

    path: Path
    reason: str

    @property
    def severity(self) -> str:
        """ "note" for a harmless caveat (an encoding fallback), else "problem"."""
        return "note" if self.reason.startswith(NOTE_REASONS) else "problem"

    def __str__(self) -> str:
        # File names can hold escape sequences and newlines too: the line stays one safe line.
        return f"{escape_controls(str(self.path))}: {escape_controls(self.reason)}"
