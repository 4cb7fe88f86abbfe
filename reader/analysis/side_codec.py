"""One article's compare analysis as bytes to keep, and back: JSON, compressed, no code.

In: a `SideAnalysis` and the name-index lookups its spans depended on. Out: bytes (zlib of
JSON) holding only the costly parts, the spans, the paragraphs' term lists, the facts and
the facts listing's tally;
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
from reader.analysis.facts import FactTally
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
        return [tag, *[item if type(item) in _SCALARS else _encode(item) for item in value]]
    if kind is dict:
        return ["d", *([_encode(k), _encode(v)] for k, v in value.items())]
    raise CodecError(f"cannot keep a {kind.__name__}")


def _encode_row(values: list[Any]) -> list[Any]:
    return [value if type(value) in _SCALARS else _encode(value) for value in values]


def _decode(value: Any) -> Any:
    """A value of `_encode` back (a scalar as it is, a tagged list as its container)."""
    if type(value) is not list:
        return value
    tag = value[0]
    if tag == "d":  # [key, value] pairs
        return {_decode(k): _decode(v) for k, v in value[1:]}
    items = value[1:]
    for item in items:
        if type(item) is list:  # containers inside: decode each (else the items are kept)
            items = [_decode(item) for item in items]
            break
    if tag == "t":
        return tuple(items)
    if tag == "f":
        return frozenset(items)
    if tag == "l":
        return items
    if tag == "s":
        return set(items)
    raise CodecError(f"unknown tag {tag!r}")


def _row(values: list[Any]) -> list[Any]:
    return [_decode(value) if type(value) is list else value for value in values]


def _fact_fields() -> list[str]:
    return [f.name for f in fields(FigureFact)]


def encode_side(analysis: SideAnalysis, lookups: Any) -> bytes:
    """The bytes that keep `analysis` (its spans found with a name index that gave the
    answers `lookups`, see `highlight.name_lookups`)."""
    names = _fact_fields()
    numbers: dict[str, int] = {}
    for terms in analysis.term_lists:
        for term in terms:
            numbers.setdefault(term, len(numbers))
    vocabulary = list(numbers)
    data = {
        "layout": LAYOUT,
        "lookups": lookups,
        "spans": [[s.start, s.end, s.cls, s.kind, _encode(s.value)] for s in analysis.spans],
        # Each distinct term once: most come back in several paragraphs.
        "vocabulary": vocabulary,
        "terms": [[numbers[term] for term in terms] for terms in analysis.term_lists],
        "fact_fields": names,
        "facts": [_encode_row([getattr(fact, name) for name in names]) for fact in analysis.facts],
        "tallies": [_tally_row(tally) for tally in analysis.tallies],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    return zlib.compress(text.encode("utf-8"), 1)


def _tally_row(tally: FactTally) -> list[Any]:
    """A tally of one text (text 0, as `analyse_side` makes them) as a flat row."""
    if set(tally.texts) != {0} or set(tally.counts) != {0} or len(tally.key) != 3:
        raise CodecError("a tally of other texts than one")
    return [
        tally.cls,
        tally.kind,
        _encode(tally.value),
        *tally.key,
        tally.texts[0],
        tally.counts[0],
    ]


def _tally(row: list[Any]) -> FactTally:
    cls, kind, value, key_cls, key_kind, key_value, texts, count = row
    if type(value) is list:
        value = _decode(value)
    if type(texts) is not list or type(count) is not int:
        raise CodecError("not a tally")
    return FactTally(cls, kind, value, (key_cls, key_kind, key_value), {0: texts}, {0: count})


def read_kept(data: bytes) -> dict[str, Any]:
    """The kept data of `encode_side` as JSON values, its layout checked."""
    try:
        kept = json.loads(zlib.decompress(data))
    except (zlib.error, ValueError, TypeError, RecursionError) as error:
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
            if type(value) is list:
                value = _decode(value)
            spans.append(Span(start, end, cls, kind, value))
        facts = [FigureFact(*_row(row)) for row in kept["facts"]]
        tallies = [_tally(row) for row in kept["tallies"]]
        vocabulary = kept["vocabulary"]
        if type(vocabulary) is not list or not all(type(term) is str for term in vocabulary):
            raise CodecError("the terms are not strings")
        lists = [[vocabulary[number] for number in numbers] for numbers in kept["terms"]]
        return side_from_parts(body, spans, lists, facts, tallies)
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError) as error:
        raise CodecError(f"not an analysis: {error}") from error
