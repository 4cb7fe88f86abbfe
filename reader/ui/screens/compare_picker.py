"""A dialog to pick the article to compare with: type to filter, Enter to choose.

Articles of the same story as the left one (when the stories are known) come first, marked.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.config import styles_dir
from reader.corpus import Article
from reader.present import format_date

# OptionList is slow with thousands of options; the filter narrows long lists instead.
MAX_SHOWN = 200


def matches(article: Article, words: list[str]) -> bool:
    haystack = " ".join(
        part for part in (article.title, article.source or "", article.author or "", article.id)
    ).casefold()
    return all(word in haystack for word in words)


SAME_STORY_MARK = "same story"


def option_prompt(article: Article, same_story: bool = False) -> Text:
    # The mark leads, so it stays in sight when a long title wraps.
    prompt = Text(f"{SAME_STORY_MARK} · ", style="italic") if same_story else Text()
    prompt.append(article.title, style="bold")
    details = [article.source, format_date(article) if article.published else None]
    shown = " · ".join(part for part in details if part)
    if shown:
        prompt.append(f"  {shown}", style="dim")
    return prompt


class ComparePicker(ModalScreen[Article | None]):
    """Choose the other article for a comparison; dismisses with it, or None."""

    CSS_PATH = [str(styles_dir() / "compare.tcss")]

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="compare_picker.cancel", tooltip="Close"),
        Binding(
            "down",
            "move(1)",
            "Next",
            id="compare_picker.down",
            tooltip="Highlight the next article",
            show=False,
        ),
        Binding(
            "up",
            "move(-1)",
            "Previous",
            id="compare_picker.up",
            tooltip="Highlight the previous article",
            show=False,
        ),
    ]

    HELP_TITLE = "Picking an article to compare with"

    def __init__(
        self,
        articles: Sequence[Article],
        current: Article,
        title: str = "",
        initial: Article | None = None,
        same_story: Collection[str] = (),
    ) -> None:
        super().__init__()
        self.initial = initial
        self.same_story = frozenset(same_story)
        others = [article for article in articles if article is not current]
        # The same story's articles first, each part in the list's order.
        self.articles = [a for a in others if a.id in self.same_story] + [
            a for a in others if a.id not in self.same_story
        ]
        self.current = current
        self.heading = title or "Compare with…"
        self.shown: list[Article] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(Text(self.heading, style="bold"), id="picker-title")
            yield Label(Text(f"Left: {self.current.title}"), id="picker-current")
            yield Input(
                placeholder="Type to filter by title, source, author or id", id="picker-filter"
            )
            yield OptionList(id="picker-options")
            yield Label("", id="picker-count")

    def on_mount(self) -> None:
        self._refilter("")
        self.query_one(Input).focus()

    @on(Input.Changed, "#picker-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._refilter(event.value)

    def _refilter(self, query: str) -> None:
        words = query.casefold().split()
        found = [article for article in self.articles if matches(article, words)]
        self.shown = found[:MAX_SHOWN]
        options = self.query_one(OptionList)
        options.clear_options()
        same = self.same_story
        options.add_options(
            [Option(option_prompt(a, a.id in same), id=str(n)) for n, a in enumerate(self.shown)]
        )
        if self.shown:
            start = self.shown.index(self.initial) if self.initial in self.shown else 0
            options.highlighted = start
        count = self.query_one("#picker-count", Label)
        if len(found) > MAX_SHOWN:
            counted = f"{MAX_SHOWN} of {len(found)} shown; type to narrow"
        else:
            counted = f"{len(found)} article{'s' if len(found) != 1 else ''}"
        in_story = sum(1 for article in found if article.id in same)
        if in_story:
            counted += f" · {in_story} of the same story first"
        count.update(Text(counted))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self.shown:
            return
        current = options.highlighted if options.highlighted is not None else -step
        options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    @on(Input.Submitted, "#picker-filter")
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and self.shown:
            self.dismiss(self.shown[options.highlighted])

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.shown[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
