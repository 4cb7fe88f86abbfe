"""The coverage screen: every source of a story at once, one row per fact, one column each."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from reader.analysis import (
    Cancelled,
    Coverage,
    SpanFinder,
    analyse_coverage,
    contrast_pair,
    default_finder,
    mention_locator,
)
from reader.config import styles_dir
from reader.corpus import Article
from reader.present import FILTER_LABELS, FILTERS, MatrixRow, matrix_rows, plural, source_labels
from reader.ui.messages import CompareRequested, OpenArticle
from reader.ui.widgets.footer import FittingFooter
from reader.ui.widgets.matrix_view import CoverageMatrix

# Makes the text -> spans function for the analysis. Called in the worker thread: it may
# build a name index.
FinderFactory = Callable[[Sequence[Article]], SpanFinder]
# Article id -> story id of every article of the corpus, None while the stories are not
# known (never blocks): disagreements are then sought only within a story.
StoriesOf = Callable[[], Mapping[str, int] | None]
CAPPED_HINT = "%s in the list: filter it, or mark articles, to choose"


@dataclass
class CoverageFound(Message):
    """The worker's analysis, with the span finder it used (to locate mentions later)."""

    bubble = False
    coverage: Coverage
    find: SpanFinder
    # Counted with the corpus name index (not while names were still being learned).
    learned: bool = True
    # How many stories of the corpus's grouping the articles are of, when disagreements
    # were sought within each (0: by the names the articles share).
    stories: int = 0


class CellNote(Widget):
    """One line saying what the cursor is on. Changing it redraws only this line: a Static
    would lay the whole screen out again on every cursor key."""

    text: reactive[Content] = reactive(Content(""))

    def render(self) -> Content:
        return self.text


