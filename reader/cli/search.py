"""`reader search QUERY [PATH...]`: full-text search from the command line, via the index."""

from __future__ import annotations

import argparse
import sys

from reader.cli.args import UsageError, add_index, add_paths
from reader.cli.load import open_indexed
from reader.cli.output import print_hits, print_json, relevance

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
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.add_argument(
        "--limit",
        type=int,
        default=20,
        metavar="N",
        help="show at most N results (default 20; 0: all of them)",
    )
    add_index(parser)
    return parser


def run_search(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise UsageError("--limit must be 0 (no limit) or more")
    corpus = open_indexed(args.paths, args.index)
    if not corpus.articles:
        print("reader: no articles could be loaded", file=sys.stderr)
        return EXIT_NO_MATCH
    hits = corpus.search(args.query, limit=args.limit or None)
    assert corpus.index is not None
    from reader.index import IndexedArticle

    snippets = [
        corpus.index.snippet(article.rowid, args.query)
        if isinstance(article, IndexedArticle)
        else ""
        for article, _ in hits
    ]
    if args.json:
        print_json(
            [
                {"rank": rank, "score": score, **article.to_json(), "snippet": snippet}
                for rank, ((article, _), snippet, score) in enumerate(
                    zip(hits, snippets, relevance(hits), strict=True), 1
                )
            ]
        )
    else:
        print_hits(hits, snippets)
    return EXIT_OK if hits else EXIT_NO_MATCH
