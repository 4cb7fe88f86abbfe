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
    story_state.encode(index) -> bytes  /  story_state.decode(bytes) -> StoryIndex
        Compact state (per-article vectors, sketches, topic and story ids; document
        frequencies) for a cache; decoding regroups nothing.

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
   In a topic where no article has a date, two articles count only what their titles and
   leads share with each other and with the other's text (`story_split`): without dates, a
   thread's occurrences are told apart by what each article reports, not its background.
Placing one article applies the same two rules: join the topic with the highest average
similarity (if above the topic threshold), then the story of that topic with the highest
average topic-local similarity (if above the story threshold), else start a new one.
Wire copies: pairs within a story whose word 5-gram sketches nearly match.
"""

from __future__ import annotations

import gc
import heapq
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reader.analysis.story_candidates import candidate_edges
from reader.analysis.story_cluster import average_linkage
from reader.analysis.story_features import CountCodes, extract
from reader.analysis.story_index import IndexedArticle, Story, StoryIndex, StoryParams, tf_weight
from reader.analysis.story_split import lead_mask, split_topic, story_sums

__all__ = [
    "Grouping",
    "GroupingCancelled",
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


class GroupingCancelled(Exception):
    """`group` stopped because its caller asked it to (`should_stop` returned True)."""


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
    lead: int = 0  # undated: bit i, the i-th term of `counts` is in the title or lead


@dataclass
class Grouping:
    """The result of `group`: the stories and the index to update them with."""

    stories: list[Story]
    index: StoryIndex

    def story_of(self, key: str) -> int:
        return self.index.story_of(key)


def features(item: StoryInput) -> StoryFeatures:
    """The features of one article (the costly, per-article part of grouping)."""
    feats = extract(item.title, item.text, leads=item.published is None)
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
        lead=feats.lead if day is None else 0,
    )


_BATCH = 500

# What a feature worker sends back for one article: key, title, source, published, day,
# years, sketch, its terms joined by newlines (terms never hold whitespace; in one process the
# dict's keys as they are), their weighted counts and which of them are in the title or lead
# (undated articles). One string and two
# arrays pickle and unpickle several times faster than a dict of 200 strings, and the parent
# keeps the arrays as they come.
_Packed = tuple[
    str,
    str,
    "str | None",
    "datetime | None",
    "int | None",
    tuple[int, ...],
    "array[int]",
    "str | Iterable[str]",
    "array[float]",
    int,
]


def _pack(feats: StoryFeatures, local: bool = False) -> _Packed:
    """`local`: for this process, the terms as they are (not joined: nothing to pickle)."""
    counts = feats.counts
    return (
        feats.key,
        feats.title,
        feats.source,
        feats.published,
        feats.day,
        feats.years,
        array("I", feats.sketch),
        counts.keys() if local else "\n".join(counts),
        array("f", counts.values()),
        feats.lead,
    )


def _features_batch(items: list[StoryInput | StoryFeatures]) -> list[_Packed]:
    return [_pack(features(i) if isinstance(i, StoryInput) else i) for i in items]


def _all_features(inputs: Iterable[StoryInput | StoryFeatures], workers: int) -> Iterator[_Packed]:
    """Features of every input, in order, streamed (never all count dicts at once)."""
    if workers <= 1:
        for item in inputs:
            yield _pack(features(item) if isinstance(item, StoryInput) else item, local=True)
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


class _Vocabulary(dict[str, int]):
    """term -> term id; an unknown term gets the next id (and its name is appended to
    `names`), so that a `map` over it interns a whole article at C speed."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names

    def __missing__(self, term: str) -> int:
        found = self[term] = len(self.names)
        self.names.append(term)
        return found


# --- public API ---------------------------------------------------------------------------


def group(
    inputs: Iterable[StoryInput | StoryFeatures],
    params: StoryParams | None = None,
    workers: int = 1,
    should_stop: Callable[[], bool] | None = None,
) -> Grouping:
    """Group `inputs` into stories from scratch (keys should be unique; a later one wins).

    `workers` > 1 extracts features in that many processes (worth it from ~2,000 articles).
    `should_stop` is asked now and then; when it returns True, `GroupingCancelled` is raised.
    """
    enabled = gc.isenabled()
    # Millions of small long-lived containers: the cyclic collector would rescan them all
    # again and again (a quarter of the time at 20,000 articles) and finds no cycles here.
    gc.disable()
    try:
        return _group(inputs, params or StoryParams(), workers, should_stop or _never)
    finally:
        if enabled:
            gc.enable()


