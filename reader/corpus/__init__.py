"""Files to Articles: reading, cleaning, metadata, dates, the folder walker, loading and sorting."""

from __future__ import annotations

from reader.corpus.files import (
    is_utf8_name,
    read_limited,
    unreadable_name,
)
from reader.corpus.filtering import (
    SUBSTRING_FILTER,
    ArticleFilter,
    article_matches,
    filter_articles,
    narrows,
    query_terms,
)
from reader.corpus.load import (
    MAX_ARTICLE_BYTES,
    SORT_KEYS,
    TRUNCATION_NOTE,
    Article,
    ArticleNotFound,
    Corpus,
    Problem,
    count_words,
    find_article,
    load_article,
    sort_articles,
)
from reader.corpus.metadata import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAX_TITLE_CHARS,
    MetadataError,
    fields_from_mapping,
    fields_from_text,
    load_yaml,
    parse_date,
    split_front_matter,
)
from reader.corpus.sanitize import (
    clean_line,
    clean_text,
    escape_controls,
)
from reader.corpus.scan import (
    RootScan,
    base_folder,
    folder_of,
    scan_root,
    sidecar_of,
)

__all__ = [
    "Article",
    "ArticleFilter",
    "ArticleNotFound",
    "Corpus",
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "MAX_ARTICLE_BYTES",
    "MAX_TITLE_CHARS",
    "MetadataError",
    "Problem",
    "RootScan",
    "SORT_KEYS",
    "SUBSTRING_FILTER",
    "TRUNCATION_NOTE",
    "article_matches",
    "base_folder",
    "clean_line",
    "clean_text",
    "count_words",
    "escape_controls",
    "fields_from_mapping",
    "fields_from_text",
    "filter_articles",
    "find_article",
    "folder_of",
    "is_utf8_name",
    "load_article",
    "load_yaml",
    "narrows",
    "parse_date",
    "query_terms",
    "read_limited",
    "scan_root",
    "sidecar_of",
    "sort_articles",
    "split_front_matter",
    "unreadable_name",
]
