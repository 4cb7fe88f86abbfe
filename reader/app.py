"""ReaderApp: the Textual application (a minimal title list until the real screens land)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from reader.config import styles_dir
from reader.corpus import Corpus, sort_articles


class ReaderApp(App):
    """The reader UI over one loaded corpus."""

    TITLE = "reader"
    CSS_PATH = [str(styles_dir() / "reader.tcss")]
    BINDINGS = [Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave reader")]

    def __init__(self, corpus: Corpus, state_path: str | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.state_path = state_path

    def compose(self) -> ComposeResult:
        yield Header()
        lines = Text()
        for article in sort_articles(self.corpus.articles):
            lines.append(article.title + "\n")
        yield Static(lines, id="titles")
        yield Footer()
