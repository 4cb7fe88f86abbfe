"""The story index: per-article vectors, postings, topics and stories, and its persistence.

In: articles already turned into features by `reader.analysis.stories`. Out: a mutable
`StoryIndex` that `group`, `place` and `remove` (in `stories`) keep up to date, and that
`story_state` encodes as compact bytes for a cache. Standard library only.
"""

from __future__ import annotations

import gc
import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from operator import mul
from typing import Any

__all__ = ["IndexedArticle", "Story", "StoryIndex", "StoryParams"]


# Passes over a restored index's articles that build some terms' postings before one pass
# builds them all. At 100,000 articles a pass took 0.2 s and the whole build 5.8 s: after
# about as many passes as the build costs, build (so many changes cost at most twice the
# best choice made knowing their number; a few changes cost a few passes).
LAZY_SCANS = 25


@dataclass(frozen=True)
class StoryParams:
    """Tuning knobs; the defaults are the ones measured in docs/stories.md."""

    # Average similarity an article must have with a topic to join it.
    topic_threshold: float = 0.06
    # Average topic-local similarity an article must have with a story of its topic.
    story_threshold: float = 0.10
    # Topics smaller than this are one story; bigger than `local_max`, too (cost bound).
    local_min: int = 4
    local_max: int = 400
    # Exponent on the within-topic IDF.
    local_power: float = 1.0
    # Pairs below this similarity are not kept as graph edges.
    edge_floor: float = 0.03
    # An undated article, compared with every other, keeps its edges to this many of them
    # (the most similar; 0: all): without a cap the graph grows with the square of the
    # undated articles (see docs/stories.md, "The random-word corpus of issue 19").
    undated_edges: int = 64
    # Terms kept per article vector.
    max_terms: int = 40
    # Terms in fewer articles than this link nothing; they only dilute the cosine.
    min_df: int = 2
    # A term in more articles than this (and more than `common_share` of them) finds no pairs.
    common_count: int = 300
    common_share: float = 0.01
    # Exponent on IDF: above 1, distinctive terms count more against common ones.
    idf_power: float = 1.0
    # Dates: no penalty within `same_days`, none left after `far_days`.
    same_days: int = 10
    far_days: int = 150
    # Factor on similarity when the articles' main years differ and they share no year.
    year_penalty: float = 0.5
    # Sketch similarity (estimated 5-gram Jaccard) from which two texts are duplicates.
    duplicate_sketch: float = 0.6
    # In a topic without dates, stories are made by what the titles and leads share
    # (`story_split`).
    undated_leads: bool = True


@dataclass(frozen=True)
class Story:
    """A story: its id, its articles' keys (oldest first), a headline, and duplicate pairs."""

    id: int
    keys: tuple[str, ...]
    title: str
    duplicates: tuple[tuple[str, str], ...]
    sources: tuple[str, ...] = ()
    first: datetime | None = None
    last: datetime | None = None


@dataclass(slots=True)
class IndexedArticle:
    """What the index keeps of one article."""

    key: str
    title: str
    source: str | None
    published: datetime | None
    day: int | None
    years: tuple[int, ...]
    sketch: array[int]
    terms: array[int]  # term ids, heaviest first
    weights: array[float]  # unit-length TF-IDF weights
    topic: int = -1
    story: int = -1
    lead: int = 0  # bit i: terms[i] is in the title or lead (undated articles; 0: unknown)


