"""The corpus's stories for the UI: grouped once, off the UI thread, shared by every screen.

`StoryBook.stories()` blocks (call it in a worker): it reads the index cache or groups the
corpus, once per list of articles; a second caller waits for the first one's result rather
than grouping again. `story_of` and `ready` never block: the article view and the compare
picker use them, and say nothing about stories until the grouping is done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from textual.message import Message

from reader.analysis import Story
from reader.analysis.stories import GroupingCancelled
from reader.corpus import Article, Corpus
from reader.index import IndexedCorpus
from reader.ui.heap import collector_paused

ShouldStop = Callable[[], bool]


@dataclass
class StoriesReady(Message):
    """The corpus's stories are known (posted by the App's grouping worker)."""


def _compute(corpus: Corpus, should_stop: ShouldStop) -> list[Story]:
    if isinstance(corpus, IndexedCorpus):
        # A big grouping runs in a child process: the UI neither holds its memory nor
        # waits for the interpreter lock meanwhile. Stories read from the cache (tens of
        # thousands of rows) are built with the collector paused and kept out of its walks;
        # any other way (`progress` says which) may take long and lifts the pause.
        with collector_paused() as pause:
            return corpus.stories(
                progress=lambda _: pause.lift(), should_stop=should_stop, in_child=True
            )
    from reader.analysis import group_articles

    return group_articles(corpus.articles, should_stop=should_stop).stories


class StoryBook:
    """The stories of `corpus.articles` as they are now, once grouped. Thread-safe."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._lock = threading.Lock()
        self._grouped: object = None  # the list of articles the stories are of
        self._stories: list[Story] = []
        self._of: dict[str, Story] = {}
        self._ids: dict[str, int] = {}  # article id -> story id

    @property
    def ready(self) -> bool:
        """Whether the stories of the current articles are known (never blocks)."""
        return self._grouped is self._corpus.articles

    def story_of(self, article_id: str) -> Story | None:
        """The story of an article, or None until the stories are known. After the articles
        changed (a refresh, an update of the feeds) and until they are grouped again, the
        last grouping answers: stories only gain articles meanwhile, and a new article has
        none yet."""
        return self._of.get(article_id)

    def story_ids(self) -> Mapping[str, int] | None:
        """Article id -> story id for every article, or None until the stories of the
        current articles are known (never blocks). For the coverage view: disagreements
        only within a story."""
        if not self.ready:
            return None
        return self._ids

    def same_story(self, left: Article, right: Article) -> bool | None:
        """Whether two articles are of one story by the grouping (compare's judge), or None
        while it cannot tell: the stories of the current articles are not known yet, or too
        few articles to tell stories apart (see `analysis.compare.same_story_in`)."""
        ids = self.story_ids()
        if ids is None:
            return None
        from reader.analysis import same_story_in  # loaded with compare, not at start

        return same_story_in(ids, left, right)

    def articles_of(self, story: Story) -> list[Article]:
        """The articles of `story` that the corpus has now, in the story's order."""
        wanted = set(story.keys)
        by_id = {a.id: a for a in self._corpus.articles if a.id in wanted}
        return [by_id[key] for key in story.keys if key in by_id]

    def stories(self, should_stop: ShouldStop | None = None) -> list[Story] | None:
        """The stories, grouped now if needed (blocks: call it in a worker); None when
        `should_stop` said stop before they were done."""
        stop = should_stop or (lambda: False)
        with self._lock:
            articles = self._corpus.articles
            if self._grouped is articles:
                return self._stories
            if stop():
                return None
            try:
                stories = _compute(self._corpus, stop)
            except GroupingCancelled:
                return None
            self._stories = stories
            self._of = {key: story for story in stories for key in story.keys}
            self._ids = {key: story.id for key, story in self._of.items()}
            self._grouped = articles
            return stories


def other_sources(story: Story | None, article: Article) -> list[str]:
    """The sources of `story` other than the article's own (none known: an empty list)."""
    if story is None:
        return []
    return [source for source in story.sources if source != article.source]


def others_count(story: Story | None) -> int:
    """How many other articles `story` has besides one."""
    return 0 if story is None else max(0, len(story.keys) - 1)


def story_order(articles: Sequence[Article], story: Story | None) -> list[Article]:
    """`articles` with those of `story` first (in the list's order), then the rest."""
    if story is None:
        return list(articles)
    keys = set(story.keys)
    return [a for a in articles if a.id in keys] + [a for a in articles if a.id not in keys]


@dataclass
class StoriesWanted(Message):
    """Group the stories in the background: again from the start (`restart`, the articles
    changed), else only when no grouping runs already."""

    restart: bool = False
