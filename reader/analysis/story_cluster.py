"""Story clustering: candidate pairs from an inverted index in time order, average linkage.

In: the articles of a `StoryIndex` (unit vectors, days). Out: a sparse similarity graph
(`Edges`, filled by `story_candidates.candidate_edges`) and its clusters
(`average_linkage`).
"""

from __future__ import annotations

import heapq
from array import array
from collections import defaultdict

__all__ = ["Edges", "average_linkage"]


class Edges:
    """A sparse similarity graph as three parallel arrays (12 bytes an edge)."""

    __slots__ = ("lefts", "rights", "sims")

    def __init__(self) -> None:
        self.lefts: array[int] = array("i")
        self.rights: array[int] = array("i")
        self.sims: array[float] = array("f")

    def add(self, left: int, right: int, sim: float) -> None:
        self.lefts.append(left)
        self.rights.append(right)
        self.sims.append(sim)

    def __len__(self) -> int:
        return len(self.sims)


def average_linkage(count: int, edges: Edges, threshold: float) -> list[list[int]]:
    """Average-linkage agglomeration of items 0..count-1 over a sparse similarity graph.

    Absent edges count as similarity 0. Merging stops when no two clusters have an average
    similarity of `threshold` or more. Clusters come out in order of their first item.

    Two clusters merge only if some edge between them reaches `threshold` (an average is
    never above its largest term), so no cluster ever spans two connected components of the
    graph of those strong edges: each component is agglomerated on its own, with only its
    edges' links in memory (the links of all edges at once were the peak at 100,000
    articles). Same clusters as one agglomeration over the whole graph.
    """
    parent = list(range(count))
    size = [1] * count
    component = _strong_components(count, edges, threshold)
    members: dict[int, array[int]] = {}
    for n, (a, b) in enumerate(zip(edges.lefts, edges.rights, strict=True)):
        root = component[a]
        if root == component[b]:
            found = members.get(root)
            if found is None:
                found = members[root] = array("i")
            found.append(n)
    lefts, rights, sims = edges.lefts, edges.rights, edges.sims
    for edge_numbers in members.values():
        if len(edge_numbers) == 1:
            a, b = lefts[edge_numbers[0]], rights[edge_numbers[0]]
            parent[b] = a
            size[a] += 1
            continue
        _agglomerate(
            [(lefts[n], rights[n], sims[n]) for n in edge_numbers], parent, size, threshold
        )
    del members
    clusters: dict[int, list[int]] = {}
    for item in range(count):
        root = item
        while parent[root] != root:
            root = parent[root]
        parent[item] = root
        clusters.setdefault(root, []).append(item)
    return list(clusters.values())


def _strong_components(count: int, edges: Edges, threshold: float) -> list[int]:
    """Each item's component (a representative item) in the graph of edges >= threshold."""
    root = list(range(count))

    def find(item: int) -> int:
        while root[item] != item:
            root[item] = root[root[item]]
            item = root[item]
        return item

    for a, b, sim in zip(edges.lefts, edges.rights, edges.sims, strict=True):
        if sim >= threshold:
            ra, rb = find(a), find(b)
            if ra != rb:
                root[rb] = ra
    return [find(item) for item in range(count)]


def _agglomerate(
    edges: list[tuple[int, int, float]], parent: list[int], size: list[int], threshold: float
) -> None:
    """Average linkage over one component's edges; merges recorded in `parent` and `size`."""
    links: dict[int, dict[int, float]] = defaultdict(dict)
    heap = []
    for a, b, sim in edges:
        links[a][b] = sim
        links[b][a] = sim
        if sim >= threshold:
            heap.append((-sim, a, b))
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b:
            continue
        total = links[a].get(b)
        if total is None or abs(total / (size[a] * size[b]) + neg) > 1e-12:
            continue
        if size[a] < size[b]:
            a, b = b, a
        parent[b] = a
        size[a] += size[b]
        mine = links[a]
        del mine[b]
        for other, sim in links.pop(b).items():
            if other == a:
                continue
            theirs = links[other]
            del theirs[b]
            merged = mine.get(other, 0.0) + sim
            mine[other] = merged
            theirs[a] = merged
        for other, total in mine.items():
            average = total / (size[a] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, a, other))