@dataclass
class StoryIndex:
    """Mutable grouping state: articles, vocabulary, postings, topics and stories."""

    params: StoryParams = field(default_factory=StoryParams)
    articles: dict[str, IndexedArticle] = field(default_factory=dict)
    vocabulary: dict[str, int] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    df: list[int] = field(default_factory=list)
    # term id -> (article keys, weights); only terms of article vectors.
    postings: dict[int, tuple[list[str], array[float]]] = field(default_factory=dict)
    topics: dict[int, set[str]] = field(default_factory=dict)
    members: dict[int, set[str]] = field(default_factory=dict)
    next_id: int = 0
    # The terms whose postings are built, or None when all are (a restored index builds
    # them as `place` and `remove` need them: see `ensure_postings`).
    postings_built: set[int] | None = None
    postings_scans: int = 0

    # --- reading -------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every story, biggest first, then newest; each article in exactly one."""
        result = [self.story(story_id) for story_id in self.members]
        result.sort(key=lambda s: (-len(s.keys), -(s.last.timestamp() if s.last else 0), s.id))
        return result

    def story(self, story_id: int) -> Story:
        """One story by id (KeyError if there is none)."""
        self.load_stories((story_id,))
        self.load_articles(self.members[story_id])
        arts = sorted((self.articles[k] for k in self.members[story_id]), key=_article_order)
        dates = [a.published for a in arts if a.published is not None]
        return Story(
            id=story_id,
            keys=tuple(a.key for a in arts),
            title=_representative_title(arts),
            duplicates=tuple(self._duplicates(arts)),
            sources=tuple(dict.fromkeys(a.source for a in arts if a.source)),
            first=min(dates) if dates else None,
            last=max(dates) if dates else None,
        )

    def story_of(self, key: str) -> int:
        """The id of the story article `key` is in (KeyError if unknown)."""
        return self.articles[key].story

    def topic_sizes(self, topic_ids: Iterable[int]) -> dict[int, int]:
        """How many articles each of these topics has."""
        return {topic: len(self.topics[topic]) for topic in topic_ids}

    def size(self) -> int:
        """How many articles the index holds (a stored index loads only some of them)."""
        return len(self.articles)

    # --- loading hooks: an index kept in a cache (reader/index/story_store.py) reads what
    # `place`, `remove` and `story` are about to look at; this one holds it all already. --

    def load_terms(self, terms: Iterable[str]) -> None:
        """Make `vocabulary` and `df` know these terms (those the index has)."""

    def load_articles(self, keys: Iterable[str]) -> None:
        """Make `articles` hold these keys (those the index has)."""

    def load_candidates(self, keys: Iterable[str]) -> None:
        """Make `articles` hold these keys at least for what `_adjust` reads and their topic
        and story (a stored index may leave their vectors out until `load_articles`)."""

    def load_topics(self, topic_ids: Iterable[int]) -> None:
        """Make `topics` hold every member of these topics."""

    def load_stories(self, story_ids: Iterable[int]) -> None:
        """Make `members` hold every member of these stories."""

    def similarity(self, left: str, right: str) -> float:
        """Similarity of two indexed articles (0..1), as topic grouping uses it."""
        a, b = self.articles[left], self.articles[right]
        return self._adjust(a, b, _dot(_as_dict(a), b))

    # --- persistence ---------------------------------------------------------------------

    def ensure_postings(self, tids: Iterable[int]) -> None:
        """Build the postings of `tids` when a restored index has not yet (a restore leaves
        them to the terms `place` and `remove` touch: one pass over the articles, at C
        speed for the articles without one of those terms; after `LAZY_SCANS` such passes,
        one pass builds them all). Same entries, in the same order, as postings built for
        every article."""
        built = self.postings_built
        if built is None:
            return
        build_all = self.postings_scans >= LAZY_SCANS
        need = set() if build_all else {tid for tid in tids if tid not in built}
        if not (need or build_all):
            return
        self.postings_scans += 1
        postings = self.postings
        # Garbage collection off: the pass makes many lists and tuples and holds none that
        # could be garbage; each collection would walk the whole index (it doubled the time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            if build_all:
                for art in self.articles.values():
                    for tid, weight in zip(art.terms, art.weights, strict=True):
                        if tid not in built:
                            posting = postings.get(tid)
                            if posting is None:
                                posting = postings[tid] = ([], array("f"))
                            posting[0].append(art.key)
                            posting[1].append(weight)
            else:
                # Sets at C speed; Python only for the postings entries made.
                for art in self.articles.values():
                    if need.isdisjoint(art.terms):
                        continue
                    for tid in need.intersection(art.terms):
                        posting = postings.get(tid)
                        if posting is None:
                            posting = postings[tid] = ([], array("f"))
                        posting[0].append(art.key)
                        posting[1].append(art.weights[art.terms.index(tid)])
        finally:
            if collecting:
                gc.enable()
        if build_all:
            self.postings_built = None
        else:
            built |= need

    # --- internals -----------------------------------------------------------------------

    def _term_id(self, term: str) -> int:
        found = self.vocabulary.get(term)
        if found is None:
            found = self.vocabulary[term] = len(self.terms)
            self.terms.append(term)
            self.df.append(0)
        return found

    def _new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _common_limit(self) -> int:
        p = self.params
        return max(p.common_count, int(p.common_share * self.size()))

    def _vector(
        self,
        tids: Sequence[int],
        counts: Iterable[float],
        n: int,
        idf: list[float] | None = None,
        tf: Callable[[Any], float] | None = None,
    ) -> tuple[array[int], array[float]]:
        """Term ids and unit weights of the heaviest terms (df >= min_df) of one article.

        `tids` and `counts` are its term ids and weighted counts; `n` is the number of
        articles the document frequencies count; `idf` may give every term's weight already,
        and then `tf` may read `counts` as it likes (`group`: count codes, a table lookup).
        """
        p = self.params
        if idf is None:
            df, power, min_df = self.df, p.idf_power, p.min_df
            idf = [
                (math.log((n + 1) / (df[t] + 1)) + 1.0) ** power if df[t] >= min_df else 0.0
                for t in tids
            ]
            weighted = [
                (tf_weight(c) * w, t) for t, c, w in zip(tids, counts, idf, strict=True) if w > 0.0
            ]
        else:
            # Chained maps (C speed): this runs for every article of a grouping, in one
            # process, after the parallel part.
            weights = map(mul, map(tf or tf_weight, counts), map(idf.__getitem__, tids))
            weighted = list(zip(weights, tids, strict=True))
        weighted.sort(reverse=True)
        top = [pair for pair in weighted[: p.max_terms] if pair[0] > 0.0]
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        return array("i", [t for _, t in top]), array("f", [w / norm for w, _ in top])

    def _add_postings(self, art: IndexedArticle) -> None:
        """Add `art` to the postings of its terms (call `ensure_postings` first)."""
        for tid, weight in zip(art.terms, art.weights, strict=True):
            posting = self.postings.get(tid)
            if posting is None:
                posting = self.postings[tid] = ([], array("f"))
            posting[0].append(art.key)
            posting[1].append(weight)

    def _drop_posting(self, tid: int, key: str) -> int:
        """Take `key` out of the postings of `tid`; where its entry was."""
        keys, weights = self.postings[tid]
        at = keys.index(key)
        del keys[at]
        del weights[at]
        if not keys:
            del self.postings[tid]
        return at

    def _adjust(self, left: IndexedArticle, right: IndexedArticle, cosine: float) -> float:
        p = self.params
        if left.day is not None and right.day is not None:
            gap = abs(left.day - right.day)
            if gap > p.same_days:
                if gap >= p.far_days:
                    return 0.0
                cosine *= 1.0 - (gap - p.same_days) / (p.far_days - p.same_days)
        elif left.years and right.years and left.years[0] != right.years[0]:
            if not set(left.years) & set(right.years):
                cosine *= p.year_penalty
        return cosine

    def _neighbours(self, art: IndexedArticle) -> dict[str, float]:
        """Dot products of `art` with the articles sharing one of its non-common terms."""
        limit = self._common_limit()
        scores: dict[str, float] = defaultdict(float)
        for tid, weight in zip(art.terms, art.weights, strict=True):
            if self.df[tid] > limit:
                continue
            posting = self.postings.get(tid)
            if posting is None:
                continue
            for other, other_weight in zip(posting[0], posting[1], strict=True):
                scores[other] += weight * other_weight
        scores.pop(art.key, None)
        return scores

    def _local_vectors(self, keys: Sequence[str]) -> dict[str, dict[int, float]]:
        """Vectors re-weighted by rarity within `keys` (terms of one article dropped)."""
        ldf: dict[int, int] = defaultdict(int)
        for key in keys:
            for tid in self.articles[key].terms:
                ldf[tid] += 1
        n = len(keys)
        power = self.params.local_power
        factor = {t: (math.log((n + 1) / d) + 1.0) ** power for t, d in ldf.items() if d >= 2}
        vectors = {}
        for key in keys:
            art = self.articles[key]
            vec = {
                t: w * factor[t] for t, w in zip(art.terms, art.weights, strict=True) if t in factor
            }
            norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
            vectors[key] = {t: w / norm for t, w in vec.items()}
        return vectors

    def _duplicates(self, arts: list[IndexedArticle]) -> Iterator[tuple[str, str]]:
        """Pairs of near-identical texts (wire copies) among `arts` (the first 200)."""
        if len(arts) < 2:
            return
        threshold = self.params.duplicate_sketch
        sets = [(art.key, frozenset(art.sketch)) for art in arts[:200]]
        for i, (left, mine) in enumerate(sets):
            for right, theirs in sets[i + 1 :]:
                shared = len(mine & theirs)
                if shared and shared / (len(mine) + len(theirs) - shared) >= threshold:
                    yield (left, right)


@lru_cache(maxsize=4096)
def tf_weight(count: float) -> float:
    """Sublinear term frequency."""
    return 1.0 + math.log(count)


def _article_order(art: IndexedArticle) -> tuple[int, str]:
    return (art.day if art.day is not None else 10**7, art.key)


def _as_dict(art: IndexedArticle) -> dict[int, float]:
    return dict(zip(art.terms, art.weights, strict=True))


def _dot(vector: dict[int, float], art: IndexedArticle) -> float:
    return float(sum(w * vector.get(t, 0.0) for t, w in zip(art.terms, art.weights, strict=True)))


def _representative_title(arts: list[IndexedArticle]) -> str:
    """The title of the article nearest the story's centroid, skipping date-only lines."""
    if len(arts) == 1:
        return arts[0].title
    titled = [
        art for art in arts if sum(any(c.isalpha() for c in w) for w in art.title.split()) >= 3
    ]
    if not titled:
        return arts[0].title
    if len(titled) <= 2:
        return titled[0].title
    centroid: dict[int, float] = defaultdict(float)
    for art in arts[:200]:
        for tid, weight in zip(art.terms, art.weights, strict=True):
            centroid[tid] += weight
    return max(titled, key=lambda art: _dot(centroid, art)).title
