"""Story clustering: candidate pairs from an inverted index in time order, average linkage.

In: the articles of a `StoryIndex` (unit vectors, days). Out: a sparse similarity graph
(`Edges`, filled by `story_candidates.candidate_edges`) and its clusters
(`average_linkage`).
"""

from __future__ import annotations

import heapq
import struct
from array import array
from itertools import compress
from operator import truediv

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
    for a, b, sim in zip(edges.lefts, edges.rights, edges.sims, strict=True):
        for left, right in ((a, b), (b, a)):
            mine = neighbours[left]
            if mine is _NO_LINKS:
                mine = neighbours[left] = array("i")
                sums[left] = array("d")
            mine.append(right)
            sums[left].append(sim)
    # Heap entries as one int each (see `_Keys`): ordered like (-similarity, a, b), compared
    # faster than tuples, in about 40% of their memory (12.7 MB against 32.5 MB at 100,000).
    keys = _Keys(count)
    heap = list(
        map(
            keys.make,
            compress(edges.sims, map(threshold.__le__, edges.sims)),
            compress(map(count.__mul__, edges.lefts), map(threshold.__le__, edges.sims)),
            compress(edges.rights, map(threshold.__le__, edges.sims)),
        )
    )
    for name in Edges.__slots__:
        setattr(edges, name, array(getattr(edges, name).typecode))
    heapq.heapify(heap)
    pop, push, shift, low = heapq.heappop, heapq.heappush, keys.shift, keys.low
    while heap:
        key = pop(heap)
        a, b = divmod(key & low, count)
        if parent[a] != a or parent[b] != b:
            continue
        try:
            total = sums[a][neighbours[a].index(b)]
        except ValueError:
            continue
        if abs(total / (size[a] * size[b]) - keys.similarity(key)) > 1e-12:
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
        links = neighbours[a] = array("i", mine_links.keys())
        totals = sums[a] = array("d", mine_links.values())
        # Every link's new average at C speed; Python only for those that reach the heap.
        averages = list(map(truediv, totals, map(size[a].__mul__, map(size.__getitem__, links))))
        base = a * count
        for average, other in compress(
            zip(averages, links, strict=True), map(threshold.__le__, averages)
        ):
            push(heap, (_MAX_BITS - _bits(average)) << shift | (base + other))
    clusters: dict[int, list[int]] = {}
    for item in range(count):
        root = item
        while parent[root] != root:
            root = parent[root]
        parent[item] = root
        clusters.setdefault(root, []).append(item)
    return list(clusters.values())


_MAX_BITS = (1 << 64) - 1
_DOUBLE = struct.Struct("<d")
_INT64 = struct.Struct("<Q")


def _bits(value: float) -> int:
    """The IEEE bits of a double as an int: for values >= 0 they order as the values."""
    return int(_INT64.unpack(_DOUBLE.pack(value))[0])


class _Keys:
    """Heap keys: one int for (-similarity, a * count + b), in the same order. The high
    bits are the similarity's IEEE bits complemented (similarities are positive, so their
    bits order as they do), the low `shift` bits the pair."""

    __slots__ = ("shift", "low")

    def __init__(self, count: int) -> None:
        self.shift = max(1, (count * count).bit_length())
        self.low = (1 << self.shift) - 1

    def make(self, sim: float, base: int, right: int) -> int:
        return (_MAX_BITS - _bits(sim)) << self.shift | (base + right)

    def similarity(self, key: int) -> float:
        return float(_DOUBLE.unpack(_INT64.pack(_MAX_BITS - (key >> self.shift)))[0])


# Shared, never appended to: an item without links.
_NO_LINKS: array[int] = array("i")
_NO_SUMS: array[float] = array("d")
