"""Statements of one quantity across many articles: joining pairwise disagreements into one.

Coverage compares every pair of articles of a story (`fact_match.compare_facts`); a pair's
disagreement joins a group of statements only when it links to every article already in it,
so that A like B and B like C never make A like C.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from reader.analysis.disagreements import Mention
from reader.analysis.fact_match import same_thing
from reader.analysis.fact_model import FigureFact

__all__ = [
    "Member",
    "Node",
    "StatementGroup",
    "add_to_groups",
    "in_title",
    "merge_same_values",
    "node_of",
    "place",
]


# A statement: (article position, where in it: see `place`).
Node = tuple[int, int]
Member = tuple[int, FigureFact, Mention]  # a statement: article position, fact, mention


@dataclass
class StatementGroup:
    """Statements of one quantity across articles, and the topics their pairs gave it."""

    members: list[Member]
    topics: Counter[str] = field(default_factory=Counter)

    def nodes(self) -> set[Node]:
        return {node_of(side, mention) for side, _, mention in self.members}


def add_to_groups(groups: list[StatementGroup], members: list[Member], topic: str) -> None:
    """Join one pairwise disagreement to the story disagreement it shares a statement with,
    when each of its two articles states something that gives the same value as, or is the
    same thing as, something every other article of the group states (not a chain: A like B
    and B like C does not make A like C); else it starts a group of its own."""
    nodes = {node_of(side, mention) for side, _, mention in members}
    for group in groups:
        if not nodes & group.nodes():
            continue
        by_article: dict[int, list[Member]] = defaultdict(list)
        for member in group.members:
            by_article[member[0]].append(member)
        new_by_article: dict[int, list[Member]] = defaultdict(list)
        for member in members:
            new_by_article[member[0]].append(member)
        if all(
            any(
                mention.key == known.key or same_thing(fact, other)
                for _, fact, mention in own
                for _, other, known in statements
            )
            for side, own in new_by_article.items()
            for other_side, statements in by_article.items()
            if other_side != side
        ):
            known = group.nodes()
            group.members.extend(m for m in members if node_of(m[0], m[2]) not in known)
            group.topics[topic] += 1
            return
    groups.append(StatementGroup(list(members), Counter({topic: 1})))


def merge_same_values(groups: list[StatementGroup]) -> list[StatementGroup]:
    """Groups that share a statement and give the same values ($27bn against $27.5bn, each
    group found through other articles) are one disagreement, shown once."""
    merged: list[StatementGroup] = []
    for group in groups:
        values = {mention.key for _, _, mention in group.members}
        nodes = group.nodes()
        into = next(
            (
                known
                for known in merged
                if {mention.key for _, _, mention in known.members} == values
                and known.nodes() & nodes
            ),
            None,
        )
        if into is None:
            merged.append(group)
            continue
        seen = into.nodes()
        into.members.extend(m for m in group.members if node_of(m[0], m[2]) not in seen)
        into.topics.update(group.topics)
    return merged


def in_title(mention: Mention) -> bool:
    return mention.evidence is not None and mention.evidence.field == "title"


def place(mention: Mention) -> int:
    """Where a statement is in its article: body offsets, then the title's (a headline's
    shorthand, $14.3B, is not what the article's column shows first)."""
    return mention.start + 1_000_000_000 if in_title(mention) else mention.start


def node_of(side: int, mention: Mention) -> Node:
    return side, place(mention)
