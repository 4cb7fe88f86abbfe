"""LibraryScreen: the article list with filter, sort, read/star marks and compare marks."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.corpus import SUBSTRING_FILTER, Article, ArticleFilter, sort_articles
from reader.present import plural
from reader.store import StateStore
from reader.ui.messages import CoverageRequested, OpenArticle, StoryLeft
from reader.ui.screens.library_keys import LIST_BINDINGS
from reader.ui.screens.library_rows import ListRows as _Rows
from reader.ui.screens.library_rows import (
    counts_text,
    empty_message,
    in_view,
    mode_text,
    starts_with,
)
from reader.ui.widgets.article_table import ArticleTable
from reader.ui.widgets.filter_input import FilterInput
from reader.ui.widgets.footer import FittingFooter
from reader.ui.widgets.same_frame import paint_in_next_frame
from reader.ui.widgets.status_bar import StatusBar
from reader.ui.widgets.title_header import TitleHeader

# The order `o` cycles through, and how each is named on screen.
SORT_ORDER = ("date", "source", "title", "words")
SORT_LABELS = {"date": "date", "source": "source", "title": "title", "words": "length"}
# Up to this many articles, sorting and filtering run at once on the UI thread (a few
# milliseconds); beyond it they run in a worker thread so typing never stalls.
SYNC_LIMIT = 5_000
# Beyond SYNC_LIMIT, the first this many matches are shown as soon as found; the rest are
# counted in the same worker once the page is painted and no key came for COUNT_AFTER_S
# (counts thrown away by the next key would compete with typing for the GIL).
FIRST_PAGE_ROWS = 60
COUNT_AFTER_S = 0.25
MAX_MARKS = 2
# Which articles the list shows besides the filter, and how the status line names it.
VIEWS = ("all", "unread", "starred")
VIEW_LABELS = {"all": "", "unread": "unread only", "starred": "starred only"}
SORT_SETTING = "sort"


@dataclass
class RowsReady(Message):
    """The filter worker's result, handed to the UI thread."""

    bubble = False
    rows: _Rows
    keep: str | None


