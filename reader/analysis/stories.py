"""Stories: group articles that report the same real-world event, across outlets.

Pure analysis (no I/O, no Textual, standard library only). The API:

    group(inputs: Iterable[StoryInput], params: StoryParams | None = None) -> Grouping
        Groups a corpus from scratch. `Grouping.stories` lists every article exactly once;
        `Grouping.index` is the mutable state that later updates use.
    place(index: StoryIndex, item: StoryInput) -> int
        Puts ONE new (or changed) article into its story, or a new story; returns the story id.
        Touches only the article's candidates, never the whole corpus (well under 20 ms).
    remove(index: StoryIndex, key: str) -> int | None
        Takes an article out; returns the id of the story it left (None if unknown).
    index.stories() -> list[Story]
        The current stories, biggest first, then newest.
    index.export() / StoryIndex.restore(...)
        Plain rows (JSON-able) to persist the state (per-article features and story ids,
        document frequencies) in a cache and rebuild the index without regrouping.

How it works (docs/stories.md has the measurements): each article becomes a TF-IDF vector of
its lightly stemmed words, numbers and years, the title and lead weighing more and
capitalised (name-like) words and figures more again, cut to its heaviest terms. Candidate
pairs come from an inverted index over those terms (terms in too many articles are skipped),
never from all pairs. Pair similarity is the cosine, damped when the articles' dates (given,
or written in the text) or their main years disagree. Stories are then built by
average-linkage agglomeration over the sparse candidate graph, stopped at a threshold; placing
one article applies the same rule (join the story whose average similarity is highest and
above the threshold). Wire copies are pairs in one story with near-identical 5-gram sketches.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reader.analysis.story_features import extract, sketch_similarity

__all__ = [
    "Grouping",
    "Story",
    "StoryIndex",
    "StoryInput",
    "StoryParams",
    "group",
    "place",
    "remove",
]


@dataclass(frozen=True)
class StoryInput:
    """One article as grouping sees it: a stable key, its headline, its text, and metadata."""

    key: str
    title: str
    text: str
    published: datetime | None = None
    source: str | None = None


@dataclass(frozen=True)
class StoryParams:
    """Tuning knobs; the defaults are the ones measured in docs/stories.md."""

    # Average similarity an article must have with a story to join it.
    threshold: float = 0.12
    # Pairs below this similarity are not kept as graph edges.
    edge_floor: float = 0.05
    # Terms kept per article vector, and the share of them used to look up candidates.
    max_terms: int = 40
    # A term in more articles than this (and more than `common_share` of them) finds no pairs.
    common_count: int = 200
    common_share: float = 0.05
    # Exponent on IDF: above 1, distinctive terms count more against common ones.
    idf_power: float = 1.0
    # Dates: no penalty within `same_days`, none left after `far_days`.
    same_days: int = 10
    far_days: int = 150
    # Factor on similarity when the articles' main years differ and they share no year.
    year_penalty: float = 0.5
    # Sketch similarity (estimated 5-gram Jaccard) from which two texts are duplicates.
    duplicate_sketch: float = 0.6


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


@dataclass
class ArticleState:
    """What the index keeps of one article (persistable: see `StoryIndex.export`)."""

    key: str
    title: str
    source: str | None
    published: datetime | None
    day: int | None  # ordinal day: published, else a date written near the top of the text
    years: tuple[int, ...]
    sketch: tuple[int, ...]
    vector: dict[str, float]  # unit-length TF-IDF over the heaviest terms
    counts: dict[str, float]  # all weighted term counts (for document frequencies)
    story: int = -1


@dataclass
class Grouping:
    """The result of `group`: the stories and the index to update them with."""

    stories: list[Story]
    index: StoryIndex

    def story_of(self, key: str) -> int:
        return self.index.articles[key].story


@dataclass
class StoryIndex:
    """Mutable grouping state: articles, document frequencies, postings, story members."""

    params: StoryParams = field(default_factory=StoryParams)
    articles: dict[str, ArticleState] = field(default_factory=dict)
    df: dict[str, int] = field(default_factory=dict)
    postings: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    members: dict[int, set[str]] = field(default_factory=dict)
    next_story: int = 0

    # --- reading -------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every story, biggest first, then newest; each article in exactly one."""
        result = [self.story(story_id) for story_id in self.members]
        result.sort(key=lambda s: (-len(s.keys), -(s.last.timestamp() if s.last else 0), s.id))
        return result

    def story(self, story_id: int) -> Story:
        keys = self.members[story_id]
        arts = sorted((self.articles[k] for k in keys), key=_article_order)
        dates = [a.published for a in arts if a.published is not None]
        sources = tuple(dict.fromkeys(a.source for a in arts if a.source))
        return Story(
            id=story_id,
            keys=tuple(a.key for a in arts),
            title=_representative_title(arts),
            duplicates=tuple(self._duplicates(arts)),
            sources=sources,
            first=min(dates) if dates else None,
            last=max(dates) if dates else None,
        )

    def similarity(self, left: str, right: str) -> float:
        """Similarity of two indexed articles (0..1), as grouping uses it."""
        return self._pair(self.articles[left], self.articles[right])

    # --- persistence ---------------------------------------------------------------------

    def export(self) -> dict[str, Any]:
        """The state as JSON-able rows: {"params", "df", "next_story", "articles": [...]}."""
        return {
            "params": self.params.__dict__.copy(),
            "df": dict(self.df),
            "next_story": self.next_story,
            "articles": [
                {
                    "key": a.key,
                    "title": a.title,
                    "source": a.source,
                    "published": a.published.isoformat() if a.published else None,
                    "day": a.day,
                    "years": list(a.years),
                    "sketch": list(a.sketch),
                    "vector": a.vector,
                    "story": a.story,
                }
                for a in self.articles.values()
            ],
        }

    @classmethod
    def restore(cls, data: dict[str, Any]) -> StoryIndex:
        """An index from `export()` output; no article is regrouped."""
        index = cls(params=StoryParams(**data["params"]))
        index.df = dict(data["df"])
        index.next_story = int(data["next_story"])
        for row in data["articles"]:
            published = row["published"]
            art = ArticleState(
                key=row["key"],
                title=row["title"],
                source=row["source"],
                published=datetime.fromisoformat(published) if published else None,
                day=row["day"],
                years=tuple(row["years"]),
                sketch=tuple(row["sketch"]),
                vector=dict(row["vector"]),
                counts={},
                story=int(row["story"]),
            )
            index.articles[art.key] = art
            index.members.setdefault(art.story, set()).add(art.key)
            for term, weight in art.vector.items():
                index.postings[term][art.key] = weight
        return index

    # --- internals -----------------------------------------------------------------------

    def _new_story(self, keys: Iterable[str]) -> int:
        story_id = self.next_story
        self.next_story += 1
        self.members[story_id] = set(keys)
        for key in self.members[story_id]:
            self.articles[key].story = story_id
        return story_id

    def _vector(self, counts: dict[str, float]) -> dict[str, float]:
        p = self.params
        n = len(self.articles) + 1
        weighted = []
        for term, count in counts.items():
            idf = math.log((n + 1) / (self.df.get(term, 0) + 1)) + 1.0
            weighted.append((term, (1.0 + math.log(count)) * idf**p.idf_power))
        weighted.sort(key=lambda tw: (-tw[1], tw[0]))
        top = weighted[: p.max_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {t: w / norm for t, w in top}

    def _common_limit(self) -> int:
        p = self.params
        return max(p.common_count, int(p.common_share * len(self.articles)))

    def _neighbours(self, art: ArticleState) -> dict[str, float]:
        """Dot products of `art` with every indexed article sharing a non-common term."""
        limit = self._common_limit()
        scores: dict[str, float] = defaultdict(float)
        for term, weight in art.vector.items():
            posting = self.postings.get(term)
            if not posting or len(posting) > limit:
                continue
            for other, other_weight in posting.items():
                scores[other] += weight * other_weight
        scores.pop(art.key, None)
        return scores

    def _adjust(self, left: ArticleState, right: ArticleState, cosine: float) -> float:
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

    def _pair(self, left: ArticleState, right: ArticleState) -> float:
        small, big = sorted((left.vector, right.vector), key=len)
        cosine = sum(w * big.get(t, 0.0) for t, w in small.items())
        return self._adjust(left, right, cosine)

    def _duplicates(self, arts: list[ArticleState]) -> Iterator[tuple[str, str]]:
        threshold = self.params.duplicate_sketch
        for i, left in enumerate(arts[:200]):
            for right in arts[i + 1 : 200]:
                if sketch_similarity(left.sketch, right.sketch) >= threshold:
                    yield (left.key, right.key)

    def _add_postings(self, art: ArticleState) -> None:
        for term, weight in art.vector.items():
            self.postings[term][art.key] = weight


def _article_order(art: ArticleState) -> tuple[int, str]:
    return (art.day if art.day is not None else 10**7, art.key)


def _representative_title(arts: list[ArticleState]) -> str:
    """The title of the article most like the others (a medoid), skipping date-only lines."""
    if len(arts) == 1:
        return arts[0].title
    best, best_score = arts[0].title, -1.0
    sample = arts[:60]
    for art in sample:
        words = [w for w in art.title.split() if any(c.isalpha() for c in w)]
        if len(words) < 3:
            continue
        score = sum(_cosine(art.vector, other.vector) for other in sample if other is not art)
        if score > best_score:
            best, best_score = art.title, score
    return best


def _cosine(left: dict[str, float], right: dict[str, float]) -> float:
    small, big = sorted((left, right), key=len)
    return sum(w * big.get(t, 0.0) for t, w in small.items())


def _state(item: StoryInput) -> ArticleState:
    feats = extract(item.title, item.text)
    day = item.published.date().toordinal() if item.published else feats.text_day
    return ArticleState(
        key=item.key,
        title=item.title.strip(),
        source=item.source,
        published=item.published,
        day=day,
        years=feats.years,
        sketch=feats.sketch,
        vector={},
        counts=feats.counts,
    )


# --- public API ---------------------------------------------------------------------------


def group(inputs: Iterable[StoryInput], params: StoryParams | None = None) -> Grouping:
    """Group `inputs` into stories from scratch (keys must be unique; later ones win)."""
    index = StoryIndex(params=params or StoryParams())
    states: dict[str, ArticleState] = {}
    for item in inputs:
        states[item.key] = _state(item)
    df: dict[str, int] = defaultdict(int)
    for art in states.values():
        for term in art.counts:
            df[term] += 1
    index.df = dict(df)
    index.articles = states
    n = len(states)
    p = index.params
    idf_cache: dict[str, float] = {}
    for art in states.values():
        weighted = []
        for term, count in art.counts.items():
            idf = idf_cache.get(term)
            if idf is None:
                idf = (math.log((n + 1) / (df[term] + 1)) + 1.0) ** p.idf_power
                idf_cache[term] = idf
            weighted.append((term, (1.0 + math.log(count)) * idf))
        weighted.sort(key=lambda tw: (-tw[1], tw[0]))
        top = weighted[: p.max_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        art.vector = {t: w / norm for t, w in top}
        index._add_postings(art)
    edges = _edges(index)
    clusters = _average_linkage(list(states), edges, p.threshold)
    for keys in clusters:
        index._new_story(keys)
    return Grouping(stories=index.stories(), index=index)


def place(index: StoryIndex, item: StoryInput) -> int:
    """Put one new or changed article into the best story (or a new one); its story id."""
    if item.key in index.articles:
        remove(index, item.key)
    art = _state(item)
    for term in art.counts:
        index.df[term] = index.df.get(term, 0) + 1
    art.vector = index._vector(art.counts)
    index.articles[art.key] = art
    sums: dict[int, float] = defaultdict(float)
    for other_key, dot in index._neighbours(art).items():
        other = index.articles[other_key]
        sim = index._adjust(art, other, dot)
        if sim >= index.params.edge_floor:
            sums[other.story] += sim
    best, best_score = -1, index.params.threshold
    for story_id, total in sums.items():
        score = total / len(index.members[story_id])
        if score >= best_score:
            best, best_score = story_id, score
    index._add_postings(art)
    if best < 0:
        return index._new_story([art.key])
    index.members[best].add(art.key)
    art.story = best
    return best


def remove(index: StoryIndex, key: str) -> int | None:
    """Take article `key` out of the index; the id of the story it left, or None."""
    art = index.articles.pop(key, None)
    if art is None:
        return None
    for term in art.counts:
        left = index.df.get(term, 0) - 1
        if left > 0:
            index.df[term] = left
        else:
            index.df.pop(term, None)
    for term in art.vector:
        posting = index.postings.get(term)
        if posting is not None:
            posting.pop(key, None)
            if not posting:
                del index.postings[term]
    members = index.members[art.story]
    members.discard(key)
    if not members:
        del index.members[art.story]
    return art.story


# --- clustering -----------------------------------------------------------------------------


def _edges(index: StoryIndex) -> dict[tuple[str, str], float]:
    """Similarities of candidate pairs (sharing a non-common term) above the edge floor."""
    floor = index.params.edge_floor
    limit = index._common_limit()
    order = {key: i for i, key in enumerate(index.articles)}
    edges: dict[tuple[str, str], float] = {}
    for key, art in index.articles.items():
        mine = order[key]
        scores: dict[str, float] = defaultdict(float)
        for term, weight in art.vector.items():
            posting = index.postings[term]
            if len(posting) > limit:
                continue
            for other, other_weight in posting.items():
                if order[other] > mine:
                    scores[other] += weight * other_weight
        for other, dot in scores.items():
            if dot < floor:
                continue
            sim = index._adjust(art, index.articles[other], dot)
            if sim >= floor:
                edges[(key, other)] = sim
    return edges


def _average_linkage(
    keys: list[str], edges: dict[tuple[str, str], float], threshold: float
) -> list[list[str]]:
    """Average-linkage agglomeration over a sparse graph (absent edges count as 0)."""
    parent = {key: key for key in keys}
    size = {key: 1 for key in keys}
    links: dict[str, dict[str, float]] = defaultdict(dict)
    for (a, b), sim in edges.items():
        links[a][b] = sim
        links[b][a] = sim
    heap = [(-sim, a, b) for (a, b), sim in edges.items() if sim >= threshold]
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
        del links[a][b]
        for other, sim in links.pop(b).items():
            if other == a:
                continue
            del links[other][b]
            links[a][other] = links[a].get(other, 0.0) + sim
            links[other][a] = links[a][other]
        for other, total in links[a].items():
            average = total / (size[a] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, a, other))
    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        root = key
        while parent[root] != root:
            root = parent[root]
        groups[root].append(key)
    return list(groups.values())
