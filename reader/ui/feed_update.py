"""The App's feed keys: `R` updates the feeds in a worker, `O` opens an article's url in the
browser, `y` copies it. A mixin of ReaderApp, so app.py only lists the keys.

The update runs in a thread (reader.inputs.update), cancellable through a threading.Event;
it posts messages (messages.py) and never touches a widget. Articles it saves join the list
as they arrive when the library is what the list shows.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from reader.corpus import Article, load_articles, unique_id
from reader.index import IndexedCorpus
from reader.present.wording import plural
from reader.ui.messages import FeedArticles, FeedProgress, FeedUpdateDone
from reader.ui.screens.article import ArticleScreen

if TYPE_CHECKING:
    from reader.inputs import Progress

# The list is re-sorted when new articles join it: at most this often during an update.
BATCH_SECONDS = 0.5


class FeedActions:
    """Mixed into ReaderApp (which provides notify, post_message, corpus and library)."""

    library_folder: Path | None = None  # --library; None: $READER_LIBRARY or the XDG folder
    _update_cancel: threading.Event | None = None
    _update_note: str | None = None

    # --- R: update ---------------------------------------------------------------------

    def action_update_feeds(self) -> None:
        app: Any = self
        if self._update_cancel is not None:
            self._update_cancel.set()
            app.notify("Stopping the update…", title="Feeds", timeout=3)
            return
        from reader.config import config_path
        from reader.inputs import library_dir, read_feeds

        feeds, problems = read_feeds(config_path())
        if not feeds:
            app.notify(
                "No feeds yet: add one with `reader feeds add URL`.",
                title="Feeds",
                severity="warning",
                markup=False,
            )
            return
        self._update_cancel = threading.Event()
        folder = library_dir(self.library_folder)
        self._set_update_note(f"updating {len(feeds)} feeds…")
        self._update_feeds(feeds, folder, self._update_cancel, self._shows(folder))

    def _shows(self, folder: Path) -> bool:
        """Whether the list shows the library (so fetched articles belong in it)."""
        corpus: Any = getattr(self, "corpus", None)
        if not isinstance(corpus, IndexedCorpus):
            return False
        wanted = os.path.realpath(folder)
        return any(os.path.realpath(root) == wanted for root in corpus.roots)

    @work(thread=True, exclusive=True, group="feeds", description="update the feeds")
    def _update_feeds(
        self, feeds: list[Any], folder: Path, cancel: threading.Event, take_in: bool
    ) -> None:
        from reader.inputs import update

        app: Any = self
        pending: list[Article] = []
        last = [time.monotonic()]
        lock = threading.Lock()  # the update's threads report progress

        def progress(step: Progress) -> None:
            fresh = load_articles(step.saved, folder, []) if take_in and step.saved else []
            with lock:
                pending.extend(fresh)
                now = time.monotonic()
                if now - last[0] < BATCH_SECONDS and step.done < step.total:
                    return
                last[0] = now
                batch = list(pending)
                pending.clear()
            app.post_message(FeedProgress(step.done, step.total, step.label))
            if batch:
                app.post_message(FeedArticles(batch))

        report = update(feeds, folder, progress=progress, cancel=cancel)
        if pending:
            app.post_message(FeedArticles(list(pending)))
        app.post_message(
            FeedUpdateDone(
                report.summary_lines(), report.problem_lines(), len(report.saved), report.cancelled
            )
        )

    def on_feed_progress(self, message: FeedProgress) -> None:
        self._set_update_note(f"updating {message.done}/{message.total}")

    def on_feed_articles(self, message: FeedArticles) -> None:
        app: Any = self
        corpus = app.corpus
        seen = {article.id for article in corpus.articles}
        for article in message.articles:
            article.id = unique_id(article.id, seen)
        corpus.articles = [*corpus.articles, *message.articles]
        app.library.set_all_articles(corpus.articles)

    def on_feed_update_done(self, message: FeedUpdateDone) -> None:
        app: Any = self
        self._update_cancel = None
        self._set_update_note(None)
        head = "Update stopped" if message.cancelled else "Update done"
        lines = [f"{head}: {plural(message.saved, 'new article')}.", *message.summaries[:8]]
        app.notify("\n".join(lines), title="Feeds", timeout=8, markup=False)
        if message.problems:
            more = len(message.problems) - 5
            listing = "\n".join(message.problems[:5]) + (f"\n… and {more} more" if more > 0 else "")
            app.notify(
                listing, title="Could not fetch", severity="warning", timeout=10, markup=False
            )

    def _set_update_note(self, note: str | None) -> None:
        app: Any = self
        self._update_note = note
        app.library.set_activity(note)

    # --- O and y: the article's url ----------------------------------------------------

    def _current_url(self) -> str | None:
        app: Any = self
        screen = app.screen
        article = (
            screen.article
            if isinstance(screen, ArticleScreen)
            else app.library.table.current_article
            if screen is app.library
            else None
        )
        if article is None or not article.url:
            app.notify("This article has no url.", title="Article", severity="warning")
            return None
        url: str = article.url
        return url

    def action_open_url(self) -> None:
        url = self._current_url()
        if url is not None:
            app: Any = self
            app.open_url(url)

    def action_copy_url(self) -> None:
        url = self._current_url()
        if url is not None:
            app: Any = self
            app.copy_to_clipboard(url)
            app.notify(url, title="Copied", timeout=3, markup=False)
