"""Feeds, web pages and JSON Lines -> articles; the library folder; the feed list; fetching.

Cheap to import: feedparser, trafilatura, httpx and PyYAML are imported inside the
functions that need them, so the UI's start does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.inputs.feeds import parse_feed, parse_json_feed, parse_xml_feed
from reader.inputs.files import INPUT_SUFFIXES, PAGE_SUFFIXES, is_input_file, read_input_file
from reader.inputs.jsonl import parse_jsonl
from reader.inputs.pages import parse_page
from reader.inputs.records import InputArticle, Parsed, Problem
from reader.inputs.text import html_to_text
from reader.lazy_names import lazy_names

if TYPE_CHECKING:
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
    from reader.inputs.fetch import Cancelled, Fetcher, FetchError, FetchSettings, Response
    from reader.inputs.library import (
        Known,
        Library,
        PreparedArticle,
        library_dir,
        read_front_matter,
        render_article,
        slug,
    )
    from reader.inputs.updating import (
        FeedSummary,
        Progress,
        ProgressCallback,
        UpdateReport,
        add_pages,
        update,
    )

# The feed list, fetching, the library and updating load on first use: the corpus loader
# imports this package for its parsers, and the UI's start should not pay for the rest.
_LAZY = {
    "Feed": "reader.inputs.feed_list",
    "FeedListError": "reader.inputs.feed_list",
    "add_feed": "reader.inputs.feed_list",
    "add_feeds": "reader.inputs.feed_list",
    "export_opml": "reader.inputs.feed_list",
    "import_opml": "reader.inputs.feed_list",
    "list_feeds": "reader.inputs.feed_list",
    "parse_opml": "reader.inputs.feed_list",
    "read_feeds": "reader.inputs.feed_list",
    "remove_feed": "reader.inputs.feed_list",
    "Cancelled": "reader.inputs.fetch",
    "Fetcher": "reader.inputs.fetch",
    "FetchError": "reader.inputs.fetch",
    "FetchSettings": "reader.inputs.fetch",
    "Response": "reader.inputs.fetch",
    "Known": "reader.inputs.library",
    "Library": "reader.inputs.library",
    "PreparedArticle": "reader.inputs.library",
    "library_dir": "reader.inputs.library",
    "read_front_matter": "reader.inputs.library",
    "render_article": "reader.inputs.library",
    "slug": "reader.inputs.library",
    "FeedSummary": "reader.inputs.updating",
    "Progress": "reader.inputs.updating",
    "ProgressCallback": "reader.inputs.updating",
    "UpdateReport": "reader.inputs.updating",
    "add_pages": "reader.inputs.updating",
    "update": "reader.inputs.updating",
}


__getattr__ = lazy_names(__name__, _LAZY)


__all__ = [
    "INPUT_SUFFIXES",
    "PAGE_SUFFIXES",
    "Cancelled",
    "Feed",
    "FeedListError",
    "FeedSummary",
    "FetchError",
    "FetchSettings",
    "Fetcher",
    "InputArticle",
    "Known",
    "Library",
    "Parsed",
    "PreparedArticle",
    "Problem",
    "Progress",
    "ProgressCallback",
    "Response",
    "UpdateReport",
    "add_feed",
    "add_feeds",
    "add_pages",
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
    "read_front_matter",
    "read_input_file",
    "remove_feed",
    "render_article",
    "slug",
    "update",
]
