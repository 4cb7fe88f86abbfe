"""Disagreements: figures of one kind about one thing whose values differ between two sides."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.analysis.align import Pair
from reader.analysis.fact_article import published_day, read_article_facts
from reader.analysis.fact_match import Evidence, FactComparison, FactDisagreement, compare_facts
from reader.analysis.fact_model import FigureFact
from reader.analysis.fact_whose import ArticleNames
from reader.analysis.facts import value_key
from reader.analysis.paragraphs import STOPWORDS, WORD, Paragraph, stem
from reader.corpus import Article
from reader.highlight.figure_values import magnitude
from reader.highlight.span import SpanLike

# Two figures in matched paragraphs whose values are this close (ratio) are taken to be the
# same quantity reported differently, even when no topic word links them.
NEAR_RATIO = 1.25

# The figure each side repeats most is the same one reported differently when this close.
HEADLINE_RATIO = 1.1

# Words around a figure that hedge or intensify it rather than say what it counts.
HEDGES = frozenset(
    """
    nearly almost approximately roughly around about some near over under more less least
    than just only up to reportedly reported estimated expected total whopping staggering
    massive huge big bigger biggest large larger largest record hefty mere modest
    additional further another extra recent latest new first last initial final full
    around nearly circa least most much many several few
    """.split()
)
# Words that are part of writing a figure (units, scales, calendar), never its topic.
_UNITWORDS = frozenset(
    """
    thousand thousands million millions billion billions trillion trillions bn mn tn m b k
    percent per cent percentage pct dollar dollars usd pound pounds sterling euro euros yen
    yuan cents pence year years month months week weeks day days hour hours minute minutes
    old aged january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday
    """.split()
)


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
    evidence: Evidence | None = None  # where it is said: its sentence, with offsets

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "value": self.value}
        if self.evidence is not None:
            evidence = self.evidence.to_json()
            data.update(
                field=evidence["field"],
                start=evidence["start"],
                end=evidence["end"],
                sentence=evidence["sentence"],
            )
        return data


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

    def sentence(self, side: str) -> str:
        """The sentence where `side` first states its figure (empty when not known)."""
        for mention in getattr(self, side):
            if mention.evidence is not None:
                return str(mention.evidence.sentence)
        return ""

    def summary(self, left_name: str = "left", right_name: str = "right") -> str:
        left = ", ".join(self.texts("left"))
        right = ", ".join(self.texts("right"))
        return f"{self.topic}: {left} ({left_name}) vs {right} ({right_name})"


# Text between these marks is another sentence or clause: topic words are not looked for
# across them.
_CLAUSE_BREAK = re.compile(r"[.!?;:()\[\]{}|\n—–]|,\s|\s-\s|[.!?]\s")
_CONTEXT = 100
_TOPICWORDS = 3


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
        for match in WORD.finditer(body, start, end):
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
            and lowered not in HEDGES
            and lowered not in _UNITWORDS
        ):
            topics.setdefault(stem(lowered), lowered)

    after = words(span.end, after_end)
    position = 0
    while position < len(after) and after[position][0].casefold() in _UNITWORDS | HEDGES:
        position += 1
    if position < len(after) and after[position][0].casefold() == "of":
        position += 1
        while position < len(after) and after[position][0].casefold() in STOPWORDS | HEDGES:
            position += 1
    taken = 0
    while position < len(after) and taken < _TOPICWORDS:
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
            if len(WORD.findall(gap)) <= 1 and not _CLAUSE_BREAK.search(gap):
                owner = str(name.value)
    before = [w for w in words(before_from, span.start) if w[0] != "\x00"]
    taken = 0
    for word, _a, _b in reversed(before[-4:]):
        lowered = word.casefold()
        if lowered in HEDGES or lowered in _UNITWORDS:
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
    x, y = magnitude(a.value), magnitude(b.value)
    if x is None or y is None or x <= 0 or y <= 0:
        return False
    same_unit = not isinstance(a.value, dict) or a.value.get("currency") == b.value.get("currency")
    return same_unit and max(x, y) / min(x, y) <= ratio


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


# --- disagreements read from facts (fact_model, fact_match) ----------------------------------


def fact_comparison(
    left: Article,
    right: Article,
    left_spans: Sequence[SpanLike] = (),
    right_spans: Sequence[SpanLike] = (),
) -> tuple[list[Disagreement], FactComparison]:
    """The disagreements of two articles on their facts (title and body), each mention with
    its evidence sentence; and the fact comparison itself (what they agree on, too).

    `left_spans`/`right_spans` are the highlighter's spans of the bodies: a disputed figure
    the view highlights takes its kind and value, so the view marks it as disputed."""
    found = compare_facts(
        read_article_facts(
            left.title, left.body, left_spans or None, published_day(left.published)
        ),
        read_article_facts(
            right.title, right.body, right_spans or None, published_day(right.published)
        ),
        (ArticleNames(left), ArticleNames(right)),
    )
    disagreements = [
        disagreement_from_facts(d, left_spans, right_spans) for d in found.disagreements
    ]
    return disagreements, found


def disagreement_from_facts(
    found: FactDisagreement, left_spans: Sequence[SpanLike], right_spans: Sequence[SpanLike]
) -> Disagreement:
    """A fact model's disagreement as compare shows it (mentions with their evidence)."""
    return Disagreement(
        topic=found.topic,
        kind=found.measure,
        left=[
            _mention(f, e, left_spans) for f, e in zip(found.left, found.left_evidence, strict=True)
        ],
        right=[
            _mention(f, e, right_spans)
            for f, e in zip(found.right, found.right_evidence, strict=True)
        ],
    )


# Base units of the fact model's physical measures, for the JSON value of such a figure.
_BASE_UNITS = {
    "length": "m",
    "mass": "kg",
    "duration": "s",
    "speed": "km/h",
    "area": "ha",
    "volume": "l",
    "temperature": "degrees",
}
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _mention(fact: FigureFact, evidence: Evidence, spans: Sequence[SpanLike]) -> Mention:
    """A fact as a Mention: the kind and value of the highlighter's figure at its place when
    there is one (so "$14 billion" keeps its money value), else the fact model's."""
    span = None
    if fact.field == "body":
        span = next(
            (s for s in spans if s.cls == "figure" and s.start < fact.end and s.end > fact.start),
            None,
        )
    if span is not None:
        kind, value = span.kind, span.value
    else:
        kind, value = fact.measure, _json_value(fact)
    return Mention(
        text=fact.text,
        kind=kind,
        value=value,
        key=value_key(value),
        paragraph=-1,
        start=fact.start,
        end=fact.end,
        topics={},
        owner=None,
        evidence=evidence,
    )


def _json_value(fact: FigureFact) -> Any:
    value = fact.value
    if fact.measure == "weekday" and isinstance(value, float):
        return _WEEKDAYS[int(value)]
    if fact.measure == "month" and isinstance(value, float):
        return _MONTHS[int(value) - 1]
    if fact.measure == "money" and isinstance(value, float):
        return {"amount": _number(value), "currency": fact.unit}
    if fact.measure in _BASE_UNITS and isinstance(value, float):
        return {"amount": _number(value), "unit": _BASE_UNITS[fact.measure]}
    if isinstance(value, tuple):
        return [_number(v) for v in value]
    if isinstance(value, float):
        return _number(value)
    return value


def _number(value: float) -> int | float:
    rounded = round(value, 6)
    return int(rounded) if rounded.is_integer() else rounded
