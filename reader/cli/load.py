"""Loading for the verbs: the corpus (plain or through the index), one article, the name index.

Problems go to stderr; the verbs print only their output to stdout.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.cli.args import EXIT_NOTHING_LOADED, UsageError
from reader.config import seeds_dir
from reader.corpus import Article, ArticleNotFound, Corpus, find_article

if TYPE_CHECKING:
    from reader.highlight import NameIndex
    from reader.index import IndexedCorpus


def load_corpus(paths: Sequence[str]) -> Corpus:
    """Load the named paths (the bundled seeds when none), reporting problems on stderr."""
    corpus = Corpus.load(paths or [seeds_dir()])
    for problem in corpus.problems:
        print(problem, file=sys.stderr)
    return corpus


def need_articles(corpus: Corpus) -> None:
    if not corpus.articles:
        print("reader: no articles could be loaded", file=sys.stderr)
        raise SystemExit(EXIT_NOTHING_LOADED)


def load_articles(paths: Sequence[str]) -> Corpus:
    """`load_corpus`, exiting with status 1 when no article could be loaded."""
    corpus = load_corpus(paths)
    need_articles(corpus)
    return corpus


def find(articles: list[Article], query: str) -> Article:
    """The article `query` names (id, path or unique prefix); a usage error otherwise."""
    try:
        return find_article(articles, query)
    except ArticleNotFound as error:
        raise UsageError(str(error)) from None


def name_index(corpus: Corpus) -> NameIndex:
    """A NameIndex over the loaded articles, with the user's declared and never-marked names."""
    # Imported here: the verbs that need no names start without the highlighter.
    from reader.config import load_config
    from reader.session import Session

    session = Session(corpus, load_config())
    for problem in session.config.problems:
        print(f"reader: {problem}", file=sys.stderr)
    return session.names_over(corpus.articles)


def stderr_progress(label: str) -> Callable[[int, int], None] | None:
    """A progress callback that rewrites one stderr line, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r\x1b[2Kreader: {label} {done:,} of {total:,}{end}")
        sys.stderr.flush()

    return report


def open_indexed(
    paths: Sequence[str],
    index_path: str | None,
    *,
    refresh: bool | None = True,
    search: bool = True,
    first_page: int | None = None,
    load: bool = True,
) -> IndexedCorpus:
    """Open the corpus at `paths` through the index, telling stderr about problems.

    See `reader.index.cache.open_corpus` for `refresh`, `search`, `first_page` and `load`.
    """
    from reader.index import open_corpus

    corpus = open_corpus(
        paths or [seeds_dir()],
        index_path=index_path,
        refresh=refresh,
        search=search,
        first_page=first_page,
        load=load,
        progress=stderr_progress("indexing files:"),
        search_progress=stderr_progress("building the search index:"),
    )
    for notice in corpus.notices:
        print(f"reader: {notice}", file=sys.stderr)
    for problem in corpus.problems:
        print(problem, file=sys.stderr)
    return corpus
