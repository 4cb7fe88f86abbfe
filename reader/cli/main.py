"""Command line: `reader [PATH...]` opens the UI; `reader list|show ...` print to stdout.

Textual is imported only when the UI is launched, so the printing commands start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from reader import __version__
from reader.cli.search import open_indexed, run_search, search_parser
from reader.config import seeds_dir
from reader.corpus import SORT_KEYS, Article, ArticleNotFound, Corpus, find_article, sort_articles

EXIT_OK, EXIT_NOTHING_LOADED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
reader: a terminal news reader for comparing how outlets cover the same story.

  reader [PATH...]                 open the reader UI (the bundled seeds without PATH)
  reader list [PATH...]            list the articles (--json, --sort)
  reader show ARTICLE [PATH...]    print one article (--json), names and figures marked
  reader extract [PATH...]         list the names and figures of each article (--json)
  reader compare A B [PATH...]     two articles side by side (--print, --json)
  reader facts [PATH...]           who reports which figure and name, and disagreements (--json)
  reader search QUERY [PATH...]    full-text search, best matches first (--json)

PATH is a file or folder of .txt/.md articles; folders are read recursively.
ARTICLE is an id, a path, or a unique prefix of an id or title.
"""


class UsageError(Exception):
    """Bad arguments: exit 2 with the message."""


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files or folders (default: the bundled seeds)",
    )


def _add_state(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--state", metavar="PATH", help="state database (default: $XDG_STATE_HOME/reader/state.db)"
    )


def _ui_parser() -> argparse.ArgumentParser:
    parser = _parser("reader", DESCRIPTION)
    _add_paths(parser)
    _add_state(parser)
    parser.add_argument(
        "--index", metavar="PATH", help="index cache (default: $XDG_CACHE_HOME/reader/index.db)"
    )
    return parser


def _list_parser() -> argparse.ArgumentParser:
    parser = _parser("reader list", "List the articles, newest first (undated last).")
    _add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.add_argument("--sort", choices=SORT_KEYS, default="date", help="order (default: date)")
    return parser


def _show_parser() -> argparse.ArgumentParser:
    parser = _parser("reader show", "Print one article's metadata and body.")
    parser.add_argument("article", metavar="ARTICLE", help="id, path, or unique id/title prefix")
    _add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    return parser


def _compare_parser() -> argparse.ArgumentParser:
    parser = _parser(
        "reader compare",
        "Put two articles side by side: aligned paragraphs, shared and one-sided figures and\n"
        "names, and where the two disagree. Opens the compare screen unless --print or --json.",
    )
    parser.add_argument("left", metavar="A", help="the left article: id, path or unique prefix")
    parser.add_argument("right", metavar="B", help="the right article")
    _add_paths(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--print", action="store_true", help="print side by side to stdout")
    output.add_argument("--json", action="store_true", help="print the analysis as JSON")
    parser.add_argument(
        "--width", type=int, metavar="N", help="columns for --print (default: the terminal's)"
    )
    _add_state(parser)
    return parser


def _extract_parser() -> argparse.ArgumentParser:
    parser = _parser("reader extract", "List the names and figures found in each article.")
    _add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    return parser


def _facts_parser() -> argparse.ArgumentParser:
    parser = _parser(
        "reader facts",
        "Every figure and name across the articles, how often each article mentions it, "
        "and the quantities the articles give different values for.",
    )
    _add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument(
        "--limit",
        type=int,
        default=200,
        metavar="N",
        help="cover the first N articles only (default 200; 0: all)",
    )
    return parser


def load_corpus(paths: Sequence[str]) -> Corpus:
    """Load the named paths (the bundled seeds when none), reporting problems on stderr."""
    corpus = Corpus.load(paths or [seeds_dir()])
    for problem in corpus.problems:
        print(problem, file=sys.stderr)
    return corpus


def _need_articles(corpus: Corpus) -> None:
    if not corpus.articles:
        print("reader: no articles could be loaded", file=sys.stderr)
        raise SystemExit(EXIT_NOTHING_LOADED)


# --- commands ----------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.paths)
    _need_articles(corpus)
    articles = sort_articles(corpus.articles, args.sort)
    if args.json:
        _print_json([article.to_json() for article in articles])
    else:
        from reader.present import print_article_table

        print_article_table(articles)
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.paths)
    _need_articles(corpus)
    article = _find(corpus.articles, args.article)
    if args.json:
        _print_json({**article.to_json(), "body": article.body, "extra": _jsonable(article.extra)})
    elif sys.stdout.isatty():
        from reader.highlight import find_spans
        from reader.present import legend, marked_text, print_article, stdout_console

        body = marked_text(article.body, find_spans(article.body, _name_index(corpus)))
        print_article(article, body)
        stdout_console().print(legend())
    else:
        from reader.present import print_article

        print_article(article)
    return EXIT_OK


