"""Command line: `reader [PATH...]` opens the UI; `reader list|show ...` print to stdout.

This module parses the verb and hands over to its module (articles, compare, search).
Textual is imported only when the UI is launched, so the printing commands start fast.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.cli.args import (
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_index,
    add_paths,
    add_state,
    chosen_paths,
    left_ui,
    new_parser,
)
from reader.cli.articles import (
    extract_parser,
    list_parser,
    run_extract,
    run_list,
    run_show,
    show_parser,
)
from reader.cli.compare import compare_parser, facts_parser, run_compare, run_facts
from reader.cli.feeds import (
    add_parser,
    feeds_parser,
    run_add,
    run_feeds,
    run_update,
    update_parser,
)
from reader.cli.load import load_corpus, need_articles, open_indexed
from reader.cli.search import run_search, search_parser
from reader.cli.stories import run_stories, stories_parser

__all__ = ["COMMANDS", "load_corpus", "main"]

DESCRIPTION = """\
reader: a terminal news reader for comparing how outlets cover the same story.

  reader [PATH...]                 open the reader UI (the library, else the bundled seeds, without PATH)
  reader list [PATH...]            list the articles (--json, --sort date|source|title|length)
  reader show ARTICLE [PATH...]    print one article (--json), names and figures marked
  reader extract [ARTICLE|PATH...] list the names and figures of each article (--json)
  reader compare A B [PATH...]     two articles side by side (--print, --json)
  reader facts [PATH...]           who reports which figure and name, and disagreements (--json)
  reader search QUERY [PATH...]    full-text search, best matches first (--json)
  reader stories [PATH...]         articles grouped into stories, biggest first (--json)
  reader feeds add|list|remove|import|export   the feeds followed (config.yaml's feeds:)
  reader update                    fetch every feed into the library (--json)
  reader add URL...                save web pages to the library

PATH is a file or folder of articles: .txt/.md, web pages (.html/.htm), feeds
(.xml/.rss/.atom/.rdf, JSON Feed .json) and JSON Lines dumps (.jsonl); folders are read
recursively. Without PATH: the library (--library, $READER_LIBRARY, else
$XDG_DATA_HOME/reader/library) when it holds articles, else the bundled seeds.
ARTICLE is an id, a path, or a unique prefix of an id or title.
"""


def _ui_parser() -> argparse.ArgumentParser:
    parser = new_parser("reader", DESCRIPTION)
    add_paths(parser)
    add_state(parser)
    add_index(parser)
    return parser


def run_ui(args: argparse.Namespace) -> int:
    # Through the index: a warm start shows the newest cached articles at once, and the app
    # loads the rest and refreshes from disk in the background; a first start indexes with
    # progress on stderr.
    corpus = open_indexed(args.paths, args.index, refresh=None, search=False, first_page=500)
    need_articles(corpus)
    from pathlib import Path

    from reader.ui.app import ReaderApp

    app = ReaderApp(corpus, state_path=args.state)
    app.library_folder = Path(args.library) if args.library else None
    app.run()
    # Textual keeps the status of an app that ended with an error (1) in return_code.
    return left_ui(app.return_code)


COMMANDS: dict[
    str, tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]
] = {
    "list": (list_parser, run_list),
    "show": (show_parser, run_show),
    "extract": (extract_parser, run_extract),
    "compare": (compare_parser, run_compare),
    "facts": (facts_parser, run_facts),
    "search": (search_parser, run_search),
    "stories": (stories_parser, run_stories),
    "feeds": (feeds_parser, run_feeds),
    "update": (update_parser, run_update),
    "add": (add_parser, run_add),
}


def _misspelt_verb(argv: list[str]) -> str | None:
    """The verb `argv[0]` looks like a typo of (`shwo` -> `show`); None when it is a verb, an
    option, an existing file or folder (a path always wins), or close to no verb."""
    if not argv or argv[0] in COMMANDS or argv[0].startswith("-"):
        return None
    word = argv[0]
    if Path(word).exists() or "/" in word or "." in word:
        return None
    close = difflib.get_close_matches(word.lower(), list(COMMANDS), n=1, cutoff=0.6)
    return close[0] if close else None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` command; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    misspelt = _misspelt_verb(argv)
    if misspelt is not None:
        print(f"reader: unknown command {argv[0]!r}; did you mean {misspelt}?", file=sys.stderr)
        return EXIT_USAGE
    if argv and argv[0] in COMMANDS:
        make_parser, run = COMMANDS[argv[0]]
        argv = argv[1:]
    else:
        make_parser, run = _ui_parser, run_ui
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        if hasattr(args, "paths"):
            args.paths = chosen_paths(args)
        return run(args)
    except UsageError as error:
        print(f"reader: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # `reader list | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except SystemExit as exit_:
        return int(exit_.code or 0)


if __name__ == "__main__":
    raise SystemExit(main())
