"""The index cache: an SQLite copy of a corpus's articles, kept fresh, with full-text search."""

from __future__ import annotations

from reader.index.cache import (
    NO_FTS_NOTICE,
    ArticleIndex,
    IndexedArticle,
    IndexedCorpus,
    open_corpus,
)

__all__ = [
    "ArticleIndex",
    "IndexedArticle",
    "IndexedCorpus",
    "NO_FTS_NOTICE",
    "open_corpus",
]
