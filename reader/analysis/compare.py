"""Compare two articles: aligned paragraphs, shared and one-sided facts, disagreements."""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from reader.corpus import Article

if TYPE_CHECKING:
    from reader.highlight import NameIndex

# Paragraph pairs below this cosine similarity are not matched. Chosen on the seeds and on
# BBC articles compared with edited copies of themselves: unrelated paragraphs of one story
# sit around 0.05-0.15, a paragraph and its rewrite well above 0.25.
MATCH_THRESHOLD = 0.2
# Paragraphs with fewer distinct terms than this match with proportionally lower scores.
SHORT_PARAGRAPH_TERMS = 5
# Two figures in matched paragraphs whose values are this close (ratio) are taken to be the
# same quantity reported differently, even when no topic word links them.
NEAR_RATIO = 1.25
# Two articles are taken to cover the same story when this share of the names they mention
# (shared / all distinct) is common to both. The seeds share 0.2-0.4 of their names; BBC
# articles of one section about different stories mostly under 0.1. Disagreements are only
# looked for between articles about the same story.
SAME_STORY_NAMES = 0.15
# The figure each side repeats most is the same one reported differently when this close.
HEADLINE_RATIO = 1.1


class SpanLike(Protocol):
    """What compare needs of a highlight span (reader.highlight.find.Span)."""

    start: int
    end: int
    cls: str
    kind: str
    value: Any


# --- paragraphs ------------------------------------------------------------------------------


class Paragraph(NamedTuple):
    """A paragraph of a body: character offsets [start, end)."""

    start: int
    end: int

    def text(self, body: str) -> str:
        return body[self.start : self.end]


_MARKER = re.compile(r"\s*(?:[#>|*•\-–—+]|\d{1,3}[.)]\s)")
_LINE_END = re.compile(r"[.!?:;\"”’')\]…*]\s*$")
# A line at least this long that does not end a sentence was wrapped by its writer: the next
# line continues the same paragraph.
_WRAPPED_LINE = 40


def split_paragraphs(body: str) -> list[Paragraph]:
    """The paragraphs of `body`: blocks between blank lines, and lines that end a sentence.

    Web articles often put one paragraph per line with no blank line between; hard-wrapped
    text breaks lines mid-sentence. A line break therefore ends a paragraph unless the line
    is long, does not end with punctuation and the next line is not a list item or heading.
    """
    paragraphs: list[Paragraph] = []
    start: int | None = None
    end = 0
    previous = ""
    position = 0
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        stripped = content.strip()
        line_start = position
        position += len(line)
        if not stripped:
            if start is not None:
                paragraphs.append(Paragraph(start, end))
                start = None
            continue
        first = line_start + (len(content) - len(content.lstrip()))
        last = line_start + len(content.rstrip())
        if start is not None and _breaks_after(previous, content):
            paragraphs.append(Paragraph(start, end))
            start = None
        if start is None:
            start = first
        end = last
        previous = content
    if start is not None:
        paragraphs.append(Paragraph(start, end))
    return paragraphs


def _breaks_after(line: str, next_line: str) -> bool:
    stripped = line.strip()
    if len(stripped) < _WRAPPED_LINE or _LINE_END.search(stripped):
        return True
    return bool(_MARKER.match(next_line)) or bool(_MARKER.match(line))


