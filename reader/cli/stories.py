"""`reader stories`: the articles grouped into stories, biggest and newest first."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reader.cli.args import EXIT_OK, UsageError, add_index, add_paths, new_parser
from reader.cli.load import need_articles, open_indexed
from reader.cli.output import print_json
from reader.corpus import Article

if TYPE_CHECKING:
    # Only the `stories` verb loads the analysis; the other verbs start without it.
    from reader.analysis import Story


def stories_parser() -> argparse.ArgumentParser:
    parser = new_parser(
        "reader stories",
        "Group the articles into stories (the articles, from any outlet, that report one\n"
        "event) and list them, biggest and newest first.",
    )
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument(
        "--min-sources",
        type=int,
        default=0,
        metavar="N",
        help="only stories told by at least N distinct sources (default: all stories)",
    )
    add_index(parser)
    return parser


def _tell(message: str) -> None:
    if sys.stderr.isatty():
        print(f"reader: {message}", file=sys.stderr)


def story_json(story: Story, articles: dict[str, Article]) -> dict[str, Any]:
    """One story as JSON: its articles oldest first, duplicate pairs by article id."""
    rows = []
    for key in story.keys:
        article = articles[key]
        data = article.to_json()
        rows.append({name: data[name] for name in ("id", "path", "title", "source", "published")})
    return {
        "id": story.id,
        "title": story.title,
        "size": len(story.keys),
        "sources": list(story.sources),
        "first": story.first.isoformat() if story.first else None,
        "last": story.last.isoformat() if story.last else None,
        "articles": rows,
        "duplicates": [list(pair) for pair in story.duplicates],
    }


def run_stories(args: argparse.Namespace) -> int:
    if args.min_sources < 0:
        raise UsageError("--min-sources must be 0 or more")
    # Through the index: a warm cache lists the stored stories without regrouping them.
    corpus = open_indexed(args.paths, args.index, search=False)
    need_articles(corpus)
    articles = {article.id: article for article in corpus.articles}
    stories = corpus.stories(progress=_tell)
    shown = [story for story in stories if len(story.sources) >= args.min_sources]
    if args.json:
        print_json({"stories": [story_json(story, articles) for story in shown]})
    else:
        from reader.present import stories_listing

        sys.stdout.write(stories_listing(shown, articles, total=len(stories)))
    return EXIT_OK