def _name_index(corpus: Corpus):  # noqa: ANN202 - NameIndex is imported lazily
    """A NameIndex over the loaded articles, with the user's declared and never-marked names."""
    from reader.config import load_config
    from reader.highlight import NameIndex

    config = load_config()
    for problem in config.problems:
        print(f"reader: {problem}", file=sys.stderr)
    return NameIndex.build(corpus.articles, names=config.names, never=config.never)


def run_extract(args: argparse.Namespace) -> int:
    from reader.highlight import find_spans, spans_to_json

    corpus = load_corpus(args.paths)
    _need_articles(corpus)
    index = _name_index(corpus)
    rows = []
    for article in corpus.articles:
        spans = spans_to_json("title", article.title, find_spans(article.title, index))
        spans += spans_to_json("body", article.body, find_spans(article.body, index))
        rows.append(
            {"id": article.id, "path": str(article.path), "title": article.title, "spans": spans}
        )
    if args.json:
        _print_json(rows)
        return EXIT_OK
    for row in rows:
        sys.stdout.write(_extract_listing(row))
    return EXIT_OK


def run_facts(args: argparse.Namespace) -> int:
    from reader.analysis import analyse_coverage

    if args.limit < 0:
        raise UsageError("--limit must be 0 (no limit) or more")
    corpus = load_corpus(args.paths)
    _need_articles(corpus)
    coverage = analyse_coverage(corpus.articles, _name_index(corpus), limit=args.limit)
    if coverage.capped:
        print(f"reader: {coverage.note} (--limit 0 covers them all)", file=sys.stderr)
    if args.json:
        _print_json(coverage.to_json())
    else:
        from reader.present import coverage_listing

        sys.stdout.write(coverage_listing(coverage))
    return EXIT_OK


def _extract_listing(row: dict) -> str:
    """A readable block per article: one line per name or figure, in text order."""
    lines = [f"{row['title']}  [{row['id']}]"]
    for span in row["spans"]:
        value = span["value"]
        shown = (
            "" if value in (None, span["text"]) else f"  = {json.dumps(value, ensure_ascii=False)}"
        )
        label = f"{span['class']}/{span['kind']}"
        lines.append(f"  {span['field']:5}  {label:16}  {_one_line(span['text'])}{shown}")
    if not row["spans"]:
        lines.append("  (no names or figures)")
    return "\n".join(lines) + "\n\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _find(articles: list[Article], query: str) -> Article:
    try:
        return find_article(articles, query)
    except ArticleNotFound as error:
        raise UsageError(str(error)) from None


def run_compare(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.paths)
    _need_articles(corpus)
    left = _find(corpus.articles, args.left)
    right = _find(corpus.articles, args.right)
    if left is right:
        raise UsageError(f"{args.left!r} and {args.right!r} name the same article ({left.id})")
    if args.width is not None and args.width < 20:
        raise UsageError("--width must be at least 20")
    if args.json or args.print or args.width is not None:
        from reader.analysis import compare_articles, name_index_for
        from reader.config import load_config

        comparison = compare_articles(left, right, name_index_for([left, right], load_config()))
        if args.json:
            _print_json(comparison.to_json())
        else:
            from reader.present import print_comparison

            print_comparison(comparison, width=args.width)
        return EXIT_OK
    from reader.ui.app import ReaderApp
    from reader.ui.screens.compare import opening_compare

    opening_compare(ReaderApp, left, right)(corpus, state_path=args.state).run()
    return EXIT_OK


def run_ui(args: argparse.Namespace) -> int:
    # Through the index: a warm start shows the newest cached articles at once, and the app
    # loads the rest and refreshes from disk in the background; a first start indexes with
    # progress on stderr.
    corpus = open_indexed(args.paths, args.index, refresh=None, search=False, first_page=500)
    _need_articles(corpus)
    from reader.ui.app import ReaderApp

    ReaderApp(corpus, state_path=args.state).run()
    return EXIT_OK


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _jsonable(value: object) -> object:
    """Front-matter extras as JSON: YAML dates and other scalars become strings."""
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


COMMANDS: dict[
    str, tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]
] = {
    "list": (_list_parser, run_list),
    "show": (_show_parser, run_show),
    "extract": (_extract_parser, run_extract),
    "compare": (_compare_parser, run_compare),
    "facts": (_facts_parser, run_facts),
    "search": (search_parser, run_search),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` command; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
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
