"""Highlight spans as Rich text for printing: one style per class and kind, and a legend."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Span as RichSpan
from rich.text import Text

from reader.highlight import Span

# Names are bold in a colour per kind; figures are underlined, so the two never look alike.
NAME_STYLES = {
    "person": "bold yellow",
    "org": "bold cyan",
    "place": "bold green",
    "product": "bold magenta",
    "other": "bold",
}
FIGURE_STYLES = {
    "money": "underline bright_green",
    "percent": "underline bright_cyan",
    "date": "underline bright_magenta",
    "year": "underline magenta",
    "quantity": "underline bright_yellow",
}


def style_for(span: Span) -> str:
    styles = NAME_STYLES if span.cls == "name" else FIGURE_STYLES
    return styles.get(span.kind, "bold")


def marked_text(text: str, spans: Iterable[Span]) -> Text:
    """`text` with each span styled, built in one go; the text is never parsed as markup."""
    return Text(text, spans=[RichSpan(s.start, s.end, style_for(s)) for s in spans])


def legend() -> Text:
    """One line showing each style: "names: person org ...  figures: money percent ..."."""
    parts: list[str | tuple[str, str]] = []
    for label, styles in (("names:", NAME_STYLES), ("  figures:", FIGURE_STYLES)):
        parts.append((label, "dim"))
        for kind, style in styles.items():
            parts += [" ", (kind, style)]
    return Text.assemble(*parts)
