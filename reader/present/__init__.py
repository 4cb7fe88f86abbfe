"""Rich and plain text for people (no Textual): dates, article text, compare and coverage layouts."""

from __future__ import annotations

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
    layout_sides,
    matched_paragraphs,
    strength_glyph,
    wrap,
)
from reader.present.compare_printing import (
    byline,
    print_comparison,
    side_names,
)
from reader.present.coverage_matrix import (
    FILTER_LABELS,
    FILTERS,
    MatrixRow,
    matrix_rows,
    source_labels,
)
from reader.present.coverage_printing import coverage_listing
from reader.present.dates import format_date, format_day, format_day_time, format_long_day
from reader.present.marking import legend, marked_text
from reader.present.printing import (
    print_article,
    print_article_table,
    stdout_console,
)
from reader.present.stories_printing import stories_listing, story_counts, story_span
from reader.present.wording import plural

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
    "layout_sides",
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
    "story_counts",
    "story_span",
    "strength_glyph",
    "wrap",
    "wrap_offsets",
]