def _never() -> bool:
    return False


# `should_stop` is asked once every this many articles in the per-article loops.
_STOP_EVERY = 256


def _group(
    inputs: Iterable[StoryInput | StoryFeatures],
    params: StoryParams,
    workers: int,
    should_stop: Callable[[], bool],
) -> Grouping:
    def check(count: int = 0) -> None:
        if count % _STOP_EVERY == 0 and should_stop():
            raise GroupingCancelled

    index = StoryIndex(params=params)
    # key -> (metadata, sketch, term ids, count codes, lead bits) until the document
    # frequencies are known.
    compact: dict[str, tuple[Any, array[int], array[int], array[int], int]] = {}
    names = index.terms
    vocabulary = index.vocabulary = _Vocabulary(names)
    intern = vocabulary.__getitem__
    df: Counter[int] = Counter()
    count_codes = CountCodes()
    for count, packed in enumerate(_all_features(inputs, workers)):
        check(count)
        key, title, source, published, day, years, sketch, joined, counts, bits = packed
        earlier = compact.pop(key, None)
        if earlier is not None:
            df.subtract(earlier[2])
        # Term ids and document frequencies by `map` and `Counter` (C speed): a million
        # terms at 10,000 articles, in the parent process while the workers extract.
        if isinstance(joined, str):
            joined = joined.split("\n") if joined else ()
        tids = array("i", map(intern, joined))
        df.update(tids)
        compact[key] = (
            (title, source, published, day, years),
            sketch,
            tids,
            count_codes.encode(counts),
            bits,
        )
    index.df = list(map(df.__getitem__, range(len(names))))
    del df
    n_total = len(compact)
    power, min_df = params.idf_power, params.min_df
    idf = [
        (math.log((n_total + 1) / (d + 1)) + 1.0) ** power if d >= min_df else 0.0 for d in index.df
    ]
    # A count's sublinear weight once per distinct count (a few dozen), not once per term
    # of every article: a table lookup instead of a call to `tf_weight`.
    tf = list(map(tf_weight, count_codes.known)).__getitem__
    for count, key in enumerate(list(compact)):
        check(count)
        (title, source, published, day, years), sketch, tids, codes, bits = compact.pop(key)
        terms, weights = index._vector(tids, codes, n_total, idf, tf)
        index.articles[key] = IndexedArticle(
            key=key,
            title=title,
            source=source,
            published=published,
            day=day,
            years=years,
            sketch=sketch,
            terms=terms,
            weights=weights,
            lead=lead_mask(terms, tids, bits),
        )
    keys = list(index.articles)
    check()
    edges = candidate_edges(index, keys, workers)
    check()
    topics = average_linkage(len(keys), edges, index.params.topic_threshold)
    del edges
    for count, topic_slots in enumerate(topics):
        check(count)
        topic_keys = [keys[slot] for slot in topic_slots]
        topic_id = index._new_id()
        index.topics[topic_id] = set(topic_keys)
        for story_keys in split_topic(index, topic_keys):
            story_id = index._new_id()
            index.members[story_id] = set(story_keys)
            for key in story_keys:
                art = index.articles[key]
                art.topic, art.story = topic_id, story_id
    return Grouping(stories=index.stories(), index=index)


