"""Line up the paragraphs of two articles by the similarity of their terms, in order."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from reader.analysis.paragraphs import paragraph_terms
from reader.highlight.span import SpanLike

# Paragraph pairs below this cosine similarity are not matched. Chosen on the seeds and on
# BBC articles compared with edited copies of themselves: unrelated paragraphs of one story
# sit around 0.05-0.15, a paragraph and its rewrite well above 0.25.
MATCH_THRESHOLD = 0.2
# Paragraphs with fewer distinct terms than this match with proportionally lower scores.
SHORT_PARAGRAPH_TERMS = 5


class Pair(NamedTuple):
    """One row of an alignment: a left paragraph, a right one, or both with their similarity."""

    left: int | None
    right: int | None
    score: float


def align_paragraphs(
    left: Sequence[str],
    right: Sequence[str],
    *,
    left_spans: Sequence[Sequence[SpanLike]] | None = None,
    right_spans: Sequence[Sequence[SpanLike]] | None = None,
    threshold: float = MATCH_THRESHOLD,
) -> list[Pair]:
    """Line up two lists of paragraphs, keeping their order; unmatched ones face a gap.

    `left_spans[i]` are the figure and name spans of `left[i]` (offsets within it), so that
    `$14B` and `$14 billion` count as the same term.
    """
    left_terms = [
        paragraph_terms(text, left_spans[i] if left_spans else ()) for i, text in enumerate(left)
    ]
    right_terms = [
        paragraph_terms(text, right_spans[i] if right_spans else ()) for i, text in enumerate(right)
    ]
    scores = similarity(left_terms, right_terms, minimum=threshold)
    for (i, j), score in list(scores.items()):
        # A heading of two names is "similar" to any paragraph naming them: few terms say
        # little, so such matches are discounted.
        shortest = min(len(set(left_terms[i])), len(set(right_terms[j])))
        if shortest < SHORT_PARAGRAPH_TERMS:
            scores[i, j] = score * shortest / SHORT_PARAGRAPH_TERMS
    for i, j in _identical(left, right):
        scores[i, j] = 1.0
    return monotone_alignment(len(left), len(right), scores, threshold)


def _identical(left: Sequence[str], right: Sequence[str]) -> Iterable[tuple[int, int]]:
    """Paragraphs with the same text (case and spacing aside), even when they have no terms."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(right):
        by_text[" ".join(text.casefold().split())].append(j)
    for i, text in enumerate(left):
        for j in by_text.get(" ".join(text.casefold().split()), ()):
            yield i, j


def similarity(
    left: Sequence[Sequence[str]], right: Sequence[Sequence[str]], minimum: float = 0.0
) -> dict[tuple[int, int], float]:
    """TF-IDF cosine similarity of the left/right pairs of term lists scoring over `minimum`.

    Documents are the paragraphs of both sides; pairs sharing nothing are left out (zero).
    """
    documents = [*left, *right]
    frequency: Counter[str] = Counter()
    for terms in documents:
        frequency.update(set(terms))
    count = len(documents)
    idf = {term: math.log((count + 1) / (df + 1)) + 1.0 for term, df in frequency.items()}

    def vector(terms: Sequence[str]) -> dict[str, float]:
        weights = {t: (1.0 + math.log(n)) * idf[t] for t, n in Counter(terms).items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    left_vectors = [vector(terms) for terms in left]
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, terms in enumerate(right):
        for term, weight in vector(terms).items():
            postings[term].append((j, weight))
    scores: dict[tuple[int, int], float] = {}
    for i, weights in enumerate(left_vectors):
        row: dict[int, float] = defaultdict(float)
        for term, weight in weights.items():
            for j, other in postings.get(term, ()):
                row[j] += weight * other
        for j, value in row.items():
            if value >= minimum:
                scores[i, j] = min(1.0, value)
    return scores


def monotone_alignment(
    left_count: int, right_count: int, scores: dict[tuple[int, int], float], threshold: float
) -> list[Pair]:
    """The order-keeping matching with the largest total similarity, gaps in between.

    Only pairs at or above `threshold` may match. This is Needleman-Wunsch with free gaps,
    solved as a heaviest increasing chain over the candidate pairs with a max-Fenwick tree,
    so it costs O(k log n) for k candidates instead of a full n x m table.
    """
    candidates = sorted(
        (i, j, score) for (i, j), score in scores.items() if score >= threshold and score > 0
    )
    size = right_count + 1
    tree_value = [0.0] * (size + 1)
    tree_index = [-1] * (size + 1)

    def query(j: int) -> tuple[float, int]:
        """Best chain ending at a right index < j."""
        best, where, position = 0.0, -1, j
        while position > 0:
            if tree_value[position] > best:
                best, where = tree_value[position], tree_index[position]
            position -= position & -position
        return best, where

    def update(j: int, value: float, index: int) -> None:
        position = j + 1
        while position <= size:
            if value > tree_value[position]:
                tree_value[position], tree_index[position] = value, index
            position += position & -position

    totals = [0.0] * len(candidates)
    previous = [-1] * len(candidates)
    start = 0
    while start < len(candidates):
        stop = start
        while stop < len(candidates) and candidates[stop][0] == candidates[start][0]:
            stop += 1
        # Query the whole row before updating, so two pairs of one left paragraph never chain.
        for k in range(start, stop):
            best, where = query(candidates[k][1])
            totals[k], previous[k] = best + candidates[k][2], where
        for k in range(start, stop):
            update(candidates[k][1], totals[k], k)
        start = stop

    chain: list[tuple[int, int, float]] = []
    if candidates:
        k = max(range(len(candidates)), key=lambda c: (totals[c], -c))
        while k >= 0:
            chain.append(candidates[k])
            k = previous[k]
    chain.reverse()

    pairs: list[Pair] = []
    next_left = next_right = 0
    for i, j, score in [*chain, (left_count, right_count, 0.0)]:
        pairs.extend(Pair(gap, None, 0.0) for gap in range(next_left, i))
        pairs.extend(Pair(None, gap, 0.0) for gap in range(next_right, j))
        if i < left_count and j < right_count:
            pairs.append(Pair(i, j, round(score, 3)))
        next_left, next_right = i + 1, j + 1
    return pairs
