"""One article's compare analysis from memory, from the index cache, or found now.

In: an article's title and body, the NameIndex that finds its names, and (optionally) the
analyses kept outside the process (`KeptSides`: the index cache's `index.side_store`). Out:
its `SideAnalysis`. A kept row is used only when it decodes whole and the NameIndex gives
every answer the row's spans depended on (`highlight.name_lookups`); else the analysis is
found anew, with those answers recorded, and kept.

An article's facts also depend on the day it was published (its relative days are read from
it when its text gives no date), so every store is keyed by the title with that day folded in
(`keyed_title`): a changed published date finds no kept analysis.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from reader.analysis.compare_side import SIDES, SideAnalysis, analyse_side
from reader.analysis.side_codec import CodecError, decode_side, encode_side, read_kept

if TYPE_CHECKING:
    from reader.highlight import NameIndex

__all__ = [
    "KeptPairs",
    "KeptSides",
    "keyed_title",
    "kept_pair",
    "remember_pair",
    "side_analysis",
]


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


def keyed_title(title: str, published: str) -> str:
    """The title an analysis is kept under: with the published day (ISO) when there is one.
    A title holds no NUL (sanitised on reading), so no other title gives the same key."""
    return f"{title}\0{published}" if published else title


def side_analysis(
    title: str,
    body: str,
    names: NameIndex,
    kept: KeptSides | None = None,
    published: str = "",
) -> SideAnalysis:
    """The analysis of an article whose spans `names` finds: from memory, else from a row
    `kept` holds whose name lookups `names` answers alike, else found now (and kept).
    `published` is the day the article was published (ISO, or ""). Called off the UI
    thread: a 5,000-word article takes tens of milliseconds."""
    key = keyed_title(title, published)
    found = SIDES.get(key, body, names)
    if found is None:
        found = _kept_analysis(key, body, names, kept) if kept is not None else None
        if found is None:
            found = _analyse_and_keep(title, body, names, kept, published)
        SIDES.put(key, body, names, found)
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
    title: str, body: str, names: NameIndex, kept: KeptSides | None, published: str
) -> SideAnalysis:
    from reader.highlight import find_spans

    if kept is None:
        return analyse_side(title, body, find_spans(body, names=names), published)
    from reader.highlight.name_lookups import LookupRecorder

    recorder = LookupRecorder(names)
    analysis = analyse_side(title, body, find_spans(body, names=recorder), published)
    lookups = recorder.lookups()
    if lookups is not None:

        def encode() -> bytes | None:
            try:
                return encode_side(analysis, lookups)
            except CodecError:
                return None  # a value the codec cannot write: kept in memory only

        kept.keep_later(keyed_title(title, published), body, encode)
    return analysis


Text = tuple[str, str]  # an article's keyed title (`keyed_title`) and body


class KeptPairs(KeptSides, Protocol):
    """`KeptSides` that also note which rows hold for two articles compared under a scope
    (the name index over the two and the user's declared names: `reader compare`)."""

    def digested_rows(self, title: str, body: str) -> list[tuple[bytes, bytes]]: ...

    def pair(self, scope: str, left: Text, right: Text) -> tuple[bytes, bytes] | None: ...

    def keep_pair(
        self, scope: str, left: Text, right: Text, left_row: bytes, right_row: bytes
    ) -> None: ...

    def flush(self) -> None: ...


def kept_pair(
    left: Text, right: Text, scope: str, kept: KeptPairs
) -> tuple[SideAnalysis, SideAnalysis] | None:
    """The analyses of `left` and `right` from the rows noted for the two under `scope`
    (`remember_pair`), or None. The name index over the two is a function of their texts,
    the declared names (`scope`) and the code (the rows' version): rows checked against it
    once hold for it again, so it need not be built."""
    rows = kept.pair(scope, left, right)
    if rows is None:
        return None
    try:
        return (
            decode_side(read_kept(rows[0]), left[1]),
            decode_side(read_kept(rows[1]), right[1]),
        )
    except CodecError:
        return None


def remember_pair(left: Text, right: Text, scope: str, names: NameIndex, kept: KeptPairs) -> None:
    """Note which kept rows hold for `left` and `right` under `names`, their name index
    under `scope` (after `flush`: the rows of a first comparison are written then)."""
    from reader.highlight.name_lookups import lookups_hold

    found = []
    for title, body in (left, right):
        for digest, row in kept.digested_rows(title, body):
            try:
                data = read_kept(row)
            except CodecError:
                continue
            if lookups_hold(names, data.get("lookups")):
                found.append(digest)
                break
        else:
            return  # not kept (a busy file, a value the codec cannot write)
    kept.keep_pair(scope, left, right, found[0], found[1])
