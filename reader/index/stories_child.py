"""The child process of `stories.group_in_child`: group the cache's articles and store them.

Run as `python -c "...group_here(index_path, roots)"`; a module of its own because it opens
the corpus (`cache`), which imports `stories`.
"""

from __future__ import annotations

from reader.index.cache import open_corpus

__all__ = ["group_here"]


def group_here(index_path: str, roots: list[str]) -> None:
    """The articles of `roots` as the cache at `index_path` has them, grouped and stored."""
    corpus = open_corpus(roots, index_path=index_path, refresh=False, search=False)
    if corpus.index is None or corpus.index.in_memory:
        raise SystemExit(1)  # the cache could not be opened: nothing to store into
    corpus.stories()
