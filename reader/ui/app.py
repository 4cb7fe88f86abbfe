"""ReaderApp: the Textual application (screens, state, themes, keymap, command palette)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.config import Config, styles_dir
from reader.corpus import SUBSTRING_FILTER, Article, Corpus
from reader.highlight import NameIndex, find_spans
from reader.index import IndexedCorpus
from reader.present import Document
from reader.session import Session
from reader.ui.feed_update import FeedActions
from reader.ui.heap import (
    KEYS_PAUSE_S,
    collection_overdue,
    collector_paused,
    hold_for_keys,
    keep_for_the_session,
    release_after_keys,
)
from reader.ui.index_keeper import IndexKeeper
from reader.ui.keymap import check_keymap
from reader.ui.messages import (
    CompareRequested,
    CoverageRequested,
    Locator,
    NameIndexReady,
    OpenArticle,
    StoryChosen,
    StoryLeft,
)
from reader.ui.palette import ArticleCommands
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.compare_picker import ComparePicker
from reader.ui.screens.compare_start import start_compare
from reader.ui.screens.coverage import CoverageScreen
from reader.ui.screens.help import HelpScreen, help_sections
from reader.ui.screens.library import SORT_LABELS, SORT_ORDER, VIEW_LABELS, LibraryScreen
from reader.ui.screens.problems import ProblemsScreen, problem_severity
from reader.ui.screens.stories import StoriesScreen
from reader.ui.story_book import StoriesReady, StoriesWanted, StoryBook
from reader.ui.widgets.article_table import ArticleTable
from reader.ui.widgets.article_view import ArticleView, Highlight
from reader.ui.widgets.matrix_view import CoverageMatrix

DEFAULT_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
# The problems already announced (digests, as JSON), so the same ones are not announced
# at every start; one state file serves every folder, so a few folders' worth are kept.
PROBLEMS_SEEN = "problems_seen"
PROBLEMS_SEEN_MAX = 20_000
STYLE_FILES = ("reader.tcss", "library.tcss", "article.tcss", "help.tcss")

# From this many articles, background work that can wait (the name index, the stories)
# starts only once no key has come for IDLE_BEFORE_WORK_S: while keys come, every busy
# thread makes each key wait its turn for the interpreter lock.
DEFER_WORK_FROM = 20_000
IDLE_BEFORE_WORK_S = 0.5

# A function from a text to highlight spans (objects with start, end and cls).
Highlighter = Callable[[str], Sequence[Any]]


def all_bindings() -> list[Binding]:
    """Every binding a keymap can remap (they all have ids), on every screen and widget."""
    owners: tuple[type[DOMNode], ...] = (
        ReaderApp,
        LibraryScreen,
        ArticleTable,
        ArticleScreen,
        ArticleView,
        CompareScreen,
        ComparePicker,
        CoverageScreen,
        CoverageMatrix,
        HelpScreen,
        ProblemsScreen,
    )
    return [
        binding
        for owner in owners
        for binding in owner.BINDINGS
        if isinstance(binding, Binding) and binding.id
    ]


def _digest(problem: object) -> str:
    return hashlib.sha1(str(problem).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def json_list(value: str | None) -> list[str]:
    """A JSON list of strings from a setting; empty when missing or not one."""
    try:
        loaded = json.loads(value) if value else []
    except ValueError:
        return []
    return [item for item in loaded if isinstance(item, str)] if isinstance(loaded, list) else []


class ReaderApp(FeedActions, IndexKeeper, App):
    """The reader UI over one loaded corpus."""

    TITLE = "reader"
    CSS_PATH = [str(styles_dir() / name) for name in STYLE_FILES]
    COMMANDS = App.COMMANDS | {ArticleCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave reader"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Show the keys"),
        Binding(
            "R", "update_feeds", "Update", id="app.update", tooltip="Fetch the feeds", show=False
        ),
        Binding("O", "open_url", "Browser", id="app.open_url", tooltip="Open the url", show=False),
        Binding("y", "copy_url", "Copy url", id="app.copy_url", tooltip="Copy the url", show=False),
    ]

    def __init__(
        self,
        corpus: Corpus,
        state_path: str | os.PathLike[str] | None = None,
        *,
        config: Config | None = None,
        highlighter: Highlighter | None = None,
    ) -> None:
        super().__init__()
        self.session = Session.open(corpus, state_path, config=config)
        self.corpus = corpus
        self.config = self.session.config
        assert self.session.store is not None
        self.store = self.session.store
        self.store.on_warning = self._store_warning
        self._highlighter = highlighter
        article_filter = (
            corpus.article_filter if isinstance(corpus, IndexedCorpus) else SUBSTRING_FILTER
        )
        self._library = LibraryScreen(corpus.articles, self.store, article_filter)
        self.story_book = StoryBook(corpus)
        self._last_key = 0.0  # time.monotonic() of the last key pressed
        self._reader: ArticleScreen | None = None  # made on the first Enter, then kept
        self.theme = self._starting_theme()

    # --- start-up ----------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return self._library

    def _starting_theme(self) -> str:
        for candidate in (self.store.theme, self.config.theme):
            if candidate and candidate in self.available_themes:
                return candidate
        return DEFAULT_THEME

    def on_mount(self) -> None:
        problems = list(self.config.problems)
        if self.config.keymap:
            checked = check_keymap(self.config.keymap, all_bindings())
            problems.extend(checked.problems)
            self.set_keymap(checked.keymap)
        wanted = self.config.theme
        if wanted and wanted not in self.available_themes:
            problems.append(f"config.yaml: unknown theme {wanted!r}; using {self.theme}")
        for problem in problems:
            self.notify(problem, title="Config", severity="warning", timeout=8, markup=False)
        for warning in self.store.warnings:
            self.notify(warning, title="State", severity="warning", timeout=8, markup=False)
        corpus = self.corpus
        if not isinstance(corpus, IndexedCorpus) or corpus.complete:
            self._announce_problems()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        corpus = self.corpus
        if isinstance(corpus, IndexedCorpus):
            # Off the UI thread, after the first paint: the rest of the list, changes on
            # disk, the search index; the name index once every article is there.
            self.call_after_refresh(self._keep_index_fresh, corpus)
        if not isinstance(corpus, IndexedCorpus) or corpus.complete:
            # The list is on screen; build the name index after it, off the UI thread.
            self.call_after_refresh(self._build_name_index)
        if not isinstance(corpus, IndexedCorpus):
            self.call_after_refresh(self._group_stories)
        # What start-up built (modules, widgets, the first page) stays: out of later walks.
        self.call_after_refresh(keep_for_the_session)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._last_key = time.monotonic()
            # No garbage collection lands on keys: it waits until they stop (reader.ui.heap).
            if len(self.corpus.articles) >= DEFER_WORK_FROM and hold_for_keys():
                # Once keys pause (or too much garbage waits), the collector runs again.
                release = partial(
                    self._after_keys_pause, KEYS_PAUSE_S, release_after_keys, collection_overdue
                )
                self.set_timer(KEYS_PAUSE_S, release)
        await super().on_event(event)

    def _after_keys_pause(
        self,
        pause: float,
        start: Callable[[], object],
        now_anyway: Callable[[], bool] = lambda: False,
    ) -> None:
        """Call `start` once no key has come for `pause` seconds (or `now_anyway` says so)."""
        wait = self._last_key + pause - time.monotonic()
        if wait <= 0 or now_anyway():
            start()
        else:
            self.set_timer(wait, partial(self._after_keys_pause, pause, start, now_anyway))

    def when_idle(self, start: Callable[[], object]) -> None:
        """Call `start` now, or with a big corpus once no key has come for a moment."""
        if len(self.corpus.articles) < DEFER_WORK_FROM:
            start()
        else:
            self._after_keys_pause(IDLE_BEFORE_WORK_S, start)

    def wait_for_idle_keys(self, articles: int, should_stop: Callable[[], bool]) -> None:
        """In a worker, before work that can wait: return once no key has come for a
        moment (at once below DEFER_WORK_FROM articles), or when `should_stop` says so."""
        if articles < DEFER_WORK_FROM:
            return
        while not should_stop():
            wait = self._last_key + IDLE_BEFORE_WORK_S - time.monotonic()
            if wait <= 0:
                return
            time.sleep(min(wait, 0.1))

    def _announce_problems(self) -> None:
        """Say once that files could not be read: problems announced at an earlier start
        (the same cached ones) are not announced again, and notes never are."""
        alarms = {
            _digest(problem): problem
            for problem in self.corpus.problems
            if problem_severity(problem) == "problem"
        }
        seen = json_list(self.store.setting(PROBLEMS_SEEN))
        known = set(seen)
        fresh = [problem for digest, problem in alarms.items() if digest not in known]
        if not fresh:
            return
        # The newest last; the oldest fall off when there are too many.
        kept = [*seen, *(digest for digest in alarms if digest not in known)]
        self.store.set_setting(PROBLEMS_SEEN, json.dumps(kept[-PROBLEMS_SEEN_MAX:]))
        count = len(fresh)
        first = str(fresh[0]) if count == 1 else ""
        self.notify(
            f"{first}\n! lists it."
            if first
            else f"{count:,} files could not be read or had "
            "problems; ! (or Problems in the palette) lists them.",
            title="New problem" if count == 1 else "New problems",
            severity="warning",
            timeout=8,
            markup=False,
        )

    def action_problems(self) -> None:
        """`!` or the palette: the problems met reading the files, with notes."""
        if isinstance(self.screen, ProblemsScreen):
            return
        self.push_screen(ProblemsScreen(self.corpus.problems, self.corpus.articles))

    def _theme_changed(self, theme: Any) -> None:
        self.store.set_theme(theme.name)

    def _store_warning(self, message: str) -> None:
        self.notify(message, title="State", severity="warning", timeout=8, markup=False)

    @property
    def name_index(self) -> NameIndex | None:
        """The corpus name index once it is built (in a worker); until then only figures and
        the names the highlighter finds alone are highlighted."""
        return self.session.name_index

    @work(thread=True, exclusive=True, group="name-index", description="build the name index")
    def _build_name_index(self) -> None:
        if self._highlighter is not None:
            return
        worker = get_current_worker()
        with collector_paused():  # it lives as long as the app: kept out of later walks
            index = self.session.build_name_index(should_stop=lambda: worker.is_cancelled)
        if index is not None:
            self.post_message(NameIndexReady(index))

    @on(NameIndexReady)
    def _name_index_ready(self, message: NameIndexReady) -> None:
        self.session.name_index = message.index
        if isinstance(self.screen, ArticleScreen):
            self.screen.refresh_highlights()
        for screen in self.screen_stack:
            if isinstance(screen, CoverageScreen):
                screen.names_learned()

    # --- highlighting ------------------------------------------------------------------

    def highlights_for(self, document: Document) -> list[Highlight]:
        """Figures and names in the article body, as document offsets. Thread-safe."""
        body = document.text[document.body_start :]
        if self._highlighter is not None:
            spans = self._highlighter(body)
        else:
            spans = find_spans(body, names=self.name_index)
        shift = document.body_start
        return [Highlight(span.start + shift, span.end + shift, span.cls) for span in spans]

    def span_finder(self, articles: Sequence[Article]) -> Highlighter:
        """A text -> spans function (with kinds and values) for analysing `articles`: the
        app's highlighter with the corpus name index, or, while that is still being built,
        an index over `articles`. Building one takes a while: call this off the UI thread."""
        if self._highlighter is not None:
            return self._highlighter
        index = self.name_index
        if index is None:
            index = self.session.names_over(articles)
        return lambda text: find_spans(text, names=index)

    # --- screens -----------------------------------------------------------------------

    @property
    def library(self) -> LibraryScreen:
        return self._library

    @property
    def marked_ids(self) -> tuple[str, ...]:
        """The (up to two) article ids marked for comparison in the list."""
        return self._library.marked_ids

    def article_by_id(self, article_id: str) -> Article | None:
        for article in self.corpus.articles:
            if article.id == article_id:
                return article
        return None

    @on(OpenArticle)
    def _open_article(self, message: OpenArticle) -> None:
        self.open_article(message.article, at=message.at)

    def open_article(self, article: Article, at: Locator | None = None) -> None:
        """Read `article`: in the open reader, or on a new reader screen; `at` finds the
        place to show in the article's shown body (see ArticleScreen.show)."""
        self._library.select(article.id)
        if isinstance(self.screen, ArticleScreen):
            self.screen.show(article, at=at)
        elif self._reader is not None:  # made once and kept: see ArticleScreen.reopen
            self._reader.reopen(article, at=at)
            self.push_screen(self._reader)
        else:
            self._reader = ArticleScreen(
                article,
                at=at,
                articles=self._library,
                store=self.store,
                highlights=self.highlights_for,
                stories=self.story_book,
            )
            self.install_screen(self._reader, "reader")
            self.push_screen(self._reader)

    # --- actions -----------------------------------------------------------------------

    def action_compare(self) -> None:
        """`c`: in the list, compare the two marked articles, else pick the other side of the
        article under the cursor; in the reader, pick the other side of the open article."""
        screen = self.screen
        marked: list[Article] = []
        if isinstance(screen, ArticleScreen):
            current: Article | None = screen.article
        else:
            current = self._library.current_article if screen is self._library else None
            marked = [a for a in map(self.article_by_id, self.marked_ids) if a is not None]
        book = self.story_book

        def same_story(article: Article) -> tuple[str, ...]:
            story = book.story_of(article.id)
            return () if story is None else story.keys

        start_compare(
            self,
            current,
            marked,
            list(self._library.visible_articles) or list(self.corpus.articles),
            names=self.name_index,
            highlighter=self._highlighter,
            same_story=same_story,
            judge=book.same_story,
        )

    def action_coverage(self) -> None:
        """The palette's "Coverage view": what `v` in the list does, from any screen."""
        if not isinstance(self.screen, CoverageScreen):
            self._library.action_coverage()

    @on(CoverageRequested)
    def _coverage(self, message: CoverageRequested) -> None:
        if isinstance(self.screen, CoverageScreen):
            return
        self.push_screen(
            CoverageScreen(
                message.articles,
                finder=self.span_finder,
                origin=message.origin,
                learning_names=self._highlighter is None and self.name_index is None,
                stories=self.story_book.story_ids,
            )
        )

    # --- stories -------------------------------------------------------------------------

    @on(StoriesWanted)
    def _stories_wanted(self, message: StoriesWanted) -> None:
        running = any(
            worker.group == "stories-background"
            and not worker.is_finished
            and not worker.is_cancelled
            for worker in self.workers
        )
        if message.restart or not running:
            self.when_idle(self._group_stories)

    @work(thread=True, exclusive=True, group="stories-background", description="group stories")
    def _group_stories(self) -> None:
        """In the background: the stories of the articles (from the index cache, else
        grouped), so `t` and the article's story line need not wait. Cancelled when the
        articles change (a newer grouping starts) or the app quits."""
        worker = get_current_worker()
        try:
            stories = self.story_book.stories(should_stop=lambda: worker.is_cancelled)
        except Exception:  # noqa: BLE001 - `t` tries again and says why; the list stays usable
            return
        if stories is not None:
            self.post_message(StoriesReady())

    @on(StoriesReady)
    def _stories_ready(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, (ArticleScreen, CompareScreen, CoverageScreen)):
                screen.stories_known()

    def action_stories(self) -> None:
        """`t` in the list (and the palette): the articles grouped into stories."""
        if isinstance(self.screen, StoriesScreen):
            return
        book = self.story_book

        def compute() -> list[Any]:
            # In the stories screen's worker: waits for the background grouping if one runs.
            return book.stories() or []

        self.push_screen(StoriesScreen(self.corpus.articles, compute))

    @on(StoryChosen)
    def _story_chosen(self, message: StoryChosen) -> None:
        """Enter on the stories screen, or `t` in the reader: the list shows that story's
        articles (or all), its cursor on the article that was open."""
        keep = None
        if isinstance(self.screen, ArticleScreen):
            keep = self.screen.article.id
            self.pop_screen()
        elif isinstance(self.screen, StoriesScreen):
            self.pop_screen()
        if message.title:
            self._library.show_story(message.articles, message.title, keep=keep)
        else:
            self._library.set_all_articles(message.articles, keep=keep)

    @on(StoryLeft)
    def _story_left(self) -> None:
        """Esc in a list of one story: every article again, the cursor where it was."""
        current = self._library.current_article
        keep = current.id if current is not None else None
        self._library.set_all_articles(self.corpus.articles, keep=keep)

    @on(CompareRequested)
    def _compare_pair(self, message: CompareRequested) -> None:
        """Open the compare screen on two articles."""
        self.push_screen(
            CompareScreen(
                message.left,
                message.right,
                articles=message.articles,
                names=self.name_index,
                highlighter=self._highlighter,
                judge=self.story_book.same_story,
            )
        )

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(help_sections(self, self.screen)))

    async def action_quit(self) -> None:
        if isinstance(self.screen, ArticleScreen):
            self.screen.save_position()
        self.exit()

    def on_unmount(self) -> None:
        release_after_keys()  # keys held the collector back: it runs again
        self.store.close()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        other = LIGHT_THEME if self.current_theme.dark else DEFAULT_THEME
        yield SystemCommand(
            "Light or dark theme",
            f"Switch to {other}",
            lambda: setattr(self, "theme", other),
        )
        for key in SORT_ORDER:
            yield SystemCommand(
                f"Sort by {SORT_LABELS[key]}",
                f"Order the list by {SORT_LABELS[key]}",
                lambda key=key: self._library.set_sort(key),
            )
        for view, label in VIEW_LABELS.items():
            yield SystemCommand(
                f"Show {label}" if label else "Show all articles",
                "List only the unread or starred articles, or all of them again",
                lambda view=view: self._library.set_view(view),
            )
        yield SystemCommand(
            "Mark all shown read",
            "Every article the list shows is marked read (z in the list undoes)",
            self._library.action_mark_all_read,
        )
        yield SystemCommand(
            "Problems",
            "Files that could not be read, or were read with a note",
            self.action_problems,
        )
        yield SystemCommand(
            "Compare…",
            "Put two articles side by side (the marked ones, or pick)",
            self.action_compare,
        )
        yield SystemCommand(
            "Coverage view",
            "Who reports what across the listed (or marked) articles",
            self.action_coverage,
        )
        yield SystemCommand("Stories", "The articles grouped into stories (t)", self.action_stories)
        yield SystemCommand("Help", "Show the keys of this screen", self.action_help)
