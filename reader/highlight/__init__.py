"""Figures and names in one text as sorted Spans; a NameIndex learnt over a corpus links names."""

from __future__ import annotations

from reader.highlight.figure_values import magnitude
from reader.highlight.figures import (
    find_figures,
    parse_date,
    parse_money,
    parse_percent,
)
from reader.highlight.find import (
    FIGURE_KINDS,
    NAME_KINDS,
    NameIndex,
    NameSpec,
    Span,
    find_spans,
    spans_to_json,
)
from reader.highlight.number_words import find_number_words
from reader.highlight.span import Marked, SpanLike

__all__ = [
    "FIGURE_KINDS",
    "Marked",
    "NAME_KINDS",
    "NameIndex",
    "NameSpec",
    "Span",
    "SpanLike",
    "find_figures",
    "find_number_words",
    "find_spans",
    "magnitude",
    "parse_date",
    "parse_money",
    "parse_percent",
    "spans_to_json",
]
