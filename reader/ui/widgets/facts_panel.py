"""The compare screen's facts panel: disagreements, then facts in both, left only, right only."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.analysis import Comparison, Fact, not_same_story_note
from reader.present import fact_label, fact_sections, shorten, side_names

HEADING = Style(bold=True)
DIM = Style(dim=True)


def facts_text(comparison: Comparison, styles: Mapping[str, Style]) -> Text:
    """The panel's content as Rich text (article text never goes through markup)."""
    left_name, right_name = side_names(comparison)
    text = Text()
    disagreements = comparison.disagreements
    text.append(f"Disagreements ({len(disagreements)})\n", style=HEADING)
    if not comparison.same_story:
        text.append(f"  none: {not_same_story_note(comparison)}\n", style=DIM)
    elif not disagreements:
        text.append("  none found\n", style=DIM)
    for disagreement in disagreements:
        text.append(f"  {disagreement.topic}\n", style=HEADING)
        for side, name in (("left", left_name), ("right", right_name)):
            text.append(f"    {name}: ", style=DIM)
            text.append(", ".join(disagreement.texts(side)), style=styles.get("disputed", ""))
            text.append("\n")
            sentence = disagreement.sentence(side)
            if sentence:
                text.append(f"      “{shorten(sentence)}”\n", style=DIM)
    for section in fact_sections(comparison, left_name, right_name):
        text.append(f"\n{section.title} ({section.count})\n", style=HEADING)
        for label, chosen in section.groups:
            text.append(f"  {label.capitalize()}\n", style=DIM)
            for fact, role in chosen:
                text.append("    ")
                text.append(fact_label(fact), style=styles.get(role, ""))
                detail = _detail(fact)
                if detail:
                    text.append(f"  {detail}", style=DIM)
                text.append("\n")
    text.rstrip()
    return text


def _detail(fact: Fact) -> str:
    if fact.cls == "name":
        return fact.kind if fact.kind and fact.kind != "other" else ""
    return fact.kind


class FactsPanel(VerticalScroll, can_focus=True):
    """A scrolling list of what the two articles share, what only one has, and disputes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._waiting: tuple[Comparison | None, Mapping[str, Style]] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="facts-text", markup=False)

    def show(
        self, comparison: Comparison | None, styles: Mapping[str, Style], shown: bool = True
    ) -> None:
        """List `comparison`'s facts now, or when `reveal` is called if the panel is not
        `shown` (its text and the Static's layout of it cost ~10 ms for two 5,000-word
        articles, before the compare screen's first paint)."""
        self._waiting = (comparison, styles)
        if shown:
            self.reveal()

    def reveal(self) -> None:
        """The panel is shown: the facts it was given while hidden, now."""
        if self._waiting is None:
            return
        comparison, styles = self._waiting
        self._waiting = None
        content = facts_text(comparison, styles) if comparison else Text("Comparing…")
        self.query_one("#facts-text", Static).update(content)
