"""Printing articles to stdout: Rich tables on a terminal, plain text in pipes.

Article text is never parsed as Rich markup: it goes in as `Text` objects.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.corpus import Article
from reader.present.dates import format_date, format_day_time


def stdout_console() -> Console:
    """A console that colours only when stdout is a terminal."""
    return Console(file=sys.stdout, highlight=False, soft_wrap=not sys.stdout.isatty())


def print_article_table(articles: Sequence[Article]) -> None:
    if not sys.stdout.isatty():
        for article in articles:
            sys.stdout.write(
                f"{format_date(article):10}  {(article.source or '-')[:20]:20}  "
                f"{article.words:>6}  {article.title}  [{article.id}]\n"
            )
        return
    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Source", max_width=20, overflow="ellipsis", no_wrap=True)
    table.add_column("Author", max_width=18, overflow="ellipsis", no_wrap=True)
    table.add_column("Words", justify="right", no_wrap=True)
    table.add_column("Title", ratio=1, overflow="fold")
    table.add_column("ID", style="dim", no_wrap=True)
    for article in articles:
        table.add_row(
            format_date(article),
            Text(article.source or "-"),
            Text(article.author or "-"),
            str(article.words),
            Text(article.title, style="bold"),
            Text(article.id),
        )
    stdout_console().print(table)
    stdout_console().print(Text(f"{len(articles)} articles", style="dim"))


def article_header_lines(article: Article) -> list[tuple[str, str]]:
    """(label, value) pairs describing an article, for headers in print and UI."""
    rows = [
        ("Source", article.source),
        ("Author", article.author),
        ("Published", format_day_time(article.published)),
        ("Length", f"{article.words} words, {article.reading_minutes} min read"),
        ("URL", article.url),
        ("Tags", ", ".join(article.tags) if article.tags else None),
        ("ID", article.id),
    ]
    return [(label, value) for label, value in rows if value]


def print_article(article: Article, body: Text | None = None) -> None:
    """Print an article's header and body; `body` may carry highlight styles."""
    console = stdout_console()
    console.print(Text(article.title, style="bold"))
    for label, value in article_header_lines(article):
        console.print(Text.assemble((f"{label}: ", "dim"), value))
    console.print()
    console.print(body if body is not None else Text(article.body))
