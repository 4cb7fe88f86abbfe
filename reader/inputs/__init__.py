"""Feeds, web pages and JSON Lines -> articles; the library folder; the feed list; fetching.

Cheap to import: feedparser, trafilatura, httpx and PyYAML are imported inside the
functions that need them, so the UI's start does not pay for them.
"""

from __future__ import annotations

from reader.inputs.feed_list import (
    Feed,
    FeedListError,
    add_feed,
    add_feeds,
    export_opml,
    import_opml,
    list_feeds,
    parse_opml,
    read_feeds,
    remove_feed,
)
from reader.inputs.feeds import parse_feed, parse_json_feed, parse_xml_feed
from reader.inputs.files import INPUT_SUFFIXES, is_input_file, read_input_file
from reader.inputs.jsonl import parse_jsonl
from reader.inputs.library import Known, Library, library_dir, render_article, slug
from reader.inputs.pages import parse_page
from reader.inputs.records import InputArticle, Parsed, Problem
from reader.inputs.text import html_to_text

__all__ = [
    "INPUT_SUFFIXES",
    "Feed",
    "FeedListError",
    "InputArticle",
    "Known",
    "Library",
    "Parsed",
    "Problem",
    "add_feed",
    "add_feeds",
    "export_opml",
    "html_to_text",
    "import_opml",
    "is_input_file",
    "library_dir",
    "list_feeds",
    "parse_feed",
    "parse_json_feed",
    "parse_jsonl",
    "parse_opml",
    "parse_page",
    "parse_xml_feed",
    "read_feeds",
    "read_input_file",
    "remove_feed",
    "render_article",
    "slug",
]
