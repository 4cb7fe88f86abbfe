"""The compare screen: two articles side by side, aligned, with their facts and disagreements."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from reader.analysis import Comparison, SpanLike, compare_articles
from reader.config import styles_dir
from reader.corpus import Article
from reader.index.side_store import kept_sides
from reader.present import (
    LaidOut,
    PaneLayout,
    SideBySide,
    byline,
    counterpart_line,
    summary_text,
    wrap,
)
from reader.ui.heap import Pause
from reader.ui.screens.compare_ahead import analyse_ahead
from reader.ui.widgets.compare_pane import ComparePane
from reader.ui.widgets.facts_panel import FactsPanel

# Below this many columns the panes are stacked, one above the other.
NARROW_WIDTH = 100
# A pane's header shows at most this many lines of title (the rest ends in "…").
MAX_TITLE_LINES = 3
# Laid out before the first paint: this many screens of each pane (the rest by a worker).
# Two 5,000-word articles at 140x40: ~8 ms instead of 50-130 ms for all their lines.
FIRST_SCREENS = 2
# The worker posts the rest in parts of at least this many lines (each a message and a
# frame, 15-30 ms of CPU at 140x40: two 5,000-word articles, 695 lines a pane, in one).
REST_PART_LINES = 2000

Highlighter = Callable[[str], Sequence[SpanLike]]
# Whether two articles are of one story by the corpus's story grouping; None while it cannot
# tell (the stories are not known yet): the name test judges meanwhile.
StoryJudge = Callable[[Article, Article], "bool | None"]


@dataclass
class ComparisonFound(Message):
    """The worker's comparison of `left` and `right`; `problem` is a warning to show."""

    bubble = False
    comparison: Comparison
    left: Article
    right: Article
    problem: str | None


@dataclass
class RestLaidOut(Message):
    """More lines of both panes, laid out by the worker for the layout `generation`."""

    bubble = False
    generation: int
    part: LaidOut


