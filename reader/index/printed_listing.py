"""The stories listing as `reader stories` prints it, kept beside the listing: a warm run
writes it out, decoding and formatting nothing (at 100,000 articles, decoding the listing
and formatting its 200,000 lines took most of a warm run).

Stored per story (the `printed` column of `story_rows`, UTF-8), so an update prints only the
stories it touched. The printing itself is the caller's (`present` sits above the index): it
hands over one block of text per story. `PrintedListing` is every story's block end to end,
in listing order, with where each ends and its number of sources.
"""

from __future__ import annotations

from array import array
from typing import NamedTuple

__all__ = ["PrintedListing"]


class PrintedListing(NamedTuple):
    """Each story's printed block, end to end, with where each ends and its source count."""

    text: bytes
    ends: array[int]
    sources: array[int]

    def blocks(self, min_sources: int = 0) -> tuple[int, list[memoryview]]:
        """How many stories have at least `min_sources` sources, and their blocks in order
        (runs of neighbouring blocks as one piece)."""
        view = memoryview(self.text)
        if min_sources <= 0:
            return len(self.ends), [view]
        pieces: list[memoryview] = []
        shown = start = 0
        run_start = None
        for end, count in zip(self.ends, self.sources, strict=True):
            if count >= min_sources:
                shown += 1
                if run_start is None:
                    run_start = start
            elif run_start is not None:
                pieces.append(view[run_start:start])
                run_start = None
            start = end
        if run_start is not None:
            pieces.append(view[run_start:start])
        return shown, pieces
