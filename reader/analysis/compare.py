"""Compare two articles: aligned paragraphs, shared and one-sided facts, disagreements."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from reader.analysis.align import Pair, alignment
from reader.analysis.compare_side import SideAnalysis, analyse_side
from reader.analysis.disagreements import Disagreement, disagreement_from_facts
from reader.analysis.fact_article import published_day
from reader.analysis.fact_match import compare_facts
from reader.analysis.fact_whose import ArticleNames
from reader.analysis.facts import Fact, Facts, FactTally, name_overlap
from reader.analysis.paragraphs import Paragraph
from reader.analysis.side_keeping import (
    KeptPairs,
    KeptSides,
    kept_pair,
    keyed_title,
    remember_pair,
    side_analysis,
)
from reader.corpus import Article
from reader.highlight.span import SpanLike

if TYPE_CHECKING:
    from reader.config import Config
    from reader.highlight import NameIndex


@dataclass
class Side:
    """One article as compare sees it: its paragraphs and its figure and name spans (its
    `analysis`, shared by every comparison of the same text)."""

    article: Article
    analysis: SideAnalysis

    @property
    def paragraphs(self) -> list[Paragraph]:
        return self.analysis.paragraphs

    @property
    def spans(self) -> list[SpanLike]:
        return self.analysis.spans

    @property
    def paragraph_spans(self) -> list[list[SpanLike]]:
        """Spans grouped per paragraph, with offsets relative to the paragraph."""
        return self.analysis.paragraph_spans

    def paragraph_texts(self) -> list[str]:
        body = self.article.body
        return [p.text(body) for p in self.paragraphs]


@dataclass
class Comparison:
    """Everything compare finds about two articles."""

    left: Side
    right: Side
    pairs: list[Pair]
    facts: Facts
    disagreements: list[Disagreement]
    name_overlap: float = 1.0  # see `name_overlap`
    agreements: int = 0  # things both state with the same value (fact_match)
    same_story: bool = True  # taken to be about one story: disagreements are sought
    # Whether `same_story` is a story grouping's answer (else the name test's).
    grouped: bool = False
    # Matches `pairs` cannot keep in order (see `align.moved_pairs`): a paragraph told first
    # on one side and last on the other, or a second one saying what one paragraph says.
    moved: list[Pair] = field(default_factory=list)

    def moved_from(self, side: str) -> dict[int, int]:
        """For each paragraph of `side` that no row matches but the other side says out of
        order, the other side's paragraph it matches best. A paragraph matched in order is
        level with its match already; pointing from it too would crowd the panes."""
        matched = {
            getattr(pair, side) for pair in self.pairs if None not in (pair.left, pair.right)
        }
        best: dict[int, tuple[float, int]] = {}
        for pair in self.moved:
            here, there = (pair.left, pair.right) if side == "left" else (pair.right, pair.left)
            if here is None or there is None or here in matched:
                continue
            if here not in best or pair.score > best[here][0]:
                best[here] = (pair.score, there)
        return {here: there for here, (_, there) in best.items()}

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
            "moved": [
                {"left": pair.left, "right": pair.right, "score": pair.score} for pair in self.moved
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


def name_index_for(articles: Sequence[Article], config: Config | None = None) -> NameIndex:
    """A NameIndex over `articles` with the user's declared names and never-names from
    `config` (the caller reads config.yaml; without it, no declared names)."""
    from reader.highlight import NameIndex

    if config is None:
        return NameIndex.build(list(articles))
    return NameIndex.build(list(articles), names=config.names, never=config.never)


# Two articles sharing this share of their names (shared / all distinct) are taken to be about
# one story. Measured on the ECB+ development pairs (tests/fixtures/compare_dev): same-story
# pairs share 0.03-0.67 of their names, pairs of two events of one kind 0-0.42, so names alone
# cannot tell; a fact stated alike on both sides (an agreement) is the other sign.
STORY_NAMES = 0.1

NOT_SAME_STORY = "few names in common: probably different stories, so no disagreements sought"
TWO_STORIES = "grouped into two different stories, so no disagreements sought"


def not_same_story_note(comparison: Comparison) -> str:
    """Why no disagreements were sought between two articles taken to be of two stories."""
    return TWO_STORIES if comparison.grouped else NOT_SAME_STORY


def compare_articles(
    left: Article,
    right: Article,
    names: NameIndex | None = None,
    *,
    spans: tuple[Sequence[SpanLike], Sequence[SpanLike]] | None = None,
    config: Config | None = None,
    same_story: bool | None = None,
    kept: KeptSides | None = None,
) -> Comparison:
    """Compare two articles. `names` canonicalises names (by default an index over the two);
    `spans` gives the figure and name spans of both bodies when they are already known;
    `config` gives the user's declared names for the default index; `same_story` says
    whether the two are about one story when a better judge knows (a story grouping of the
    corpus); by default they are when enough names are common (see `_same_story`); `kept`
    holds analyses kept across processes (the index cache's, `index.side_store`).

    Each article's own analysis (spans, terms, facts) is kept by content (`compare_side`):
    comparing an article again costs only this pair's alignment and fact matching."""
    if spans is None:
        index = names if names is not None else name_index_for([left, right], config)
        sides = (
            side_analysis(left.title, left.body, index, kept, published_day(left.published)),
            side_analysis(right.title, right.body, index, kept, published_day(right.published)),
        )
    else:
        sides = (
            analyse_side(left.title, left.body, spans[0], published_day(left.published)),
            analyse_side(right.title, right.body, spans[1], published_day(right.published)),
        )
    return compare_sides(Side(left, sides[0]), Side(right, sides[1]), same_story=same_story)


def names_scope(config: Config | None) -> str:
    """What, besides the two texts and the code, the name index over two articles depends
    on: the user's declared names and never-names."""
    if config is None:
        return "[]"
    declared = [[entry.name, entry.kind, list(entry.aliases)] for entry in config.names]
    return json.dumps([declared, sorted(config.never)])


def compare_two(
    left: Article,
    right: Article,
    kept: KeptPairs,
    config: Config | None = None,
    *,
    same_story: bool | None = None,
) -> tuple[Comparison, Callable[[], None]]:
    """`compare_articles` with the name index over the two (`reader compare`), from the
    analyses `kept` holds: without building that index when the pair was compared before
    with this code and `config` (`kept_pair`). Also gives what keeps this comparison's new
    analyses, to call once it is shown or printed."""
    scope = names_scope(config)
    texts = (
        (keyed_title(left.title, published_day(left.published)), left.body),
        (keyed_title(right.title, published_day(right.published)), right.body),
    )
    sides = kept_pair(texts[0], texts[1], scope, kept)
    if sides is not None:
        comparison = compare_sides(
            Side(left, sides[0]), Side(right, sides[1]), same_story=same_story
        )
        return comparison, lambda: None
    names = name_index_for([left, right], config)
    comparison = compare_articles(left, right, names, same_story=same_story, kept=kept)

    def keep() -> None:
        kept.flush()
        remember_pair(texts[0], texts[1], scope, names, kept)

    return comparison, keep


# A story grouping tells two articles' stories apart only when it has other articles to weigh
# them against: two articles grouped alone always end up in one story. On the ECB+
# development set (462 articles) the grouping is right for 51 of the 54 labelled pairs, where
# the name test is right for 47 (it misses three same-story pairs that disagree).
GROUPED_MIN_ARTICLES = 20


def same_story_in(story_of: Mapping[str, int], left: Article, right: Article) -> bool | None:
    """Whether `left` and `right` are about one story by a grouping of their corpus
    (`story_of`: article id -> story id, every article of the corpus), or None when the
    grouping cannot tell (too few articles, or one of the two not grouped)."""
    if len(story_of) < GROUPED_MIN_ARTICLES:
        return None
    if left.id not in story_of or right.id not in story_of:
        return None
    return story_of[left.id] == story_of[right.id]


def _same_story(overlap: float, agreements: int) -> bool:
    """Whether two articles are taken to be about one story, without a better judge (a story
    grouping): enough names in common, or some names and a fact stated alike on both sides."""
    return overlap >= STORY_NAMES or (overlap > 0 and agreements > 0)


def compare_sides(left: Side, right: Side, *, same_story: bool | None = None) -> Comparison:
    """The comparison of two analysed articles: the work that depends on both."""
    pairs, moved = alignment(left.analysis.terms, right.analysis.terms)
    facts = _diff(left.analysis.tallies, right.analysis.tallies)
    overlap = name_overlap(facts)
    names = (
        ArticleNames(left.article),
        ArticleNames(right.article),
    )
    verdict = compare_facts(left.analysis.facts, right.analysis.facts, names)
    agreed = len(verdict.agreements)
    story = same_story if same_story is not None else _same_story(overlap, agreed)
    disagreements = (
        [disagreement_from_facts(d, left.spans, right.spans) for d in verdict.disagreements]
        if story
        else []
    )
    comparison = Comparison(
        left,
        right,
        pairs,
        facts,
        disagreements,
        overlap,
        agreed,
        story,
        grouped=same_story is not None,
        moved=moved,
    )
    comparison.facts = facts.without(comparison.disputed("left") | comparison.disputed("right"))
    return comparison


def _diff(left: Sequence[FactTally], right: Sequence[FactTally]) -> Facts:
    """`facts.diff_facts` from each side's own tally (kept with its analysis): facts in order
    of first appearance, the left's first."""
    right_texts = {tally.key: tally.texts.get(0, []) for tally in right}
    left_keys = {tally.key for tally in left}
    facts = [
        Fact(
            t.cls,
            t.kind,
            t.value,
            t.key,
            list(t.texts.get(0, [])),
            list(right_texts.get(t.key, [])),
        )
        for t in left
    ]
    facts += [
        Fact(t.cls, t.kind, t.value, t.key, [], list(t.texts.get(0, [])))
        for t in right
        if t.key not in left_keys
    ]
    both = [f for f in facts if f.left_texts and f.right_texts]
    left_only = [f for f in facts if not f.right_texts]
    right_only = [f for f in facts if not f.left_texts]
    return Facts(both, left_only, right_only)