# --- words and terms -------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Function words carry no topic; they are ignored by alignment and topic finding.
STOPWORDS = frozenset(
    """
    a an the and or but nor so yet for of in on at to from by with without within into onto
    over under about above below between through during before after since until upon
    against among across along around behind beyond near off out up down via per than then
    as if because while although though whether which who whom whose what when where why how
    that this these those there here it its it's itself he him his himself she her hers
    herself they them their theirs themselves we us our ours you your yours i me my mine
    is are was were be been being am do does did doing done have has had having will would
    shall should can could may might must not no yes all any both each few more most other
    some such only own same too very just also even ever still again once already now
    s t don't isn't aren't wasn't weren't won't can't didn't doesn't hasn't haven't it’s
    one ones said says say according like
    """.split()
)
# Words around a figure that hedge or intensify it rather than say what it counts.
_HEDGES = frozenset(
    """
    nearly almost approximately roughly around about some near over under more less least
    than just only up to reportedly reported estimated expected total whopping staggering
    massive huge big bigger biggest large larger largest record hefty mere modest
    additional further another extra recent latest new first last initial final full
    around nearly circa least most much many several few
    """.split()
)
# Words that are part of writing a figure (units, scales, calendar), never its topic.
_UNIT_WORDS = frozenset(
    """
    thousand thousands million millions billion billions trillion trillions bn mn tn m b k
    percent per cent percentage pct dollar dollars usd pound pounds sterling euro euros yen
    yuan cents pence year years month months week weeks day days hour hours minute minutes
    old aged january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday
    """.split()
)
_SUFFIXES = ("ments", "ment", "ations", "ation", "ings", "ing", "ies", "ed", "es", "s", "e")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem so that invest, invests, invested and investment meet."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word


def value_key(value: Any) -> str:
    """A normalised value as a comparable key: 14000000000 == 1.4e10, 49 == 49.0."""
    return json.dumps(_normalise(value), sort_keys=True, ensure_ascii=False)


