"""`reader feeds ...`, `reader update`, `reader add`: the feed list, and fetching into the library.

The feed list is config.yaml's `feeds:`; fetched articles go to the library folder
(`--library`, else $READER_LIBRARY, else $XDG_DATA_HOME/reader/library). reader.inputs does
the work; this module parses arguments and prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.args import EXIT_NOTHING_LOADED, EXIT_OK, add_library, new_parser
from reader.cli.output import print_json

if TYPE_CHECKING:
    from reader.inputs import Progress, ProgressCallback, UpdateReport

BAR_WIDTH = 24


def feeds_parser() -> argparse.ArgumentParser:
    parser = new_parser("reader feeds", "The feeds `reader update` fetches (config.yaml's feeds:).")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="follow a feed")
    add.add_argument("url", metavar="URL")
    add.add_argument("--name", metavar="NAME", help="the name to show (default: the feed's title)")
    listing = actions.add_parser("list", help="the feeds followed")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    remove = actions.add_parser("remove", help="stop following a feed")
    remove.add_argument("url", metavar="URL", help="its url (or its name)")
    opml = actions.add_parser("import", help="follow every feed of an OPML file")
    opml.add_argument("file", metavar="FILE.opml")
    actions.add_parser("export", help="print the feed list as OPML")
    return parser


def update_parser() -> argparse.ArgumentParser:
    parser = new_parser(
        "reader update",
        "Fetch every feed; new entries become Markdown articles in the library.\n"
        "One summary line per feed on stdout, one `url: reason` line per failure on stderr.",
    )
    add_library(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def add_parser() -> argparse.ArgumentParser:
    parser = new_parser("reader add", "Save web pages to the library, to read later.")
    parser.add_argument("urls", nargs="+", metavar="URL")
    add_library(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def run_feeds(args: argparse.Namespace) -> int:
    from reader.config import config_path
    from reader.inputs import (
        FeedListError,
        add_feed,
        add_feeds,
        export_opml,
        import_opml,
        read_feeds,
        remove_feed,
    )

    path = config_path()
    try:
        if args.action == "add":
            feed = add_feed(path, args.url, args.name)
            print(f"added {feed.label()}")
        elif args.action == "remove":
            feed = remove_feed(path, args.url)
            print(f"removed {feed.label()}")
        elif args.action == "import":
            found, problems = import_opml(Path(args.file))
            _print_problems([str(problem) for problem in problems])
            if not found:
                print(f"reader: {args.file}: no feeds found", file=sys.stderr)
                return EXIT_NOTHING_LOADED
            added = add_feeds(path, found)
            print(f"{len(added)} feeds added, {len(found) - len(added)} already followed")
        else:
            feeds, problems = read_feeds(path)
            _print_problems([str(problem) for problem in problems])
            if args.action == "export":
                sys.stdout.write(export_opml(feeds))
            elif args.json:
                print_json([{"url": feed.url, "name": feed.name} for feed in feeds])
            else:
                for feed in feeds:
                    print(f"{feed.url}  {feed.name}" if feed.name else feed.url)
    except FeedListError as error:
        print(f"reader: {error}", file=sys.stderr)
        return EXIT_NOTHING_LOADED
    return EXIT_OK


def run_update(args: argparse.Namespace) -> int:
    from reader.config import config_path
    from reader.inputs import library_dir, read_feeds, update

    feeds, problems = read_feeds(config_path())
    _print_problems([str(problem) for problem in problems])
    if not feeds:
        print("reader: no feeds to update; add one with `reader feeds add URL`", file=sys.stderr)
        return EXIT_NOTHING_LOADED
    report = update(feeds, library_dir(args.library), progress=stderr_bar("updating"))
    _print_report(report, args.json, summaries=True)
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    from reader.corpus import clean_line
    from reader.inputs import add_pages, library_dir

    report = add_pages(args.urls, library_dir(args.library), progress=stderr_bar("fetching"))
    _print_report(report, args.json, summaries=False)
    if not args.json:
        for saved in report.saved:
            print(f"saved {saved}")
        for url in report.known:
            print(f"already in the library: {clean_line(url)}")
    return EXIT_OK if report.saved or not report.problems else EXIT_NOTHING_LOADED


def _print_report(report: UpdateReport, as_json: bool, *, summaries: bool) -> None:
    if as_json:
        print_json(report.as_dict())
        return
    if summaries:
        for line in report.summary_lines():
            print(line)
    _print_problems(report.problem_lines(), prefix="")


def _print_problems(lines: list[str], prefix: str = "reader: ") -> None:
    from reader.corpus import clean_line

    for line in lines:
        print(f"{prefix}{clean_line(line)}", file=sys.stderr)


def stderr_bar(verb: str) -> ProgressCallback | None:
    """A progress bar rewritten on one stderr line, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    from reader.corpus import clean_line

    def report(step: Progress) -> None:
        total = max(step.total, 1)
        filled = min(BAR_WIDTH, BAR_WIDTH * step.done // total)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        label = clean_line(step.label)[:50]
        sys.stderr.write(f"\r\x1b[2Kreader: {verb} [{bar}] {step.done}/{step.total} {label}")
        if step.done >= step.total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report
