"""Story clustering: candidate pairs from an inverted index in time order, average linkage.

In: the articles of a `StoryIndex` (unit vectors, days). Out: a sparse similarity graph
(`Edges`, filled by `story_candidates.candidate_edges`) and its clusters
(`average_linkage`).
"""

from __future__ import annotations

import heapq
from array import array

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

    Each cluster's links (neighbour cluster -> summed similarity) are two parallel arrays,
    12 bytes a link, not a dict of float objects (over 100 bytes): at 100,000 articles the
    dicts were the grouping's peak memory. `edges` is emptied once read (its arrays freed).
    A heap entry names its pair by one number, `a * count + b`, which orders like `(a, b)`.
    """
    parent = list(range(count))
    size = [1] * count
    neighbours: list[array[int]] = [_NO_LINKS] * count
    sums: list[array[float]] = [_NO_SUMS] * count
    heap = []
    for a, b, sim in zip(edges.lefts, edges.rights, edges.sims, strict=True):
        for left, right in ((a, b), (b, a)):
            mine = neighbours[left]
            if mine is _NO_LINKS:
                mine = neighbours[left] = array("i")
                sums[left] = array("d")
            mine.append(right)
            sums[left].append(sim)
        if sim >= threshold:
            heap.append((-sim, a * count + b))
    for name in Edges.__slots__:
        setattr(edges, name, array(getattr(edges, name).typecode))
    heapq.heapify(heap)
    while heap:
        neg, pair = heapq.heappop(heap)
        a, b = divmod(pair, count)
        if parent[a] != a or parent[b] != b:
            continue
        try:
            total = sums[a][neighbours[a].index(b)]
        except ValueError:
            continue
        if abs(total / (size[a] * size[b]) + neg) > 1e-12:
            continue
        if size[a] < size[b]:
            a, b = b, a
        parent[b] = a
        size[a] += size[b]
        mine_links = dict(zip(neighbours[a], sums[a], strict=True))
        del mine_links[b]
        for other, sim in zip(neighbours[b], sums[b], strict=True):
            if other == a:
                continue
            theirs, their_sums = neighbours[other], sums[other]
            at = theirs.index(b)
            known = mine_links.get(other)
            merged = (0.0 if known is None else known) + sim
            mine_links[other] = merged
            if known is None:
                theirs[at] = a
                their_sums[at] = merged
            else:
                del theirs[at]
                del their_sums[at]
                their_sums[theirs.index(a)] = merged
        neighbours[b], sums[b] = _NO_LINKS, _NO_SUMS
        neighbours[a] = array("i", mine_links.keys())
        sums[a] = array("d", mine_links.values())
        for other, total in mine_links.items():
            average = total / (size[a] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, a * count + other))
    clusters: dict[int, list[int]] = {}
    for item in range(count):
        root = item
        while parent[root] != root:
            root = parent[root]
        parent[item] = root
        clusters.setdefault(root, []).append(item)
    return list(clusters.values())


# Shared, never appended to: an item without links.
_NO_LINKS: array[int] = array("i")
_NO_SUMS: array[float] = array("d")
