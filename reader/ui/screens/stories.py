"""The stories screen: one row per story (title, sources and articles counted, dates).

Grouping runs in a worker (`compute`, which reads the index cache or groups the corpus);
the screen says so meanwhile. Enter shows the story's articles in the list, `v` opens its
coverage view, `c` compares its two articles that differ most. The screen posts messages;
the App acts on them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from reader.analysis import Story, most_different_pair
from reader.corpus import Article
from reader.present import plural, story_span
from reader.ui.messages import CompareRequested, CoverageRequested, StoryChosen
from reader.ui.widgets.story_table import StoryTable

# Gives the stories of the corpus; called in the worker thread (it may group the corpus).
StoriesSource = Callable[[], list[Story]]


@dataclass
class StoriesFound(Message):
    """The worker's stories (or the error that stopped it)."""

    bubble = False
    stories: list[Story]
    rows: list[tuple[str, str, str, str]]
    error: str = ""


@dataclass
class PairFound(Message):
    """The worker's two articles that differ most in a story."""

    bubble = False
    pair: tuple[Article, Article] | None
    articles: list[Article]


def _one_line(text: str) -> str:
    return " ".join(text.split())


class StoriesScreen(Screen):
    """Every story of the corpus, biggest and newest first; the first row is every article."""

    HELP_TITLE = "Stories"
    AUTO_FOCUS = "#stories"

    BINDINGS = [
        Binding("escape", "back", "Back", id="stories.back", tooltip="Back to the list"),
        Binding(
            "enter",
            "choose",
            "Show",
            id="stories.show",
            tooltip="Show the story's articles in the list",
            priority=True,
        ),
        Binding(
            "v", "coverage", "Coverage", id="stories.coverage", tooltip="Who reports what here"
        ),
        Binding(
            "c",
            "compare",
            "Compare",
            id="stories.compare",
            tooltip="Compare the story's two articles that differ most",
        ),
    ]

    def __init__(self, articles: Sequence[Article], compute: StoriesSource) -> None:
        super().__init__(id="stories")
        self.all_articles = list(articles)
        self._by_id: dict[str, Article] = {}  # made in the worker: 100,000 take a while
        self._compute = compute
        self.stories: list[Story] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield StoryTable(id="stories")
        yield Static(id="stories-status", classes="status-bar")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "stories"
        self._status(f"Grouping {len(self.all_articles):,} articles into stories…")
        self._group()

    def _status(self, text: str) -> None:
        self.query_one("#stories-status", Static).update(text)

    @work(thread=True, exclusive=True, group="stories", description="group into stories")
    def _group(self) -> None:
        worker = get_current_worker()
        try:
            stories = self._compute()
        except Exception as error:  # noqa: BLE001 - shown to the user, the list stays usable
            self.post_message(StoriesFound([], [], error=str(error)))
            return
        # Off the UI thread too: the rows of 30,000 stories take a moment to make.
        by_id = {article.id: article for article in self.all_articles}
        # Only the articles this screen knows (a story of a file since removed is skipped).
        stories = [story for story in stories if all(k in by_id for k in story.keys)]
        # As the list shows them: thousands grouped, "—" for what is not known (no source
        # named, no article dated).
        rows = [("All articles", "", f"{len(self.all_articles):,}", "")]
        rows += [
            (
                _one_line(story.title) or "(untitled)",
                f"{len(story.sources):,}" if story.sources else "—",
                f"{len(story.keys):,}",
                story_span(story) if story.first else "—",
            )
            for story in stories
        ]
        if not worker.is_cancelled:
            self._by_id = by_id
            self.post_message(StoriesFound(stories, rows))

    @on(StoriesFound)
    def _show(self, message: StoriesFound) -> None:
        if message.error:
            self._status(f"Could not group the articles: {message.error}")
            return
        self.stories = message.stories
        # The headline is cut to the room the other columns leave (StoryTable), so sources,
        # counts and dates stay in view at 80 columns.
        table = self.query_one(StoryTable)
        table.set_rows(message.rows)
        several = sum(1 for story in self.stories if len(story.keys) > 1)
        self._status(
            f"{plural(len(self.stories), 'story', 'stories')}, "
            f"{several:,} with two articles or more"
        )
        if self.stories:
            table.move_cursor(row=1)

    # --- the story under the cursor ------------------------------------------------------

    @property
    def current_story(self) -> Story | None:
        row = self.query_one(StoryTable).cursor
        if row < 1 or row > len(self.stories):
            return None
        return self.stories[row - 1]

    def _articles_of(self, story: Story) -> list[Article]:
        return [self._by_id[key] for key in story.keys if key in self._by_id]

    def action_back(self) -> None:
        self.dismiss()

    def action_choose(self) -> None:
        table = self.query_one(StoryTable)
        if table.row_count == 0:
            return
        story = self.current_story
        if story is None:
            self.post_message(StoryChosen(self.all_articles))
        else:
            self.post_message(StoryChosen(self._articles_of(story), story.title or "story"))

    def action_coverage(self) -> None:
        story = self.current_story
        if story is None:
            return
        title = _one_line(story.title)[:40]
        self.post_message(CoverageRequested(self._articles_of(story), f"story: {title}"))

    def action_compare(self) -> None:
        story = self.current_story
        if story is None:
            return
        if len(story.keys) < 2:
            self.notify("This story has one article only.", title="Compare")
            return
        self._find_pair(self._articles_of(story))

    @work(thread=True, exclusive=True, group="story-pair", description="pick two articles")
    def _find_pair(self, articles: list[Article]) -> None:
        # Reading bodies may touch the disk: off the UI thread.
        self.post_message(PairFound(most_different_pair(articles), articles))

    @on(PairFound)
    def _pair_found(self, message: PairFound) -> None:
        if message.pair is not None:
            left, right = message.pair
            self.post_message(CompareRequested(left, right, message.articles))
