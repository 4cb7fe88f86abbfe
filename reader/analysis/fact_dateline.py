"""When an article was written, read from its own text: the date at its start (a dateline).

In: the body and the highlighter's figures of it. Out: an ISO date (`2007-03-20`, or
`2007-03` without a day) or "". News pages open with when they were posted (`Published: April
10, 2007 A man ...`, `POSTED: 04 / 02 / 07, 9:00 PM`, `(March 20, 2007) - A jury ...`); a
person's age is given as of that day, so two articles two years apart may give two ages of
one person without any disagreement (`fact_subject`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.highlight.span import SpanLike

__all__ = ["written_on"]

# How far into the body a date is taken for the article's own date.
DATELINE_REACH = 300
_ISO = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
# "4 / 9 / 2007", "09/10/10", "04 / 02 / 07, 9:00 PM": month, day, year (US order, unless the
# first number cannot be a month), near the start of the text.
_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}|\d{2})(?![\d/])")
_NUMERIC_REACH = 120


def written_on(body: str, figures: Sequence[SpanLike]) -> str:
    """The date an article was written on, from a date near the start of its body."""
    dated = [
        figure
        for figure in figures
        if figure.start < DATELINE_REACH
        and figure.kind == "date"
        and isinstance(getattr(figure, "value", None), str)
        and _ISO.match(figure.value)
    ]
    if dated:
        return str(min(dated, key=lambda figure: figure.start).value)
    match = _NUMERIC.search(body, 0, _NUMERIC_REACH)
    if not match:
        return ""
    first, second, year = int(match.group(1)), int(match.group(2)), match.group(3)
    month, day = (first, second) if first <= 12 else (second, first)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    full = int(year) if len(year) == 4 else 2000 + int(year) if int(year) < 70 else 1900 + int(year)
    return f"{full:04d}-{month:02d}-{day:02d}"
