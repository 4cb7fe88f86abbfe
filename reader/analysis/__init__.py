"""What articles report, share and dispute: paragraph alignment, facts, disagreements, coverage.

Cheap to import: stories are imported at once (a warm `reader stories` needs only `Story`);
alignment, facts, compare and coverage (and the highlighter they load, whose patterns take a
while to compile) on first use of one of their names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.analysis.stories import Grouping, Story, StoryIndex, StoryInput, group, place, remove
from reader.analysis.story_articles import group_articles, most_different_pair, story_input
from reader.lazy_names import lazy_names

if TYPE_CHECKING:
    from reader.analysis.align import Pair, align_paragraphs
    from reader.analysis.compare import (
        NOT_SAME_STORY,
        Comparison,
        compare_articles,
        name_index_for,
        not_same_story_note,
        same_story_in,
    )
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
    from reader.analysis.fact_article import published_day
    from reader.analysis.facts import Fact, diff_facts, fact_key, value_key
    from reader.analysis.paragraphs import split_paragraphs, stem
    from reader.analysis.side_keeping import side_analysis
    from reader.highlight.span import SpanLike

# Where each lazily imported name lives.
_LAZY = {
    "Pair": "reader.analysis.align",
    "align_paragraphs": "reader.analysis.align",
    "NOT_SAME_STORY": "reader.analysis.compare",
    "Comparison": "reader.analysis.compare",
    "compare_articles": "reader.analysis.compare",
    "name_index_for": "reader.analysis.compare",
    "same_story_in": "reader.analysis.compare",
    "not_same_story_note": "reader.analysis.compare",
    "MAX_ARTICLES": "reader.analysis.coverage",
    "Cancelled": "reader.analysis.coverage",
    "Coverage": "reader.analysis.coverage",
    "CoverageFact": "reader.analysis.coverage",
    "SpanFinder": "reader.analysis.coverage",
    "StoryDisagreement": "reader.analysis.coverage",
    "analyse_coverage": "reader.analysis.coverage",
    "common_spelling": "reader.analysis.coverage",
    "contrast_pair": "reader.analysis.coverage",
    "default_finder": "reader.analysis.coverage",
    "mention_locator": "reader.analysis.coverage",
    "figure_mentions": "reader.analysis.disagreements",
    "find_disagreements": "reader.analysis.disagreements",
    "published_day": "reader.analysis.fact_article",
    "Fact": "reader.analysis.facts",
    "diff_facts": "reader.analysis.facts",
    "fact_key": "reader.analysis.facts",
    "value_key": "reader.analysis.facts",
    "split_paragraphs": "reader.analysis.paragraphs",
    "stem": "reader.analysis.paragraphs",
    "side_analysis": "reader.analysis.side_keeping",
    "SpanLike": "reader.highlight.span",
}


__getattr__ = lazy_names(__name__, _LAZY)


__all__ = [
    "Cancelled",
    "Comparison",
    "Coverage",
    "CoverageFact",
    "Fact",
    "Grouping",
    "MAX_ARTICLES",
    "NOT_SAME_STORY",
    "Pair",
    "SpanFinder",
    "SpanLike",
    "Story",
    "StoryDisagreement",
    "StoryIndex",
    "StoryInput",
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
    "group",
    "group_articles",
    "mention_locator",
    "most_different_pair",
    "name_index_for",
    "place",
    "published_day",
    "remove",
    "same_story_in",
    "not_same_story_note",
    "side_analysis",
    "split_paragraphs",
    "stem",
    "story_input",
    "value_key",
]