class LibraryScreen(Screen):
    """Every article in the corpus, newest first; the app's home screen."""

    HELP_TITLE = "Article list"

    BINDINGS = LIST_BINDINGS

    def __init__(
        self,
        articles: Sequence[Article],
        store: StateStore,
        article_filter: ArticleFilter = SUBSTRING_FILTER,
    ) -> None:
        super().__init__(id="library")
        self.all_articles = articles
        self.store = store
        self.article_filter = article_filter
        remembered = store.setting(SORT_SETTING)
        self.sort_key = remembered if remembered in SORT_ORDER else "date"
        self.view = "all"
        # The ids the last "mark all read" changed, for `z`.
        self._undo_read: list[str] = []
        self.filter_text = ""
        self.story_title = ""  # the story the list is limited to ("" for none)
        self._marked: list[str] = []
        self._sorted: dict[str, list[Article]] = {}
        self._rows = _Rows("date", "", [])
        self._pending = False
        # True while the whole list is sorted behind its first page (`set_all_articles`).
        self._growing = False
        # The article under the cursor when the rows on their way were asked for.
        self._asked_on: str | None = None
        # A count waiting for typing to pause (see `_refresh_rows`).
        self._count_timer: Timer | None = None

    # --- public: what other screens (the reader, compare) ask of the list ----------------

    @property
    def marked_ids(self) -> tuple[str, ...]:
        """Articles marked for comparison, oldest mark first (at most two)."""
        return tuple(self._marked)

    @property
    def visible_articles(self) -> Sequence[Article]:
        """The articles in list order (sorted and filtered as shown)."""
        return self.table.articles

    @property
    def current_article(self) -> Article | None:
        return self.table.current_article

    @property
    def table(self) -> ArticleTable:
        return self.query_one(ArticleTable)

    def step(self, article_id: str, step: int, *, unread_only: bool = False) -> Article | None:
        """The article `step` places after (or before) `article_id` in list order, and move
        the cursor there; None at either end."""
        articles = self.visible_articles
        index = self.table.index_of(article_id)
        if index is None:
            return None
        position = index + step
        while 0 <= position < len(articles):
            candidate = articles[position]
            if not unread_only or not self.store.is_read(candidate.id):
                self.table.cursor = position
                return candidate
            position += 1 if step > 0 else -1
        return None

    def index_of(self, article_id: str) -> int | None:
        """Where `article_id` is in list order; None when the list does not show it."""
        return self.table.index_of(article_id)

    def select(self, article_id: str) -> None:
        self.table.select(article_id)

    _activity: str | None = None  # e.g. an update's progress, set by the App

    def set_activity(self, text: str | None) -> None:
        """Show what runs in the background (an update's progress) in the status line."""
        self._activity = text
        self._update_status()

    def set_all_articles(
        self, articles: Sequence[Article], keep: str | None = None, *, grown: bool = False
    ) -> None:
        """Show a new set of articles (all of them after a fast start, or the corpus changed
        on disk), keeping sort, filter and the cursor on `keep` (else its article).

        `grown`: `articles` are the whole list whose first page is listed now (a fast
        start). The page stays, under the keys, while the whole list is sorted; if that
        begins with the rows shown, in the same order, it replaces them where the user is
        (cursor, scroll and marks on the same articles; no layout, no "filtering…"), else
        the cursor stays on the article it is on by then.
        """
        self.all_articles = articles
        self.story_title = ""
        self._sorted.clear()
        if grown and self.is_mounted:
            self._growing = True
            self._refresh_rows(keep=keep, grown=True)
            return
        self._growing = False
        self._rows = _Rows(self.sort_key, "", [])
        self._show_sub_title(plural(len(articles), "article"))
        if self.is_mounted:
            self.table.forget_rendered()
        self._refresh_rows(keep=keep)

    def _show_sub_title(self, text: str) -> None:
        """The header's sub-title, drawn again alone: setting `sub_title` repaints the
        whole screen (a Screen reactive) and Textual's header then asks for a layout."""
        if not self.is_mounted:
            self.sub_title = text
        elif text != self.sub_title:
            self.set_reactive(LibraryScreen.sub_title, text)
            self.query_one(TitleHeader).show_title()

    def show_story(self, articles: Sequence[Article], title: str, keep: str | None) -> None:
        """Show one story's articles; Esc (with no filter left to clear) shows all again."""
        self.set_all_articles(articles, keep=keep)
        self.story_title = title
        self._show_sub_title(f"{plural(len(articles), 'article')} · {title}")

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleHeader(icon="≡")
        table = ArticleTable(id="articles")
        table.is_read = self.store.is_read
        table.is_starred = self.store.is_starred
        table.mark_of = self._mark_of
        yield table
        yield FilterInput(
            placeholder="filter: words in title, source, author, tags or text · Esc clears",
            id="filter",
        )
        yield StatusBar("library-counts", "library-mode", id="library-status")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.sub_title = plural(len(self.all_articles), "article")
        self.query_one("#filter", Input).display = False
        self._refresh_rows(keep=self.store.last_opened)
        self.set_focus(self.table)

    def on_screen_resume(self) -> None:
        # Back from an article: its read mark (and maybe star) changed.
        self.table.refresh_rows()
        self._update_status()

    def _mark_of(self, article_id: str) -> int | None:
        try:
            return self._marked.index(article_id) + 1
        except ValueError:
            return None

    # --- sorting and filtering ---------------------------------------------------------

    def _refresh_rows(self, keep: str | None = None, *, grown: bool = False) -> None:
        """Re-sort and re-filter; the cursor stays on `keep` (or the current article), or
        where the user has moved it meanwhile. `grown`: see `set_all_articles`."""
        current = self.table.current_article if self.is_mounted else None
        self._asked_on = current.id if current is not None else None
        if keep is None:
            keep = self._asked_on
        sort, query, view = self.sort_key, self.filter_text, self.view
        # Rows shown while the whole list grows behind them are a first page only.
        narrow = not self._growing and self._can_narrow(sort, query, view)
        base = self._rows.articles if narrow else None
        # Taken here, on the UI thread: a worker must not read the store's sets.
        marks = (self.store.read_ids(), self.store.starred_ids())
        self._stop_counting()
        if len(self.all_articles) <= SYNC_LIMIT:
            articles = base if base is not None else self._sorted_by(sort)
            rows = self.article_filter.apply(articles, query)
            assert rows is not None
            rows = in_view(rows, view, *marks)
            self._show_rows(_Rows(sort, query, rows, view), keep)
            return
        page = self._first_page_now(sort, query, view)
        if page is not None:
            # The key is answered in the same frame as its echo in the filter box; the rest
            # is counted once typing pauses.
            self._show_rows(page, keep)
            if not page.complete:
                self._count_timer = self.set_timer(
                    COUNT_AFTER_S,
                    lambda: self._filter_in_thread(sort, query, view, marks, None, keep),
                )
            return
        if not grown:
            self._pending = True
            self._update_status()
        self._filter_in_thread(sort, query, view, marks, base, keep)

    def _first_page_now(self, sort: str, query: str, view: str) -> _Rows | None:
        """The first matches of a big list, found on the UI thread when that is quick (the
        list is sorted already and the words are common enough to be met in its first few
        hundred rows), else None: then a worker finds every match."""
        first_page = self.article_filter.first_page
        articles = self._sorted.get(sort)
        if first_page is None or articles is None or view != "all" or not query.strip():
            return None
        found = first_page(articles, query, FIRST_PAGE_ROWS)
        if found is None:
            return None
        page, complete = found
        return _Rows(sort, query, page, view, complete)

    def _stop_counting(self) -> None:
        """A new sort or filter: a count still waiting to start, or running, is moot."""
        if self._count_timer is not None:
            self._count_timer.stop()
            self._count_timer = None
        self.workers.cancel_group(self, "library-filter")

    def _can_narrow(self, sort: str, query: str, view: str) -> bool:
        rows = self._rows
        return (
            bool(rows.query)
            and rows.complete
            and rows.sort == sort
            and rows.view == view
            and self.article_filter.narrows(rows.query, query)
        )

    def _sorted_by(self, sort: str) -> list[Article]:
        if sort not in self._sorted:
            self._sorted[sort] = sort_articles(self.all_articles, sort)
        return self._sorted[sort]

    # A description, or Textual would repr() the arguments (100,000 articles) on every call.
    @work(thread=True, exclusive=True, group="library-filter", description="sort and filter")
    def _filter_in_thread(
        self,
        sort: str,
        query: str,
        view: str,
        marks: tuple[frozenset[str], frozenset[str]],
        base: Sequence[Article] | None,
        keep: str | None,
    ) -> None:
        worker = get_current_worker()
        articles = base if base is not None else self._sorted_by(sort)
        if self.article_filter.prepare is not None and base is None:
            self.article_filter.prepare(articles)  # so the first key typed finds it ready
        first_page = self.article_filter.first_page
        if first_page is not None and query.strip() and not self._rows.made_for(sort, query, view):
            found = first_page(in_view(articles, view, *marks), query, FIRST_PAGE_ROWS)
            if worker.is_cancelled:
                return
            if found is not None:
                page, complete = found
                # Widgets belong to the UI thread: hand the result over instead of touching them.
                self.post_message(RowsReady(_Rows(sort, query, page, view, complete), keep))
                if complete:
                    return
                # Counting holds the GIL for much of its time: it starts only if no other
                # key comes meanwhile.
                deadline = time.monotonic() + COUNT_AFTER_S
                while not worker.is_cancelled and time.monotonic() < deadline:
                    time.sleep(0.02)
                if worker.is_cancelled:
                    return
        rows = self.article_filter.apply(articles, query, should_stop=lambda: worker.is_cancelled)
        if rows is None or worker.is_cancelled:
            return
        rows = in_view(rows, view, *marks)
        result = _Rows(sort, query, rows, view)
        if any(marks):
            result.ready_for_counts()
        self.post_message(RowsReady(result, keep))

    @on(RowsReady)
    def _rows_ready(self, message: RowsReady) -> None:
        keep, shown, rows = message.keep, self._rows, message.rows
        current = self.table.current_article
        rest_of_page = not shown.complete and shown.made_for(rows.sort, rows.query, rows.view)
        moved = current is not None and current.id != self._asked_on
        if current is not None and (rest_of_page or moved):
            # The rest of a first page, or keys pressed while the rows were made: the
            # cursor stays where the user has moved it since.
            keep = current.id
        self._show_rows(rows, keep)

    def _show_rows(self, rows: _Rows, keep: str | None) -> None:
        if not rows.made_for(self.sort_key, self.filter_text, self.view):
            return  # the user has moved on; a newer result is on its way
        self._pending = False
        table = self.table
        table.empty_message = empty_message(self.filter_text.strip(), self.view)
        shown, self._rows = self._rows, rows
        grew = self._growing and self._grow(rows.articles, shown.articles, keep)
        if not grew:
            table.set_articles(rows.articles, keep=keep)
        self._update_status()
        scrollbar = (table.vertical_scrollbar,) if table.show_vertical_scrollbar else ()
        # Grown in place, the rows in view are as drawn: they are not sent again.
        drawn = () if grew else (table,)
        paint_in_next_frame(*drawn, *scrollbar, *self.query_one(StatusBar).parts)

    def _grow(self, rows: Sequence[Article], page: Sequence[Article], keep: str | None) -> bool:
        """The whole list replaces its first page (`set_all_articles`): True when it was
        swapped in where the user is, else False (the page's drawn rows dropped: the caller
        shows the rows anew, the cursor on `keep`)."""
        self._growing = False
        self._show_sub_title(plural(len(self.all_articles), "article"))
        table = self.table
        current = table.current_article
        stays = keep is None or (current is not None and current.id == keep)
        if stays and starts_with(rows, page):
            table.grow_to(rows)
            return True
        table.forget_rendered()
        return False

    def _count_shown(self, article_ids: frozenset[str]) -> int:
        """How many of `article_ids` are shown now."""
        if not article_ids:
            return 0
        if self._growing:
            # A first page's articles are not the whole list's objects: counted by id.
            return sum(1 for article in self._rows.articles if article.id in article_ids)
        by_id, rows = self._by_id(), self._rows
        return sum(
            1
            for article_id in article_ids
            if (article := by_id.get(article_id)) is not None and rows.shows(article)
        )

    def _by_id(self) -> dict[str, Article]:
        built_for, by_id = self.__dict__.get("_by_id_cache", (None, {}))
        if built_for is not self.all_articles:
            by_id = {article.id: article for article in self.all_articles}
            self.__dict__["_by_id_cache"] = (self.all_articles, by_id)
        return by_id

    def _update_status(self) -> None:
        if not self.is_mounted:
            return
        shown = self._rows.articles
        # Count from the read and starred sets (usually small) rather than over every row:
        # walking 100,000 rows here took 80 ms of every filter keystroke.
        total = len(shown) if self._growing else len(self.all_articles)
        counts = counts_text(
            len(shown),
            total,
            len(shown) - self._count_shown(self.store.read_ids()),
            self._count_shown(self.store.starred_ids()),
            complete=self._rows.complete,
        )
        mode = mode_text(
            SORT_LABELS[self.sort_key],
            VIEW_LABELS[self.view],
            self.filter_text.strip(),
            pending=self._pending,
            activity=self._activity,
            marked=len(self._marked),
        )
        hold = self.query_one("#filter", Input).display
        self.query_one(StatusBar).show(Content(counts), mode, hold=hold)

    # --- actions -----------------------------------------------------------------------

    def _still_counting(self) -> bool:
        """True (and says so) while only a first page of the matches is listed."""
        if not self._rows.complete:
            self.notify("Still counting the matches; try again in a moment.", timeout=3)
        return not self._rows.complete

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        filter_input = self.query_one("#filter", Input)
        if action == "clear_filter":
            return bool(self.filter_text) or filter_input.display or bool(self.story_title)
        if action == "filter" and filter_input.has_focus:
            return False  # "/" typed in the filter box is just a character
        return True

    def action_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        filter_input.display = True
        self.set_focus(filter_input)  # at once: keys typed right after / must land here
        self.refresh_bindings()
        # The status line keeps room for what will be typed from now (`StatusBar.show`):
        # made in the layout the filter box's opening costs anyway, not at the first letter.
        self._update_status()

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if self.story_title and not (self.filter_text or filter_input.display):
            self.post_message(StoryLeft())  # nothing filtered: leave the story
            return
        filter_input.value = ""
        filter_input.display = False
        self.set_focus(self.table)
        self.refresh_bindings()
        if self.filter_text:
            self.filter_text = ""
            self._refresh_rows()
        else:
            self._update_status()  # the status line's room is no longer held for typing

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.value != self.filter_text:
            self.filter_text = event.value
            self._refresh_rows()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if not filter_input.value.strip():
            filter_input.display = False
            self._update_status()
        self.set_focus(self.table)
        self.refresh_bindings()

    def action_cycle_sort(self) -> None:
        self.set_sort(SORT_ORDER[(SORT_ORDER.index(self.sort_key) + 1) % len(SORT_ORDER)])

    def set_sort(self, sort: str) -> None:
        if sort not in SORT_ORDER:
            raise ValueError(f"unknown sort {sort!r}")
        self.sort_key = sort
        self.store.set_setting(SORT_SETTING, sort)
        self._refresh_rows()
        self._update_status()

    def action_view(self, view: str) -> None:
        """`U` / `S`: only unread / only starred articles; the same key again shows all."""
        self.set_view("all" if self.view == view else view)

    def set_view(self, view: str) -> None:
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}")
        if view != self.view:
            self.view = view
            self._refresh_rows()
            self._update_status()

    def action_mark_all_read(self) -> None:
        """`A`: every article shown (as filtered) is marked read; `z` puts them back."""
        if self._still_counting():
            return
        changed = [a.id for a in self.visible_articles if not self.store.is_read(a.id)]
        if not changed:
            self.notify("Every article shown is already read.", title="Mark all read", timeout=3)
            return
        for article_id in changed:
            self.store.set_read(article_id, True)
        self._undo_read = changed
        self.notify(
            f"Marked {plural(len(changed), 'article')} read. z undoes.",
            title="Mark all read",
            timeout=6,
        )
        self._marks_changed()

    def action_undo(self) -> None:
        """`z`: the articles the last "mark all read" changed are unread again."""
        if not self._undo_read:
            self.notify("Nothing to undo.", timeout=3)
            return
        changed, self._undo_read = self._undo_read, []
        for article_id in changed:
            self.store.set_read(article_id, False)
        self.notify(f"{plural(len(changed), 'article')} unread again.", timeout=4)
        self._marks_changed()

    def action_toggle_read(self) -> None:
        article = self.current_article
        if article is not None:
            self.store.set_read(article.id, not self.store.is_read(article.id))
            self._marks_changed()

    def action_toggle_star(self) -> None:
        article = self.current_article
        if article is not None:
            self.store.set_starred(article.id, not self.store.is_starred(article.id))
            self._marks_changed()

    def action_toggle_mark(self) -> None:
        article = self.current_article
        if article is None:
            return
        if article.id in self._marked:
            self._marked.remove(article.id)
        else:
            if len(self._marked) >= MAX_MARKS:
                self._marked.pop(0)
                self.notify(
                    "Only two articles can be compared; the first mark moved.",
                    title="Compare",
                    timeout=3,
                )
            self._marked.append(article.id)
        self._marks_changed()

    def _marks_changed(self) -> None:
        self.table.refresh_rows()
        self._update_status()

    def action_coverage(self) -> None:
        """`v`: who reports what across the marked articles (two or more), else the list."""
        by_id = self._by_id()
        marked = [by_id[i] for i in self._marked if i in by_id]
        if len(marked) >= 2:
            articles, origin = marked, f"the {len(marked)} marked articles"
        else:
            if self._still_counting():
                return
            articles = list(self.visible_articles)
            origin = "the filtered list" if self.filter_text.strip() else "every article"
        if not articles:
            self.notify("No articles in the list to cover.", timeout=3)
            return
        self.post_message(CoverageRequested(articles, origin))

    @on(ArticleTable.Chosen)
    def _open(self, event: ArticleTable.Chosen) -> None:
        event.stop()
        self.post_message(OpenArticle(event.article))
