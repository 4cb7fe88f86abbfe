"""`reader compare A B` and `reader facts`: two articles side by side; who reports what."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable

from reader.cli.args import (
    EXIT_OK,
    UsageError,
    add_index,
    add_paths,
    add_state,
    left_ui,
    new_parser,
)
from reader.cli.load import find, load_articles, name_index, need_articles, open_indexed
from reader.cli.output import print_json


def compare_parser() -> argparse.ArgumentParser:
    parser = new_parser(
        "reader compare",
        "Put two articles side by side: aligned paragraphs, shared and one-sided figures and\n"
        "names, and where the two disagree. Opens the compare screen unless --print or --json.",
    )
    parser.add_argument("left", metavar="A", help="the left article: id, path or unique prefix")
    parser.add_argument("right", metavar="B", help="the right article")
    add_paths(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--print", action="store_true", help="print side by side to stdout")
    output.add_argument("--json", action="store_true", help="print the analysis as JSON")
    parser.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="columns for --print (default: the terminal's; at most 1000)",
    )
    add_state(parser)
    add_index(parser)
    return parser


def facts_parser() -> argparse.ArgumentParser:
    parser = new_parser(
        "reader facts",
        "Every figure and name across the articles, how often each article mentions it, "
        "and the quantities the articles give different values for.",
    )
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument(
        "--limit",
        type=int,
        default=200,
        metavar="N",
        help="cover the first N articles only (default 200; 0: all)",
    )
    parser.add_argument(
        "--story",
        type=int,
        metavar="ID",
        help="cover one story only (ids from `reader stories`); else disagreements are "
        "sought within each story, never across",
    )
    add_index(parser)
    return parser


def run_facts(args: argparse.Namespace) -> int:
    from reader.analysis import analyse_coverage

    if args.limit < 0:
        raise UsageError("--limit must be 0 (no limit) or more")
    # Through the index, whose stories are cached: articles are grouped by story first.
    corpus = open_indexed(args.paths, args.index, search=False)
    need_articles(corpus)
    stories = corpus.stories()
    story_of = {key: story.id for story in stories for key in story.keys}
    articles = corpus.articles
    if args.story is not None:
        chosen = next((story for story in stories if story.id == args.story), None)
        if chosen is None:
            raise UsageError(f"no story {args.story} (see `reader stories`)")
        by_id = {article.id: article for article in articles}
        articles = [by_id[key] for key in chosen.keys]
    coverage = analyse_coverage(articles, name_index(corpus), limit=args.limit, story_of=story_of)
    if coverage.capped:
        print(f"reader: {coverage.note} (--limit 0 covers them all)", file=sys.stderr)
    if args.json:
        print_json(coverage.to_json())
    else:
        from reader.present import coverage_listing

        sys.stdout.write(coverage_listing(coverage))
    return EXIT_OK


# Wider than any terminal: --width 100000000 took 13 s and 1.2 GB to lay out blank columns.
MAX_PRINT_WIDTH = 1000


def run_compare(args: argparse.Namespace) -> int:
    printing = bool(args.json or args.print or args.width is not None)
    indexed = None
    if printing:
        # Through the index, whose stories are cached: disagreements are sought only when
        # the two articles are of one story (see `analysis.compare.same_story_in`).
        indexed = open_indexed(args.paths, args.index, search=False)
        need_articles(indexed)
    corpus = indexed if indexed is not None else load_articles(args.paths)
    left = find(corpus.articles, args.left)
    right = find(corpus.articles, args.right)
    if left is right:
        raise UsageError(f"both names are the same article ({left.id})")
    if args.width is not None and args.width < 20:
        raise UsageError("--width must be at least 20")
    if indexed is not None:
        from reader.analysis import compare_articles, name_index_for, same_story_in
        from reader.analysis.compare import compare_two
        from reader.config import load_config
        from reader.index.side_store import kept_sides

        story_of = {key: story.id for story in indexed.stories() for key in story.keys}
        same_story = same_story_in(story_of, left, right)
        # Each article's analysis is kept in the index cache: a pair whose articles were
        # analysed before (by any comparison, here or in the UI) is compared warm, and a
        # pair compared before needs not even its name index.
        kept = kept_sides(indexed)
        keep: Callable[[], None] = lambda: None  # noqa: E731
        # No collection while comparing: the tens of thousands of objects it makes all live
        # until printed, and the collections they set off walked them again and again (a
        # pair compared from kept analyses: 32-36 ms CPU median with, 22-24 without; load 6).
        collecting = gc.isenabled()
        gc.disable()
        try:
            if kept is None:
                index = name_index_for([left, right], load_config())
                comparison = compare_articles(left, right, index, same_story=same_story)
            else:
                comparison, keep = compare_two(
                    left, right, kept, load_config(), same_story=same_story
                )
        finally:
            if collecting:
                gc.enable()
        if args.json:
            print_json(comparison.to_json())
        else:
            from reader.present import print_comparison

            width = None if args.width is None else min(args.width, MAX_PRINT_WIDTH)
            print_comparison(comparison, width=width)
        keep()  # after the output: keeping the analyses is not waited for
        return EXIT_OK
    from reader.ui.app import ReaderApp
    from reader.ui.screens.compare_start import opening_compare

    app = opening_compare(ReaderApp, left, right)(corpus, state_path=args.state)
    app.run()
    return left_ui(app.return_code)
