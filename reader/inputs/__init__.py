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
from reader.inputs.fetch import Cancelled, Fetcher, FetchError, FetchSettings, Response
from reader.inputs.files import INPUT_SUFFIXES, PAGE_SUFFIXES, is_input_file, read_input_file
from reader.inputs.jsonl import parse_jsonl
from reader.inputs.library import (
    Known,
    Library,
    PreparedArticle,
    library_dir,
    read_front_matter,
    render_article,
    slug,
)
from reader.inputs.pages import parse_page
from reader.inputs.records import InputArticle, Parsed, Problem
from reader.inputs.text import html_to_text
from reader.inputs.updating import (
    FeedSummary,
    Progress,
    ProgressCallback,
    UpdateReport,
    add_pages,
    update,
)

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
