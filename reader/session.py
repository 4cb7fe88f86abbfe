"""One reading session: the corpus, the user's config, the reading state and the name index.

Shared by the command line and the UI, so both learn names the same way. No Textual here:
the UI runs the slow part (`build_name_index`) in a worker and keeps the result.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Sequence

from reader.config import Config, load_config, state_db_path
from reader.corpus import Article, Corpus, sort_articles
from reader.highlight import NameIndex, NameSpec
from reader.store import StateStore

# The corpus name index learns from this many articles at most (the newest): over 100,000 it
# would hold every body in memory and keep a core busy for a minute.
NAME_INDEX_MAX_ARTICLES = 2_000


def newest_articles(articles: Sequence[Article], count: int) -> list[Article]:
    """`sort_articles(articles)[:count]` without sorting them all (a fifth of the CPU at
    100,000, in a loop that lets keys in between articles rather than one long sort)."""
    newest = heapq.nlargest(
        count, (a for a in articles if a.published), key=lambda a: (a.published, a.id)
    )
    if len(newest) < count:
        undated = sort_articles([a for a in articles if not a.published])
        newest.extend(undated[: count - len(newest)])
    return newest


def _never_stop() -> bool:
    return False


class Session:
    """A loaded corpus with the config, the state store (None: the CLI keeps no state) and,
    once built, the name index learnt over the corpus."""

    def __init__(self, corpus: Corpus, config: Config, store: StateStore | None = None) -> None:
        self.corpus = corpus
        self.config = config
        self.store = store
        # Set by the owner once `build_name_index` returns (the UI sets it on its own thread).
        self.name_index: NameIndex | None = None

    @classmethod
    def open(
        cls,
        corpus: Corpus,
        state_path: str | os.PathLike[str] | None = None,
        *,
        config: Config | None = None,
    ) -> Session:
        """A session over `corpus` with the state store at `state_path` (`--state`, else
        $READER_STATE, else the XDG state folder) and `config` (else config.yaml)."""
        config = config if config is not None else load_config()
        store = StateStore.open(state_db_path(state_path))
        store.attach(corpus.articles)  # marks belong to files: say which file each id is
        return cls(corpus, config, store)

    def names_over(
        self, articles: Sequence[Article], should_stop: Callable[[], bool] = _never_stop
    ) -> NameIndex:
        """A name index learnt from `articles`, with the user's declared and never-marked
        names (partial if `should_stop` said so). Slow on many articles: off the UI thread."""
        declared = [NameSpec(entry.name, entry.kind, entry.aliases) for entry in self.config.names]
        return NameIndex.build(
            list(articles), names=declared, never=self.config.never, should_stop=should_stop
        )

    def build_name_index(self, should_stop: Callable[[], bool] = _never_stop) -> NameIndex | None:
        """The corpus name index, learnt from the newest `NAME_INDEX_MAX_ARTICLES` articles;
        None when `should_stop` says so once it is built. Does not keep it: set `name_index`."""
        from reader.index import IndexedArticle

        articles = self.corpus.articles
        if len(articles) > NAME_INDEX_MAX_ARTICLES:
            articles = newest_articles(articles, NAME_INDEX_MAX_ARTICLES)
        unread = [a for a in articles if isinstance(a, IndexedArticle) and not a.body_loaded]
        index = self.names_over(articles, should_stop)
        for article in unread:
            article.forget_body()  # read for the names only: 2,000 bodies kept were 5 MB
        return None if should_stop() else index

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
