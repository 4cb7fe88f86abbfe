"""Coverage of one story across many sources: who reports which figure and name, and where
the sources give different values for the same quantity.

Facts and disagreements are compare's (`reader.analysis.compare`): the same fact keys (figures by
normalised value, names by canonical name; a bare number is not a fact), and the same fact
model and pairwise disagreement test (`fact_model`, `fact_match`), run over every pair of
articles about the same story and joined where the pairs share a statement.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from typing import TYPE_CHECKING, Any

from reader.analysis.disagreements import Mention, disagreement_from_facts
from reader.analysis.fact_article import published_day, read_article_facts
from reader.analysis.fact_groups import (
    StatementGroup,
    add_to_groups,
    in_title,
    merge_same_values,
    node_of,
    place,
)
from reader.analysis.fact_match import compare_facts
from reader.analysis.fact_whose import ArticleNames
from reader.analysis.facts import (
    SAME_STORY_NAMES,
    FactKey,
    fact_key,
    name_overlap_of,
    tally_facts,
)
from reader.corpus import Article
from reader.highlight.figure_values import magnitude
from reader.highlight.span import SpanLike

if TYPE_CHECKING:
    from reader.config import Config
    from reader.highlight import NameIndex

# Beyond this many articles the analysis takes the first ones only (in list order) and says
# so: pairs of articles grow with the square (200 BBC articles: 0.3 s, 1,000: 2-3 s; see
# benchmarks/bench_coverage.py), and a matrix of hundreds of columns is no longer read.
MAX_ARTICLES = 200

# A function from a text to its figure and name spans (reader.highlight.find.find_spans, bound
# to a name index).
SpanFinder = Callable[[str], Sequence[SpanLike]]


class Cancelled(Exception):
    """The caller asked the analysis to stop (a newer one is on its way)."""


@dataclass
class CoverageFact:
    """One figure (by value) or name (by canonical name) and how often each article says it."""

    cls: str  # "figure" | "name"
    kind: str
    value: Any
    key: FactKey
    label: str  # the spelling most sources use ($14 billion), or the canonical name
    mentions: dict[str, int]  # article id -> how many times it says it (only those that do)
    texts: dict[str, list[str]]  # article id -> its spellings, first first
    disputed: bool = False  # a value in some disagreement

    @property
    def sources(self) -> int:
        return len(self.mentions)

    @property
    def total(self) -> int:
        return sum(self.mentions.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "class": self.cls,
            "kind": self.kind,
            "label": self.label,
            "value": self.value,
            "sources": self.sources,
            "disputed": self.disputed,
            "mentions": dict(self.mentions),
        }


@dataclass
class ReportedValue:
    """One value given for a disputed quantity, and the articles that give it."""

    key: str  # value_key of the value
    value: Any
    text: str  # the spelling most of its articles use
    mentions: dict[str, list[Mention]]  # article id -> where it says so, in text order
    # article id -> how many figures of this value come before its first mention here (to
    # find that mention again in the article as shown; see `mention_locator`)
    ordinals: dict[str, int] = field(default_factory=dict)

    @property
    def articles(self) -> list[str]:
        return list(self.mentions)

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text, "articles": self.articles}


@dataclass
class StoryDisagreement:
    """Sources give different values of one kind for the same thing (a topic)."""

    topic: str
    kind: str
    values: list[ReportedValue]  # most sources first
    story: int | None = None  # the story whose articles disagree, when grouped by story

    @property
    def articles(self) -> list[str]:
        seen: dict[str, None] = {}
        for value in self.values:
            seen.update(dict.fromkeys(value.articles))
        return list(seen)

    def values_of(self, article_id: str) -> list[ReportedValue]:
        return [value for value in self.values if article_id in value.mentions]

    def most_apart(self) -> tuple[str, str]:
        """Two articles that disagree most: the first sources of the two values furthest
        apart (by ratio; on a tie, the values more sources give)."""
        best: tuple[float, int, str, str] | None = None
        for a, b in combinations(self.values, 2):
            spread = _spread(a.value, b.value)
            weight = len(a.mentions) + len(b.mentions)
            first_a, first_b = a.articles[0], b.articles[0]
            if first_a == first_b:
                others = [x for x in b.articles if x != first_a]
                if not others:
                    continue
                first_b = others[0]
            if best is None or (spread, weight) > best[:2]:
                best = (spread, weight, first_a, first_b)
        if best is None:
            ids = self.articles
            return ids[0], ids[-1]
        return best[2], best[3]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "topic": self.topic,
            "kind": self.kind,
            "values": [value.to_json() for value in self.values],
        }
        if self.story is not None:
            data["story"] = self.story
        return data


@dataclass
class SourceSummary:
    """What one article brings to the story."""

    article: Article
    figures: int  # distinct figures it gives
    names: int  # distinct names it mentions
    share: float  # of the story's facts (those two or more sources report), how many it has

    @property
    def published(self) -> datetime | None:
        return self.article.published

    def to_json(self) -> dict[str, Any]:
        article = self.article
        return {
            "id": article.id,
            "title": article.title,
            "source": article.source,
            "published": article.published.isoformat() if article.published else None,
            "words": article.words,
            "figures": self.figures,
            "names": self.names,
            "share": round(self.share, 3),
        }


@dataclass
class Coverage:
    """A story across its sources: the facts, who reports them, and the disagreements."""

    articles: list[Article]  # the columns, in the order given (after the cap)
    facts: list[CoverageFact]  # most sources first
    disagreements: list[StoryDisagreement]
    summaries: list[SourceSummary]  # one per article, in column order
    requested: int = 0  # how many articles were asked for, before the cap
    story_facts: int = 0  # facts two or more sources report (what `share` counts)

    @property
    def capped(self) -> bool:
        return self.requested > len(self.articles)

    @property
    def note(self) -> str:
        """Why some articles are missing, or ''."""
        if not self.capped:
            return ""
        return f"covering the first {len(self.articles)} of {self.requested} articles"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "articles": [summary.to_json() for summary in self.summaries],
            "facts": [fact.to_json() for fact in self.facts],
            "disagreements": [d.to_json() for d in self.disagreements],
        }
        if self.capped:
            data["note"] = self.note
        return data


# --- the analysis ----------------------------------------------------------------------------


def analyse_coverage(
    articles: Sequence[Article],
    names: NameIndex | None = None,
    *,
    find: SpanFinder | None = None,
    limit: int = MAX_ARTICLES,
    should_stop: Callable[[], bool] | None = None,
    story_of: Mapping[str, int] | None = None,
) -> Coverage:
    """Who reports what across `articles` (the first `limit` of them; 0 means all).

    `story_of` (article id -> story id) groups by story first: disagreements are sought
    only between articles of one story, never across stories, and say which story.

    `find` gives the figure and name spans of a text; by default `find_spans` with `names`
    (by default a NameIndex over the articles), so `Wang` and `Alexandr Wang` are one name.
    `should_stop` is asked now and then; when it says so, `Cancelled` is raised.
    """
    chosen = list(articles[:limit] if limit else articles)
    stop = should_stop or (lambda: False)
    if find is None:
        find = default_finder(chosen, names)
    spans: list[Sequence[SpanLike]] = []
    for article in chosen:
        if stop():
            raise Cancelled
        spans.append(find(article.body))
    facts = story_facts(chosen, spans)
    if story_of is None:
        disagreements = story_disagreements(chosen, spans, should_stop=stop)
    else:
        disagreements = _disagreements_by_story(chosen, spans, story_of, stop)
    disputed = {
        (article_id, ("figure", d.kind, value.key))
        for d in disagreements
        for value in d.values
        for article_id in value.mentions
    }
    for fact in facts:
        fact.disputed = any((article_id, fact.key) in disputed for article_id in fact.mentions)
    summaries, shared = _summaries(chosen, facts)
    return Coverage(chosen, facts, disagreements, summaries, len(articles), shared)


def _disagreements_by_story(
    articles: Sequence[Article],
    spans: Sequence[Sequence[SpanLike]],
    story_of: Mapping[str, int],
    stop: Callable[[], bool],
) -> list[StoryDisagreement]:
    """`story_disagreements` within each story of two articles or more, biggest story first.

    An article `story_of` does not know is a story of its own."""
    groups: dict[object, list[int]] = {}
    for position, article in enumerate(articles):
        groups.setdefault(story_of.get(article.id, ("alone", position)), []).append(position)
    found: list[StoryDisagreement] = []
    for story, positions in sorted(groups.items(), key=lambda item: -len(item[1])):
        if len(positions) < 2:
            continue
        within = story_disagreements(
            [articles[p] for p in positions],
            [spans[p] for p in positions],
            should_stop=stop,
        )
        for disagreement in within:
            disagreement.story = story if isinstance(story, int) else None
        found.extend(within)
    return found


def default_finder(
    articles: Sequence[Article], names: NameIndex | None = None, config: Config | None = None
) -> SpanFinder:
    """find_spans bound to `names`, else to a NameIndex over `articles` (with the declared
    names of `config`, when given)."""
    from reader.analysis.compare import name_index_for
    from reader.highlight import find_spans

    index = names if names is not None else name_index_for(articles, config)

    def find(text: str) -> Sequence[SpanLike]:
        return find_spans(text, names=index)

    return find


def story_facts(
    articles: Sequence[Article], spans: Sequence[Sequence[SpanLike]]
) -> list[CoverageFact]:
    """Every figure and name of the articles with its count per article, most sources
    first (then most mentions)."""
    tallies = tally_facts(
        [
            (article.body, article_spans)
            for article, article_spans in zip(articles, spans, strict=True)
        ]
    )
    facts = []
    for tally in tallies:
        mentions = {articles[side].id: count for side, count in sorted(tally.counts.items())}
        texts = {articles[side].id: list(t) for side, t in sorted(tally.texts.items())}
        facts.append(
            CoverageFact(
                cls=tally.cls,
                kind=tally.kind,
                value=tally.value,
                key=tally.key,
                label=_label(tally.cls, tally.value, texts.values()),
                mentions=mentions,
                texts=texts,
            )
        )
    facts.sort(key=lambda f: (-f.sources, -f.total, f.cls != "figure", f.label.casefold()))
    return facts


def _label(cls: str, value: Any, texts: Iterable[Iterable[str]]) -> str:
    """A name by its canonical form; a figure by the spelling most articles use."""
    if cls == "name" and isinstance(value, str) and value:
        return value
    return common_spelling(texts) or str(value)


def common_spelling(texts: Iterable[Iterable[str]]) -> str:
    """The spelling most articles use, given each article's spellings: case aside, then the
    one with fewest capitals ($14.3 billion over a heading's $14.3 Billion); on a tie, the
    first seen."""
    articles_using: Counter[str] = Counter()
    forms: dict[str, list[str]] = {}
    for article_texts in texts:
        folded: dict[str, str] = {}
        for text in article_texts:
            folded.setdefault(text.casefold(), text)
            if text not in forms.setdefault(text.casefold(), []):
                forms[text.casefold()].append(text)
        articles_using.update(folded.keys())
    if not forms:
        return ""
    order = list(forms)
    best = min(order, key=lambda f: (-articles_using[f], order.index(f)))
    return min(forms[best], key=lambda t: sum(1 for c in t if c.isupper()))


def story_disagreements(
    articles: Sequence[Article],
    spans: Sequence[Sequence[SpanLike]],
    *,
    should_stop: Callable[[], bool] | None = None,
    same_story: bool | None = None,
) -> list[StoryDisagreement]:
    """Quantities the articles give different values for, by compare's fact model.

    Every pair of articles taken to be about one story is compared as compare does
    (always, when `same_story` is True; else when they have many names in common, or enough
    names and a fact stated alike: stricter than compare's test for two articles, since
    among many articles of one kind many pairs pass by chance) (`fact_match.compare_facts`); two pairwise disagreements that
    share a statement (the same figure at the same place of one article) are one story
    disagreement.
    """
    from reader.analysis.compare import STORY_NAMES

    stop = should_stop or (lambda: False)
    facts = []
    for article, article_spans in zip(articles, spans, strict=True):
        if stop():
            raise Cancelled
        figures = [s for s in article_spans if s.cls == "figure"]
        facts.append(
            read_article_facts(
                article.title, article.body, figures, published_day(article.published)
            )
        )
    names = [
        {str(s.value).casefold() for s in article_spans if s.cls == "name"}
        for article_spans in spans
    ]
    texts = [ArticleNames(article) for article in articles]
    groups: list[StatementGroup] = []
    for i in range(len(articles)):
        if stop():
            raise Cancelled
        if not facts[i]:
            continue
        for j in range(i + 1, len(articles)):
            if not facts[j]:
                continue
            overlap = name_overlap_of(names[i], names[j])
            if same_story is None and overlap < STORY_NAMES:
                continue
            verdict = compare_facts(facts[i], facts[j], (texts[i], texts[j]))
            if not verdict.disagreements:
                continue
            if same_story is None and not (overlap >= SAME_STORY_NAMES or verdict.agreements):
                continue
            for found in verdict.disagreements:
                disagreement = disagreement_from_facts(found, spans[i], spans[j])
                members = [
                    *((i, f, m) for f, m in zip(found.left, disagreement.left, strict=True)),
                    *((j, f, m) for f, m in zip(found.right, disagreement.right, strict=True)),
                ]
                add_to_groups(groups, members, disagreement.topic)

    result = []
    for group in merge_same_values(groups):
        statements = sorted(
            {
                node_of(side, mention): (side, mention) for side, _, mention in group.members
            }.values(),
            key=lambda item: (item[0], place(item[1])),
        )
        result.append(
            StoryDisagreement(
                topic=_best_topic(group.topics, statements[0][1].kind),
                kind=statements[0][1].kind,
                values=_reported_values(articles, statements, spans),
            )
        )
    result.sort(key=lambda d: (-len(d.articles), -len(d.values), d.topic))
    return result


def _best_topic(votes: Counter[str], kind: str) -> str:
    """The topic most pairs named; on a tie the longer word (investment over bet)."""
    named = [(count, word) for word, count in votes.items() if word and word != kind]
    if not named:
        return kind
    return min(named, key=lambda item: (-item[0], -len(item[1]), item[1]))[1]


def _reported_values(
    articles: Sequence[Article],
    members: Iterable[tuple[int, Mention]],
    spans: Sequence[Sequence[SpanLike]],
) -> list[ReportedValue]:
    """The values of one disagreement; `spans` holds every article's highlighter spans (to
    count the figures of a value before its first mention, for `mention_locator`)."""
    by_value: dict[str, dict[str, list[Mention]]] = defaultdict(dict)
    values: dict[str, Any] = {}
    ordinals: dict[str, dict[str, int]] = defaultdict(dict)
    for side, mention in members:
        article_id = articles[side].id
        if article_id not in by_value[mention.key]:
            wanted = ("figure", mention.kind, mention.key)
            ordinals[mention.key][article_id] = sum(
                1
                for span in spans[side]
                if not in_title(mention) and span.start < mention.start and fact_key(span) == wanted
            )
        by_value[mention.key].setdefault(article_id, []).append(mention)
        values.setdefault(mention.key, mention.value)
    reported = []
    for key, mentions in by_value.items():
        text = common_spelling([m.text for m in found] for found in mentions.values())
        reported.append(ReportedValue(key, values[key], text, mentions, ordinals[key]))
    order = {article.id: position for position, article in enumerate(articles)}
    reported.sort(key=lambda v: (-len(v.mentions), min(order[a] for a in v.mentions)))
    return reported


def _spread(a: Any, b: Any) -> float:
    """How far apart two values are: the ratio of their magnitudes (1 when unknown)."""
    x, y = magnitude(a), magnitude(b)
    if x is None or y is None or x <= 0 or y <= 0:
        return 1.0
    return max(x, y) / min(x, y)


def _summaries(
    articles: Sequence[Article], facts: Sequence[CoverageFact]
) -> tuple[list[SourceSummary], int]:
    shared = [fact for fact in facts if fact.sources >= 2]
    story = shared if shared and len(articles) > 1 else list(facts)
    figures: Counter[str] = Counter()
    names: Counter[str] = Counter()
    in_story: Counter[str] = Counter()
    for fact in facts:
        counter = figures if fact.cls == "figure" else names
        counter.update(fact.mentions.keys())
    for fact in story:
        in_story.update(fact.mentions.keys())
    summaries = [
        SourceSummary(
            article,
            figures[article.id],
            names[article.id],
            in_story[article.id] / len(story) if story else 0.0,
        )
        for article in articles
    ]
    return summaries, len(story)


# --- finding a fact again ----------------------------------------------------------------------


def mention_locator(
    find: SpanFinder, key: FactKey, ordinal: int = 0
) -> Callable[[str], tuple[int, int] | None]:
    """A function finding, in a text, the `ordinal`-th span (0: the first) of the fact `key`.

    The reader shows an article's body laid out (markdown marks removed), so offsets into
    the raw body do not hold there; the fact is found again in the shown text, by the same
    highlighter, counting the same way.
    """

    def locate(text: str) -> tuple[int, int] | None:
        found = [(s.start, s.end) for s in find(text) if fact_key(s) == key]
        if not found:
            return None
        return found[min(ordinal, len(found) - 1)]

    return locate


# --- which two articles to compare ---------------------------------------------------------


def disagreement_of(coverage: Coverage, fact: CoverageFact) -> StoryDisagreement | None:
    """The disagreement one of whose values is this figure, if any."""
    if fact.cls != "figure":
        return None
    for disagreement in coverage.disagreements:
        if disagreement.kind == fact.kind and any(
            ("figure", disagreement.kind, value.key) == fact.key for value in disagreement.values
        ):
            return disagreement
    return None


def contrast_pair(coverage: Coverage, fact: CoverageFact) -> tuple[str, str] | None:
    """The two articles that differ most on a fact: for a disputed figure, the two furthest
    apart in its disagreement; otherwise the one mentioning it most against the first that
    does not mention it (or mentions it least). None with fewer than two articles."""
    disagreement = disagreement_of(coverage, fact)
    if disagreement is not None:
        return disagreement.most_apart()
    ids = [article.id for article in coverage.articles]
    if len(ids) < 2:
        return None
    most = max(ids, key=lambda i: (fact.mentions.get(i, 0), -ids.index(i)))
    least = min(
        (i for i in ids if i != most), key=lambda i: (fact.mentions.get(i, 0), ids.index(i))
    )
    return most, least
