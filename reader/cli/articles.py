"""`reader list`, `reader show` and `reader extract`: the articles, one article, their spans."""

from __future__ import annotations

import argparse
import sys

from reader.cli.args import EXIT_OK, add_paths, new_parser
from reader.cli.load import find, load_articles, name_index
from reader.cli.output import extract_listing, jsonable, print_json
from reader.corpus import SORT_KEYS, sort_articles


def list_parser() -> argparse.ArgumentParser:
    parser = new_parser("reader list", "List the articles, newest first (undated last).")
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.add_argument("--sort", choices=SORT_KEYS, default="date", help="order (default: date)")
    return parser


def show_parser() -> argparse.ArgumentParser:
    parser = new_parser("reader show", "Print one article's metadata and body.")
    parser.add_argument("article", metavar="ARTICLE", help="id, path, or unique id/title prefix")
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    return parser


def extract_parser() -> argparse.ArgumentParser:
    parser = new_parser("reader extract", "List the names and figures found in each article.")
    add_paths(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    return parser


def run_list(args: argparse.Namespace) -> int:
    corpus = load_articles(args.paths)
    articles = sort_articles(corpus.articles, args.sort)
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

    corpus = load_articles(args.paths)
    index = name_index(corpus)
    rows = []
    for article in corpus.articles:
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
