"""Figures and names in a text as sorted Spans; a NameIndex built over a corpus links names."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from reader.highlight.figures import scan_figures
from reader.highlight.known_names import NAME_KINDS, NameSpec
from reader.highlight.name_index import NameIndex
from reader.highlight.name_wire import join_wire_names, quoted_titles
from reader.highlight.span import Span
from reader.highlight.text_names import TextNames

__all__ = [
    "FIGURE_KINDS",
    "NAME_KINDS",
    "NameIndex",
    "NameSpec",
    "Span",
    "find_spans",
    "spans_to_json",
]

FIGURE_KINDS = ("money", "percent", "date", "year", "quantity")


# --- public API ---------------------------------------------------------------------------


def find_spans(text: str, names: NameIndex | None = None) -> list[Span]:
    """Figures and names in `text`: sorted, non-overlapping Spans."""
    if not text:
        return []
    figures, protected = scan_figures(text)
    declared = names._declared_spans(text) if names is not None else []
    titles = quoted_titles(text)
    if titles:
        taken_titles = [(s, e) for s, e in titles if not _overlaps(s, e, declared)]
        figures = [f for f in figures if not _overlaps(f.start, f.end, taken_titles)]
        declared = declared + [(s, e, "product", text[s:e]) for s, e in taken_titles]
    taken = sorted(
        [(f.start, f.end) for f in figures] + protected + [(s, e) for s, e, _, _ in declared]
    )
    spans = TextNames(text, names, taken).spans()
    spans += figures
    spans += [Span(s, e, "name", kind, canonical) for s, e, kind, canonical in declared]
    return join_wire_names(text, _without_overlaps(spans))


def _overlaps(
    start: int, end: int, spans: list[tuple[int, int]] | list[tuple[int, int, str, str]]
) -> bool:
    return any(start < other[1] and other[0] < end for other in spans)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Sorted; where spans overlap (a product name took in "4" of "Llama 4"), the first wins.

    Of two spans starting together, the longer wins.
    """
    spans.sort(key=_START)
    result: list[Span] = []
    end = 0
    for span in spans:
        if span.start >= end:
            result.append(span)
            end = span.end
        elif span.start == result[-1].start and span.end > end:
            result[-1] = span
            end = span.end
    return result


_START = attrgetter("start")


def spans_to_json(field: str, text: str, spans: Iterable[Span]) -> list[dict[str, object]]:
    """Spans as JSON-ready dicts; `text` is the field's text, so text[start:end] is the span."""
    return [
        {
            "field": field,
            "start": span.start,
            "end": span.end,
            "text": text[span.start : span.end],
            "class": span.cls,
            "kind": span.kind,
            "value": span.value,
        }
        for span in spans
    ]
