"""One article's compare analysis from memory, from the index cache, or found now.

In: an article's title and body, the NameIndex that finds its names, and (optionally) the
analyses kept outside the process (`KeptSides`: the index cache's `index.side_store`). Out:
its `SideAnalysis`. A kept row is used only when it decodes whole and the NameIndex gives
every answer the row's spans depended on (`highlight.name_lookups`); else the analysis is
found anew, with those answers recorded, and kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from reader.analysis.compare_side import SIDES, SideAnalysis, analyse_side
from reader.analysis.side_codec import CodecError, decode_side, encode_side, read_kept

if TYPE_CHECKING:
    from reader.highlight import NameIndex

__all__ = ["KeptSides", "side_analysis"]


class KeptSides(Protocol):
    """Analyses kept outside the process (the index cache: `index.side_store`), by article
    content and code version. Rows are only candidates: each is checked before use."""

    def rows(self, title: str, body: str) -> list[bytes]:
        """The kept rows of this title and body, newest first (none: an empty list)."""
        ...

    def keep_later(self, title: str, body: str, encode: Callable[[], bytes | None]) -> None:
        """Keep the row `encode()` gives (None: nothing to keep) for this title and body,
        once the owner flushes: encoding and writing wait until the comparison is shown."""
        ...


def side_analysis(
    title: str, body: str, names: NameIndex, kept: KeptSides | None = None
) -> SideAnalysis:
    """The analysis of an article whose spans `names` finds: from memory, else from a row
    `kept` holds whose name lookups `names` answers alike, else found now (and kept).
    Called off the UI thread: a 5,000-word article takes tens of milliseconds."""
    found = SIDES.get(title, body, names)
    if found is None:
        found = _kept_analysis(title, body, names, kept) if kept is not None else None
        if found is None:
            found = _analyse_and_keep(title, body, names, kept)
        SIDES.put(title, body, names, found)
    return found


def _kept_analysis(title: str, body: str, names: NameIndex, kept: KeptSides) -> SideAnalysis | None:
    from reader.highlight.name_lookups import lookups_hold

    for row in kept.rows(title, body):
        try:
            data = read_kept(row)
            if lookups_hold(names, data.get("lookups")):
                return decode_side(data, body)
        except CodecError:
            continue  # damaged or of another layout: another row, else found anew
    return None


def _analyse_and_keep(
    title: str, body: str, names: NameIndex, kept: KeptSides | None
) -> SideAnalysis:
    from reader.highlight import find_spans

    if kept is None:
        return analyse_side(title, body, find_spans(body, names=names))
    from reader.highlight.name_lookups import LookupRecorder

    recorder = LookupRecorder(names)
    analysis = analyse_side(title, body, find_spans(body, names=recorder))
    lookups = recorder.lookups()
    if lookups is not None:

        def encode() -> bytes | None:
            try:
                return encode_side(analysis, lookups)
            except CodecError:
                return None  # a value the codec cannot write: kept in memory only

        kept.keep_later(title, body, encode)
    return analysis