class CompareScreen(Screen):
    """Two articles side by side. Matched paragraphs sit level (aligned mode) and the panes
    scroll together; a facts panel lists what both report, what one only reports, and where
    they disagree."""

    HELP_TITLE = "Comparing two articles"
    CSS_PATH = [str(styles_dir() / "compare.tcss")]
    AUTO_FOCUS = "#left-pane"
    BINDINGS = [
        Binding("escape", "back", "Back", id="compare.back", tooltip="Leave the comparison"),
        Binding(
            "tab",
            "focus_other",
            "Switch",
            id="compare.focus_other",
            tooltip="Move the focus to the other pane",
            show=False,
        ),
        Binding(
            "s",
            "toggle_sync",
            "Sync",
            id="compare.sync",
            tooltip="Scroll the two panes together, or each on its own",
        ),
        Binding(
            "a",
            "toggle_aligned",
            "Align",
            id="compare.aligned",
            tooltip="Aligned (matches level, gaps) or free (as written)",
        ),
        Binding("x", "swap", "Swap", id="compare.swap", tooltip="Swap the left and right article"),
        Binding(
            "g",
            "go_to_moved",
            "Elsewhere",
            id="compare.moved",
            tooltip="Show the paragraph the other article says this in, out of order (⇅, ↓, ↑)",
        ),
        Binding(
            "left_square_bracket",
            "cycle_right(-1)",
            "Prev",
            id="compare.previous",
            tooltip="Compare with the previous article in the list",
        ),
        Binding(
            "right_square_bracket",
            "cycle_right(1)",
            "Next",
            id="compare.next",
            tooltip="Compare with the next article in the list",
        ),
        Binding(
            "t",
            "toggle_facts",
            "Facts",
            id="compare.facts",
            tooltip="Facts: disagreements, in both, on one side only",
        ),
    ]

    def __init__(
        self,
        left: Article,
        right: Article,
        *,
        articles: Sequence[Article] | None = None,
        names: Any = None,
        highlighter: Highlighter | None = None,
        judge: StoryJudge | None = None,
    ) -> None:
        super().__init__()
        self.left_article = left
        self.right_article = right
        # The list order for [ and ]: the library's, when it gives one.
        self.articles = list(articles) if articles is not None else [left, right]
        self.names = names
        self.highlighter = highlighter
        self.judge = judge
        self.comparison: Comparison | None = None
        self.aligned = True
        self.synced = True
        self.facts_shown = False
        self._expected: dict[str, int] = {}  # pane side -> the line sync scrolled it to
        self._layout_width = 0
        self._generation = 0  # of the layout shown; a worker's parts of older ones are dropped
        self._laying_out = False  # a worker is laying out the rest of the panes
        self._after_layout: list[Callable[[], None]] = []  # actions waiting for the rest

    # --- building ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="compare-summary", markup=False)
        with Container(id="compare-body"):
            for side in ("left", "right"):
                with Vertical(id=f"{side}-side", classes="compare-side"):
                    yield Static("", id=f"{side}-header", classes="pane-header", markup=False)
                    yield ComparePane(side, id=f"{side}-pane")
            yield FactsPanel(id="facts")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Compare"
        self._update_modes()
        self._show_headers()
        self._analyse()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_WIDTH, "-narrow")

    def _pane(self, side: str) -> ComparePane:
        return self.query_one(f"#{side}-pane", ComparePane)

    def _show_headers(self) -> None:
        """Title and byline over each pane; side by side, the shorter header is padded so
        that the two bodies start on the same row (aligned paragraphs stay level)."""
        blocks = {}
        for side, article in (("left", self.left_article), ("right", self.right_article)):
            header = self.query_one(f"#{side}-header", Static)
            width = header.content_region.width or 40
            lines = wrap(Text(article.title, style="bold"), width)
            if len(lines) > MAX_TITLE_LINES:  # cut visibly; the whole title is in the picker
                lines = lines[:MAX_TITLE_LINES]
                lines[-1].truncate(width - 1)
                lines[-1].append("…")
            lines += wrap(Text(byline(article), style="dim"), width)
            blocks[side] = lines
        height = max(len(lines) for lines in blocks.values())
        for side, lines in blocks.items():
            if not self.has_class("-narrow"):
                lines = lines + [Text("")] * (height - len(lines))
            self.query_one(f"#{side}-header", Static).update(Text("\n").join(lines))

    # --- analysis (off the UI thread) ----------------------------------------------------

    @work(thread=True, exclusive=True, group="compare")
    def _analyse(self) -> None:
        left, right = self.left_article, self.right_article
        names = self.names
        same_story = self._judged(left, right)
        kept = kept_sides(getattr(self.app, "corpus", None))  # analyses in the index cache
        # No collection while comparing: it makes tens of thousands of objects that live
        # until shown (decoded rows, facts, terms), and the collections they set off walked
        # them again and again (see docs/compare.md, Speed).
        pause = Pause()
        pause.start()
        try:
            spans = None
            if self.highlighter is not None:
                spans = (self.highlighter(left.body), self.highlighter(right.body))
            comparison = compare_articles(
                left, right, names, spans=spans, same_story=same_story, kept=kept
            )
            problem = None
        except ImportError:
            # Without the highlighter there are no facts; the texts still line up.
            comparison = compare_articles(left, right, spans=([], []), same_story=same_story)
            problem = "No highlighter available: facts and disagreements are not shown."
        finally:
            pause.lift()
        if not get_current_worker().is_cancelled:
            self.post_message(ComparisonFound(comparison, left, right, problem))
        if kept is not None:
            kept.flush()  # once shown: keeping the analyses is not waited for

    def _judged(self, left: Article, right: Article) -> bool | None:
        """The story grouping's answer for the pair (never blocks), None when it has none."""
        return None if self.judge is None else self.judge(left, right)

    def stories_known(self) -> None:
        """The corpus's stories became known: compare again if the name test judged the
        pair and the grouping now can (the articles' own analysis is kept: this is cheap)."""
        comparison = self.comparison
        if comparison is None or comparison.grouped:
            return  # the comparison on its way asks the grouping when it is shown
        if self._judged(self.left_article, self.right_article) is not None:
            self._analyse()

    @on(ComparisonFound)
    def _show_comparison(self, message: ComparisonFound) -> None:
        comparison, left, right, problem = (
            message.comparison,
            message.left,
            message.right,
            message.problem,
        )
        if left is not self.left_article or right is not self.right_article:
            return  # a newer comparison is on its way
        shown = self.comparison
        if shown is None or shown.left.article is not left or shown.right.article is not right:
            self._after_layout.clear()  # what waited for the rest was for another pair
        self.comparison = comparison
        if problem:
            self.notify(problem, severity="warning", markup=False)
        self._show_summary()
        self._relayout(keep_place=False)
        self._pane("left").scroll_to(y=0, animate=False)
        self._pane("right").scroll_to(y=0, animate=False)
        styles = self._pane("left").role_styles()
        self.query_one(FactsPanel).show(comparison, styles, shown=self.facts_shown)
        following = self._neighbour(1)
        if following is not None:
            analyse_ahead(self, [following], self.names)
        if not comparison.grouped and self._judged(left, right) is not None:
            self._analyse()  # the stories became known while this was compared

    def _show_summary(self) -> None:
        comparison = self.comparison
        summary = self.query_one("#compare-summary", Static)
        if comparison is None:
            summary.update(Text("Comparing…", style="dim"))
            return
        summary.update(summary_text(comparison, self._pane("left").role_styles(), self.aligned))

    # --- layout --------------------------------------------------------------------------

    @on(ComparePane.Resized)
    def _pane_resized(self) -> None:
        width = min(self._pane("left").text_width, self._pane("right").text_width)
        if width != self._layout_width:
            self._relayout()
        else:
            self._show_headers()

    def _relayout(self, keep_place: bool = True) -> None:
        if self.comparison is None:
            return
        self._show_headers()
        left, right = self._pane("left"), self._pane("right")
        anchor = self._focused_side()
        place = self._place(anchor) if keep_place else None
        to_end = keep_place and self._pane(anchor).heading_for_end
        width = min(left.text_width, right.text_width)
        self._layout_width = width
        # The first screens now, down to the paragraph at the top when keeping the place;
        # a worker lays out the rest (`_lay_out_rest`), the panes grow as its parts come.
        layout = SideBySide(self.comparison, width, self.aligned, left.role_styles())
        screens = FIRST_SCREENS * max(left.size.height, right.size.height, 1)
        part = layout.lay_out(screens, through=None if place is None else place[0])
        self._generation += 1
        self._show_part(part, first=True)
        if place is not None:
            pair, offset = place
            block = getattr(layout, anchor).blocks.get(pair)
            if block is not None:
                self._show_part(layout.lay_out(block[0] + offset + screens))
                self._pane(anchor).scroll_to(y=block[0] + offset, animate=False)
        self._laying_out = not layout.done
        if self._laying_out:
            # After the first paint: started at once, the worker's Python ran beside the UI
            # thread's paint and delayed it by as much as it laid out.
            self.call_after_refresh(self._start_rest, layout, self._generation)
        self._sync_from(anchor)
        if to_end:  # after the scrolls above, which are made after the next refresh
            self.call_after_refresh(self._pane(anchor).head_for_end)
        if not self._laying_out:
            self._run_waiting()

    def _show_part(self, part: LaidOut, first: bool = False) -> None:
        """Lines laid out, to both panes: the first part replaces what they showed."""
        assert self.comparison is not None
        for pane, lines, side in (
            (self._pane("left"), part.left, self.comparison.left),
            (self._pane("right"), part.right, self.comparison.right),
        ):
            if not side.paragraphs:
                lines = PaneLayout([], {})  # the placeholder says so, instead of a blank gap
            if first:
                pane.placeholder = "(this article has no text)"
                pane.show(lines, self.comparison.pairs, complete=part.done)
            else:
                pane.extend(lines, complete=part.done)

    def _start_rest(self, layout: SideBySide, generation: int) -> None:
        if generation == self._generation and self.is_attached:  # not replaced nor left
            self._lay_out_rest(layout, generation)

    @work(thread=True, exclusive=True, group="compare-layout")
    def _lay_out_rest(self, layout: SideBySide, generation: int) -> None:
        """Lay out the rest of the panes off the UI thread, posting it in parts."""
        worker = get_current_worker()
        pause = Pause()  # the lines it makes all live on: see `_analyse`
        pause.start()
        try:
            for part in layout.rest(REST_PART_LINES):
                if worker.is_cancelled:
                    return
                self.post_message(RestLaidOut(generation, part))
        finally:
            pause.lift()

    @on(RestLaidOut)
    def _rest_laid_out(self, message: RestLaidOut) -> None:
        if message.generation != self._generation or self.comparison is None:
            return  # a part of a layout replaced since
        self._show_part(message.part)
        self._sync_from(self._focused_side())  # free mode maps its ends anew
        if message.part.done:
            self._laying_out = False
            self._run_waiting()

    def _run_waiting(self) -> None:
        """All laid out: the actions that waited for it."""
        waiting, self._after_layout = self._after_layout, []
        for action in waiting:
            action()

    def _place(self, side: str) -> tuple[int, int] | None:
        """The pair at the top of a pane and how far into its block the top is."""
        pane = self._pane(side)
        top = int(pane.scroll_y)
        pair = pane.pair_at(top)
        if pair is None:
            pair = pane.pair_at(top + 1)
        if pair is None:
            return None
        start = pane.layout_lines.blocks[pair][0]
        return pair, max(0, top - start)

    def _focused_side(self) -> str:
        focused = self.focused
        if isinstance(focused, ComparePane):
            return focused.side
        return "left"

    # --- synchronised scrolling (meld's way: the matched paragraphs stay level) ----------

    @on(ComparePane.Scrolled)
    def _pane_scrolled(self, event: ComparePane.Scrolled) -> None:
        pane = event.pane
        expected = self._expected.pop(pane.side, None)
        if expected is not None and expected == round(pane.scroll_y):
            return  # we moved it; do not bounce back
        if self.synced:
            self._sync_from(pane.side)

    def _sync_from(self, side: str) -> None:
        if not self.synced or self.comparison is None:
            return
        source = self._pane(side)
        target = self._pane("right" if side == "left" else "left")
        line = counterpart_line(
            source.scroll_y, source.layout_lines, target.layout_lines, self.comparison.pairs
        )
        wanted = round(min(line, target.max_scroll_y))
        if wanted != round(target.scroll_y):
            self._expected[target.side] = wanted
            target.scroll_to(y=wanted, animate=False)

    # --- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_focus_other(self) -> None:
        order = ["left", "right"] + (["facts"] if self.facts_shown else [])
        focused = self.focused
        current = (
            focused.side
            if isinstance(focused, ComparePane)
            else ("facts" if isinstance(focused, FactsPanel) else "right")
        )
        following = order[(order.index(current) + 1) % len(order)]
        widget = self.query_one(FactsPanel) if following == "facts" else self._pane(following)
        widget.focus()

    def action_toggle_sync(self) -> None:
        self.synced = not self.synced
        self._update_modes()
        if self.synced:
            self._sync_from(self._focused_side())
        self.notify("Scrolling together" if self.synced else "Scrolling separately", timeout=2)

    def action_toggle_aligned(self) -> None:
        self.aligned = not self.aligned
        self._update_modes()
        self._relayout()
        self._show_summary()

    def action_toggle_facts(self) -> None:
        self.facts_shown = not self.facts_shown
        self._update_modes()
        if self.facts_shown:
            self.query_one(FactsPanel).reveal()
        if not self.facts_shown and isinstance(self.focused, FactsPanel):
            self._pane("left").focus()
        elif self.facts_shown and self.has_class("-narrow"):
            self.query_one(FactsPanel).focus()

    def action_go_to_moved(self) -> None:
        """Scroll the other pane to the paragraph that says what a paragraph on screen in
        this pane says, out of order (the first such from the top of this pane), and move
        the focus there. Synced scrolling lines the panes up again at the next scroll."""
        comparison = self.comparison
        if comparison is None:
            return
        if self._laying_out:  # the paragraph may be below what is laid out yet
            self._after_layout.append(self.action_go_to_moved)
            return
        side = self._focused_side()
        other = "right" if side == "left" else "left"
        pane, target = self._pane(side), self._pane(other)
        links = comparison.moved_from(side)
        lines = pane.layout_lines.lines
        found = None
        for line in lines[int(pane.scroll_y) :]:
            if line.pair is None or line.filler:
                continue
            index = getattr(comparison.pairs[line.pair], side)
            if index in links:
                found = links[index]
                break
        row = next(
            (n for n, pair in enumerate(comparison.pairs) if getattr(pair, other) == found), None
        )
        block = target.layout_lines.blocks.get(row) if row is not None else None
        if block is None:
            self.app.bell()
            self.notify(
                "No paragraph from here down is told elsewhere in the other article.", timeout=3
            )
            return
        wanted = round(min(block[0], target.max_scroll_y))
        if wanted != round(target.scroll_y):
            self._expected[other] = wanted
            target.scroll_to(y=wanted, animate=False)
        target.focus()

    def action_swap(self) -> None:
        self.set_articles(self.right_article, self.left_article)

    def action_cycle_right(self, step: int) -> None:
        if not any(a is not self.left_article for a in self.articles):
            self.app.bell()
            return
        following = self._neighbour(step)
        if following is None:
            self.app.bell()
            self.notify(
                "No more articles in the list" if step > 0 else "Already at the first article",
                timeout=2,
            )
            return
        self.set_articles(self.left_article, following)

    def _neighbour(self, step: int) -> Article | None:
        """The article `]` (step 1) or `[` (step -1) compares with the left one, if any."""
        candidates = [a for a in self.articles if a is not self.left_article]
        try:
            position = candidates.index(self.right_article)
        except ValueError:
            position = -1 if step > 0 else 0
        following = position + step
        return candidates[following] if 0 <= following < len(candidates) else None

    def set_articles(self, left: Article, right: Article) -> None:
        """Compare another pair (the panes keep the old one until the new one is ready)."""
        self.left_article, self.right_article = left, right
        self._show_headers()
        self.query_one("#compare-summary", Static).update(Text("Comparing…", style="dim"))
        self._analyse()

    def _update_modes(self) -> None:
        self.set_class(self.facts_shown, "-facts")
        modes = ["aligned" if self.aligned else "free", "synced" if self.synced else "not synced"]
        self.sub_title = " · ".join(modes)
