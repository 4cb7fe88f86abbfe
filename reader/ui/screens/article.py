"""ArticleScreen: read one article, move through the list, jump between figures, find text."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from reader.analysis import Story
from reader.corpus import Article
from reader.present import Document, build_document, format_long_day
from reader.store import StateStore
from reader.ui.messages import Locator, StoryChosen
from reader.ui.story_book import StoriesWanted, StoryBook, other_sources, others_count
from reader.ui.widgets.article_view import ArticleView, Highlight, component_style
from reader.ui.widgets.footer import FittingFooter

# Articles longer than this are highlighted in a worker thread, so opening stays instant.
HIGHLIGHT_SYNC_CHARS = 40_000

# Figures and names in an article's body, as document offsets. Thread-safe (workers call it).
Highlighter = Callable[[Document], list[Highlight]]


class ArticleList(Protocol):
    """The list the reader moves through with n and p (the library screen)."""

    @property
    def visible_articles(self) -> Sequence[Article]: ...

    def index_of(self, article_id: str) -> int | None: ...

    def step(self, article_id: str, step: int, *, unread_only: bool = False) -> Article | None: ...

    def select(self, article_id: str) -> None: ...


@dataclass
class HighlightsFound(Message):
    """The worker highlighted `article` (a long one) with `spans`."""

    bubble = False
    article: Article
    spans: list[Highlight]


def meta_line(article: Article) -> str:
    """Source · author · date · reading time, leaving out what is unknown."""
    parts = [article.source or "", article.author or ""]
    if article.published:
        parts.append(format_long_day(article.published))
    parts.append(f"{article.reading_minutes} min read")
    return " · ".join(part for part in parts if part)


class Legend(Widget):
    """The highlight legend: each kind drawn in the style the article uses for it."""

    COMPONENT_CLASSES = {"legend--figure", "legend--name"}

    figures: reactive[int] = reactive(0)
    names: reactive[int] = reactive(0)

    def render(self) -> Content:
        # Styles are looked up at render time, so a theme change recolours the legend.
        return Content.assemble(
            (" figure ", component_style(self, "legend--figure")),
            f" {self.figures}  ",
            (" name ", component_style(self, "legend--name")),
            f" {self.names}",
        )


class StoryLine(Static):
    """One line under the article: how many other sources cover its story, and the key."""

    DEFAULT_CSS = """
    StoryLine {
        height: 1;
        padding: 0 1;
        color: $text-accent;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """


def story_line(article: Article, story: Story | None, key: str = "t") -> str:
    """What the story line says about `article`'s story; empty when it has no other article.

    `key` is the key that shows the story (the user's keymap may have moved it from `t`).
    """
    count = others_count(story)
    if story is None or count == 0:
        return ""
    sources = other_sources(story, article)
    articles = f"{count} other article{'s' if count != 1 else ''}"
    if not sources:  # the same source, or sources not known
        return f"{articles} {'cover' if count != 1 else 'covers'} this story · {key} shows them"
    named = ", ".join(sources[:3]) + (", …" if len(sources) > 3 else "")
    verb = "covers" if len(sources) == 1 else "cover"
    many = f"{len(sources)} other source{'s' if len(sources) != 1 else ''}"
    return f"{many} {verb} this story ({named}); {articles} · {key} shows them"


class ArticleScreen(Screen):
    """One article, full screen, with the list order one key away."""

    HELP_TITLE = "Reading an article"

    BINDINGS = [
        Binding("h", "back", "Back", id="article.back", tooltip="Back to the list"),
        Binding(
            "escape",
            "escape",
            "Back",
            show=False,
            id="article.escape",
            tooltip="Leave find, else back to the list",
        ),
        Binding(
            "n",
            "next",
            "Next",
            id="article.next",
            tooltip="Next article (next match while finding)",
        ),
        Binding(
            "p",
            "previous",
            "Prev",
            id="article.previous",
            tooltip="Previous article (previous match while finding)",
        ),
        Binding(
            "N",
            "next_unread",
            "Next unread",
            show=False,
            id="article.next_unread",
            tooltip="Next unread article",
        ),
        Binding(
            "f", "figure(1)", "Figure", id="article.next_figure", tooltip="Next highlighted figure"
        ),
        Binding(
            "F",
            "figure(-1)",
            "Prev figure",
            show=False,
            id="article.previous_figure",
            tooltip="Previous highlighted figure",
        ),
        # Priority, so a fast "/word" lands in the find box (see LibraryScreen).
        Binding(
            "slash", "find", "Find", id="article.find", tooltip="Find in the article", priority=True
        ),
        Binding(
            "u", "toggle_read", "Read", show=False, id="article.read", tooltip="Mark read or unread"
        ),
        Binding("asterisk", "toggle_star", "Star", id="article.star", tooltip="Star or unstar"),
        Binding(
            "c",
            "app.compare",
            "Compare",
            id="article.compare",
            tooltip="Compare this article with one you pick",
        ),
        Binding(
            "t",
            "story",
            "Story",
            id="article.story",
            tooltip="Show the articles of this article's story in the list",
        ),
    ]

    def __init__(
        self,
        article: Article,
        at: Locator | None = None,
        *,
        articles: ArticleList,
        store: StateStore,
        highlights: Highlighter,
        stories: StoryBook | None = None,
    ) -> None:
        super().__init__(id="reader")
        self.stories = stories
        self.article = article
        self.articles = articles
        self.store = store
        self._highlights = highlights
        self._opening_at = at
        self.document: Document | None = None
        self.find_query = ""
        self._status_note: Content | None = None

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def finding(self) -> bool:
        return bool(self.find_query) or self.query_one("#find", Input).display

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield ArticleView(id="article-view")
        yield StoryLine(id="article-story")
        yield Input(placeholder="find in this article · Enter, then n/p · Esc ends", id="find")
        with Horizontal(id="article-status", classes="status-bar"):
            yield Legend(id="legend", classes="status-left")
            yield Static(id="article-position", classes="status-right")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#find", Input).display = False
        self.show(self.article, at=self._opening_at)
        self.set_focus(self.view)

    # --- showing an article ------------------------------------------------------------

    def show(self, article: Article, at: Locator | None = None) -> None:
        """Display `article` (marking it read), back where the reader left it last time, or
        at the place `at` finds in its shown body, marked."""
        if self.document is not None and article is not self.article:
            self.save_position()
        self.article = article
        self._status_note = None
        store = self.store
        store.set_read(article.id, True)
        store.set_last_opened(article.id)
        self.sub_title = article.source or ""
        document = build_document(article.title, meta_line(article), article.url, article.body)
        self.document = document
        view = self.view
        if len(article.body) <= HIGHLIGHT_SYNC_CHARS:
            view.show(document, self._highlights(document))
        else:
            view.show(document)
            self._highlight_in_thread(article, document)
        position = store.position(article.id)
        if position:
            view.restore(position)
        self._end_find()
        self._update_status()
        self.stories_known()
        if at is not None:
            self._go_to(at)

    def reopen(self, article: Article, at: Locator | None = None) -> None:
        """Show `article` on this screen before it is pushed again: one reader screen kept
        for the app's life makes Enter 2.5x cheaper than composing, mounting and styling a
        new one each time (0.5 -> 0.2 s CPU for Enter and back, profiled, load 9)."""
        self.show(article, at=at)
        self.set_focus(self.view)

    def _go_to(self, at: Locator) -> None:
        document = self.document
        assert document is not None
        found = at(document.text[document.body_start :])
        if found is None:
            self._note("mention not found in the text as shown")
            return
        start, end = (offset + document.body_start for offset in found)
        self.view.point_at(start, end)
        self._note(Content.assemble("mention: ", (document.text[start:end], "bold")))

    def refresh_highlights(self) -> None:
        """Highlight again (the name index has been built since the article opened)."""
        if self.document is None:
            return
        if len(self.article.body) <= HIGHLIGHT_SYNC_CHARS:
            self.view.set_highlights(self._highlights(self.document))
            self._update_status()
        else:
            self._highlight_in_thread(self.article, self.document)

    @work(thread=True, exclusive=True, group="article-highlight", description="highlight")
    def _highlight_in_thread(self, article: Article, document: Document) -> None:
        worker = get_current_worker()
        while not document.complete:  # the view reads a long body on between keys
            if worker.is_cancelled:
                return
            time.sleep(0.05)
        spans = self._highlights(document)
        if not worker.is_cancelled:
            self.post_message(HighlightsFound(article, spans))

    @on(HighlightsFound)
    def _apply_highlights(self, message: HighlightsFound) -> None:
        if message.article is self.article and self.is_mounted:
            self.view.set_highlights(message.spans)
            self._update_status()

    def save_position(self) -> None:
        if self.document is not None and self.is_mounted:
            self.store.set_position(self.article.id, self.view.top_offset)

    # --- the article's story -------------------------------------------------------------

    @property
    def story(self) -> Story | None:
        """The open article's story, once the stories are grouped (never blocks)."""
        return None if self.stories is None else self.stories.story_of(self.article.id)

    def stories_known(self) -> None:
        """Show (or hide) the story line: called on opening and when the stories are ready."""
        text = story_line(self.article, self.story, self._story_key())
        for line in self.query(StoryLine):  # none before compose
            line.update(Content(text))
            line.display = bool(text)

    def _story_key(self) -> str:
        """The key bound to `article.story` now (after the user's keymap), as shown to users."""
        for active in self.active_bindings.values():
            if active.binding.id == "article.story":
                return self.app.get_key_display(active.binding)
        return "t"

    def action_story(self) -> None:
        """`t`: back to the list, showing the articles of this article's story."""
        story = self.story
        if story is None:
            ready = self.stories is not None and self.stories.ready
            if not ready:
                self.post_message(StoriesWanted())  # the articles changed since: again
            self.notify(
                "No story is known for this article."
                if ready
                else "The stories are still being grouped; try again in a moment.",
                title="Story",
                timeout=3,
            )
            return
        if others_count(story) == 0:
            self.notify("No other article covers this story.", title="Story", timeout=3)
            return
        assert self.stories is not None
        articles = self.stories.articles_of(story)
        self.save_position()
        self.post_message(StoryChosen(articles, " ".join(story.title.split()) or "story"))

    # --- status ------------------------------------------------------------------------

    def _update_status(self) -> None:
        view = self.view
        figures = view.figure_count
        names = sum(1 for span in view.highlights if span.cls == "name")
        legend = self.query_one(Legend)
        legend.figures, legend.names = figures, names
        order = self.articles.visible_articles
        index = self.articles.index_of(self.article.id)
        flags = []
        if self.store.is_starred(self.article.id):
            flags.append("★ starred")
        if not self.store.is_read(self.article.id):
            flags.append("unread")
        where = f"{index + 1}/{len(order)}" if index is not None else "not in list"
        right = Content(" · ".join([*flags, where]))
        if self._status_note is not None:
            right = Content.assemble(self._status_note, " · ", right)
        self.query_one("#article-position", Static).update(right)

    def _note(self, note: str | Content | None) -> None:
        self._status_note = Content(note) if isinstance(note, str) else note
        self._update_status()

    # --- actions -----------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to the list, its cursor on the article that was open."""
        self.save_position()
        if self.app.screen is self:
            self.app.pop_screen()
            self.articles.select(self.article.id)

    def action_escape(self) -> None:
        if self.finding:
            self._end_find()
            self.set_focus(self.view)
        else:
            self.action_back()

    def _go(self, step: int, *, unread_only: bool = False) -> None:
        target = self.articles.step(self.article.id, step, unread_only=unread_only)
        if target is None:
            what = "unread article" if unread_only else "article"
            where = "after" if step > 0 else "before"
            self.notify(f"No {what} {where} this one in the list.", timeout=2)
            return
        self.show(target)

    def action_next(self) -> None:
        if self.find_query:
            self._step_match(1)
        else:
            self._go(1)

    def action_previous(self) -> None:
        if self.find_query:
            self._step_match(-1)
        else:
            self._go(-1)

    def action_next_unread(self) -> None:
        self._go(1, unread_only=True)

    def action_figure(self, step: int) -> None:
        found = self.view.jump_figure(step)
        if found is None:
            which = "next" if step > 0 else "previous"
            self._note("no figures" if not self.view.figure_count else f"no {which} figure")
            return
        start, end = found
        number = (self.view.current_figure or 0) + 1
        assert self.document is not None
        self._note(
            Content.assemble(
                f"figure {number}/{self.view.figure_count}: ",
                (self.document.text[start:end], "bold"),
            )
        )

    def action_toggle_read(self) -> None:
        store = self.store
        store.set_read(self.article.id, not store.is_read(self.article.id))
        self._update_status()

    def action_toggle_star(self) -> None:
        store = self.store
        store.set_starred(self.article.id, not store.is_starred(self.article.id))
        self._update_status()

    # --- find ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "find" and self.query_one("#find", Input).has_focus:
            return False  # "/" typed in the find box is just a character
        return True

    def action_find(self) -> None:
        find = self.query_one("#find", Input)
        find.display = True
        self.set_focus(find)  # at once: keys typed right after / must land here

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        self.find_query = event.value
        count = self.view.find(event.value)
        self._note_matches(count)

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self._end_find()
        self.set_focus(self.view)

    def _step_match(self, step: int) -> None:
        self.view.step_match(step)
        self._note_matches(len(self.view.matches))

    def _note_matches(self, count: int) -> None:
        if not self.find_query.strip():
            self._note(None)
            return
        query = self.find_query.strip()
        if count == 0:
            self._note(Content.assemble("no match for ", (query, "bold")))
            return
        current = (self.view.current_match or 0) + 1
        self._note(
            Content.assemble((query, "bold"), f": match {current} of {count} (n/p, Esc ends)")
        )

    def _end_find(self) -> None:
        find = self.query_one("#find", Input)
        self.find_query = ""
        with find.prevent(Input.Changed):
            find.value = ""
        find.display = False
        self.view.clear_find()
        self._note(None)
