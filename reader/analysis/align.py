"""Line up the paragraphs of two articles by the similarity of their terms, in order."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from reader.analysis.paragraphs import paragraph_terms
from reader.highlight.span import SpanLike

# Paragraph pairs below this similarity (idf-weighted Dice of their term sets) are not
# matched. Measured on the labelled ECB+ pairs (tests/fixtures/compare_dev/alignment_*.yaml):
# paragraphs reporting the same thing mostly score 0.17-0.5, unrelated paragraphs of one story
# at most 0.19; keeping the order of both texts rules out most of the overlap.
MATCH_THRESHOLD = 0.16
# Paragraphs with fewer distinct terms than this match with proportionally lower scores.
SHORT_PARAGRAPH_TERMS = 5
# A paragraph next to a matched one joins that match (a paragraph split in two on the other
# side) when it scores at least this with the other side's paragraph, best among them all,
# and the two together score higher than the matched one alone.
JOIN_THRESHOLD = 0.1
# A heading (`## ...`, `### ...`) says too little to be matched on its own terms.
_HEADING = re.compile(r"\s*#{1,6}\s")
# How `paragraph_terms` marks the term of a figure and of a name (see `fact_key`).
_FIGURE = "\x00figure\x00"
_NAME = "\x00name\x00"


class Pair(NamedTuple):
    """One row of an alignment: a left paragraph, a right one, or both with their similarity.

    A paragraph split in two on one side gives two rows sharing the other side's index
    (`Pair(3, 4, ...)`, `Pair(3, 5, ...)`); indices never go backwards on either side."""

    left: int | None
    right: int | None
    score: float


class SideTerms(NamedTuple):
    """One side's paragraphs as alignment compares them, found once per article (compare
    keeps them with the article's other analysis, so a second comparison skips this)."""

    sets: list[frozenset[str]]  # each paragraph's terms (none for a heading)
    bigrams: list[frozenset[tuple[str, str]]]  # two terms in a row
    texts: list[str]  # the text, case and spacing aside: identical paragraphs always match
    frequency: Counter[str]  # how many of the side's paragraphs have each term


def side_terms(
    paragraphs: Sequence[str], spans: Sequence[Sequence[SpanLike]] | None = None
) -> SideTerms:
    """The terms of one side's paragraphs; `spans[i]` are the figure and name spans of
    `paragraphs[i]` (offsets within it), so that `$14B` and `$14 billion` are one term."""
    return terms_from_lists(term_lists(paragraphs, spans), paragraphs)


def term_lists(
    paragraphs: Sequence[str], spans: Sequence[Sequence[SpanLike]] | None = None
) -> list[list[str]]:
    """Each paragraph's terms in order (see `side_terms`): what `terms_from_lists` needs."""
    return [_term_list(t, spans[i] if spans else ()) for i, t in enumerate(paragraphs)]