def _normalise(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        number = float(f"{float(value):.9g}")
        return int(number) if number.is_integer() else number
    if isinstance(value, dict):
        return {str(key): _normalise(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalise(item) for item in value]
    return str(value)


# What makes two spans the same fact: ("figure", kind, value_key) or ("name", "", name).
FactKey = tuple[str, str, str]


def fact_key(span: SpanLike) -> FactKey:
    """What makes two spans the same fact: figures by kind and value, names by name."""
    if span.cls == "name":
        return ("name", "", str(span.value).casefold())
    return ("figure", span.kind, value_key(span.value))


def paragraph_terms(text: str, spans: Sequence[SpanLike] = ()) -> list[str]:
    """The terms alignment compares: stemmed content words, plus one term per figure (by
    value) and per name (by canonical name) in place of the words that spell them."""
    terms: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < position:
            continue
        terms.extend(_word_terms(text[position : span.start]))
        terms.append("\x00" + "\x00".join(fact_key(span)))
        position = span.end
    terms.extend(_word_terms(text[position:]))
    return terms


def _word_terms(text: str) -> Iterable[str]:
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if len(word) > 1 and word not in STOPWORDS:
            yield stem(word)


# --- alignment -------------------------------------------------------------------------------


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


# --- facts -----------------------------------------------------------------------------------


@dataclass
class Fact:
    """A figure or name, with how each side spells it (empty on the side that lacks it)."""

    cls: str
    kind: str
    value: Any
    key: FactKey
    left_texts: list[str] = field(default_factory=list)
    right_texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return (self.left_texts or self.right_texts)[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "class": self.cls,
            "kind": self.kind,
            "text": self.text,
            "value": self.value,
            "left_texts": self.left_texts,
            "right_texts": self.right_texts,
        }


@dataclass
class Facts:
    """The facts of two articles: reported by both, by the left only, by the right only."""

    both: list[Fact]
    left_only: list[Fact]
    right_only: list[Fact]

    def to_json(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "both": [fact.to_json() for fact in self.both],
            "left_only": [fact.to_json() for fact in self.left_only],
            "right_only": [fact.to_json() for fact in self.right_only],
        }


def diff_facts(
    left_body: str,
    left_spans: Sequence[SpanLike],
    right_body: str,
    right_spans: Sequence[SpanLike],
) -> Facts:
    """Figures and names in both bodies or in one only, compared by normalised value."""
    tallies = tally_facts([(left_body, left_spans), (right_body, right_spans)])
    facts = [
        Fact(t.cls, t.kind, t.value, t.key, t.texts.get(0, []), t.texts.get(1, [])) for t in tallies
    ]
    both = [f for f in facts if f.left_texts and f.right_texts]
    left_only = [f for f in facts if not f.right_texts]
    right_only = [f for f in facts if not f.left_texts]
    return Facts(both, left_only, right_only)


@dataclass
class FactTally:
    """One fact across several texts: its spellings and number of mentions in each."""

    cls: str
    kind: str
    value: Any
    key: FactKey
    # text number -> its distinct spellings in order of appearance / its mentions; only the
    # texts that mention the fact (a story of hundreds of articles has thousands of facts)
    texts: dict[int, list[str]]
    counts: dict[int, int]


def tally_facts(sides: Sequence[tuple[str, Sequence[SpanLike]]]) -> list[FactTally]:
    """The facts of several (body, spans) texts, in order of first appearance (text by
    text): what compare diffs for two articles and coverage lays out for many."""
    tallies: dict[FactKey, FactTally] = {}
    for side, (body, spans) in enumerate(sides):
        for span in spans:
            key = fact_key(span)
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = FactTally(span.cls, span.kind, span.value, key, {}, {})
            tally.counts[side] = tally.counts.get(side, 0) + 1
            text = " ".join(body[span.start : span.end].split())
            texts = tally.texts.setdefault(side, [])
            if text not in texts:
                texts.append(text)
    return list(tallies.values())


# --- disagreements ---------------------------------------------------------------------------


@dataclass
class Mention:
    """A figure as one side states it, with the words that say what it counts."""

    text: str
    kind: str
    value: Any
    key: str
    paragraph: int
    start: int
    end: int
    topics: dict[str, str]  # stem -> the word as written
    owner: str | None  # whose figure it is ("Microsoft's $10 billion"), when said
    context: frozenset[str] = frozenset()  # names in its paragraph and the one before

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value}


@dataclass
class Disagreement:
    """Both sides give a figure of one kind for the same thing, with different values."""

    topic: str
    kind: str
    left: list[Mention]
    right: list[Mention]

    def to_json(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "kind": self.kind,
            "left": [mention.to_json() for mention in self.left],
            "right": [mention.to_json() for mention in self.right],
        }

    def texts(self, side: str) -> list[str]:
        """The distinct spellings of one side's figures ($14.3 Billion = $14.3 billion)."""
        spellings: dict[str, str] = {}
        for mention in getattr(self, side):
            spellings.setdefault(mention.text.casefold(), mention.text)
        return list(spellings.values())

    def summary(self, left_name: str = "left", right_name: str = "right") -> str:
        left = ", ".join(self.texts("left"))
        right = ", ".join(self.texts("right"))
        return f"{self.topic}: {left} ({left_name}) vs {right} ({right_name})"


# Text between these marks is another sentence or clause: topic words are not looked for
# across them.
_CLAUSE_BREAK = re.compile(r"[.!?;:()\[\]{}|\n—–]|,\s|\s-\s|[.!?]\s")
_CONTEXT = 100
_TOPIC_WORDS = 3


def figure_mentions(
    body: str, paragraphs: Sequence[Paragraph], spans: Sequence[SpanLike]
) -> list[Mention]:
    """Every figure in `body` with its topic words and owner (see `topic_words`)."""
    names = sorted((s for s in spans if s.cls == "name"), key=lambda s: s.start)
    figures = sorted((s for s in spans if s.cls == "figure"), key=lambda s: s.start)
    blocked = sorted((s.start, s.end) for s in [*names, *figures])
    blocked_starts = [start for start, _ in blocked]
    name_starts = [name.start for name in names]
    names_in: list[set[str]] = [set() for _ in paragraphs]
    index = 0
    for name in names:
        while index + 1 < len(paragraphs) and paragraphs[index].end <= name.start:
            index += 1
        if paragraphs:
            names_in[index].add(str(name.value).casefold())
    mentions = []
    paragraph = 0
    for span in figures:
        while paragraph + 1 < len(paragraphs) and paragraphs[paragraph].end <= span.start:
            paragraph += 1
        scope = paragraphs[paragraph] if paragraphs else Paragraph(0, len(body))
        # Only spans near this figure matter; a name or figure is never 2 contexts long.
        low, high = span.start - 2 * _CONTEXT, span.end + _CONTEXT
        topics, owner = topic_words(
            body,
            span,
            scope,
            blocked[bisect_left(blocked_starts, low) : bisect_right(blocked_starts, high)],
            names[bisect_left(name_starts, low) : bisect_right(name_starts, high)],
        )
        context = frozenset().union(*names_in[max(0, paragraph - 1) : paragraph + 1])
        mentions.append(
            Mention(
                text=" ".join(body[span.start : span.end].split()),
                kind=span.kind,
                value=span.value,
                key=value_key(span.value),
                paragraph=paragraph,
                start=span.start,
                end=span.end,
                topics=topics,
                owner=owner,
                context=context,
            )
        )
    return mentions


def topic_words(
    body: str,
    span: SpanLike,
    scope: Paragraph,
    blocked: Sequence[tuple[int, int]] = (),
    names: Sequence[SpanLike] = (),
) -> tuple[dict[str, str], str | None]:
    """What a figure counts, read from the words next to it in its clause.

    After it: the noun phrase it quantifies (`a $14 billion investment`, `a 49% stake`),
    what follows `of` for shares (`70% of all models`), and the verb of a purpose (`a
    $14 billion deal to invest`). Before it: the noun or verb that takes it (`valuation
    of $X`, `valuation reached $X`, `spending $X`) and a possessive owner (`Microsoft's $X`).
    Hedges (`nearly`, `whopping`), units and words inside names or other figures are skipped.
    """
    after_text = body[span.end : min(scope.end, span.end + _CONTEXT)]
    cut = _CLAUSE_BREAK.search(after_text)
    after_end = span.end + (cut.start() if cut else len(after_text))
    before_start = max(scope.start, span.start - _CONTEXT)
    before_text = body[before_start : span.start]
    breaks = list(_CLAUSE_BREAK.finditer(before_text))
    before_from = before_start + (breaks[-1].end() if breaks else 0)

    nearby = [(x, y) for x, y in blocked if x < after_end and y > before_from]

    def words(start: int, end: int) -> list[tuple[str, int, int]]:
        found = []
        for match in _WORD.finditer(body, start, end):
            a, b = match.span()
            if any(x < b and a < y for x, y in nearby):
                found.append(("\x00", a, b))  # a name or figure: ends a noun phrase
            else:
                found.append((match.group(), a, b))
        return found

    topics: dict[str, str] = {}

    def add(word: str) -> None:
        lowered = word.casefold().replace("’", "'").removesuffix("'s")
        if (
            len(lowered) > 2
            and lowered not in STOPWORDS
            and lowered not in _HEDGES
            and lowered not in _UNIT_WORDS
        ):
            topics.setdefault(stem(lowered), lowered)

    after = words(span.end, after_end)
    position = 0
    while position < len(after) and after[position][0].casefold() in _UNIT_WORDS | _HEDGES:
        position += 1
    if position < len(after) and after[position][0].casefold() == "of":
        position += 1
        while position < len(after) and after[position][0].casefold() in STOPWORDS | _HEDGES:
            position += 1
    taken = 0
    while position < len(after) and taken < _TOPIC_WORDS:
        word = after[position][0]
        if word == "\x00":
            position += 1
            continue
        if word.casefold() in STOPWORDS:
            break
        add(word)
        taken += 1
        position += 1
    if (
        position + 1 < len(after)
        and after[position][0].casefold() == "to"
        and after[position + 1][0] != "\x00"
    ):
        add(after[position + 1][0])

    owner = None
    for name in names:
        if name.end <= span.start - _CONTEXT or name.end > span.start:
            continue
        if body[name.end : name.end + 2] in ("'s", "’s"):
            gap = body[name.end + 2 : span.start]
            if len(_WORD.findall(gap)) <= 1 and not _CLAUSE_BREAK.search(gap):
                owner = str(name.value)
    before = [w for w in words(before_from, span.start) if w[0] != "\x00"]
    taken = 0
    for word, _a, _b in reversed(before[-4:]):
        lowered = word.casefold()
        if lowered in _HEDGES or lowered in _UNIT_WORDS:
            continue
        if lowered in STOPWORDS:
            if lowered in ("of", "at", "to", "for", "by"):
                continue  # "valuation of", "valued at", "cut to", "rose by"
            break
        if word[:1].isupper():
            # Before a figure a capitalised word is its subject or owner ("Orbix paid $X",
            # "Orbix's $X"), not what it counts.
            if lowered.endswith(("'s", "’s")):
                owner = owner or word[:-2]
            continue
        add(word)
        taken += 1
        if taken == 2:
            break
    return topics, owner


def find_disagreements(
    left: Sequence[Mention],
    right: Sequence[Mention],
    pairs: Sequence[Pair] = (),
) -> list[Disagreement]:
    """Figures of one kind about one topic whose values differ between the sides.

    Two mentions speak of the same thing when they share a topic word (by stem), a name
    nearby (in their paragraph or the one before: the same company, person or place) and
    do not name different owners. A topic counts as a disagreement only when no value is
    agreed on for it; figures in matched paragraphs with close values (within NEAR_RATIO)
    count too.
    """
    matched = {(p.left, p.right) for p in pairs if p.left is not None and p.right is not None}
    links: dict[tuple[str, str], list[tuple[Mention, Mention]]] = defaultdict(list)
    for a in left:
        for b in right:
            if a.kind != b.kind or not _same_owner(a, b) or not a.context & b.context:
                continue
            if _currency(a) != _currency(b):
                continue  # $5bn and £4bn may be the same sum; we cannot tell
            shared = a.topics.keys() & b.topics.keys()
            for topic in shared:
                links[a.kind, topic].append((a, b))
            if not shared and (a.paragraph, b.paragraph) in matched and _near(a, b):
                links[a.kind, ""].append((a, b))

    found: dict[tuple[tuple[str, ...], tuple[str, ...]], Disagreement] = {}
    support: Counter[tuple[tuple[str, ...], tuple[str, ...], str]] = Counter()
    for (kind, topic), linked in links.items():
        if any(a.key == b.key for a, b in linked):
            continue  # the sides agree on this topic (perhaps with other figures besides)
        disagreeing = linked
        lefts = _unique_mentions(a for a, _ in disagreeing)
        rights = _unique_mentions(b for _, b in disagreeing)
        key = (tuple(sorted({m.key for m in lefts})), tuple(sorted({m.key for m in rights})))
        entry = found.get(key)
        if entry is None:
            entry = found[key] = Disagreement("", kind, [], [])
        entry.left = _unique_mentions([*entry.left, *lefts])
        entry.right = _unique_mentions([*entry.right, *rights])
        word = _topic_word(topic, disagreeing)
        support[(*key, word)] += len(disagreeing)
    for disagreement in _headline_disagreements(left, right):
        key = (
            tuple(sorted({m.key for m in disagreement.left})),
            tuple(sorted({m.key for m in disagreement.right})),
        )
        if not any(set(key[0]) & set(k[0]) and set(key[1]) & set(k[1]) for k in found):
            found[key] = disagreement
            mentions = [*disagreement.left, *disagreement.right]
            for word, count in Counter(w for m in mentions for w in m.topics.values()).items():
                support[(*key, word)] += count
    for key, entry in found.items():
        # The best-supported topic word; on a tie the longer (noun) form: investment > acquire.
        words = sorted(
            ((count, word) for (lk, rk, word), count in support.items() if (lk, rk) == key),
            key=lambda item: (-item[0], -len(item[1]), item[1]),
        )
        named = [word for _, word in words if word]
        entry.topic = named[0] if named else entry.kind
    return sorted(found.values(), key=lambda d: (d.left[0].start, d.right[0].start))


def _headline_disagreements(
    left: Sequence[Mention], right: Sequence[Mention]
) -> list[Disagreement]:
    """The figure each side repeats most, when the two are close but not equal.

    A story's key number is often restated without a topic word nearby ("throwing $X at
    them", "But $X?"). If each side repeats one value of a kind more than any other, the two
    values are within HEADLINE_RATIO and neither side ever states the other's value, they
    are the same figure reported differently.
    """
    found: list[Disagreement] = []
    for kind in sorted({m.kind for m in left} & {m.kind for m in right}):
        ours = [m for m in left if m.kind == kind]
        theirs = [m for m in right if m.kind == kind]
        top_left, top_right = _dominant(ours), _dominant(theirs)
        if top_left is None or top_right is None or top_left == top_right:
            continue
        if top_left in {m.key for m in theirs} or top_right in {m.key for m in ours}:
            continue
        lefts = [m for m in ours if m.key == top_left]
        rights = [m for m in theirs if m.key == top_right]
        shared_context = frozenset().union(*(m.context for m in lefts)) & frozenset().union(
            *(m.context for m in rights)
        )
        if shared_context and _near(lefts[0], rights[0], HEADLINE_RATIO):
            found.append(Disagreement("", kind, lefts, rights))
    return found


def _dominant(mentions: Sequence[Mention]) -> str | None:
    counts = Counter(m.key for m in mentions).most_common(2)
    if not counts or counts[0][1] < 2 or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    return counts[0][0]


def _currency(mention: Mention) -> object:
    return mention.value.get("currency") if isinstance(mention.value, dict) else None


def _same_owner(a: Mention, b: Mention) -> bool:
    return a.owner is None or b.owner is None or a.owner.casefold() == b.owner.casefold()


def _near(a: Mention, b: Mention, ratio: float = NEAR_RATIO) -> bool:
    x, y = _magnitude(a.value), _magnitude(b.value)
    if x is None or y is None or x <= 0 or y <= 0:
        return False
    same_unit = not isinstance(a.value, dict) or a.value.get("currency") == b.value.get("currency")
    return same_unit and max(x, y) / min(x, y) <= ratio


def _magnitude(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict) and isinstance(value.get("amount"), (int, float)):
        return float(value["amount"])
    return None


def _unique_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    seen: dict[int, Mention] = {}
    for mention in mentions:
        seen.setdefault(mention.start, mention)
    return sorted(seen.values(), key=lambda m: m.start)


def _topic_word(stem_: str, linked: Sequence[tuple[Mention, Mention]]) -> str:
    """The topic as a reader would say it: the longest spelling used (investment > invest)."""
    if not stem_:
        return ""
    spellings = {m.topics[stem_] for pair in linked for m in pair if stem_ in m.topics}
    return max(sorted(spellings), key=len)


# --- the whole comparison --------------------------------------------------------------------


@dataclass
class Side:
    """One article as compare sees it: its paragraphs and its figure and name spans."""

    article: Article
    paragraphs: list[Paragraph]
    spans: list[SpanLike]

    def paragraph_texts(self) -> list[str]:
        body = self.article.body
        return [p.text(body) for p in self.paragraphs]

    @cached_property
    def paragraph_spans(self) -> list[list[SpanLike]]:
        """Spans grouped per paragraph, with offsets relative to the paragraph."""
        grouped: list[list[SpanLike]] = [[] for _ in self.paragraphs]
        index = 0
        for span in sorted(self.spans, key=lambda s: s.start):
            while index < len(self.paragraphs) and self.paragraphs[index].end <= span.start:
                index += 1
            if index == len(self.paragraphs):
                break
            paragraph = self.paragraphs[index]
            if span.start >= paragraph.start and span.end <= paragraph.end:
                grouped[index].append(_shifted(span, paragraph.start))
        return grouped


class _Shifted(NamedTuple):
    start: int
    end: int
    cls: str
    kind: str
    value: Any


def _shifted(span: SpanLike, offset: int) -> _Shifted:
    return _Shifted(span.start - offset, span.end - offset, span.cls, span.kind, span.value)


@dataclass
class Comparison:
    """Everything compare finds about two articles."""

    left: Side
    right: Side
    pairs: list[Pair]
    facts: Facts
    disagreements: list[Disagreement]
    name_overlap: float = 1.0  # see `name_overlap`; below SAME_STORY_NAMES: other stories

    @property
    def same_story(self) -> bool:
        return self.name_overlap >= SAME_STORY_NAMES

    @cached_property
    def shared_keys(self) -> frozenset[tuple[str, str, str]]:
        return frozenset(fact.key for fact in self.facts.both)

    @cached_property
    def _disputed(self) -> dict[str, frozenset[tuple[str, str, str]]]:
        return {
            side: frozenset(
                ("figure", m.kind, m.key) for d in self.disagreements for m in getattr(d, side)
            )
            for side in ("left", "right")
        }

    def disputed(self, side: str) -> frozenset[tuple[str, str, str]]:
        """The fact keys (see `fact_key`) of the figures on `side` that the other disputes:
        every place the side states a disputed value is marked, not only the one compared."""
        return self._disputed[side]

    def side(self, name: str) -> Side:
        return self.left if name == "left" else self.right

    def to_json(self) -> dict[str, Any]:
        return {
            "left": _article_json(self.left.article),
            "right": _article_json(self.right.article),
            "pairs": [
                {"left": pair.left, "right": pair.right, "score": pair.score} for pair in self.pairs
            ],
            "facts": self.facts.to_json(),
            "same_story": self.same_story,
            "disagreements": [d.to_json() for d in self.disagreements],
        }


def _article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
    }


