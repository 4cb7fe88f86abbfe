"""The facts of one article as compare reads them: the fact model's, with the days and years
that need the whole article (Round 6).

In: an article's title and body (and the highlighter's figures of the body, when found). Out:
`FigureFact`s: `fact_model.read_article_facts`, then `fact_relative` (days said relative to
the article's date or to the day just named, a date's weekday, years of acts done once), which
read the article's own date (its text's, else the date it was published) and the days named
before. Compare, coverage and the facts listing's disagreements all read an article's facts
here; the published date is part of what the facts depend on, so whatever keeps them by
content keys them by it too (`side_keeping.keyed_title`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reader.analysis.fact_dateline import written_on
from reader.analysis.fact_model import FigureFact
from reader.analysis.fact_model import read_article_facts as read_figure_facts
from reader.analysis.fact_relative import relative_day_facts
from reader.highlight.span import SpanLike

__all__ = ["published_day", "read_article_facts"]


def published_day(published: datetime | None) -> str:
    """The day an article was published (ISO, as its feed or front matter dates it), or ""."""
    return published.date().isoformat() if published is not None else ""


def read_article_facts(
    title: str,
    body: str,
    body_figures: Sequence[SpanLike] | None = None,
    published: str = "",
) -> list[FigureFact]:
    """The facts of an article's title, then of its body (offsets are within each field);
    `published` is the day it was published (ISO), used when its text gives no date."""
    if body_figures is None:
        from reader.highlight import find_figures

        body_figures = find_figures(body)
    facts = read_figure_facts(title, body, body_figures)
    return relative_day_facts(title, body, facts, written_on(body, body_figures), published)
