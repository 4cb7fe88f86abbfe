"""One article's compare analysis as bytes to keep, and back: JSON, compressed, no code.

In: a `SideAnalysis` and the name-index lookups its spans depended on. Out: bytes (zlib of
JSON) holding only the costly parts, the spans, the paragraphs' term lists and the facts;
`decode_side` gives the analysis back, the rest found again from those parts
(`compare_side.side_from_parts`). Kept data is read as plain values (never unpickled), so a
damaged or hostile row can only fail to decode: `CodecError`, and the caller analyses anew.

Values are written with their type: a tuple, list, frozenset, set or dict is a JSON list
led by a tag, so `(1, 2)` comes back a tuple and `frozenset()` a frozenset; anything else
than None, bool, int, float and str inside them cannot be kept (`CodecError` at encoding).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import fields
from typing import Any

from reader.analysis.compare_side import SideAnalysis, side_from_parts
from reader.analysis.fact_model import FigureFact
from reader.highlight.span import Span, SpanLike

__all__ = ["CodecError", "decode_side", "encode_side"]

# The layout of the kept data; the key of a kept row also changes with the code (see
# index/side_store.py), so this changes only if this module's own layout does.
LAYOUT = 1


class CodecError(ValueError):
    """The analysis cannot be kept this way, or kept data is not an analysis."""


_SCALARS = (str, int, float, bool, type(None))
_TAGS: dict[type, str] = {tuple: "t", list: "l", frozenset: "f", set: "s"}


def _encode(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    tag = _TAGS.get(kind)
    if tag is not None:
        return [tag, *map(_encode, value)]
    if kind is dict:
        return ["d", *([_encode(k), _encode(v)] for k, v in value.items())]
    raise CodecError(f"cannot keep a {kind.__name__}")


def _decode(value: Any) -> Any:
    if type(value) is not list:
        return value
    tag = value[0]
    if tag == "t":
        return tuple(map(_decode, value[1:]))
    if tag == "f":
        return frozenset(map(_decode, value[1:]))
    if tag == "l":
        return list(map(_decode, value[1:]))
    if tag == "d":
        return {_decode(k): _decode(v) for k, v in value[1:]}
    if tag == "s":
        return set(map(_decode, value[1:]))
    raise CodecError(f"unknown tag {tag!r}")


def _fact_fields() -> list[str]:
    return [f.name for f in fields(FigureFact)]


def encode_side(analysis: SideAnalysis, lookups: Any) -> bytes:
    """The bytes that keep `analysis` (its spans found with a name index that gave the
    answers `lookups`, see `highlight.name_lookups`)."""
    names = _fact_fields()
    data = {
        "layout": LAYOUT,
        "lookups": lookups,
        "spans": [[s.start, s.end, s.cls, s.kind, _encode(s.value)] for s in analysis.spans],
        "terms": analysis.term_lists,
        "fact_fields": names,
        "facts": [[_encode(getattr(fact, name)) for name in names] for fact in analysis.facts],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    return zlib.compress(text.encode("utf-8"), 1)


def read_kept(data: bytes) -> dict[str, Any]:
    """The kept data of `encode_side` as JSON values, its layout checked."""
    try:
        kept = json.loads(zlib.decompress(data))
    except (zlib.error, ValueError, TypeError) as error:
        raise CodecError(str(error)) from error
    if type(kept) is not dict or kept.get("layout") != LAYOUT:
        raise CodecError("not an analysis of this layout")
    return kept


def decode_side(kept: dict[str, Any], body: str) -> SideAnalysis:
    """The analysis of `body` from `read_kept` data. Raises CodecError when the data does
    not fit (another fact layout, offsets outside the body, wrong shapes)."""
    try:
        if kept["fact_fields"] != _fact_fields():
            raise CodecError("the facts have other fields now")
        size = len(body)
        spans: list[SpanLike] = []
        for start, end, cls, kind, value in kept["spans"]:
            if not (type(start) is int and type(end) is int and 0 <= start <= end <= size):
                raise CodecError("a span outside the body")
            spans.append(Span(start, end, cls, kind, _decode(value)))
        facts = [FigureFact(*map(_decode, row)) for row in kept["facts"]]
        lists = kept["terms"]
        if type(lists) is not list or not all(type(terms) is list for terms in lists):
            raise CodecError("term lists are not lists")
        return side_from_parts(body, spans, lists, facts)
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
        raise CodecError(f"not an analysis: {error}") from error
