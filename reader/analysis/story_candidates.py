"""Candidate pairs for story clustering: an inverted index swept in time order.

In: the articles of a `StoryIndex` (unit vectors, days). Out: a sparse similarity graph.
No pair is compared unless the two articles share a term that is not common, and dated
articles are compared only with those within `far_days` of them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import compress

from reader.analysis.story_cluster import Edges
from reader.analysis.story_index import StoryIndex

__all__ = ["candidate_edges"]

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
    same_days, far_days = p.same_days, p.far_days
    days = [art.day for art in arts]
    dated = sorted(
        (n for n, art in enumerate(arts) if art.day is not None),
        key=lambda n: (arts[n].day, n),
    )
    undated = [n for n, art in enumerate(arts) if art.day is None]
    # term id -> (article numbers, their weights, their days), in sweep order.
    table: dict[int, tuple[list[int], array[float], array[int]]] = {}
    edges = Edges()
    add = edges.add
    for n in dated + undated:
        art = arts[n]
        day = _NO_DAY if art.day is None else art.day
        low = day - p.far_days if art.day is not None else -_NO_DAY
        scores: dict[int, float] = {}
        get = scores.get
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
                    scores[other] = get(other, 0.0) + weight * other_weight
            posting.append(n)
            posting_weights.append(weight)
            posting_days.append(day)
        # Most candidates share only a common-ish term or two: the floor picks the few
        # worth a closer look at C speed.
        for other in compress(scores, map(floor.__le__, scores.values())):
            other_day = days[other]
            if art.day is not None and other_day is not None:
                # `index._adjust` for two dated articles, inlined (millions of calls).
                sim = scores[other]
                gap = abs(day - other_day)
                if gap > same_days:
                    if gap >= far_days:
                        continue
                    sim *= 1.0 - (gap - same_days) / (far_days - same_days)
            else:
                sim = adjust(art, arts[other], scores[other])
            if sim >= floor:
                add(other, n, sim)
    key_of = keys.__getitem__
    postings = index.postings
    while table:
        tid, (posting, posting_weights, _) = table.popitem()
        postings[tid] = (list(map(key_of, posting)), posting_weights)
    return edges
