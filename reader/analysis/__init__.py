"""What articles report, share and dispute: paragraph alignment, facts, disagreements, coverage."""

from __future__ import annotations

from reader.analysis.align import Pair, align_paragraphs
from reader.analysis.compare import NOT_SAME_STORY, Comparison, compare_articles, name_index_for
from reader.analysis.coverage import (
    MAX_ARTICLES,
    Cancelled,
    Coverage,
    CoverageFact,
    SpanFinder,
    StoryDisagreement,
    analyse_coverage,
    common_spelling,
    contrast_pair,
    default_finder,
    mention_locator,
)
from reader.analysis.disagreements import figure_mentions, find_disagreements
from reader.analysis.facts import Fact, diff_facts, fact_key, value_key
from reader.analysis.paragraphs import split_paragraphs, stem
from reader.highlight.span import SpanLike

__all__ = [
    "Cancelled",
    "Comparison",
    "Coverage",
    "CoverageFact",
    "Fact",
    "MAX_ARTICLES",
    "NOT_SAME_STORY",
    "Pair",
    "SpanFinder",
    "SpanLike",
    "StoryDisagreement",
    "align_paragraphs",
    "analyse_coverage",
    "common_spelling",
    "compare_articles",
    "contrast_pair",
    "default_finder",
    "diff_facts",
    "fact_key",
    "figure_mentions",
    "find_disagreements",
    "mention_locator",
    "name_index_for",
    "split_paragraphs",
    "stem",
    "value_key",
]
