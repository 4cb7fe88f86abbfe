"""Stories: group articles that report the same real-world event, across outlets.

Pure analysis: no I/O, no Textual, standard library only. The API:

    group(inputs: Iterable[StoryInput | StoryFeatures], params: StoryParams | None = None,
          workers: int = 1) -> Grouping
        Groups a corpus from scratch. `Grouping.stories` lists every article exactly once,
        biggest story first; `Grouping.index` is the state later updates use.
    features(item: StoryInput) -> StoryFeatures
        The per-article part of the work (plain values, picklable): run it where articles
        are parsed (worker processes) and pass the results to `group`.
    place(index: StoryIndex, item: StoryInput | StoryFeatures) -> int
        Puts ONE new (or changed) article into its story, or a new story, and returns the
        story id. Touches only the article's candidates and its topic, never the corpus.
    remove(index: StoryIndex, key: str) -> int | None
        Takes an article out; returns the id of the story it left (None if unknown).
    index.stories() -> list[Story];  index.story(story_id) -> Story;
    index.story_of(key) -> int
    index.export() -> dict  /  StoryIndex.restore(dict) -> StoryIndex
        JSON-able state (per-article vectors, sketches, topic and story ids; document
        frequencies) for a cache; restoring regroups nothing.

Story ids are small integers, stable while the index lives (and across export/restore).

How it works (docs/stories.md has the measurements):
1. Each article becomes a TF-IDF vector of its lightly stemmed words, numbers and years; the
   title and the lead weigh more, words that are always capitalised in the article (names)
   and figures more again. Terms found in one article only are dropped (they link nothing
   and dilute the cosine), and the vector keeps its heaviest `max_terms` terms.
2. Candidate pairs come from an inverted index over those terms, skipping terms in too many
   articles: never all pairs. Pair similarity is the cosine, damped when the two articles'
   dates (published, else written near the top of the text) are far apart, or their main
   years differ.
3. Topics: average-linkage agglomeration over the sparse candidate graph, stopped at
   `topic_threshold`. A topic holds articles about one subject, often two events of one kind
   (two earthquakes).
4. Stories: inside each topic, terms are re-weighted by how rare they are *within the topic*
   (terms that every article of the topic shares say nothing about which event it is;
   terms in one article only are dropped), and average linkage again at `story_threshold`.
Placing one article applies the same two rules: join the topic with the highest average
similarity (if above the topic threshold), then the story of that topic with the highest
average topic-local similarity (if above the story threshold), else start a new one.
Wire copies: pairs within a story whose word 5-gram sketches nearly match.
"""

from __future__ import annotations

import gc
import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from reader.analysis.story_cluster import Edges, average_linkage, candidate_edges
from reader.analysis.story_features import extract

