"""Candidate pairs for story clustering: an inverted index swept in time order.

In: the articles of a `StoryIndex` (unit vectors, days). Out: a sparse similarity graph.
No pair is compared unless the two articles share a term that is not common, and dated
articles are compared only with those within `far_days` of them.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import compress
from typing import Any, cast

from reader.analysis.story_cluster import Edges
from reader.analysis.story_index import IndexedArticle, StoryIndex

__all__ = ["candidate_edges"]

_NO_DAY = 1 << 30
# From this many articles, a caller that allows two processes has the second half of the
# sweep done in a forked one (the sweep is the longest part of a grouping that runs in one
# process; halving it is worth the fork).
SPLIT_FROM = 20_000

# term id -> (article numbers, their weights), in sweep order (by day, then undated). Their
# days are not stored (4 bytes an entry, 16 MB at 100,000 articles): read as `days[number]`
# when a posting's window start moves.
_Table = dict[int, tuple["array[int]", "array[float]"]]


def candidate_edges(index: StoryIndex, keys: list[str], workers: int = 1) -> Edges:
    """Similarities >= the edge floor between articles `keys[i]` and `keys[j]`.

    Dated articles are swept in date order against a window of `far_days`; undated ones are
    then compared with everything. Leaves `index.postings` complete. With `workers` > 1 and
    `SPLIT_FROM` articles or more, the second half of the sweep runs in a forked process
    (same edges, in the same order).
    """
    sweep = _Sweep(index, keys)
    order = sweep.order
    part = _second_part(sweep, workers)
    table: _Table = {}
    # The second half's postings, from the forked process: article numbers as arrays (a
    # list of ints unpickled is an int object, 28 bytes, per entry).
    second: dict[int, tuple[array[int], array[float]]] = {}
    if part is None:
        edges = sweep.run(order, table)
    else:
        middle, future = part
        edges = sweep.run(order[:middle], table)
        try:
            second_edges, second = future.result()
        except Exception:  # the fork failed: sweep the rest here
            second_edges = sweep.run(order[middle:], table)
        finally:
            _SHARED.pop("pool").shutdown()
            _SHARED.clear()
        for name in Edges.__slots__:
            getattr(edges, name).extend(getattr(second_edges, name))
    key_of = keys.__getitem__
    postings = index.postings
    while table:
        tid, (posting, posting_weights) = table.popitem()
        postings[tid] = (list(map(key_of, posting)), posting_weights)
    while second:
        tid, (numbers, weights) = second.popitem()
        entry = postings.get(tid)
        if entry is None:
            postings[tid] = (list(map(key_of, numbers)), weights)
        else:
            entry[0].extend(map(key_of, numbers))
            entry[1].extend(weights)
    return edges


# What the forked process reads (inherited, never pickled): the sweep and its half.
_SHARED: dict[str, Any] = {}


def _second_part(sweep: _Sweep, workers: int) -> tuple[int, Any] | None:
    """(where the second half starts, its future) when it runs in a forked process."""
    order = sweep.order
    if workers <= 1 or len(order) < SPLIT_FROM:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    middle = len(order) // 2
    _SHARED.update(sweep=sweep, middle=middle)
    try:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(_sweep_second_half)
        _SHARED["pool"] = pool
    except Exception:
        _SHARED.clear()
        return None
    return middle, future


def _sweep_second_half() -> tuple[Edges, dict[int, tuple[array[int], array[float]]]]:
    """In the forked process: the edges of the second half of the sweep order, and the
    postings of its articles. The table is seeded (no pairs) with the first half's articles
    the second half can meet: those within `far_days` of its first day, or all of them when
    undated articles (compared with everything) come after."""
    sweep: _Sweep = _SHARED["sweep"]
    middle: int = _SHARED["middle"]
    order, days = sweep.order, sweep.days
    first_day = days[order[middle]]
    if first_day is None or days[order[-1]] is None:
        start = 0
    else:
        low = first_day - sweep.far_days
        start = bisect_left([days[n] for n in order[:middle]], low)  # type: ignore[type-var]
    table: _Table = {}
    seeded: Counter[int] = Counter()
    for n in order[start:middle]:
        sweep.seed(n, table)
        seeded.update(sweep.arts[n].terms)
    edges = sweep.run(order[middle:], table)
    own: dict[int, tuple[array[int], array[float]]] = {}
    while table:
        tid, (posting, weights) = table.popitem()
        skip = seeded[tid]
        if skip < len(posting):
            own[tid] = (posting[skip:], weights[skip:])
    return edges, own


class _Sweep:
    """The articles in sweep order (dated by date, then undated) and the pair rules."""

    def __init__(self, index: StoryIndex, keys: list[str]) -> None:
        p = index.params
        self.arts: list[IndexedArticle] = [index.articles[key] for key in keys]
        self.days: list[int | None] = [art.day for art in self.arts]
        days = self.days
        dated = sorted(
            (n for n, day in enumerate(days) if day is not None), key=lambda n: (days[n], n)
        )
        self.order = dated + [n for n, day in enumerate(days) if day is None]
        self.limit = index._common_limit()
        self.df = index.df
        self.floor = p.edge_floor
        self.undated_edges = p.undated_edges
        self.same_days, self.far_days = p.same_days, p.far_days
        self.adjust = index._adjust
        self.year_penalty = p.year_penalty

    def seed(self, n: int, table: _Table) -> None:
        """Article `n` into the postings `table`, meeting no one."""
        art = self.arts[n]
        for tid, weight in zip(art.terms, art.weights, strict=True):
            entry = table.get(tid)
            if entry is None:
                table[tid] = (array("i", [n]), array("f", [weight]))
            else:
                entry[0].append(n)
                entry[1].append(weight)

    def run(self, order: list[int], table: _Table) -> Edges:
        """The edges of articles `order` with those before them in `table`, adding them."""
        arts, days, df, limit, floor = self.arts, self.days, self.df, self.limit, self.floor
        same_days, far_days, adjust = self.same_days, self.far_days, self.adjust
        edges = Edges()
        add = edges.add
        # Read only for dated articles' postings, which hold dated articles only.
        day_of = cast("Callable[[int], int]", days.__getitem__)
        # term id -> where its posting's entries within `far_days` of the article start.
        starts = array("i", [0]) * len(df)
        for n in order:
            art = arts[n]
            day = _NO_DAY if art.day is None else art.day
            # An undated article meets every article before it; a dated one, those from
            # `low` on.
            low = day - far_days if art.day is not None else None
            scores: dict[int, float] = {}
            get = scores.get
            for tid, weight in zip(art.terms, art.weights, strict=True):
                entry = table.get(tid)
                if entry is None:
                    table[tid] = (array("i", [n]), array("f", [weight]))
                    continue
                posting, posting_weights = entry
                if df[tid] <= limit:
                    start = 0
                    if low is not None:
                        # Dated articles come by date: where a posting's window starts
                        # only moves forward.
                        start = starts[tid]
                        if start < len(posting) and day_of(posting[start]) < low:
                            start = starts[tid] = bisect_left(posting, low, start, key=day_of)
                    if start:
                        pairs = zip(posting[start:], posting_weights[start:], strict=True)
                    else:
                        pairs = zip(posting, posting_weights, strict=True)
                    for other, other_weight in pairs:
                        scores[other] = get(other, 0.0) + weight * other_weight
                posting.append(n)
                posting_weights.append(weight)
            # Most candidates share only a common-ish term or two: the floor picks the few
            # worth a closer look at C speed.
            candidates = compress(scores, map(floor.__le__, scores.values()))
            if art.day is None:
                self.add_undated(n, candidates, scores, edges)
                continue
            for other in candidates:
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
        return edges

    def add_undated(
        self, n: int, candidates: Iterable[int], scores: dict[int, float], edges: Edges
    ) -> None:
        """The edges of undated article `n` to `candidates` (all before it in the sweep):
        to its `undated_edges` most similar ones (to all with 0).

        The same similarities as `index._adjust` gives, without a call per candidate: an
        undated article's pairs only meet the year rule, and only when it has years.
        (100,000 random-word articles: 680 candidates an undated article, 7.6% of articles
        with years; the sweep of the 20,000 undated ones took 24.4-25.5 s CPU, now
        18.1-19.0 s for the same edges, load 5: docs/stories.md, "sweep round".)
        """
        others = list(candidates)
        sims = list(map(scores.__getitem__, others))
        art = self.arts[n]
        if art.years:
            arts, penalty, floor = self.arts, self.year_penalty, self.floor
            first, years = art.years[0], set(art.years)
            for at, other in enumerate(others):
                other_years = arts[other].years
                if other_years and other_years[0] != first and years.isdisjoint(other_years):
                    sims[at] *= penalty
            kept = [(sim, other) for sim, other in zip(sims, others, strict=True) if sim >= floor]
        else:
            kept = list(zip(sims, others, strict=True))
        if 0 < self.undated_edges < len(kept):
            kept = heapq.nlargest(self.undated_edges, kept)
        edges.lefts.extend([other for _, other in kept])
        edges.rights.extend([n] * len(kept))
        edges.sims.extend([sim for sim, _ in kept])
