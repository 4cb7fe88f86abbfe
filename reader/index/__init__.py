"""The index cache: an SQLite copy of a corpus's articles, kept fresh, with full-text search.

Modules, one job each: `db` (the cache file: schema, connections, moving a bad one aside),
`parse_pool` (files -> rows, in worker processes), `refresh` (bringing the cache up to date
with the files), `query` (what the user typed -> FTS5 expression or regexes), `search`
(building the full-text index and searching it), `first_page` (the list filter's first
matches in list order), `articles` (IndexedArticle, loading rows back as articles),
`stories`, `story_listing` and `printed_listing` (the stories kept in the cache, and how
`reader stories` lists and prints them), `cache` (ArticleIndex, IndexedCorpus and
`open_corpus`, all together).
"""

from __future__ import annotations

from reader.index.articles import IndexedArticle
from reader.index.cache import (
    NO_FTS_NOTICE,
    ArticleIndex,
    IndexedCorpus,
    index_in_memory,
    open_corpus,
)

__all__ = [
    "ArticleIndex",
    "IndexedArticle",
    "IndexedCorpus",
    "NO_FTS_NOTICE",
    "index_in_memory",
    "open_corpus",
]