def place(index: StoryIndex, item: StoryInput | StoryFeatures) -> int:
    """Put one new or changed article into the best story (or a new one); its story id."""
    feats = features(item) if isinstance(item, StoryInput) else item
    index.load_articles((feats.key,))
    if feats.key in index.articles:
        remove(index, feats.key)
    p = index.params
    index.load_terms(feats.counts)
    tids = [index._term_id(term) for term in feats.counts]
    for tid in tids:
        index.df[tid] += 1
    terms, weights = index._vector(tids, list(feats.counts.values()), index.size() + 1)
    art = IndexedArticle(
        lead=lead_mask(terms, tids, feats.lead),
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
    index.ensure_postings(terms)
    index._add_postings(art)
    index.articles[art.key] = art
    topic_sums: dict[int, float] = defaultdict(float)
    global_story_sums: dict[int, float] = defaultdict(float)
    # The date and year rules only ever lower a similarity: a dot product under the floor
    # stays under it, and its article is not looked at (nor read from a cache).
    floor = p.edge_floor
    neighbours = [(key, dot) for key, dot in index._neighbours(art).items() if dot >= floor]
    if art.day is None and 0 < p.undated_edges < len(neighbours):
        kept = _closest(index, art, neighbours)
    else:
        index.load_candidates(key for key, _ in neighbours)
        kept = [
            (sim, other)
            for key, dot in neighbours
            if (sim := index._adjust(art, other := index.articles[key], dot)) >= floor
        ]
    for sim, other in kept:
        topic_sums[other.topic] += sim
        global_story_sums[other.story] += sim
    sizes = index.topic_sizes(topic_sums)
    topic = _best(topic_sums, sizes.__getitem__, p.topic_threshold)
    if topic is None:
        topic = index._new_id()
        index.topics[topic] = set()
    else:
        index.load_topics((topic,))
    topic_keys = index.topics[topic]
    index.load_articles(topic_keys)
    story = None
    stories = {index.articles[k].story for k in topic_keys}
    index.load_stories(stories)
    size = len(topic_keys) + 1
    if size > p.local_max:
        # Too big to re-weight within (grouping left it whole, or it grew by placements):
        # the story with the highest average plain similarity, by the topic rule.
        in_topic = {s: total for s, total in global_story_sums.items() if s in stories}
        story = _best(in_topic, _size_of(index.members), p.topic_threshold)
    elif len(stories) == 1 and size < p.local_min:
        story = next(iter(stories))
    elif stories:
        story = _best(
            story_sums(index, art, topic_keys), _size_of(index.members), p.story_threshold
        )
    if story is None:
        story = index._new_id()
        index.members[story] = set()
    topic_keys.add(art.key)
    index.members[story].add(art.key)
    art.topic, art.story = topic, story
    return story


def _closest(
    index: StoryIndex, art: IndexedArticle, neighbours: list[tuple[str, float]]
) -> list[tuple[float, IndexedArticle]]:
    """The `undated_edges` most similar of an undated article's candidates (key, dot
    product), as the grouping keeps them (`story_candidates`; ties: the greater key),
    most similar first.

    The year rule only lowers a dot product, so candidates are read (from a cache: one
    row each) by falling dot product, a chunk at a time, until the next one's dot product
    is under the last kept similarity: `undated_edges` rows, now and then twice as many,
    instead of every one (100,000 random-word articles, 30 placements: 64 rows for 28 and
    128 for 2, against 571-1,431; CPU median 7 ms against 14-17 ms).
    """
    cap, floor = index.params.undated_edges, index.params.edge_floor
    neighbours.sort(key=lambda pair: (-pair[1], pair[0]))
    best: list[tuple[float, str, IndexedArticle]] = []
    for at in range(0, len(neighbours), cap):
        if len(best) == cap and neighbours[at][1] < best[0][0]:
            break
        chunk = neighbours[at : at + cap]
        index.load_candidates(key for key, _ in chunk)
        for key, dot in chunk:
            other = index.articles[key]
            sim = index._adjust(art, other, dot)
            if sim < floor:
                continue
            if len(best) < cap:
                heapq.heappush(best, (sim, key, other))
            elif (sim, key) > best[0][:2]:
                heapq.heapreplace(best, (sim, key, other))
    return [(sim, other) for sim, _, other in sorted(best, key=lambda kept: kept[:2], reverse=True)]


def _size_of(groups: dict[int, set[str]]) -> Callable[[int], int]:
    return lambda group_id: len(groups[group_id])


def _best(sums: dict[int, float], size: Callable[[int], int], threshold: float) -> int | None:
    best, best_score = None, threshold
    for group_id, total in sorted(sums.items()):
        score = total / size(group_id)
        if score >= best_score:
            best, best_score = group_id, score
    return best


def remove(index: StoryIndex, key: str) -> int | None:
    """Take article `key` out of the index; the id of the story it left, or None."""
    index.load_articles((key,))
    art = index.articles.get(key)
    if art is None:
        return None
    index.ensure_postings(art.terms)
    index.load_topics((art.topic,))
    index.load_stories((art.story,))
    del index.articles[key]
    for tid in art.terms:
        index._drop_posting(tid, key)
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
