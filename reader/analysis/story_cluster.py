"""Story clustering: candidate pairs from an inverted index in time order, average linkage.

In: the articles of a `StoryIndex` (unit vectors, days). Out: a sparse similarity graph
(`candidate_edges`, which also fills the index's postings) and its clusters
(`average_linkage`). No pair is compared unless the two articles share a term that is not
common, and dated articles are compared only with those within `far_days` of them.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.analysis.story_index import StoryIndex

__all__ = ["Edges", "average_linkage", "candidate_edges"]

_NO_DAY = 1 << 30


def candidate_edges(index: StoryIndex, keys: list[str]) -> Edges:
    """Similarities >= the edge floor between articles `keys[i]` and `keys[j]`.

    Dated articles are swept in date order against a window of `far_days`; undated ones are
    then compared with everything. Leaves `index.postings` complete.
    """
    p = index.params
    arts = [index.articles[key] for key in keys]
    limit = index._common_limit()
    df = index.df
    floor = p.edge_floor
    adjust = index._adjust
    dated = sorted(
        (n for n, art in enumerate(arts) if art.day is not None),
        key=lambda n: (arts[n].day, n),
    )
    undated = [n for n, art in enumerate(arts) if art.day is None]
    # term id -> (article numbers, their weights, their days), in sweep order.
    table: dict[int, tuple[list[int], array[float], array[int]]] = {}
    edges = Edges()
    for n in dated + undated:
        art = arts[n]
        day = _NO_DAY if art.day is None else art.day
        low = day - p.far_days if art.day is not None else -_NO_DAY
        scores: dict[int, float] = defaultdict(float)
        for tid, weight in zip(art.terms, art.weights, strict=True):
            entry = table.get(tid)
            if entry is None:
                table[tid] = ([n], array("f", [weight]), array("i", [day]))
                continue
            posting, posting_weights, posting_days = entry
            if df[tid] <= limit:
                if posting_days[0] < low:
                    start = bisect_left(posting_days, low)
                    pairs = zip(posting[start:], posting_weights[start:], strict=True)
                else:
                    pairs = zip(posting, posting_weights, strict=True)
                for other, other_weight in pairs:
                    scores[other] += weight * other_weight
            posting.append(n)
            posting_weights.append(weight)
            posting_days.append(day)
        for other, dot in scores.items():
            if dot >= floor:
                sim = adjust(art, arts[other], dot)
                if sim >= floor:
                    edges.add(other, n, sim)
    for tid, (posting, posting_weights, _) in table.items():
        index.postings[tid] = ([keys[n] for n in posting], posting_weights)
    return edges


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
    """
    parent = list(range(count))
    size = [1] * count
    links: dict[int, dict[int, float]] = defaultdict(dict)
    heap = []
    for a, b, sim in zip(edges.lefts, edges.rights, edges.sims, strict=True):
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
    clusters: dict[int, list[int]] = {}
    for item in range(count):
        root = item
        while parent[root] != root:
            root = parent[root]
        parent[item] = root
        clusters.setdefault(root, []).append(item)
    return list(clusters.values())
