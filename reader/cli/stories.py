"""`reader stories`: the articles grouped into stories, biggest and newest first."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reader.cli.args import EXIT_OK, UsageError, add_index, add_paths, new_parser
from reader.cli.load import need_articles, open_indexed
from reader.cli.output import print_json
from reader.corpus import escape_controls

if TYPE_CHECKING:
    from reader.index.story_listing import ListedStory


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


def story_json(story: ListedStory) -> dict[str, Any]:
    """One story as JSON: its articles oldest first, duplicate pairs by article id."""
    rows = [
        {
            "id": article.id,
            "path": escape_controls(article.path),
            "title": article.title,
            "source": article.source,
            "published": article.published,
        }
        for article in story.articles
    ]
    return {
        "id": story.id,
        "title": story.title,
        "size": len(story.articles),
        "sources": list(story.sources),
        "first": story.first,
        "last": story.last,
        "articles": rows,
        "duplicates": [list(pair) for pair in story.duplicates],
    }


def run_stories(args: argparse.Namespace) -> int:
    if args.min_sources < 0:
        raise UsageError("--min-sources must be 0 or more")
    # Through the index, refreshed: a warm cache lists the stored stories without loading
    # the articles (they are loaded only when the stories must be brought up to date).
    corpus = open_indexed(args.paths, args.index, search=False, load=False)
    stories = corpus.listed_stories(progress=_tell)
    if not stories:
        need_articles(corpus)
    shown = [story for story in stories if len(story.sources) >= args.min_sources]
    if args.json:
        print_json({"stories": [story_json(story) for story in shown]})
    else:
        from reader.present import stories_listing_parts

        for part in stories_listing_parts(shown, total=len(stories)):
            sys.stdout.write(part)
    return EXIT_OK
