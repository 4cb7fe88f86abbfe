"""Helpers for the compare screen tests: a fixed highlighter and a tiny app around the screen.

The screen tests use this small, predictable highlighter instead of reader.highlight.find, so that
what they check (and the snapshots) stays put while the real highlighter is tuned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from textual.app import App

from reader.corpus import Article
from reader.ui.screens.compare import CompareScreen


class FixedSpan(NamedTuple):
    start: int
    end: int
    cls: str
    kind: str
    value: Any


_MONEY = re.compile(r"\$(\d+(?:\.\d+)?)(?:\s?(billion|Billion)|B)\b")
_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?)(?:%| percent\b)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Spelling -> canonical name, longest first so "Alexandr Wang" wins over "Wang".
NAMES = {
    "Alexandr Wang": "Alexandr Wang",
    "Mark Zuckerberg": "Mark Zuckerberg",
    "Scale AI": "Scale AI",
    "Zuckerberg": "Mark Zuckerberg",
    "OpenAI": "OpenAI",
    "Google": "Google",
    "Microsoft": "Microsoft",
    "Meta": "Meta",
    "Wang": "Alexandr Wang",
}
_NAME = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in NAMES) + r")\b")


def fixed_highlighter(text: str) -> list[FixedSpan]:
    spans: list[FixedSpan] = []
    for match in _MONEY.finditer(text):
        amount = float(match.group(1)) * 1e9
        value = {"amount": int(amount) if amount.is_integer() else amount, "currency": "USD"}
        spans.append(FixedSpan(match.start(), match.end(), "figure", "money", value))
    for match in _PERCENT.finditer(text):
        spans.append(
            FixedSpan(match.start(), match.end(), "figure", "percent", float(match.group(1)))
        )
    for match in _YEAR.finditer(text):
        spans.append(FixedSpan(match.start(), match.end(), "figure", "year", int(match.group())))
    for match in _NAME.finditer(text):
        spans.append(FixedSpan(match.start(), match.end(), "name", "org", NAMES[match.group()]))
    spans.sort()
    kept: list[FixedSpan] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


class CompareApp(App):
    """Just the compare screen (pushed over a blank default screen, so Esc has a way back)."""

    def __init__(
        self, left: Article, right: Article, articles: Sequence[Article] | None = None
    ) -> None:
        super().__init__()
        self.left, self.right, self.articles = left, right, articles

    def on_mount(self) -> None:
        self.push_screen(
            CompareScreen(
                self.left, self.right, articles=self.articles, highlighter=fixed_highlighter
            )
        )


async def settle(pilot: Any) -> None:
    """Wait until the comparison worker has finished and the screen has refreshed."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
