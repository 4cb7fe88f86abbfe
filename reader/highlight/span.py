"""The Span: one marked stretch of text, a figure or a name; and the read-only shapes that
consumers ask of one (Marked for drawing, SpanLike for analysis), which Span fits."""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol


class Span(NamedTuple):
    """A marked stretch of text: a figure (with its normalised value) or a name."""

    start: int
    end: int
    cls: str  # "figure" | "name"
    kind: str  # figures: money|percent|date|year|quantity; names: person|org|place|product|other
    value: object = None  # figures: normalised value; names: canonical full name


class Marked(Protocol):
    """What drawing needs of a span: where it is and its class (read-only)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def cls(self) -> str: ...


class SpanLike(Marked, Protocol):
    """What analysis needs of a span: also its kind and value (read-only)."""

    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> Any: ...
