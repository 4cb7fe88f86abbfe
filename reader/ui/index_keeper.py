"""The App's index cache after a warm start: the rest of the list, changes on disk, the search
index, loaded in a worker while the first page is on screen. A mixin of ReaderApp.

The worker does everything that takes long with 100,000 articles (reading them, working out
which file each one is for the state store, walking the folders) and posts the results
(messages.py); the handlers on the UI thread only swap them in, so keys are answered
meanwhile. It never touches a widget.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from textual import work
from textual.worker import get_current_worker

from reader.index import IndexedCorpus, index_in_memory
from reader.store import locate
from reader.ui.heap import collector_paused
from reader.ui.messages import CorpusChanged, CorpusLoaded, CorpusSettled, SearchIndexProgress
from reader.ui.story_book import StoriesWanted

__all__ = ["SEARCH_BUILD_NOTICE_ROWS", "IndexKeeper"]

# Tell the user the search index is being built when it will take a noticeable while.
SEARCH_BUILD_NOTICE_ROWS = 5_000


class IndexKeeper:
    """Mixed into ReaderApp (which provides corpus, store, notify, post_message, the library
    screen, `_announce_problems`, `when_idle`, `wait_for_idle_keys` and
    `_build_name_index`)."""

    @work(thread=True, exclusive=True, group="index", description="refresh the index")
    def _keep_index_fresh(self, corpus: IndexedCorpus) -> None:
        """After a warm start: pick up files changed on disk; then finish the search index."""
        app: Any = self
        index = corpus.index
        assert index is not None
        worker = get_current_worker()
        # One step after another rather than in parallel threads: each holds the GIL most
        # of the time, and together they made keys wait for hundreds of milliseconds.
        name_index_waits = not corpus.complete
        articles = corpus.articles
        if not corpus.complete:
            with collector_paused():
                articles, problems = index.load(corpus.roots)
                if worker.is_cancelled:
                    return
                located = locate(articles)
            app.post_message(CorpusLoaded(articles, problems, located))
        if not corpus.refreshed:
            # Files changed on disk can wait while keys come (the walk stats every file).
            app.wait_for_idle_keys(len(articles), lambda: worker.is_cancelled)
            if worker.is_cancelled:
                return
            try:
                report = index.refresh(corpus.roots)
            except sqlite3.Error as error:
                # Another process holds the cache's write lock (a long cold index), or the
                # disk is full: as the README says, this run goes on in memory.
                memory, articles, problems = index_in_memory(
                    corpus.roots, should_stop=lambda: worker.is_cancelled
                )
                if not worker.is_cancelled:
                    reason = f"index cache unusable ({error}); indexing in memory"
                    located = locate(articles)
                    app.post_message(
                        CorpusChanged(articles, problems, memory, reason, located=located)
                    )
                return
            corpus.report = report
            if report.touched and not worker.is_cancelled:
                with collector_paused():
                    articles, problems = index.load(corpus.roots)
                    located = locate(articles)
                app.post_message(CorpusChanged(articles, problems, located=located))
        if name_index_waits and not worker.is_cancelled:
            app.post_message(CorpusSettled())
        if not worker.is_cancelled:
            # After CorpusLoaded / CorpusChanged in the queue: grouped are the articles now.
            app.post_message(StoriesWanted(restart=True))
        backlog = index.search_backlog()
        if backlog >= SEARCH_BUILD_NOTICE_ROWS and not worker.is_cancelled:
            app.post_message(SearchIndexProgress(backlog))
        try:
            built = index.build_search(should_stop=lambda: worker.is_cancelled)
        except sqlite3.Error:
            return  # the cache is busy or full: the filter scans what is not indexed yet
        if backlog >= SEARCH_BUILD_NOTICE_ROWS and built and not worker.is_cancelled:
            app.post_message(SearchIndexProgress(backlog, done=True))

    def on_search_index_progress(self, message: SearchIndexProgress) -> None:
        app: Any = self
        if message.done:
            app.notify("The search index is ready.", title="Search")
            return
        app.notify(
            f"Building the search index for {message.backlog:,} articles; until it is done, "
            "the filter finds only the articles indexed so far.",
            title="Search",
            timeout=6,
        )

    def on_corpus_settled(self, message: CorpusSettled) -> None:
        app: Any = self
        app.when_idle(app._build_name_index)

    def on_corpus_loaded(self, message: CorpusLoaded) -> None:
        """Every cached article is loaded: the list grows from its first page to all."""
        app: Any = self
        corpus, articles, problems = app.corpus, message.articles, message.problems
        assert isinstance(corpus, IndexedCorpus)
        corpus.articles, corpus.problems, corpus.complete = articles, problems, True
        app.store.attach(articles, message.located)
        library = app.library
        untouched = library.is_mounted and library.table.cursor == 0 and not library.filter_text
        library.set_all_articles(
            articles, keep=app.store.last_opened if untouched else None, grown=True
        )
        app._announce_problems()

    def on_corpus_changed(self, message: CorpusChanged) -> None:
        """Files changed since the cache was written: show the list as it is on disk."""
        app: Any = self
        corpus, articles, problems = app.corpus, message.articles, message.problems
        assert isinstance(corpus, IndexedCorpus)
        known = {str(problem) for problem in corpus.problems}
        if message.index is not None:
            # The old index stays open: an article on screen may still read its body from it.
            corpus.index, corpus.report = message.index, None
        corpus.articles, corpus.problems = articles, problems
        app.store.attach(articles, message.located)
        app.library.set_all_articles(articles)
        report = corpus.report
        if message.fallback is not None:
            app.notify(message.fallback, title="Index", severity="warning", timeout=8, markup=False)
        elif report is not None:
            app.notify(
                f"{report.added} new, {report.changed} changed, {report.removed} removed "
                "since the last start.",
                title="Articles",
                timeout=5,
            )
        if any(str(problem) not in known for problem in problems):
            app._announce_problems()
