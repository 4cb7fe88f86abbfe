"""`reader search QUERY [PATH...]`: full-text search from the command line, via the index."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from reader.config import seeds_dir

EXIT_OK, EXIT_NO_MATCH = 0, 1


def search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader search",
        description=(
            "Search titles, sources, authors, tags and text. Every word must match; the last "
            'one also matches as a prefix ("invest" finds "investment"). Quotes, *, -, '
            "NEAR and parentheses are plain text, not operators. Best matches first (a title "
            "hit counts most). Exit status 1 when nothing matches."
        ),
    )
    parser.add_argument("query", metavar="QUERY", help="words to look for")
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files or folders (default: the bundled seeds)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="show at most N results (default 20)"
    )
    parser.add_argument(
        "--index", metavar="PATH", help="index cache (default: $XDG_CACHE_HOME/reader/index.db)"
    )
    return parser


def stderr_progress(label: str) -> Callable[[int, int], None] | None:
    """A progress callback that rewrites one stderr line, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r\x1b[2Kreader: {label} {done:,} of {total:,}{end}")
        sys.stderr.flush()

    return report


def open_indexed(
    paths: Sequence[str],
    index_path: str | None,
    *,
    refresh: bool | None = True,
    search: bool = True,
    first_page: int | None = None,
):
    """Open the corpus at `paths` through the index, telling stderr about problems.

    See `reader.index.cache.open_corpus` for `refresh`, `search` and `first_page`.
    """
    from reader.index import open_corpus

    corpus = open_corpus(
        paths or [seeds_dir()],
        index_path=index_path,
        refresh=refresh,
        search=search,
        first_page=first_page,
        progress=stderr_progress("indexing files:"),
        search_progress=stderr_progress("building the search index:"),
    )
    for notice in corpus.notices:
        print(f"reader: {notice}", file=sys.stderr)
    for problem in corpus.problems:
        print(problem, file=sys.stderr)
    return corpus


def run_search(args: argparse.Namespace) -> int:
    corpus = open_indexed(args.paths, args.index)
    if not corpus.articles:
        print("reader: no articles could be loaded", file=sys.stderr)
        return EXIT_NO_MATCH
    limit = max(0, args.limit)
    hits = corpus.search(args.query, limit=limit)
    assert corpus.index is not None
    snippets = [corpus.index.snippet(article.rowid, args.query) for article, _ in hits]
    if args.json:
        from reader.cli.main import _print_json

        _print_json(
            [
                {"rank": rank, "score": round(score, 4), **article.to_json(), "snippet": snippet}
                for rank, ((article, score), snippet) in enumerate(
                    zip(hits, snippets, strict=True), 1
                )
            ]
        )
    else:
        _print_hits(hits, snippets)
    return EXIT_OK if hits else EXIT_NO_MATCH


def _print_hits(hits, snippets: list[str]) -> None:
    from rich.table import Table
    from rich.text import Text

    from reader.present import format_date, stdout_console

    if not sys.stdout.isatty():
        for (article, score), _ in zip(hits, snippets, strict=True):
            sys.stdout.write(
                f"{score:8.2f}  {format_date(article):10}  {(article.source or '-')[:20]:20}  "
                f"{article.title}  [{article.id}]\n"
            )
        return
    table = Table(box=None, header_style="bold", pad_edge=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Source", max_width=20, overflow="ellipsis", no_wrap=True)
    table.add_column("Title and match", ratio=1, overflow="fold")
    table.add_column("ID", style="dim", no_wrap=True)
    for rank, ((article, _), snippet) in enumerate(zip(hits, snippets, strict=True), 1):
        cell = Text(article.title, style="bold")
        cell.append("\n" + snippet, style="dim")
        table.add_row(
            str(rank), format_date(article), Text(article.source or "-"), cell, Text(article.id)
        )
    console = stdout_console()
    console.print(table)
    console.print(Text(f"{len(hits)} matches", style="dim"))
