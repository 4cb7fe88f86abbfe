"""The line over the compare panes: the first disagreement, and what the two share."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text

from reader.analysis import Comparison, not_same_story_note
from reader.present.compare_layout import few_matches, matched_paragraphs
from reader.present.compare_printing import side_names
from reader.present.wording import plural


def summary_text(comparison: Comparison, styles: Mapping[str, Style], aligned: bool) -> Text:
    """The first disagreement (with how many more, `t` lists them), then facts in both and
    on one side, paragraphs matched, and a hint when they are few (free mode, `a`) or when
    no disagreements were sought (two stories). Article text never goes through markup."""
    left_name, right_name = side_names(comparison)
    text = Text()
    disagreements = comparison.disagreements
    if disagreements:
        first = disagreements[0]
        text.append("⚠ Disagree on ", style="bold")
        text.append(f"{first.topic}: ", style="bold")
        text.append(", ".join(first.texts("left")), style=styles["disputed"])
        text.append(f" ({left_name}) vs ")
        text.append(", ".join(first.texts("right")), style=styles["disputed"])
        text.append(f" ({right_name})")
        if len(disagreements) > 1:
            text.append(f"  +{len(disagreements) - 1} more (t)", style="bold")
        text.append("\n")
    facts = comparison.facts
    matched = matched_paragraphs(comparison)
    text.append(
        f"{plural(len(facts.both), 'fact')} in both · {len(facts.left_only)} only {left_name} · "
        f"{len(facts.right_only)} only {right_name} · {plural(matched, 'paragraph')} matched",
        style="dim",
    )
    if few_matches(comparison):
        text.append(" · ")
        text.append(
            "few paragraphs say the same thing"
            + (": press a for free mode (each as written)" if aligned else ""),
            style="bold",
        )
    if not comparison.same_story:
        text.append(f" · {not_same_story_note(comparison)}", style="dim")
    elif not disagreements:
        text.append(" · no disagreements found", style="dim")
    return text
