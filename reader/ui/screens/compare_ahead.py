"""Analysing articles before they are compared, so that a comparison needs only the pair's work."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.analysis import published_day, side_analysis
from reader.corpus import Article
from reader.index.side_store import kept_sides

# How many articles of the left one's story are analysed while the picker is open.
AHEAD_OF_PICKER = 2


def analyse_ahead(owner: App | Screen, articles: Sequence[Article], names: Any) -> None:
    """Analyse articles about to be compared in a background thread (the left one while the
    picker is open, the next one for `]`), so that the comparison itself needs only the
    pair's own work. Only with the corpus name index: an index over the pair alone is made
    for that pair and kept by no later comparison."""
    if names is None or not articles:
        return

    kept = kept_sides(getattr(owner.app, "corpus", None))

    def analyse() -> None:
        for article in articles:
            if get_current_worker().is_cancelled:
                return
            side_analysis(
                article.title, article.body, names, kept, published_day(article.published)
            )
            if kept is not None:
                kept.flush()

    owner.run_worker(
        analyse, thread=True, group="compare-ahead", exclusive=True, exit_on_error=False
    )
