"""Story clustering: candidate pairs from an inverted index in time order, average linkage.

In: the articles of a `StoryIndex` (unit vectors, days). Out: a sparse similarity graph
(`Edges`, filled by `story_candidates.candidate_edges`) and its clusters
(`average_linkage`).
"""

from __future__ import annotations

import heapq
import struct
from array import array
from bisect import bisect_left
from itertools import compress, groupby, islice
from operator import lt

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
    The pair merged next is the one of highest average; on a tie, the lowest `a * count +
    b`, where `a` is the one of the two that last absorbed a cluster (the edge's left item
    when neither has); the larger cluster absorbs the smaller, `a` on equal sizes.

    Each cluster's links (neighbour -> summed similarity) are two parallel arrays sorted
    by neighbour, 12 bytes a link, not a dict of float objects (over 100 bytes): at 100,000
    articles the dicts were the grouping's peak memory. A link is found by bisection, never
    by a linear search. The arrays live in slots: a merged cluster keeps the longer of its
    two lists and the shorter one's links move into it, so a big cluster absorbing small
    ones costs the small ones' links only. `edges` is emptied once read (arrays freed).

    The heap is lazy: merging `a` and `b` pushes only the moved links. A link in the kept
    list only (or moved, but new to it) has the same sum over a bigger cluster: its average
    fell, and its old heap entry (under the absorbed cluster's number, read as its root's)
    stays as an upper bound; when one comes out, the pair's current average is pushed if
    it still reaches the threshold. The merges are those of recomputing every link after
    each merge, as this did before, which made a cluster absorbing many small ones cost
    its degree each time (issue 19's random-word corpus, 40,000 articles: the topic
    linkage alone took 28-34 s CPU, now 15-17.5 s; the same clusters). An entry counts as
    current within 1e-12 of the pair's average, as before; only averages that close could
    merge in another order than before (never seen: docs/stories.md, "random-word").
    """
    parent = list(range(count))
    size = [1] * count
    neighbours, sums = _sorted_links(count, edges)
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
    # When each cluster last absorbed another (0: never): its links' entries put it first.
    absorbed_at = [0] * count
    # Link lists are kept per slot, and a merged cluster keeps the longer of its two:
    # the slot of each cluster and the cluster of each slot (both the item at first).
    slot_of = list(range(count))
    owner = list(range(count))
    merges = 0
    pop, push, low, make = heapq.heappop, heapq.heappush, keys.low, keys.make
    while heap:
        key = pop(heap)
        a, b = divmod(key & low, count)
        live = parent[a] == a and parent[b] == b
        if not live:
            # An entry of a cluster absorbed since: an upper bound of its root's link.
            a, b = _root(parent, a), _root(parent, b)
            if a == b:
                continue
        mine, theirs = slot_of[a], slot_of[b]
        links = neighbours[mine]
        at = bisect_left(links, theirs)
        if at == len(links) or links[at] != theirs:
            continue
        average = sums[mine][at] / (size[a] * size[b])
        popped = keys.similarity(key)
        if not live or abs(average - popped) > 1e-12:
            # A stale upper bound: the pair's average fell since. Its current entry.
            if popped > average >= threshold:
                first, second = (a, b) if absorbed_at[a] > absorbed_at[b] else (b, a)
                push(heap, make(average, first * count, second))
            continue
        if size[a] < size[b]:
            a, b = b, a
        parent[b] = a
        size[a] += size[b]
        merges += 1
        absorbed_at[a] = merges
        # The merged cluster keeps the longer of the two link lists; the other one's links
        # move into it (summed where both have the neighbour, inserted in order where not)
        # and are pushed at their new average. Links only in the kept list fall, their
        # entries stay as upper bounds. Moving the shorter list, whichever cluster it
        # belonged to, bounds the moves by the links' count times log2 of it.
        keep, move = slot_of[a], slot_of[b]
        if len(neighbours[keep]) < len(neighbours[move]):
            keep, move = move, keep
        slot_of[a], owner[keep] = keep, a
        kept, kept_sums = neighbours[keep], sums[keep]
        at = bisect_left(kept, move)
        del kept[at]
        del kept_sums[at]
        base, grown = a * count, size[a]
        for other, total in zip(neighbours[move], sums[move], strict=True):
            if other == keep:
                continue
            links, link_sums = neighbours[other], sums[other]
            at = bisect_left(links, move)
            del links[at]
            del link_sums[at]
            here = bisect_left(kept, other)
            if here < len(kept) and kept[here] == other:
                total = kept_sums[here] + total
                kept_sums[here] = total
                link_sums[bisect_left(links, keep)] = total
            else:
                kept.insert(here, other)
                kept_sums.insert(here, total)
                at = bisect_left(links, keep)
                links.insert(at, keep)
                link_sums.insert(at, total)
            cluster = owner[other]
            average = total / (grown * size[cluster])
            if average >= threshold:
                push(heap, make(average, base, cluster))
        neighbours[move], sums[move] = _NO_LINKS, _NO_SUMS
    clusters: dict[int, list[int]] = {}
    for item in range(count):
        root = item
        while parent[root] != root:
            root = parent[root]
        parent[item] = root
        clusters.setdefault(root, []).append(item)
    return list(clusters.values())


def _root(parent: list[int], item: int) -> int:
    """The cluster `item` is in now (halving the path on the way)."""
    while parent[item] != item:
        parent[item] = item = parent[parent[item]]
    return item


def _sorted_links(count: int, edges: Edges) -> tuple[list[array[int]], list[array[float]]]:
    """Each item's neighbours (sorted) and the similarities of those links, in parallel.

    An item's edges often come together: `candidate_edges` adds an article's edges to those
    before it as one run of equal rights, `split_topic` one run of equal lefts. The side
    with the longer runs (judged on the first edges) is copied a run at a time at C speed;
    only the other side takes a Python step an edge.
    """
    neighbours = [array("i") for _ in range(count)]
    sums = [array("d") for _ in range(count)]
    lefts, rights, sims = edges.lefts, edges.rights, edges.sims
    if _runs(rights[:4096]) > _runs(lefts[:4096]):
        lefts, rights = rights, lefts
    add_link = [links.append for links in neighbours]
    add_sum = [totals.append for totals in sums]
    for left, right, sim in zip(lefts, rights, sims, strict=True):
        add_link[left](right)
        add_sum[left](sim)
    del add_link, add_sum
    start = 0
    for right, run in groupby(rights):
        end = start + len(list(run))
        neighbours[right].extend(lefts[start:end])
        sums[right].fromlist(sims[start:end].tolist())
        start = end
    for item, mine in enumerate(neighbours):
        if len(mine) > 1 and not all(map(lt, mine, islice(mine, 1, None))):
            order = sorted(range(len(mine)), key=mine.__getitem__)
            neighbours[item] = array("i", map(mine.__getitem__, order))
            sums[item] = array("d", map(sums[item].__getitem__, order))
    return neighbours, sums


def _runs(items: array[int]) -> int:
    return sum(1 for _ in groupby(items))


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
