"""Feed bytes (RSS 2.0, RSS 1.0/RDF, Atom via feedparser; JSON Feed by hand) -> articles.

In: the raw bytes of a feed, where they came from (a path or url, for problem lines), the
feed's url (to resolve relative links) and its Content-Type when fetched. Out: `Parsed`,
one `InputArticle` per entry, its source the feed's title. Nothing raises.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from reader.inputs.records import InputArticle, Parsed, Problem
from reader.inputs.text import host_of, html_to_text, parse_date_text, plain_line, web_url

_JSON_FEED_VERSION = re.compile(r"^https?://jsonfeed\.org/version/", re.IGNORECASE)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
UNTITLED = "Untitled"


def looks_like_json_feed(data: bytes) -> bool:
    """True when `data` starts like a JSON object (JSON Feed is the only JSON we read as a feed)."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def looks_like_html(data: bytes) -> bool:
    """True when `data` opens as an HTML document (an error page served where a feed was due)."""
    return bool(_HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


def parse_feed(
    data: bytes, where: str, *, url: str | None = None, content_type: str | None = None
) -> Parsed:
    """Any feed's bytes -> `Parsed` (JSON Feed when it looks like JSON, else feedparser)."""
    if looks_like_json_feed(data):
        return parse_json_feed(data, where, url=url)
    return parse_xml_feed(data, where, url=url, content_type=content_type)


def parse_xml_feed(
    data: bytes, where: str, *, url: str | None = None, content_type: str | None = None
) -> Parsed:
    """RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom bytes -> `Parsed`, via feedparser."""
    import feedparser  # heavy: only when a feed is read

    if not data.strip():
        return Parsed(problems=[Problem(where, "empty file, not a feed")])
    headers: dict[str, str] = {}
    if content_type:
        headers["content-type"] = content_type
    if url:
        headers["content-location"] = url
    try:
        # A stream, never a string: feedparser would fetch a url or open a file name itself.
        result = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as error:  # feedparser's own bugs on hostile input must not stop a load
        return Parsed(problems=[Problem(where, f"cannot parse the feed ({type(error).__name__})")])
    entries = result.get("entries") or []
    feed_info = result.get("feed") or {}
    if not entries and not result.get("version"):
        if looks_like_html(data):
            return Parsed(problems=[Problem(where, "an HTML page, not a feed")])
        if result.get("bozo"):
            return Parsed(problems=[Problem(where, f"not a valid feed: {_bozo_reason(result)}")])
        return Parsed(problems=[Problem(where, "not a feed (no RSS, Atom or RDF root)")])
    parsed = Parsed(title=plain_line(feed_info.get("title")))
    if result.get("bozo") and _is_syntax_error(result.get("bozo_exception")):
        parsed.problems.append(
            Problem(
                where,
                f"not well-formed XML ({_bozo_reason(result)}); "
                f"{_count(len(entries), 'entry', 'entries')} read anyway",
            )
        )
    source = parsed.title or _host_of(url) or _host_of(feed_info.get("link"))
    for entry in entries:
        parsed.articles.append(_article_from_entry(entry, source, url))
    return parsed


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _is_syntax_error(error: Any) -> bool:
    # A declared charset feedparser had to override is not worth a line; broken XML is.
    name = type(error).__name__
    return name in {"SAXParseException", "ExpatError"}


def _bozo_reason(result: Mapping[str, Any]) -> str:
    error = result.get("bozo_exception")
    message = getattr(error, "getMessage", None)
    text = str(message() if callable(message) else error or "malformed")
    return plain_line(text) or "malformed"


def _host_of(url: Any) -> str | None:
    host = host_of(url) if isinstance(url, str) else None
    return host.removeprefix("www.") if host else None


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The entry's full content when it has some, else its summary, as plain text."""
    best = ""
    for content in entry.get("content") or []:
        value = content.get("value") if isinstance(content, Mapping) else None
        if isinstance(value, str):
            text = html_to_text(value)
            if len(text) > len(best):
                best = text
    summary = entry.get("summary")
    if isinstance(summary, str):
        text = html_to_text(summary)
        if len(text) > len(best):
            best = text
    return best


def _struct_date(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime(*value[:6])  # feedparser gives UTC struct_times
            except (TypeError, ValueError):
                continue
    return None


def _article_from_entry(
    entry: Mapping[str, Any], source: str | None, feed_url: str | None
) -> InputArticle:
    text = _entry_text(entry)
    url = web_url(entry.get("link"))
    tags = tuple(
        tag for tag in (plain_line(t.get("term")) for t in entry.get("tags") or [] if t) if tag
    )
    return InputArticle(
        title=plain_line(entry.get("title")) or title_from_text(text),
        text=text,
        url=url,
        author=plain_line(entry.get("author")),
        published=_struct_date(entry),
        source=source,
        guid=plain_line(entry.get("id")),
        tags=tags,
        feed=feed_url,
    )


def title_from_text(text: str, limit: int = 80) -> str:
    """A title for an entry that has none: its first words, else "Untitled"."""
    first = text.strip().split("\n", 1)[0]
    if not first:
        return UNTITLED
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + "…"


# --- JSON Feed (https://jsonfeed.org/version/1.1) ------------------------------------------


def parse_json_feed(data: bytes, where: str, *, url: str | None = None) -> Parsed:
    """JSON Feed 1.0/1.1 bytes -> `Parsed`. Items that are not objects are one problem each."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return Parsed(problems=[Problem(where, f"not UTF-8 (byte {error.start + 1})")])
    except (ValueError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        at = f" at line {line}" if line else ""
        return Parsed(problems=[Problem(where, f"invalid JSON{at}")])
    if not isinstance(document, dict) or not _JSON_FEED_VERSION.match(
        str(document.get("version", ""))
    ):
        return Parsed(
            problems=[Problem(where, "JSON, but not a JSON Feed (no jsonfeed.org version)")]
        )
    base = web_url(document.get("feed_url")) or url
    title = plain_line(document.get("title"))
    parsed = Parsed(title=title)
    source = title or _host_of(document.get("home_page_url")) or _host_of(url)
    feed_author = _json_author(document)
    items = document.get("items")
    if not isinstance(items, list):
        parsed.problems.append(Problem(where, "JSON Feed without an items list"))
        return parsed
    for position, item in enumerate(items, 1):
        if not isinstance(item, dict):
            parsed.problems.append(Problem(f"{where}: item {position}", "not an object; skipped"))
            continue
        parsed.articles.append(_json_item(item, source, base, feed_author, url))
    return parsed


def _join(base: str, link: str) -> str | None:
    try:
        return urljoin(base, link)
    except ValueError:  # a malformed base or link
        return None


def _json_author(holder: Mapping[str, Any]) -> str | None:
    authors = holder.get("authors")
    if not isinstance(authors, list):
        single = holder.get("author")  # JSON Feed 1.0
        authors = [single] if single else []
    names = [
        name for name in (plain_line(a.get("name")) for a in authors if isinstance(a, dict)) if name
    ]
    return ", ".join(names) or None


def _json_item(
    item: Mapping[str, Any],
    source: str | None,
    base: str | None,
    feed_author: str | None,
    feed_url: str | None,
) -> InputArticle:
    html = item.get("content_html")
    text = html_to_text(html) if isinstance(html, str) else ""
    plain = item.get("content_text")
    if isinstance(plain, str) and len(plain) > len(text):
        text = html_to_text(plain)
    summary = item.get("summary")
    if not text and isinstance(summary, str):
        text = html_to_text(summary)
    link = item.get("url")
    url = web_url(_join(base, link) if base and isinstance(link, str) else link)
    tags = item.get("tags")
    guid = item.get("id")
    return InputArticle(
        title=plain_line(item.get("title")) or title_from_text(text),
        text=text,
        url=url,
        author=_json_author(item) or feed_author,
        published=parse_date_text(item.get("date_published") or item.get("date_modified")),
        source=source,
        guid=plain_line(guid) if isinstance(guid, (str, int)) else None,
        tags=tuple(t for t in (plain_line(x) for x in tags if isinstance(x, str)) if t)
        if isinstance(tags, list)
        else (),
        feed=feed_url,
    )
