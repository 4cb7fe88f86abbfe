"""Undated articles in the candidate sweep: the similarities their edges carry.

An undated article has no time window: the sweep scores it against every article sharing a
term and keeps its closest candidates. Those edges must carry the similarity the index
defines (`StoryIndex.similarity`: the cosine, lowered by the year rule), whatever shortcut
the sweep takes to compute them.
"""

from __future__ import annotations

import pytest
from test_stories import DEAL, FLOOD, OTHERS, QUAKES

import reader.analysis.stories as stories
from reader.analysis.stories import StoryInput, group
from reader.analysis.story_cluster import Edges, average_linkage
from reader.analysis.story_index import StoryParams


def _edges(
    monkeypatch: pytest.MonkeyPatch, items: list[StoryInput], params: StoryParams
) -> tuple[stories.Grouping, dict[tuple[str, str], float]]:
    """The grouping of `items` and its candidate graph's edges by pair of keys."""
    found: dict[tuple[str, str], float] = {}
    keys = [item.key for item in items]

    def spy(count: int, graph: Edges, threshold: float) -> list[list[int]]:
        for a, b, sim in zip(graph.lefts, graph.rights, graph.sims, strict=True):
            found[keys[a], keys[b]] = sim
        return average_linkage(count, graph, threshold)

    monkeypatch.setattr(stories, "average_linkage", spy)
    return group(items, params), found


def _undated(items: list[StoryInput], year: int | None = None) -> list[StoryInput]:
    lead = f"In {year}, " if year else ""
    return [
        StoryInput(f"{item.key}-{year}", item.title, lead + item.text, None, item.source)
        for item in items
    ]


@pytest.mark.parametrize("cap", [0, 3])
def test_undated_edges_carry_the_indexed_similarity_with_the_year_rule(
    monkeypatch: pytest.MonkeyPatch, cap: int
) -> None:
    # The same events told in two years' articles, and some with no year at all: an
    # undated pair whose main years differ (and share none) counts half.
    corpus = FLOOD + QUAKES + DEAL + OTHERS
    items = corpus + _undated(corpus, 2019) + _undated(corpus, 2023) + _undated(FLOOD + DEAL)
    grouping, edges = _edges(monkeypatch, items, StoryParams(undated_edges=cap))
    index = grouping.index
    undated = {item.key for item in items if item.published is None}
    halved = 0
    for (left, right), sim in edges.items():
        if right not in undated:
            continue
        expected = index.similarity(left, right)
        assert sim == pytest.approx(expected, rel=1e-6)
        a, b = index.articles[left], index.articles[right]
        halved += bool(a.years and b.years and not set(a.years) & set(b.years))
    assert halved > 0