def name_index_for(articles: Sequence[Article]) -> NameIndex:
    """A NameIndex over `articles` with the user's declared names and never-names."""
    from reader.config import load_config
    from reader.highlight import NameIndex

    config = load_config()
    return NameIndex.build(list(articles), names=config.names, never=config.never)


NOT_SAME_STORY = "few names in common: probably different stories, so no disagreements sought"


def compare_articles(
    left: Article,
    right: Article,
    names: NameIndex | None = None,
    *,
    spans: tuple[Sequence[SpanLike], Sequence[SpanLike]] | None = None,
) -> Comparison:
    """Compare two articles. `names` canonicalises names (by default an index over the two);
    `spans` gives the figure and name spans of both bodies when they are already known."""
    if spans is None:
        from reader.highlight import find_spans

        index = names if names is not None else name_index_for([left, right])
        spans = (find_spans(left.body, names=index), find_spans(right.body, names=index))
    left_side = Side(left, split_paragraphs(left.body), list(spans[0]))
    right_side = Side(right, split_paragraphs(right.body), list(spans[1]))
    pairs = align_paragraphs(
        left_side.paragraph_texts(),
        right_side.paragraph_texts(),
        left_spans=left_side.paragraph_spans,
        right_spans=right_side.paragraph_spans,
    )
    facts = diff_facts(left.body, left_side.spans, right.body, right_side.spans)
    overlap = name_overlap(facts)
    disagreements = []
    if overlap >= SAME_STORY_NAMES:
        disagreements = find_disagreements(
            figure_mentions(left.body, left_side.paragraphs, left_side.spans),
            figure_mentions(right.body, right_side.paragraphs, right_side.spans),
            pairs,
        )
    return Comparison(left_side, right_side, pairs, facts, disagreements, overlap)


def name_overlap(facts: Facts) -> float:
    """The share of the distinct names of two articles that both mention (0 to 1)."""
    left = {f.key[2] for f in [*facts.both, *facts.left_only] if f.cls == "name"}
    right = {f.key[2] for f in [*facts.both, *facts.right_only] if f.cls == "name"}
    return name_overlap_of(left, right)


def name_overlap_of(left: Set[str], right: Set[str]) -> float:
    """The share of the distinct names in `left` or `right` that are in both (0 to 1)."""
    every = len(left | right)
    return len(left & right) / every if every else 0.0
