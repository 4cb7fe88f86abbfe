"""A file on disk -> `Parsed`, chosen by its suffix: feeds, JSON Feed, web pages, JSON Lines."""

from __future__ import annotations

from pathlib import Path

from reader.inputs.feeds import parse_feed, parse_json_feed
from reader.inputs.jsonl import parse_jsonl
from reader.inputs.pages import parse_page
from reader.inputs.records import Parsed, Problem

FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
INPUT_SUFFIXES = (*FEED_SUFFIXES, ".json", *PAGE_SUFFIXES, ".jsonl")
# Feeds and saved pages are far smaller; a file this big is a mistake, not news.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def is_input_file(path: Path) -> bool:
    """True when `path`'s suffix is one this package reads."""
    return path.suffix.lower() in INPUT_SUFFIXES


def read_input_file(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> Parsed:
    """Read a feed, JSON Feed, web page or JSON Lines file into articles; never raises.

    Problems name the file (`path: reason`, `path:LINE: reason` for JSON Lines).
    """
    where = str(path)
    suffix = path.suffix.lower()
    if suffix not in INPUT_SUFFIXES:
        return Parsed(problems=[Problem(where, f"unsupported file type ({suffix or 'no suffix'})")])
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        return Parsed(problems=[Problem(where, (error.strerror or str(error)).lower())])
    if len(data) > max_bytes:
        return Parsed(problems=[Problem(where, f"larger than {max_bytes // (1024 * 1024)} MiB")])
    if suffix == ".jsonl":
        return parse_jsonl(data, where)
    if suffix == ".json":
        return parse_json_feed(data, where)
    if suffix in PAGE_SUFFIXES:
        return parse_page(data, where)
    return parse_feed(data, where)
