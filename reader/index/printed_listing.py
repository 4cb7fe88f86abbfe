"""The stories listing as `reader stories` prints it, stored as bytes beside the listing: a
warm run writes them out, decoding and formatting nothing (at 100,000 articles, decoding
the listing and formatting its 200,000 lines took most of a warm run).

Stored in the `printed` column of `stories`: the head line of the listing it was printed
from (`story_listing.listing_head`, so it stands for the files only while that listing
does), a 4-byte story count, then per story the end of its block in the text (int64) and
its number of sources (int32), then the text, UTF-8. The printing itself is the caller's
(`present` sits above the index): it hands over one block of text per story.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["PrintedListing", "pack_printed", "unpack_printed"]


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


def _little(values: array[int]) -> array[int]:
    if sys.byteorder != "little":
        values.byteswap()
    return values


def pack_printed(head: str, blocks: Iterable[tuple[str, int]]) -> bytes:
    """The stored form of `blocks` (each story's printed text and number of sources, in
    listing order), printed from the listing whose head line is `head`. Raises
    UnicodeEncodeError for text that cannot be printed as UTF-8."""
    texts: list[bytes] = []
    ends, sources = array("q"), array("i")
    end = 0
    for text, count in blocks:
        data = text.encode()
        texts.append(data)
        end += len(data)
        ends.append(end)
        sources.append(count)
    header = head.encode() + b"\n" + len(ends).to_bytes(4, "little")
    body = _little(ends).tobytes() + _little(sources).tobytes()
    return b"".join([header, body, *texts])


def unpack_printed(data: bytes | None, head: str) -> PrintedListing | None:
    """The stored listing `data`, when it was printed from the listing whose head line is
    `head`; else (none stored, another listing, not this layout) None."""
    if not isinstance(data, bytes):
        return None
    wanted = head.encode() + b"\n"
    if not data.startswith(wanted):
        return None
    at = len(wanted)
    count = int.from_bytes(data[at : at + 4], "little")
    at += 4
    ends, sources = array("q"), array("i")
    ends_end = at + count * ends.itemsize
    sources_end = ends_end + count * sources.itemsize
    if sources_end > len(data):
        return None
    ends.frombytes(data[at:ends_end])
    sources.frombytes(data[ends_end:sources_end])
    _little(ends)
    _little(sources)
    text = data[sources_end:]
    if count and (ends[-1] != len(text) or min(ends) < 0):
        return None
    return PrintedListing(text, ends, sources)
