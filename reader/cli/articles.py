"""`reader list`, `reader show` and `reader extract`: the articles, one article, their spans."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.args import EXIT_OK, UsageError, add_paths, new_parser, sort_key, sort_name
from reader.cli.load import find, load_articles, name_index
from reader.cli.output import extract_listing, jsonable, print_json
from reader.corpus import Article, Corpus, sort_articles


def list_parser() -> argparse.ArgumentParser:
    parser = new_parser("reader list", "List the articles, newest first (undated last).")
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.add_argument(
        "--sort",
        type=sort_name,
        default="date",
        metavar="{date,source,title,length}",
        help="order (default: date; 'words' is another name for length)",
    )
    return parser


def show_parser() -> argparse.ArgumentParser:
    parser = new_parser("reader show", "Print one article's metadata and body.")
    parser.add_argument("article", metavar="ARTICLE", help="id, path, or unique id/title prefix")
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    return parser


def extract_parser() -> argparse.ArgumentParser:
    parser = new_parser(
        "reader extract",
        "List the names and figures found in each article, or in the articles named\n"
        "(ids, paths or unique prefixes, as `reader show` takes them).",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        default=[],
        metavar="ARTICLE|PATH",
        help="article ids or prefixes, files or folders (default: every bundled seed)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    return parser


def run_list(args: argparse.Namespace) -> int:
    corpus = load_articles(args.paths)
    articles = sort_articles(corpus.articles, sort_key(args.sort))
    if args.json:
        print_json([article.to_json() for article in articles])
    else:
        from reader.present import print_article_table

        print_article_table(articles)
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    corpus = load_articles(args.paths)
    article = find(corpus.articles, args.article)
    if args.json:
        print_json({**article.to_json(), "body": article.body, "extra": jsonable(article.extra)})
    elif sys.stdout.isatty():
        from reader.highlight import find_spans
        from reader.present import legend, marked_text, print_article, stdout_console

        body = marked_text(article.body, find_spans(article.body, name_index(corpus)))
        print_article(article, body)
        stdout_console().print(legend())
    else:
        from reader.present import print_article

        print_article(article)
    return EXIT_OK


def run_extract(args: argparse.Namespace) -> int:
    from reader.highlight import find_spans, spans_to_json

    corpus, chosen = _articles_named(args.paths)
    index = name_index(corpus)
    rows = []
    for article in chosen:
        spans = spans_to_json("title", article.title, find_spans(article.title, index))
        spans += spans_to_json("body", article.body, find_spans(article.body, index))
        rows.append(
            {"id": article.id, "path": str(article.path), "title": article.title, "spans": spans}
        )
    if args.json:
        print_json(rows)
        return EXIT_OK
    for row in rows:
        sys.stdout.write(extract_listing(row))
    return EXIT_OK


def _articles_named(arguments: list[str]) -> tuple[Corpus, list[Article]]:
    """`extract`'s arguments: existing files and folders are the corpus (the seeds when
    none); the others name articles in it. Returns the corpus and the articles asked for."""
    paths = [argument for argument in arguments if Path(argument).exists()]
    names = [argument for argument in arguments if not Path(argument).exists()]
    corpus = load_articles(paths)
    if not names:
        return corpus, list(corpus.articles)
    chosen: list[Article] = []
    for name in names:
        try:
            article = find(corpus.articles, name)
        except UsageError as error:
            if str(error).startswith("no article matches"):
                raise UsageError(f"{error}, and no such file or folder") from None
            raise
        if article not in chosen:
            chosen.append(article)
    return corpus, chosen
