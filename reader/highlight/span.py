"""The Span: one marked stretch of text, a figure or a name (re-exported by reader.highlight.find)."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """A marked stretch of text: a figure (with its normalised value) or a name."""

    start: int
    end: int
    cls: str  # "figure" | "name"
    kind: str  # figures: money|percent|date|year|quantity; names: person|org|place|product|other
    value: object = None  # figures: normalised value; names: canonical full name
