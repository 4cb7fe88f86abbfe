"""Average linkage over a sparse graph: merge order, including ties, and its heap keys."""

from __future__ import annotations

import random

from reader.analysis.story_cluster import Edges, _Keys, average_linkage


def _edges(*triples: tuple[int, int, float]) -> Edges:
    edges = Edges()
    for a, b, sim in triples:
        edges.add(a, b, sim)
    return edges


def test_equally_similar_pairs_merge_in_item_order() -> None:
    # A chain of equal links: merging (0, 1) first leaves 2 only half as close to {0, 1},
    # so the chain splits into {0, 1} and {2, 3}; another tie order would not.
    chain = _edges((0, 1, 0.5), (1, 2, 0.5), (2, 3, 0.5))
    assert average_linkage(4, chain, 0.3) == [[0, 1], [2, 3]]


def test_a_merged_cluster_joins_what_it_is_close_to_on_average() -> None:
    graph = _edges((0, 1, 0.9), (0, 2, 0.5), (1, 2, 0.3), (3, 4, 0.2))
    # {0, 1} and 2: (0.5 + 0.3) / 2 = 0.4; 3 and 4 stay apart at 0.25.
    assert average_linkage(5, graph, 0.4) == [[0, 1, 2], [3], [4]]
    graph = _edges((0, 1, 0.9), (0, 2, 0.5), (1, 2, 0.3))
    assert average_linkage(3, graph, 0.41) == [[0, 1], [2]]


def _brute_force(count: int, sims: dict[tuple[int, int], float], threshold: float) -> list:
    """Average linkage by its definition: every pair of clusters, averages from scratch."""
    clusters = [[item] for item in range(count)]
    while True:
        best, pair = threshold, None
        for i, left in enumerate(clusters):
            for j in range(i + 1, len(clusters)):
                right = clusters[j]
                total = sum(sims.get((min(a, b), max(a, b)), 0.0) for a in left for b in right)
                average = total / (len(left) * len(right))
                if average >= best:
                    best, pair = average, (i, j)
        if pair is None:
            return sorted(sorted(cluster) for cluster in clusters)
        i, j = pair
        clusters[i] += clusters.pop(j)


def test_merges_as_average_linkage_by_its_definition_on_random_graphs() -> None:
    # Random similarities (no ties), sparse and dense graphs, thresholds that leave one
    # big cluster or many small ones: the clusters are those of the textbook algorithm.
    rng = random.Random(13)
    for _ in range(400):
        count = rng.randint(2, 24)
        density = rng.choice([0.1, 0.3, 0.6, 1.0])
        edges = Edges()
        for a in range(count):
            for b in range(a + 1, count):
                if rng.random() < density:
                    # Either orientation, as candidate_edges gives them.
                    edges.add(*((a, b) if rng.random() < 0.5 else (b, a)), rng.random())
        sims = {
            (min(a, b), max(a, b)): sim
            for a, b, sim in zip(edges.lefts, edges.rights, edges.sims, strict=True)
        }
        threshold = rng.choice([0.02, 0.1, 0.2, 0.4, 0.7])
        clusters = average_linkage(count, edges, threshold)
        assert clusters == sorted(clusters)
        assert clusters == _brute_force(count, sims, threshold), (count, density, threshold)


def test_heap_keys_order_like_similarity_then_pair_and_give_the_similarity_back() -> None:
    rng = random.Random(5)
    count = 1000
    keys = _Keys(count)
    entries = [
        (
            rng.choice([0.5, 0.25, rng.random(), rng.random() * 1e-3]),
            rng.randrange(count),
            rng.randrange(count),
        )
        for _ in range(2000)
    ]
    made = [keys.make(sim, a * count, b) for sim, a, b in entries]
    by_key = sorted(range(len(entries)), key=made.__getitem__)
    by_tuple = sorted(
        range(len(entries)), key=lambda n: (-entries[n][0], entries[n][1] * count + entries[n][2])
    )
    assert [entries[n] for n in by_key] == [entries[n] for n in by_tuple]
    assert all(keys.similarity(key) == sim for key, (sim, _, _) in zip(made, entries, strict=True))
    assert all(
        (key & keys.low) == a * count + b for key, (_, a, b) in zip(made, entries, strict=True)
    )