class CoverageScreen(Screen):
    """Who reports what across the articles: facts down, sources across."""

    HELP_TITLE = "Coverage"
    CSS_PATH = [str(styles_dir() / "coverage.tcss")]
    AUTO_FOCUS = "#matrix"

    BINDINGS = [
        # Esc is the one key everyone tries; the footer's room goes to the filters.
        Binding(
            "escape",
            "back",
            "Back",
            show=False,
            id="coverage.back",
            tooltip="Back to where you were",
        ),
        Binding("a", "filter('all')", "All", id="coverage.all", tooltip="Show every fact"),
        Binding("f", "filter('figures')", "Figures", id="coverage.figures", tooltip="Figures only"),
        Binding("n", "filter('names')", "Names", id="coverage.names", tooltip="Names only"),
        Binding(
            "d",
            "filter('disagreements')",
            "Disagree",
            id="coverage.disagreements",
            tooltip="Disagreements and the figures disputed",
        ),
        Binding(
            "1",
            "filter('single')",
            "Unique",
            id="coverage.single",
            tooltip="Facts only a single source reports",
        ),
        Binding(
            "c",
            "compare",
            "Compare",
            id="coverage.compare",
            tooltip="Compare the two sources most apart here",
        ),
    ]

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        finder: FinderFactory | None = None,
        origin: str = "",
        learning_names: bool = False,
        stories: StoriesOf | None = None,
    ) -> None:
        super().__init__(id="coverage")
        self.articles = list(articles)
        self.origin = origin  # what the articles are ("the filtered list", "2 marked")
        self.filter = "all"
        self.coverage: Coverage | None = None
        self._finder_factory = finder
        self._find: SpanFinder | None = None
        # The corpus name index is still being built: names are counted from these articles
        # alone for now, and counted again once it is ready (`names_learned`).
        self.learning_names = learning_names
        # Between the UI thread (names_learned) and the analysis worker: whether a worker
        # is running, and whether it must count again once done.
        self._handoff = threading.Lock()
        self._running = False
        self._count_again = False
        self._names_now = False  # the names became ready: the next count uses them
        self._stories = stories
        self.stories = 0  # the stories of the coverage shown (0: not known when counted)

    @property
    def matrix(self) -> CoverageMatrix:
        return self.query_one(CoverageMatrix)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Static(id="coverage-summary", markup=False)
        yield CoverageMatrix(id="matrix")
        with Horizontal(id="coverage-status", classes="status-bar"):
            yield CellNote(id="coverage-cell", classes="status-left")
            yield Static(id="coverage-filter", classes="status-right", markup=False)
        yield FittingFooter()

    def on_mount(self) -> None:
        self.title = "Coverage"
        self.sub_title = self.origin
        count = len(self.articles)
        self.matrix.empty_message = f"Reading {count} article{'s' if count != 1 else ''}…"
        self._show_summary()
        self._update_status()
        self._start_analysis(not self.learning_names)

    def _start_analysis(self, learned: bool) -> None:
        self._running = True
        self._analyse(learned)

    # --- analysis (off the UI thread) --------------------------------------------------

    # Not exclusive: one runs at a time by the hand-off below, and cancelling one that has
    # just posted its result would only lose work.
    @work(thread=True, group="coverage", description="coverage analysis")
    def _analyse(self, learned: bool = True) -> None:
        worker = get_current_worker()
        articles = self.articles
        factory = self._finder_factory or default_finder
        while True:
            find = factory(articles)
            story_of = self._stories() if self._stories is not None else None
            try:
                coverage = analyse_coverage(
                    articles,
                    find=find,
                    should_stop=lambda: worker.is_cancelled,
                    story_of=story_of,
                )
            except Cancelled:
                return
            if worker.is_cancelled:
                return
            stories = 0
            if story_of is not None:
                stories = len({story_of.get(a.id, a.id) for a in coverage.articles})
            self.post_message(CoverageFound(coverage, find, learned, stories))
            # The names or the stories became ready while this ran (`names_learned`,
            # `stories_known`): count once more.
            with self._handoff:
                if not self._count_again:
                    self._running = False
                    return
                self._count_again = False
                learned = learned or self._names_now

    @on(CoverageFound)
    def _show_coverage(self, message: CoverageFound) -> None:
        if not self.is_mounted:
            return
        coverage, find = message.coverage, message.find
        if message.learned:
            self.learning_names = False
        self.stories = message.stories
        self.coverage = coverage
        self._find = find
        self.matrix.empty_message = "No articles"
        self._show_rows()
        self._show_summary()
        if coverage.capped:
            self.notify(
                CAPPED_HINT % coverage.note, title="Coverage", severity="warning", timeout=8
            )

    # --- showing -------------------------------------------------------------------------

    def _show_rows(self) -> None:
        coverage = self.coverage
        if coverage is None:
            return
        labels = source_labels(coverage.articles)
        numbered = [f"{n} {label}" for n, label in enumerate(labels, 1)]
        self.matrix.set_rows(matrix_rows(coverage, self.filter), numbered)

    def _show_summary(self) -> None:
        summary = self.query_one("#coverage-summary", Static)
        coverage = self.coverage
        if coverage is None:
            summary.update(Content(f"Reading {plural(len(self.articles), 'article')}…"))
            return
        figures = sum(1 for fact in coverage.facts if fact.cls == "figure")
        names = len(coverage.facts) - figures
        shared = sum(1 for fact in coverage.facts if fact.sources >= 2)
        parts = [
            plural(len(coverage.articles), "source"),
            plural(figures, "figure"),
            plural(names, "name"),
            f"{shared} shared",
        ]
        text = Content(" · ".join(parts))
        count = len(coverage.disagreements)
        if self.stories > 1:
            text = Content.assemble(
                text, " · ", plural(self.stories, "story", "stories"), ": disagreements within each"
            )
        if count:
            word = "disagreement" if count == 1 else "disagreements"
            text = Content.assemble(("⚠ ", "bold"), (f"{count} {word}", "bold"), " · ", text)
        if self.learning_names:
            text = Content.assemble(text, " · ", ("names: learning…", "italic"))
        if coverage.capped:
            text = Content.assemble(text, "\n", (f"⚠ {CAPPED_HINT % coverage.note}", "bold"))
        summary.update(text)

    def names_learned(self) -> None:
        """The corpus name index is ready: count the names again with it."""
        if not self.learning_names or not self.is_mounted:
            return
        self._count_again_with(names=True)

    def stories_known(self) -> None:
        """The corpus's stories became known: seek the disagreements again within them."""
        if self.stories or self._stories is None or not self.is_mounted:
            return
        if self._stories() is not None:
            self._count_again_with(names=False)

    def _count_again_with(self, names: bool) -> None:
        with self._handoff:
            if names:
                self._names_now = True
            if self._running:
                self._count_again = True  # the running worker counts again when done
                return
        self._start_analysis(not self.learning_names or self._names_now)

    @on(CoverageMatrix.CursorMoved)
    def _update_status(self) -> None:
        if not self.is_mounted:
            return
        filter_text = Content.assemble("show: ", (FILTER_LABELS[self.filter], "bold"))
        matrix = self.matrix
        hidden = matrix.hidden_left + matrix.hidden_right
        if hidden and matrix.columns:
            shown = matrix.visible_columns()
            filter_text = Content.assemble(
                filter_text,
                f" · columns {shown.start + 1}-{shown.stop}/{len(matrix.columns)} ←→",
            )
        right = self.query_one("#coverage-filter", Static)
        if right.visual != filter_text:
            right.update(filter_text)  # a new width: the bar is laid out again
        self.query_one(CellNote).text = self._describe_cell()

    def _describe_cell(self) -> Content:
        """The cell under the cursor in words: which article, and what it says."""
        coverage = self.coverage
        row = self.matrix.current_row
        if coverage is None or row is None or not coverage.articles:
            return Content("")
        column = min(self.matrix.column, len(coverage.articles) - 1)
        article = coverage.articles[column]
        who = source_labels(coverage.articles)[column]
        # Article text (titles, sources, figures) is shown as plain Content, never markup.
        if row.kind == "summary":
            return Content.assemble(
                (who, "bold"), f" · {article.title}" if who != article.title else ""
            )
        if row.fact is not None:
            count = row.fact.mentions.get(article.id, 0)
            said = f"{count} mention{'s' if count != 1 else ''}" if count else "not mentioned"
            return Content.assemble((row.fact.label, "bold"), f" in {who}: {said}")
        if row.disagreement is not None:
            values = row.disagreement.values_of(article.id)
            said = " / ".join(v.text for v in values) if values else "gives no value"
            return Content.assemble((row.disagreement.topic, "bold"), f" in {who}: {said}")
        return Content("")

    # --- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_filter(self, name: str) -> None:
        if name not in FILTERS:
            return
        self.filter = name
        self._show_rows()
        self._update_status()

    @on(CoverageMatrix.CellChosen)
    def _open_cell(self, event: CoverageMatrix.CellChosen) -> None:
        event.stop()
        coverage = self.coverage
        if coverage is None or not 0 <= event.column < len(coverage.articles):
            return
        article = coverage.articles[event.column]
        locate = self._locator(event.row, article)
        if locate is False:
            who = source_labels(coverage.articles)[event.column]
            self.notify(f"{who} does not mention it.", timeout=3, markup=False)
            return
        self.post_message(OpenArticle(article, at=locate or None))

    def _locator(self, row: MatrixRow, article: Article) -> Any:
        """A function finding the row's fact in the shown article; None to open it where
        the reader left it (a summary row); False when the article does not mention it."""
        find = self._find
        if find is None or row.kind == "summary":
            return None
        if row.fact is not None:
            if article.id not in row.fact.mentions:
                return False
            return mention_locator(find, row.fact.key, 0)
        if row.disagreement is not None:
            values = row.disagreement.values_of(article.id)
            if not values:
                return False
            value = values[0]
            key = ("figure", row.disagreement.kind, value.key)
            return mention_locator(find, key, value.ordinals.get(article.id, 0))
        return None

    def action_compare(self) -> None:
        coverage = self.coverage
        row = self.matrix.current_row
        if coverage is None or row is None:
            return
        pair = None
        if row.disagreement is not None:
            pair = row.disagreement.most_apart()
        elif row.fact is not None:
            pair = contrast_pair(coverage, row.fact)
        if pair is None:
            self.notify("Put the cursor on a fact or a disagreement to compare.", timeout=3)
            return
        by_id = {article.id: article for article in coverage.articles}
        left, right = by_id[pair[0]], by_id[pair[1]]
        self.post_message(CompareRequested(left, right, coverage.articles))