def terms_from_lists(lists: Sequence[Sequence[str]], paragraphs: Sequence[str]) -> SideTerms:
    """`side_terms` from the paragraphs' term lists (`term_lists`), kept or just found."""
    sets = [frozenset(terms) for terms in lists]
    frequency: Counter[str] = Counter()
    for terms in sets:
        frequency.update(terms)
    return SideTerms(
        sets,
        [frozenset(zip(terms, terms[1:], strict=False)) for terms in lists],
        [" ".join(text.casefold().split()) for text in paragraphs],
        frequency,
    )


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
    `$14B` and `$14 billion` count as the same term. A paragraph next to a match joins it
    when the other side says in one paragraph what this side says in two.
    """
    return align_sides(side_terms(left, left_spans), side_terms(right, right_spans), threshold)


def align_sides(
    left: SideTerms, right: SideTerms, threshold: float = MATCH_THRESHOLD
) -> list[Pair]:
    """`align_paragraphs` on the terms of both sides (see `side_terms`)."""
    return alignment(left, right, threshold).pairs


class Alignment(NamedTuple):
    """The rows of an alignment in order, and the matches it could not keep in order."""

    pairs: list[Pair]
    # Paragraphs that say the same thing in a different order (told first on one side and
    # last on the other): neither is in a match of `pairs`; one row each, by left index.
    moved: list[Pair]


def alignment(left: SideTerms, right: SideTerms, threshold: float = MATCH_THRESHOLD) -> Alignment:
    """The paragraphs of two sides lined up in order (`pairs`), and the strong matches
    between paragraphs left out of that order (`moved`)."""
    scores, weigh = candidate_scores(left, right)
    pairs = monotone_alignment(len(left.sets), len(right.sets), scores, threshold)
    pairs = _join_split(pairs, scores, left.sets, right.sets, weigh)
    said = {
        (i, j): score
        for (i, j), score in scores.items()
        if min(len(left.sets[i]), len(right.sets[j])) >= MOVED_TERMS
    }
    return Alignment(pairs, moved_pairs(pairs, said))


def candidate_scores(
    left: SideTerms, right: SideTerms
) -> tuple[dict[tuple[int, int], float], Weigher]:
    """The pairs of paragraphs that may match, with their scores (see the module's rules),
    and the weigher of a set of terms."""
    left_terms, right_terms = left.sets, right.sets
    frequency = Counter(left.frequency)  # a copy, then the right's counts added: half the
    frequency.update(right.frequency)  # time of `+`, which also drops counts under one
    weigh = _weigher(frequency, len(left_terms) + len(right_terms))
    scores = similarity(left_terms, right_terms, minimum=JOIN_THRESHOLD, weigh=weigh)
    bigrams = (left.bigrams, right.bigrams)
    half = (len(left_terms) + len(right_terms)) / 2
    common = frozenset(term for term, df in frequency.items() if df > half)
    for (i, j), score in list(scores.items()):
        if not _anchored(i, j, (left_terms, right_terms), bigrams, common):
            del scores[i, j]
            continue
        # A heading of two names is "similar" to any paragraph naming them: few terms say
        # little, so such matches are discounted.
        shortest = min(len(left_terms[i]), len(right_terms[j]))
        if shortest < SHORT_PARAGRAPH_TERMS:
            scores[i, j] = score * shortest / SHORT_PARAGRAPH_TERMS
    for i, j in _identical(left.texts, right.texts):
        scores[i, j] = 1.0
    return scores, weigh


def _term_list(text: str, spans: Sequence[SpanLike]) -> list[str]:
    """A paragraph's terms in order (none for a heading)."""
    if _HEADING.match(text):
        return []
    return paragraph_terms(text, spans)


def _anchored(
    i: int,
    j: int,
    terms: tuple[Sequence[frozenset[str]], Sequence[frozenset[str]]],
    bigrams: tuple[Sequence[frozenset[tuple[str, str]]], Sequence[frozenset[tuple[str, str]]]],
    common: frozenset[str],
) -> bool:
    """Whether two paragraphs share more than loose words: two words in a row, a figure, or
    a name that is not in most paragraphs. "User experience" and "Wang's experience" share
    words; "a 49% stake" twice, or "a new lab" twice, is the same report."""
    if bigrams[0][i] & bigrams[1][j]:
        return True
    return any(
        term.startswith(_FIGURE) or (term.startswith(_NAME) and term not in common)
        for term in terms[0][i] & terms[1][j]
    )


Weigher = Callable[[Iterable[str]], float]  # the weight of a set of terms


class _Weigher:
    """The idf weight of a set of terms, the documents being the paragraphs of both sides
    (in more than half of them, a term is the story's own: "common")."""

    def __init__(self, frequency: Counter[str], count: int) -> None:
        self.idf = {t: math.log((count + 1) / (df + 1)) + 1.0 for t, df in frequency.items()}

    def __call__(self, terms: Iterable[str]) -> float:
        try:  # the terms of the two sides' paragraphs all have a weight
            return sum(map(self.idf.__getitem__, terms))
        except KeyError:
            idf = self.idf
            return sum(idf.get(term, 0.0) for term in terms)


def _weigher(frequency: Counter[str], count: int) -> _Weigher:
    return _Weigher(frequency, count)


def _join_split(
    pairs: list[Pair],
    scores: dict[tuple[int, int], float],
    left_terms: Sequence[frozenset[str]],
    right_terms: Sequence[frozenset[str]],
    weigh: Weigher,
) -> list[Pair]:
    """Unmatched paragraphs next to a match that belong to it (a paragraph split in two)."""

    def dice(a: frozenset[str], b: frozenset[str]) -> float:
        total = weigh(a) + weigh(b)
        return 2 * weigh(a & b) / total if total else 0.0

    best_left: dict[int, float] = defaultdict(float)
    best_right: dict[int, float] = defaultdict(float)
    for (i, j), score in scores.items():
        best_left[i] = max(best_left[i], score)
        best_right[j] = max(best_right[j], score)
    rows = list(pairs)
    for k, pair in enumerate(pairs):
        if pair.left is None or pair.right is None:
            continue
        i, j = pair.left, pair.right
        for step in (-1, 1):
            n = k + step
            if not 0 <= n < len(pairs):
                continue
            near = pairs[n]
            if near.right is None and near.left is not None and near.left == i + step:
                u = near.left
                score = scores.get((u, j), 0.0)
                merged = dice(left_terms[i] | left_terms[u], right_terms[j])
                if score >= JOIN_THRESHOLD and score >= best_left[u] and merged > pair.score:
                    rows[n] = Pair(u, j, round(score, 3))
            elif near.left is None and near.right is not None and near.right == j + step:
                u = near.right
                score = scores.get((i, u), 0.0)
                merged = dice(left_terms[i], right_terms[j] | right_terms[u])
                if score >= JOIN_THRESHOLD and score >= best_right[u] and merged > pair.score:
                    rows[n] = Pair(i, u, round(score, 3))
    return rows


def _identical(left: Sequence[str], right: Sequence[str]) -> Iterable[tuple[int, int]]:
    """Paragraphs with the same text (`left` and `right` are already casefolded and their
    spacing normalised), even when they have no terms."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(right):
        by_text[text].append(j)
    for i, text in enumerate(left):
        for j in by_text.get(text, ()):
            yield i, j


def similarity(
    left: Sequence[Iterable[str]],
    right: Sequence[Iterable[str]],
    minimum: float = 0.0,
    weigh: Weigher | None = None,
) -> dict[tuple[int, int], float]:
    """The idf-weighted Dice similarity (twice the weight of the shared terms over the weight
    of both) of the left/right pairs of term sets scoring over `minimum`.

    Documents are the paragraphs of both sides; pairs sharing nothing are left out (zero).
    """
    left_sets = [frozenset(terms) for terms in left]
    right_sets = [frozenset(terms) for terms in right]
    if weigh is None:
        frequency: Counter[str] = Counter()
        for terms in (*left_sets, *right_sets):
            frequency.update(terms)
        weigh = _weigher(frequency, len(left_sets) + len(right_sets))
    postings: dict[str, list[int]] = defaultdict(list)
    for j, terms in enumerate(right_sets):
        for term in terms:
            postings[term].append(j)
    right_weights = [weigh(terms) for terms in right_sets]
    scores: dict[tuple[int, int], float] = {}
    idf = weigh.idf if isinstance(weigh, _Weigher) else {t: weigh((t,)) for t in postings}
    for i, terms in enumerate(left_sets):
        row: dict[int, float] = defaultdict(float)
        for term in terms:
            found = postings.get(term)
            if found:
                weight = idf[term]
                for j in found:
                    row[j] += weight
        own = weigh(terms)
        for j, shared in row.items():
            value = 2 * shared / (own + right_weights[j])
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


# A match out of order must score this much (more than one in order: it cannot lean on its
# neighbours). Set on the labelled ECB+ pairs (tests/fixtures/compare_dev/alignment_*.yaml):
# at 0.2 the matches found rise from 21 to 23 of 40 with no wrong one added; at 0.16, 26 with
# two wrong ones more.
MOVED_THRESHOLD = 0.2
# ... and both paragraphs must have this many distinct terms: a heading or a table row says
# too little to be pointed to from far away.
MOVED_TERMS = 8


def moved_pairs(
    pairs: Sequence[Pair], scores: dict[tuple[int, int], float], threshold: float = MOVED_THRESHOLD
) -> list[Pair]:
    """Matches that the rows in order (`pairs`) cannot show level: each paragraph that no row
    matches, with its best candidate on the other side when that scores `threshold` or more
    (a paragraph told first on one side and last on the other, or a second paragraph saying
    what one paragraph of the other side says). Sorted by left index, each pair once."""
    matched = {(p.left, p.right) for p in pairs}
    left_free = {p.left for p in pairs if p.left is not None and p.right is None}
    right_free = {p.right for p in pairs if p.right is not None and p.left is None}
    best_left: dict[int, tuple[float, int]] = {}
    best_right: dict[int, tuple[float, int]] = {}
    for (i, j), score in sorted(scores.items()):
        if i in left_free and score > best_left.get(i, (0.0, 0))[0]:
            best_left[i] = (score, j)
        if j in right_free and score > best_right.get(j, (0.0, 0))[0]:
            best_right[j] = (score, i)
    found = {(i, j): score for i, (score, j) in best_left.items() if score >= threshold}
    found.update({(i, j): score for j, (score, i) in best_right.items() if score >= threshold})
    return [
        Pair(i, j, round(score, 3))
        for (i, j), score in sorted(found.items())
        if (i, j) not in matched
    ]
