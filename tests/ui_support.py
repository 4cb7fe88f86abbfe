"""Helpers for the UI tests: apps on a temporary state file, and reading what is on screen."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from conftest import SEEDS
from textual.widgets import Static

from reader.config import Config
from reader.corpus import Article, Corpus
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_table import ArticleTable
from reader.ui.widgets.article_view import ArticleView


class Span:
    """A highlighter span, like reader.highlight.find.Span."""

    def __init__(self, start: int, end: int, cls: str) -> None:
        self.start, self.end, self.cls = start, end, cls
        self.kind, self.value = cls, None


def fake_highlighter(words: dict[str, str]) -> Any:
    """A highlighter marking each occurrence of the given words as 'figure' or 'name'."""

    def find(text: str) -> list[Span]:
        spans = []
        for word, cls in words.items():
            start = text.find(word)
            while start != -1:
                spans.append(Span(start, start + len(word), cls))
                start = text.find(word, start + len(word))
        return sorted(spans, key=lambda s: s.start)

    return find


def seeds_corpus() -> Corpus:
    return Corpus.load([SEEDS])


def synthetic_corpus(count: int, body_words: int = 30) -> Corpus:
    """`count` small dated articles, newest first by id order reversed."""
    start = datetime(2024, 1, 1)
    articles = [
        Article(
            id=f"a{number:05d}",
            path=Path(f"a{number:05d}.txt"),
            title=f"Article number {number}",
            body=" ".join(f"word{(number + k) % 97}" for k in range(body_words)),
            source=f"Source {number % 7}",
            published=start + timedelta(hours=number),
        )
        for number in range(count)
    ]
    return Corpus(articles, [])


def make_app(
    tmp_path: Path,
    corpus: Corpus | None = None,
    *,
    config: Config | None = None,
    highlighter: Any = None,
) -> ReaderApp:
    return ReaderApp(
        corpus if corpus is not None else seeds_corpus(),
        state_path=tmp_path / "state.db",
        config=config if config is not None else Config(),
        highlighter=highlighter if highlighter is not None else fake_highlighter({}),
    )


def table(app: ReaderApp) -> ArticleTable:
    return app.library.query_one(ArticleTable)


def table_lines(app: ReaderApp) -> list[str]:
    """The list as drawn: the header line, then one line per visible row."""
    widget = table(app)
    return [widget.render_line(y).text for y in range(widget.size.height)]


def view(app: ReaderApp) -> ArticleView:
    return app.screen.query_one(ArticleView)


def view_lines(app: ReaderApp) -> list[str]:
    widget = view(app)
    return [widget.render_line(y).text.strip() for y in range(widget.size.height)]


def static_text(app: ReaderApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def notices(app: ReaderApp) -> list[str]:
    return [notification.message for notification in app._notifications]
