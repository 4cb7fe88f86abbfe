"""`reader stories`: the articles grouped into stories, biggest and newest first."""

from __future__ import annotations

import argparse
import codecs
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reader.cli.args import EXIT_OK, UsageError, add_index, add_paths, new_parser
from reader.cli.load import need_articles, open_indexed
from reader.cli.output import print_json
from reader.corpus import escape_controls

if TYPE_CHECKING:
    from reader.index import IndexedCorpus
    from reader.index.printed_listing import PrintedListing
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


def _printed_blocks(stories: list[ListedStory]) -> Iterator[tuple[str, int]]:
    from reader.present import story_blocks

    return zip(story_blocks(stories), (len(story.sources) for story in stories), strict=True)


def _write_printed(printed: PrintedListing, min_sources: int) -> None:
    """The stored printed listing, the stories with fewer than `min_sources` left out, in
    one write."""
    from reader.present import listing_heading

    shown, pieces = printed.blocks(min_sources)
    data = b"".join([listing_heading(shown, len(printed.ends)).encode(), b"\n", *pieces])
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is not None and codecs.lookup(out.encoding).name == "utf-8":
        out.flush()
        buffer.write(data)
    else:
        out.write(data.decode())


def _print_stored(corpus: IndexedCorpus, min_sources: int) -> bool:
    """Print the stored stories as they were printed last time (or print them from the
    stored listing and keep that); False when the cache has no stories for these files."""
    if corpus.index is None or corpus.report is None:
        return False
    printed = corpus.index.printed_stories(corpus.roots, _printed_blocks)
    if printed is None:
        return False
    _write_printed(printed, min_sources)
    return True


def run_stories(args: argparse.Namespace) -> int:
    if args.min_sources < 0:
        raise UsageError("--min-sources must be 0 or more")
    # Through the index, refreshed: a warm cache lists the stored stories without loading
    # the articles (they are loaded only when the stories must be brought up to date).
    corpus = open_indexed(args.paths, args.index, search=False, load=False)
    # As text, a warm cache prints the stories as it printed them last time.
    if not args.json and _print_stored(corpus, args.min_sources):
        return EXIT_OK
    index = corpus.index
    if (
        corpus.report is not None
        and index is not None
        and not index.listing_is_current(corpus.roots)
    ):
        # Brought up to date in the cache (a few changes: only the stories they touch),
        # then listed from there.
        corpus.update_stories(progress=_tell)
        if not args.json and _print_stored(corpus, args.min_sources):
            return EXIT_OK
    stories = corpus.listed_stories(progress=_tell)
    if not stories:
        need_articles(corpus)
    # The stories were brought up to date and stored: printed from there, and kept.
    if not args.json and _print_stored(corpus, args.min_sources):
        return EXIT_OK
    shown = [story for story in stories if len(story.sources) >= args.min_sources]
    if args.json:
        print_json({"stories": [story_json(story) for story in shown]})
    else:
        from reader.present import stories_listing_parts

        for part in stories_listing_parts(shown, total=len(stories)):
            sys.stdout.write(part)
    return EXIT_OK
