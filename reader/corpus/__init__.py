"""Files to Articles: reading, cleaning, metadata, dates, the folder walker, loading and sorting.

Modules, one job each: `problems` (the Problem type), `files` (reading untrusted files),
`sanitize` (cleaning text), `yaml_safe` (safe YAML), `flat_yaml` (flat front matter without
a parser, read as the parser reads it), `dates` (the one date parser),
`metadata` (fields from front matter, sidecars and the text), `scan` (the one folder walker),
`article` (the Article model: count, sort, find), `load` (files -> Corpus), `filtering`
(the in-memory list filter).
"""

from __future__ import annotations

from reader.corpus.article import (
    SORT_KEYS,
    Article,
    ArticleNotFound,
    count_words,
    find_article,
    sort_articles,
    unique_id,
)
from reader.corpus.dates import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    day_first,
    parse_published,
)
from reader.corpus.files import (
    is_utf8_name,
    os_reason,
    read_limited,
    unreadable_name,
)
from reader.corpus.filtering import (
    SUBSTRING_FILTER,
    ArticleFilter,
    article_matches,
    filter_articles,
    filter_terms,
    narrows,
)
from reader.corpus.json_values import json_value
from reader.corpus.load import (
    MAX_ARTICLE_BYTES,
    TRUNCATION_NOTE,
    Corpus,
    SidecarCache,
    load_article,
    load_articles,
)
from reader.corpus.metadata import (
    MAX_TITLE_CHARS,
    fields_from_mapping,
    fields_from_text,
    split_front_matter,
)
from reader.corpus.problems import Problem
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
from reader.corpus.yaml_safe import MetadataError, load_yaml

__all__ = [
    "json_value",
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
    "SidecarCache",
    "TRUNCATION_NOTE",
    "article_matches",
    "base_folder",
    "clean_line",
    "clean_text",
    "count_words",
    "day_first",
    "escape_controls",
    "fields_from_mapping",
    "fields_from_text",
    "filter_articles",
    "filter_terms",
    "find_article",
    "folder_of",
    "is_utf8_name",
    "load_article",
    "load_articles",
    "load_yaml",
    "narrows",
    "os_reason",
    "parse_published",
    "read_limited",
    "scan_root",
    "sidecar_of",
    "sort_articles",
    "split_front_matter",
    "unique_id",
    "unreadable_name",
]
