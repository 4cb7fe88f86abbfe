"""How a comparison opens: `c` in the UI (the two marked, or a picker), `reader compare A B`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

from textual.app import App

from reader.corpus import Article
from reader.ui.screens.compare import CompareScreen, Highlighter, StoryJudge
from reader.ui.screens.compare_ahead import AHEAD_OF_PICKER, analyse_ahead
from reader.ui.screens.compare_picker import ComparePicker

AppT = TypeVar("AppT", bound=App)


def opening_compare(app_class: type[AppT], left: Article, right: Article) -> type[AppT]:
    """A subclass of `app_class` that opens the compare screen for `left` and `right` on
    top of its usual first screen as soon as it starts (`reader compare A B`)."""

    class OpeningCompare(app_class):  # type: ignore[misc, valid-type]
        def on_mount(self) -> None:
            # After the app's own on_mount (which runs next, from the base class).
            self.call_after_refresh(self._open_compare)

        def _open_compare(self) -> None:
            articles = getattr(getattr(self, "corpus", None), "articles", None)
            book = getattr(self, "story_book", None)
            judge = None if book is None else book.same_story
            self.push_screen(CompareScreen(left, right, articles=articles, judge=judge))

    OpeningCompare.__name__ = app_class.__name__
    return OpeningCompare


def start_compare(
    app: App,
    current: Article | None,
    marked: Sequence[Article],
    articles: Sequence[Article],
    names: Any = None,
    highlighter: Highlighter | None = None,
    same_story: Callable[[Article], Collection[str]] | None = None,
    judge: StoryJudge | None = None,
) -> None:
    """What `c` does: compare the two marked articles, or pick the other side of `current`
    (else of the one marked) in a dialog; the chosen article goes on the right. With one
    article marked besides `current`, the dialog starts on it. `same_story` gives the ids
    of an article's story: the dialog lists those first; `judge` tells whether two articles
    are of one story (disagreements are sought only then), else the name test does."""

    def compare(left: Article, right: Article) -> None:
        app.push_screen(
            CompareScreen(
                left,
                right,
                articles=articles,
                names=names,
                highlighter=highlighter,
                judge=judge,
            )
        )

    if len(marked) >= 2:
        compare(marked[0], marked[1])
        return
    left = current or (marked[0] if marked else None)
    if left is None:
        app.notify("Mark an article with space, or open one, to compare it.", timeout=4)
        return
    if len([a for a in articles if a is not left]) == 0:
        app.notify("There is no other article to compare with.", timeout=4)
        return
    others = [article for article in marked if article is not left]
    story = same_story(left) if same_story else ()
    # While the user picks: the left article, then the likely picks (the marked one, the
    # first of its story the picker lists first).
    likely = [a for a in articles if a is not left and a.id in story][:AHEAD_OF_PICKER]
    analyse_ahead(app, [left, *others[:1], *likely], names)

    def chosen(right: Article | None) -> None:
        if right is not None:
            compare(left, right)

    picker = ComparePicker(
        articles,
        left,
        initial=others[0] if others else None,
        same_story=story,
    )
    app.push_screen(picker, chosen)
