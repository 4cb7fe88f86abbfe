"""Stories within one topic: topic-local similarities; undated topics read by their leads.

In: a `StoryIndex` and the keys of one topic. Out: the topic's stories (`split_topic`), or one
article's summed similarity to each story of its topic (`story_sums`, for `place`).

Inside a topic every term is re-weighted by its rarity within the topic: what all of its
articles share ("earthquake", the company's name) says nothing about which event each one
reports. When no article of the topic has a date, nothing else tells a thread's occurrences
apart: dated articles weeks apart are damped, undated ones are not, and one outlet's reports
on a saga (an auction, then lawsuits, then hearings) recall the same background in every
article, so their whole vectors stay close. There two articles are as similar as the least
of what their title-and-lead terms share and what each one's title and lead share with the
other's whole vector: articles that report the same occurrence say it in their leads and
find it in each other; an article that only recalls an earlier event in its background does
not make that event's report its own.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Sequence

from reader.analysis.story_cluster import Edges, average_linkage
from reader.analysis.story_index import IndexedArticle, StoryIndex

__all__ = ["lead_mask", "split_topic", "story_sums"]

_Vector = dict[int, float]


def lead_mask(terms: Sequence[int], tids: Sequence[int], bits: int) -> int:
    """Bit i set when the vector term `terms[i]` is in the title or lead. `tids` are the
    article's term ids in the order of its counts, `bits` flags them the same way
    (`story_features.lead_bits`). 0 when the lead is not known (dated articles)."""
    if not bits:
        return 0
    position = dict(zip(tids, range(len(tids)), strict=True))
    mask = 0
    for i, tid in enumerate(terms):
        if bits >> position[tid] & 1:
            mask |= 1 << i
    return mask


def split_topic(index: StoryIndex, keys: list[str]) -> list[list[str]]:
    """The stories of one topic: average linkage over topic-local similarities."""
    p = index.params
    if len(keys) < p.local_min or len(keys) > p.local_max:
        return [keys]
    local = index._local_vectors(keys)
    vectors = [local[key] for key in keys]
    arts = [index.articles[key] for key in keys]
    leads = _leads(index, arts, vectors)
    edges = Edges()
    for i, va in enumerate(vectors):
        art = arts[i]
        for j in range(i + 1, len(keys)):
            vb = vectors[j]
            sim = _dot(va, vb)
            if sim > 0.0:
                if leads is not None:
                    sim = _by_leads(leads[i], va, leads[j], vb)
                sim = index._adjust(art, arts[j], sim)
                if sim > 0.0:
                    edges.add(i, j, sim)
    clusters = average_linkage(len(keys), edges, p.story_threshold)
    return [[keys[n] for n in cluster] for cluster in clusters]


def story_sums(
    index: StoryIndex, art: IndexedArticle, topic_keys: Collection[str]
) -> dict[int, float]:
    """Story id -> summed topic-local similarity of `art` (already in the index) to that
    story's articles in `topic_keys`, by the rule `split_topic` groups with."""
    keys = [*topic_keys, art.key]
    vectors = index._local_vectors(keys)
    mine = vectors[art.key]
    others = [index.articles[key] for key in topic_keys]
    leads = _leads(index, [*others, art], [*(vectors[key] for key in topic_keys), mine])
    sums: dict[int, float] = defaultdict(float)
    for n, (key, other) in enumerate(zip(topic_keys, others, strict=True)):
        theirs = vectors[key]
        sim = sum(w * mine.get(t, 0.0) for t, w in theirs.items())
        if leads is not None and sim > 0.0:
            sim = _by_leads(leads[-1], mine, leads[n], theirs)
        sums[other.story] += index._adjust(art, other, sim)
    return sums


def _leads(
    index: StoryIndex, arts: Sequence[IndexedArticle], vectors: Sequence[_Vector]
) -> list[_Vector] | None:
    """Each article's local vector cut to its title-and-lead terms and made unit length,
    when the rule applies (no article dated); else None."""
    if not index.params.undated_leads or any(art.day is not None for art in arts):
        return None
    leads = []
    for art, vector in zip(arts, vectors, strict=True):
        mask = art.lead
        if not mask:
            leads.append(vector)
            continue
        lead = {
            tid: vector[tid] for i, tid in enumerate(art.terms) if mask >> i & 1 and tid in vector
        }
        norm = math.sqrt(sum(w * w for w in lead.values())) or 1.0
        leads.append({tid: w / norm for tid, w in lead.items()})
    return leads


def _by_leads(lead_a: _Vector, whole_a: _Vector, lead_b: _Vector, whole_b: _Vector) -> float:
    return min(_dot(lead_a, lead_b), _dot(lead_a, whole_b), _dot(lead_b, whole_a))


def _dot(va: _Vector, vb: _Vector) -> float:
    small, big = (va, vb) if len(va) <= len(vb) else (vb, va)
    return sum(w * big.get(t, 0.0) for t, w in small.items())
