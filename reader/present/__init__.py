"""Rich and plain text for people (no Textual): dates, article text, compare and coverage layouts.

Cheap to import: dates, wording and the stories listing at once; the layouts that load Rich
and the analysis on first use of one of their names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy_names import lazy_names
from reader.present.dates import format_date, format_day, format_day_time, format_long_day
from reader.present.stories_printing import (
    listing_heading,
    stories_listing,
    stories_listing_parts,
    story_blocks,
    story_counts,
    story_span,
)
from reader.present.wording import plural

if TYPE_CHECKING:
    from reader.present.article_text import (
        Block,
        Document,
        body_blocks,
        build_document,
        parse_inline,
        wrap_offsets,
    )
    from reader.present.compare_facts import FactSection, fact_label, fact_sections, shorten
    from reader.present.compare_layout import (
        ROLES,
        PaneLayout,
        counterpart_line,
        few_matches,
        matched_paragraphs,
        strength_glyph,
        wrap,
    )
    from reader.present.compare_printing import byline, print_comparison, side_names
    from reader.present.compare_summary import summary_text
    from reader.present.coverage_matrix import (
        FILTER_LABELS,
        FILTERS,
        MatrixRow,
        matrix_rows,
        source_labels,
    )
    from reader.present.coverage_printing import coverage_listing
    from reader.present.marking import legend, marked_text
    from reader.present.printing import print_article, print_article_table, stdout_console
    from reader.present.side_by_side import LaidOut, SideBySide, layout_sides

# Where each lazily imported name lives.
_LAZY = {
    "Block": "reader.present.article_text",
    "Document": "reader.present.article_text",
    "body_blocks": "reader.present.article_text",
    "build_document": "reader.present.article_text",
    "parse_inline": "reader.present.article_text",
    "wrap_offsets": "reader.present.article_text",
    "FactSection": "reader.present.compare_facts",
    "fact_label": "reader.present.compare_facts",
    "fact_sections": "reader.present.compare_facts",
    "shorten": "reader.present.compare_facts",
    "ROLES": "reader.present.compare_layout",
    "PaneLayout": "reader.present.compare_layout",
    "counterpart_line": "reader.present.compare_layout",
    "few_matches": "reader.present.compare_layout",
    "LaidOut": "reader.present.side_by_side",
    "SideBySide": "reader.present.side_by_side",
    "layout_sides": "reader.present.side_by_side",
    "matched_paragraphs": "reader.present.compare_layout",
    "strength_glyph": "reader.present.compare_layout",
    "wrap": "reader.present.compare_layout",
    "summary_text": "reader.present.compare_summary",
    "byline": "reader.present.compare_printing",
    "print_comparison": "reader.present.compare_printing",
    "side_names": "reader.present.compare_printing",
    "FILTER_LABELS": "reader.present.coverage_matrix",
    "FILTERS": "reader.present.coverage_matrix",
    "MatrixRow": "reader.present.coverage_matrix",
    "matrix_rows": "reader.present.coverage_matrix",
    "source_labels": "reader.present.coverage_matrix",
    "coverage_listing": "reader.present.coverage_printing",
    "legend": "reader.present.marking",
    "marked_text": "reader.present.marking",
    "print_article": "reader.present.printing",
    "print_article_table": "reader.present.printing",
    "stdout_console": "reader.present.printing",
}


__getattr__ = lazy_names(__name__, _LAZY)


__all__ = [
    "plural",
    "Block",
    "Document",
    "FactSection",
    "FILTERS",
    "FILTER_LABELS",
    "MatrixRow",
    "PaneLayout",
    "ROLES",
    "body_blocks",
    "build_document",
    "byline",
    "counterpart_line",
    "few_matches",
    "matched_paragraphs",
    "coverage_listing",
    "fact_label",
    "fact_sections",
    "format_date",
    "format_day",
    "format_day_time",
    "format_long_day",
    "LaidOut",
    "layout_sides",
    "SideBySide",
    "legend",
    "marked_text",
    "matrix_rows",
    "parse_inline",
    "print_article",
    "print_article_table",
    "print_comparison",
    "shorten",
    "side_names",
    "source_labels",
    "stdout_console",
    "stories_listing",
    "stories_listing_parts",
    "story_blocks",
    "listing_heading",
    "story_counts",
    "story_span",
    "strength_glyph",
    "summary_text",
    "wrap",
    "wrap_offsets",
]
