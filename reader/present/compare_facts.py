"""The facts listing of a comparison: in both, only left, only right; figures then names,
each fact with its role (shared, one-sided or disputed) and its spellings. The printer and
the compare screen's facts panel both lay it out."""

from __future__ import annotations

from dataclasses import dataclass

from reader.analysis import Comparison, Fact

# Fact classes in listing order, with their plural for a heading.
FACT_CLASSES = (("figure", "figures"), ("name", "names"))


@dataclass(frozen=True)
class FactSection:
    """One part of the listing: its title, how many facts it has, and those facts by class
    as (plural label, [(fact, role)]); a role names a style ("figure-both", "disputed")."""

    title: str
    count: int
    groups: list[tuple[str, list[tuple[Fact, str]]]]


def fact_sections(comparison: Comparison, left_name: str, right_name: str) -> list[FactSection]:
    """The facts in both, only in the left and only in the right, classes without facts left
    out; a figure the other side disputes has the role "disputed"."""
    facts = comparison.facts
    disputed = comparison.disputed("left") | comparison.disputed("right")
    sections = []
    for title, items, role in (
        ("In both", facts.both, "both"),
        (f"Only in {left_name}", facts.left_only, "only"),
        (f"Only in {right_name}", facts.right_only, "only"),
    ):
        groups = []
        for cls, label in FACT_CLASSES:
            chosen = [
                (fact, "disputed" if fact.key in disputed else f"{cls}-{role}")
                for fact in items
                if fact.cls == cls
            ]
            if chosen:
                groups.append((label, chosen))
        sections.append(FactSection(title, len(items), groups))
    return sections


def fact_label(fact: Fact) -> str:
    """A fact with its spellings when the sides differ: `$14B = $14 billion`."""
    spellings: dict[str, str] = {}
    for text in [*fact.left_texts, *fact.right_texts]:
        spellings.setdefault(text.casefold(), text)
    return " = ".join(list(spellings.values())[:3])
