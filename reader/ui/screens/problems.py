"""ProblemsScreen: the files that could not be read, or were read with a note, in the app."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from reader.corpus import Article, escape_controls
from reader.present import plural
from reader.ui.messages import OpenArticle
from reader.ui.widgets.footer import FittingFooter

# OptionList slows down with thousands of options; beyond this the screen says how many more.
MAX_SHOWN = 1_000
SEVERITY_MARKS = {"problem": "⚠", "note": "·"}


def problem_severity(problem: Any) -> str:
    """ "note" or "problem" (anything without a severity is a problem)."""
    severity = getattr(problem, "severity", "problem")
    return severity if severity in SEVERITY_MARKS else "problem"


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one == other or one.resolve() == other.resolve()
    except OSError:
        return False


class ProblemsScreen(Screen):
    """One row per problem: its severity, the file and the reason; Enter opens the article
    when the file still loaded (a note, or front matter ignored), else says it did not."""

    HELP_TITLE = "Problems"
    DEFAULT_CSS = """
    ProblemsScreen #problems-summary {
        padding: 0 1;
        color: $text-muted;
    }
    ProblemsScreen #problems-list {
        height: 1fr;
        border: none;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,h", "back", "Back", id="problems.back", tooltip="Back to the list"),
    ]

    def __init__(self, problems: Sequence[Any], articles: Sequence[Article]) -> None:
        super().__init__(id="problems")
        # Problems first, notes after: the alarms are what the user came for.
        self.problems = sorted(problems, key=lambda p: problem_severity(p) == "note")
        self._by_path = {article.path: article for article in articles}
        self._articles = articles

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Static(self._summary(), id="problems-summary", markup=False)
        options = [
            Option(self._prompt(problem), id=str(number))
            for number, problem in enumerate(self.problems[:MAX_SHOWN])
        ]
        yield OptionList(*options, id="problems-list")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.title = "Problems"
        options = self.query_one(OptionList)
        options.display = bool(self.problems)
        options.focus()

    def _summary(self) -> str:
        if not self.problems:
            return "Every file was read without a problem."
        alarms = sum(1 for p in self.problems if problem_severity(p) == "problem")
        notes = len(self.problems) - alarms
        parts = [plural(alarms, "problem"), plural(notes, "note")]
        text = " · ".join(parts) + " · Enter opens the article when it loaded"
        if len(self.problems) > MAX_SHOWN:
            text += f" · the first {MAX_SHOWN:,} shown"
        return text

    def article_for(self, problem: Any) -> Article | None:
        """The article read from the problem's file, when it loaded despite the problem."""
        path = Path(problem.path)
        found = self._by_path.get(path)
        if found is not None:
            return found
        for article in self._articles:
            if article.path.name == path.name and _same_file(article.path, path):
                return article
        return None

    def _prompt(self, problem: Any) -> Text:
        severity = problem_severity(problem)
        loaded = self.article_for(problem) is not None
        # File names and reasons come from the disk: plain Text, control characters escaped.
        prompt = Text()
        prompt.append(f"{SEVERITY_MARKS[severity]} ", style="bold" if severity == "problem" else "")
        prompt.append(escape_controls(str(problem.path)), style="bold")
        prompt.append(f"\n  {escape_controls(problem.reason)}", style="dim")
        prompt.append("  (loaded)" if loaded else "  (not loaded)", style="italic dim")
        return prompt

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        problem = self.problems[int(event.option.id or 0)]
        article = self.article_for(problem)
        if article is None:
            self.notify("That file did not load: there is no article to open.", timeout=4)
            return
        self.post_message(OpenArticle(article))

    def action_back(self) -> None:
        self.app.pop_screen()
