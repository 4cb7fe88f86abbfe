"""Compare two articles: aligned paragraphs, shared and one-sided facts, disagreements."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from reader.analysis.align import Pair, align_paragraphs
from reader.analysis.disagreements import Disagreement, fact_comparison
from reader.analysis.facts import Facts, diff_facts, name_overlap
from reader.analysis.paragraphs import Paragraph, split_paragraphs
from reader.corpus import Article
from reader.highlight.span import Span, SpanLike

if TYPE_CHECKING:
    from reader.config import Config
    from reader.highlight import NameIndex


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


def _shifted(span: SpanLike, offset: int) -> Span:
    return Span(span.start - offset, span.end - offset, span.cls, span.kind, span.value)


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


def compare_articles(
    left: Article,
    right: Article,
    names: NameIndex | None = None,
    *,
    spans: tuple[Sequence[SpanLike], Sequence[SpanLike]] | None = None,
    config: Config | None = None,
    same_story: bool | None = None,
) -> Comparison:
    """Compare two articles. `names` canonicalises names (by default an index over the two);
    `spans` gives the figure and name spans of both bodies when they are already known;
    `config` gives the user's declared names for the default index; `same_story` says
    whether the two are about one story when a better judge knows (a story grouping of the
    corpus); by default they are when enough names are common (see `_same_story`)."""
    if spans is None:
        from reader.highlight import find_spans

        index = names if names is not None else name_index_for([left, right], config)
        found: tuple[Sequence[SpanLike], Sequence[SpanLike]] = (
            find_spans(left.body, names=index),
            find_spans(right.body, names=index),
        )
    else:
        found = spans
    left_side = Side(left, split_paragraphs(left.body), list(found[0]))
    right_side = Side(right, split_paragraphs(right.body), list(found[1]))
    pairs = align_paragraphs(
        left_side.paragraph_texts(),
        right_side.paragraph_texts(),
        left_spans=left_side.paragraph_spans,
        right_spans=right_side.paragraph_spans,
    )
    facts = diff_facts(left.body, left_side.spans, right.body, right_side.spans)
    overlap = name_overlap(facts)
    disputes, verdict = fact_comparison(left, right, left_side.spans, right_side.spans)
    agreed = len(verdict.agreements)
    story = same_story if same_story is not None else _same_story(overlap, agreed)
    disagreements = disputes if story else []
    comparison = Comparison(
        left_side, right_side, pairs, facts, disagreements, overlap, agreed, story
    )
    comparison.facts = facts.without(comparison.disputed("left") | comparison.disputed("right"))
    return comparison


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