__all__ = [
    "Grouping",
    "Story",
    "StoryFeatures",
    "StoryIndex",
    "StoryInput",
    "StoryParams",
    "features",
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
class StoryFeatures:
    """What grouping keeps of one article's text (plain values: cheap to pickle)."""

    key: str
    title: str
    source: str | None
    published: datetime | None
    day: int | None  # ordinal: the published day, else a date written near the top
    years: tuple[int, ...]  # main years mentioned in the title and lead (or body)
    sketch: tuple[int, ...]  # bottom-k hashes of word 5-grams
    counts: dict[str, float]  # weighted term counts, before IDF


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
class _Article:
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


@dataclass
class Grouping:
    """The result of `group`: the stories and the index to update them with."""

    stories: list[Story]
    index: StoryIndex

    def story_of(self, key: str) -> int:
        return self.index.story_of(key)


@dataclass
class StoryIndex:
    """Mutable grouping state: articles, vocabulary, postings, topics and stories."""

    params: StoryParams = field(default_factory=StoryParams)
    articles: dict[str, _Article] = field(default_factory=dict)
    vocabulary: dict[str, int] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    df: list[int] = field(default_factory=list)
    # term id -> (article keys, weights); only terms of article vectors.
    postings: dict[int, tuple[list[str], array[float]]] = field(default_factory=dict)
    topics: dict[int, set[str]] = field(default_factory=dict)
    members: dict[int, set[str]] = field(default_factory=dict)
    next_id: int = 0

    # --- reading -------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Every story, biggest first, then newest; each article in exactly one."""
        result = [self.story(story_id) for story_id in self.members]
        result.sort(key=lambda s: (-len(s.keys), -(s.last.timestamp() if s.last else 0), s.id))
        return result

    def story(self, story_id: int) -> Story:
        """One story by id (KeyError if there is none)."""
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

    def similarity(self, left: str, right: str) -> float:
        """Similarity of two indexed articles (0..1), as topic grouping uses it."""
        a, b = self.articles[left], self.articles[right]
        return self._adjust(a, b, _dot(_as_dict(a), b))

    # --- persistence ---------------------------------------------------------------------

    def export(self) -> dict[str, Any]:
        """The state as JSON-able values (see `restore`)."""
        return {
            "params": asdict(self.params),
            "df": {t: d for t, d in zip(self.terms, self.df, strict=True) if d > 0},
            "next_id": self.next_id,
            "articles": [
                {
                    "key": a.key,
                    "title": a.title,
                    "source": a.source,
                    "published": a.published.isoformat() if a.published else None,
                    "day": a.day,
                    "years": list(a.years),
                    "sketch": list(a.sketch),
                    "vector": [[self.terms[t], w] for t, w in zip(a.terms, a.weights, strict=True)],
                    "topic": a.topic,
                    "story": a.story,
                }
                for a in self.articles.values()
            ],
        }

    @classmethod
    def restore(cls, data: dict[str, Any]) -> StoryIndex:
        """An index from `export()` output; no article is regrouped."""
        index = cls(params=StoryParams(**data["params"]))
        for term, count in data["df"].items():
            index.df[index._term_id(term)] = int(count)
        index.next_id = int(data["next_id"])
        for row in data["articles"]:
            published = row["published"]
            vector = row["vector"]
            art = _Article(
                key=row["key"],
                title=row["title"],
                source=row["source"],
                published=datetime.fromisoformat(published) if published else None,
                day=row["day"],
                years=tuple(row["years"]),
                sketch=array("I", row["sketch"]),
                terms=array("i", [index._term_id(t) for t, _ in vector]),
                weights=array("f", [w for _, w in vector]),
                topic=int(row["topic"]),
                story=int(row["story"]),
            )
            index.articles[art.key] = art
            index.topics.setdefault(art.topic, set()).add(art.key)
            index.members.setdefault(art.story, set()).add(art.key)
            index._add_postings(art)
        return index

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
        return max(p.common_count, int(p.common_share * len(self.articles)))

    def _vector(
        self, tids: Sequence[int], counts: Sequence[float], n: int, idf: list[float] | None = None
    ) -> tuple[array[int], array[float]]:
        """Term ids and unit weights of the heaviest terms (df >= min_df) of one article.

        `tids` and `counts` are its term ids and weighted counts; `n` is the number of
        articles the document frequencies count; `idf` may give every term's weight already.
        """
        p = self.params
        if idf is None:
            df, power, min_df = self.df, p.idf_power, p.min_df
            idf = [
                (math.log((n + 1) / (df[t] + 1)) + 1.0) ** power if df[t] >= min_df else 0.0
                for t in tids
            ]
            weighted = [
                (_tf(c) * w, t) for t, c, w in zip(tids, counts, idf, strict=True) if w > 0.0
            ]
        else:
            weighted = [(_tf(c) * idf[t], t) for t, c in zip(tids, counts, strict=True)]
        weighted.sort(reverse=True)
        top = [pair for pair in weighted[: p.max_terms] if pair[0] > 0.0]
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        return array("i", [t for _, t in top]), array("f", [w / norm for w, _ in top])

    def _add_postings(self, art: _Article) -> None:
        for tid, weight in zip(art.terms, art.weights, strict=True):
            posting = self.postings.get(tid)
            if posting is None:
                posting = self.postings[tid] = ([], array("f"))
            posting[0].append(art.key)
            posting[1].append(weight)

    def _adjust(self, left: _Article, right: _Article, cosine: float) -> float:
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

    def _neighbours(self, art: _Article) -> dict[str, float]:
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

    def _split_topic(self, keys: list[str]) -> list[list[str]]:
        """The stories of one topic: average linkage over topic-local similarities."""
        p = self.params
        if len(keys) < p.local_min or len(keys) > p.local_max:
            return [keys]
        local = self._local_vectors(keys)
        vectors = [local[key] for key in keys]
        arts = [self.articles[key] for key in keys]
        edges = Edges()
        for i, va in enumerate(vectors):
            art = arts[i]
            for j in range(i + 1, len(keys)):
                vb = vectors[j]
                small, big = (va, vb) if len(va) <= len(vb) else (vb, va)
                sim = sum(w * big.get(t, 0.0) for t, w in small.items())
                if sim > 0.0:
                    sim = self._adjust(art, arts[j], sim)
                    if sim > 0.0:
                        edges.add(i, j, sim)
        clusters = average_linkage(len(keys), edges, p.story_threshold)
        return [[keys[n] for n in cluster] for cluster in clusters]

    def _duplicates(self, arts: list[_Article]) -> Iterator[tuple[str, str]]:
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
def _tf(count: float) -> float:
    """Sublinear term frequency."""
    return 1.0 + math.log(count)


def _article_order(art: _Article) -> tuple[int, str]:
    return (art.day if art.day is not None else 10**7, art.key)


def _as_dict(art: _Article) -> dict[int, float]:
    return dict(zip(art.terms, art.weights, strict=True))


def _dot(vector: dict[int, float], art: _Article) -> float:
    return float(sum(w * vector.get(t, 0.0) for t, w in zip(art.terms, art.weights, strict=True)))


def _representative_title(arts: list[_Article]) -> str:
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


def features(item: StoryInput) -> StoryFeatures:
    """The features of one article (the costly, per-article part of grouping)."""
    feats = extract(item.title, item.text)
    day = item.published.date().toordinal() if item.published else feats.text_day
    return StoryFeatures(
        key=item.key,
        title=item.title.strip(),
        source=item.source,
        published=item.published,
        day=day,
        years=feats.years,
        sketch=feats.sketch,
        counts=feats.counts,
    )


_BATCH = 500


def _features_batch(items: list[StoryInput | StoryFeatures]) -> list[StoryFeatures]:
    return [features(i) if isinstance(i, StoryInput) else i for i in items]


def _all_features(
    inputs: Iterable[StoryInput | StoryFeatures], workers: int
) -> Iterator[StoryFeatures]:
    """Features of every input, in order, streamed (never all count dicts at once)."""
    if workers <= 1:
        for item in inputs:
            yield features(item) if isinstance(item, StoryInput) else item
        return
    from concurrent.futures import ProcessPoolExecutor

    def batches() -> Iterator[list[StoryInput | StoryFeatures]]:
        batch: list[StoryInput | StoryFeatures] = []
        for item in inputs:
            batch.append(item)
            if len(batch) >= _BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    with ProcessPoolExecutor(workers) as pool:
        pending: list[Any] = []
        for batch in batches():
            pending.append(pool.submit(_features_batch, batch))
            # A few batches in flight keep both cores busy without holding them all.
            if len(pending) > 2 * workers:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()


# --- public API ---------------------------------------------------------------------------


def group(
    inputs: Iterable[StoryInput | StoryFeatures],
    params: StoryParams | None = None,
    workers: int = 1,
) -> Grouping:
    """Group `inputs` into stories from scratch (keys should be unique; a later one wins).

    `workers` > 1 extracts features in that many processes (worth it from ~2,000 articles).
    """
    enabled = gc.isenabled()
    # Millions of small long-lived containers: the cyclic collector would rescan them all
    # again and again (a quarter of the time at 20,000 articles) and finds no cycles here.
    gc.disable()
    try:
        return _group(inputs, params or StoryParams(), workers)
    finally:
        if enabled:
            gc.enable()


def _group(
    inputs: Iterable[StoryInput | StoryFeatures], params: StoryParams, workers: int
) -> Grouping:
    index = StoryIndex(params=params)
    compact: dict[str, tuple[Any, array[int], array[int], array[float]]] = {}
    for feats in _all_features(inputs, workers):
        earlier = compact.pop(feats.key, None)
        if earlier is not None:
            for tid in earlier[2]:
                index.df[tid] -= 1
        tids = array("i", [index._term_id(term) for term in feats.counts])
        for tid in tids:
            index.df[tid] += 1
        # Keep the counts compact and drop the dict: 100,000 of them would not fit.
        meta = (feats.title, feats.source, feats.published, feats.day, feats.years)
        sketch = array("I", feats.sketch)
        compact[feats.key] = (meta, sketch, tids, array("f", feats.counts.values()))
    n_total = len(compact)
    power, min_df = params.idf_power, params.min_df
    idf = [
        (math.log((n_total + 1) / (d + 1)) + 1.0) ** power if d >= min_df else 0.0 for d in index.df
    ]
    for key in list(compact):
        (title, source, published, day, years), sketch, tids, counts = compact.pop(key)
        terms, weights = index._vector(tids, counts, n_total, idf)
        index.articles[key] = _Article(
            key=key,
            title=title,
            source=source,
            published=published,
            day=day,
            years=years,
            sketch=sketch,
            terms=terms,
            weights=weights,
        )
    keys = list(index.articles)
    edges = candidate_edges(index, keys)
    topics = average_linkage(len(keys), edges, index.params.topic_threshold)
    del edges
    for topic_slots in topics:
        topic_keys = [keys[slot] for slot in topic_slots]
        topic_id = index._new_id()
        index.topics[topic_id] = set(topic_keys)
        for story_keys in index._split_topic(topic_keys):
            story_id = index._new_id()
            index.members[story_id] = set(story_keys)
            for key in story_keys:
                art = index.articles[key]
                art.topic, art.story = topic_id, story_id
    return Grouping(stories=index.stories(), index=index)


def place(index: StoryIndex, item: StoryInput | StoryFeatures) -> int:
    """Put one new or changed article into the best story (or a new one); its story id."""
    feats = features(item) if isinstance(item, StoryInput) else item
    if feats.key in index.articles:
        remove(index, feats.key)
    p = index.params
    tids = [index._term_id(term) for term in feats.counts]
    for tid in tids:
        index.df[tid] += 1
    terms, weights = index._vector(tids, list(feats.counts.values()), len(index.articles) + 1)
    art = _Article(
        key=feats.key,
        title=feats.title,
        source=feats.source,
        published=feats.published,
        day=feats.day,
        years=feats.years,
        sketch=array("I", feats.sketch),
        terms=terms,
        weights=weights,
    )
    index._add_postings(art)
    index.articles[art.key] = art
    topic_sums: dict[int, float] = defaultdict(float)
    global_story_sums: dict[int, float] = defaultdict(float)
    for other_key, dot in index._neighbours(art).items():
        other = index.articles[other_key]
        sim = index._adjust(art, other, dot)
        if sim >= p.edge_floor:
            topic_sums[other.topic] += sim
            global_story_sums[other.story] += sim
    topic = _best(topic_sums, index.topics, p.topic_threshold)
    if topic is None:
        topic = index._new_id()
        index.topics[topic] = set()
    topic_keys = index.topics[topic]
    story = None
    stories = {index.articles[k].story for k in topic_keys}
    size = len(topic_keys) + 1
    if size > p.local_max:
        # Too big to re-weight within (grouping left it whole, or it grew by placements):
        # the story with the highest average plain similarity, by the topic rule.
        in_topic = {s: total for s, total in global_story_sums.items() if s in stories}
        story = _best(in_topic, index.members, p.topic_threshold)
    elif len(stories) == 1 and size < p.local_min:
        story = next(iter(stories))
    elif stories:
        keys = [*topic_keys, art.key]
        vectors = index._local_vectors(keys)
        mine = vectors[art.key]
        story_sums: dict[int, float] = defaultdict(float)
        for key in topic_keys:
            other = index.articles[key]
            sim = sum(w * mine.get(t, 0.0) for t, w in vectors[key].items())
            story_sums[other.story] += index._adjust(art, other, sim)
        story = _best(story_sums, index.members, p.story_threshold)
    if story is None:
        story = index._new_id()
        index.members[story] = set()
    topic_keys.add(art.key)
    index.members[story].add(art.key)
    art.topic, art.story = topic, story
    return story


def _best(sums: dict[int, float], groups: dict[int, set[str]], threshold: float) -> int | None:
    best, best_score = None, threshold
    for group_id, total in sorted(sums.items()):
        score = total / len(groups[group_id])
        if score >= best_score:
            best, best_score = group_id, score
    return best


def remove(index: StoryIndex, key: str) -> int | None:
    """Take article `key` out of the index; the id of the story it left, or None."""
    art = index.articles.pop(key, None)
    if art is None:
        return None
    for tid in art.terms:
        keys, weights = index.postings[tid]
        at = keys.index(key)
        del keys[at]
        del weights[at]
        if not keys:
            del index.postings[tid]
    # Document frequencies count every term of the text, not only the kept ones; the
    # decrement covers the kept ones (the rest drift by one, harmless for IDF).
    for tid in art.terms:
        index.df[tid] = max(0, index.df[tid] - 1)
    for groups, group_id in ((index.topics, art.topic), (index.members, art.story)):
        members = groups[group_id]
        members.discard(key)
        if not members:
            del groups[group_id]
    return art.story
