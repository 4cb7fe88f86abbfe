"""Undated articles in the candidate sweep: the similarities their edges carry.

An undated article has no time window: the sweep scores it against every article sharing a
term and keeps its closest candidates. Those edges must carry the similarity the index
defines (`StoryIndex.similarity`: the cosine, lowered by the year rule), whatever shortcut
the sweep takes to compute them; and `place` must count the same closest candidates for a
new undated article as the grouping does.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from test_stories import DEAL, FLOOD, OTHERS, QUAKES

import reader.analysis.stories as stories
from reader.analysis.stories import StoryInput, group, place
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


def _article(key: str, title: str, body: str, published: datetime | None) -> StoryInput:
    return StoryInput(key, title, f"{title}\n\n{body}", published, key[0])


# A harbour accident told by three outlets (two of them also tell of the lighthouse in the
# fog), and a frost told by two, a year later.
HARBOUR = [
    _article(
        "a1",
        "Harbour crane collapses at the docks",
        "A harbour crane collapsed at the docks on Tuesday, and dockers walked out. The union "
        "blamed worn cables. The lighthouse keeper saw the ferry turn back from the pier in "
        "thick fog, gulls circling and the foghorn sounding.",
        datetime(2020, 1, 10),
    ),
    _article(
        "a2",
        "Dockers strike after crane falls",
        "Dockers went on strike after a crane fell at the harbour. Their union said the "
        "cables were worn and the docks unsafe.",
        datetime(2020, 1, 11),
    ),
    _article(
        "a3",
        "Crane falls at harbour as fog closes in",
        "A crane fell at the harbour docks in thick fog on Tuesday. Dockers and their union "
        "blamed worn cables. From the pier, the lighthouse keeper heard the foghorn sounding "
        "as gulls circled and the ferry turned back.",
        datetime(2020, 1, 12),
    ),
]
FROST = [
    _article(
        "b1",
        "Frost ruins the apple harvest",
        "A late frost ruined the apple harvest, growers said. Orchards lost most of their "
        "blossom and cider makers fear a poor year.",
        datetime(2021, 6, 1),
    ),
    _article(
        "b2",
        "Apple growers count frost losses",
        "Growers counted their losses after the frost hit the orchards. Cider makers expect "
        "fewer apples from the harvest.",
        datetime(2021, 6, 2),
    ),
]
# Undated: closest to two of the harbour articles, but closer on average to the frost's.
FOGGY = _article(
    "x",
    "Lighthouse keeper and ferry crew watch the apple orchards",
    "The lighthouse keeper watched the ferry turn back from the pier in thick fog, gulls "
    "circling, the foghorn sounding, the docks quiet. Growers said frost hit the apple "
    "orchards and the harvest.",
    None,
)


def _stories(keys: list[tuple[str, ...]]) -> list[list[str]]:
    return sorted(sorted(story) for story in keys)


@pytest.mark.parametrize("cap", [0, 1])
def test_an_undated_article_placed_joins_the_story_the_grouping_gives_it(cap: int) -> None:
    # The grouping keeps an undated article's `undated_edges` closest candidates only; a
    # placement that counted every candidate would put it with the frost instead.
    params = StoryParams(undated_edges=cap)
    from_scratch = group(HARBOUR + FROST + [FOGGY], params)
    grouping = group(HARBOUR + FROST, params)
    place(grouping.index, FOGGY)
    placed = [story.keys for story in grouping.index.stories()]
    assert _stories(placed) == _stories([story.keys for story in from_scratch.stories])
    harbour = grouping.index.story_of("a1")
    assert (grouping.index.story_of("x") == harbour) == (cap == 1)


@pytest.mark.parametrize("seed", range(5))
def test_the_closest_candidates_of_an_undated_article_are_read_by_falling_dot_product(
    seed: int,
) -> None:
    # `place` reads an undated article's candidates (one row each from a cache) by falling
    # dot product and stops once no later one can be kept: the same ones as reading all.
    import random

    from reader.analysis.stories import _closest

    corpus = FLOOD + QUAKES + DEAL + OTHERS
    items = corpus + _undated(corpus, 2019) + _undated(corpus, 2023) + _undated(corpus)
    index = group(items, StoryParams(undated_edges=5)).index
    art = index.articles["flood-a-2019"]
    rng = random.Random(seed)
    others = [key for key in index.articles if key != art.key]
    # Ties on purpose: several candidates share a dot product.
    neighbours = [(key, rng.choice([0.02, 0.05, 0.1, 0.2, 0.3, rng.random()])) for key in others]
    read: list[str] = []
    index.load_candidates = lambda keys: read.extend(keys)  # type: ignore[method-assign]
    found = _closest(index, art, list(neighbours))
    every = [
        (sim, index.articles[key])
        for key, dot in neighbours
        if (sim := index._adjust(art, index.articles[key], dot)) >= index.params.edge_floor
    ]
    expected = sorted(every, key=lambda pair: (pair[0], pair[1].key), reverse=True)[:5]
    assert [(sim, other.key) for sim, other in found] == [
        (sim, other.key) for sim, other in expected
    ]
    assert len(read) < len(neighbours)
