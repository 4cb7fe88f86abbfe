"""HTML fragments (feed entries) -> plain text, and the field cleaners every parser shares.

Feed entries carry small HTML fragments, not whole pages, so the main-text extractor would
be the wrong tool: this keeps every paragraph, drops every tag, and never keeps markup. The
standard library's tolerant parser is enough and costs nothing to import.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

# Elements whose content is never article text.
_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "head",
        "title",
        "form",
        "button",
        "select",
        "textarea",
        "nav",
        "aside",
        "footer",
    }
)
# Elements that end a paragraph.
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "blockquote",
        "pre",
        "table",
        "tr",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "address",
        "details",
        "summary",
    }
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col"})
_SPACES = re.compile(r"[ \t\f\v\xa0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_LOOKS_LIKE_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
# Plain text that looks like it holds markup: a tag, a comment or an entity.
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED and tag not in _VOID:
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n\n- ")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            elif tag in self.skipping:
                del self.skipping[self.skipping.index(tag) :]
            return
        if tag in _BLOCKS or tag == "li":
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str, _depth: int = 0) -> str:
    """An HTML fragment -> sanitised plain text: paragraphs kept, tags and scripts dropped.

    Text without any tag or entity is returned as it is (only cleaned): a plain-text summary
    that mentions `a < b` stays as written.
    """
    from reader.corpus.sanitize import clean_text

    if not fragment:
        return ""
    if not _LOOKS_LIKE_HTML.search(fragment):
        return _tidy(clean_text(fragment))
    collector = _TextCollector()
    try:
        collector.feed(fragment)
        collector.close()
    except (AssertionError, ValueError):  # very old parsers raised on broken declarations
        pass
    text = "".join(collector.parts)
    if _depth < 1 and _LOOKS_LIKE_TAG.search(text):
        # Escaped twice by the publisher (`&amp;lt;p&amp;gt;`): the tags are meant as tags.
        return html_to_text(text, _depth=_depth + 1)
    if _depth:
        text = _LOOKS_LIKE_TAG.sub("", text)  # escaped three times: no more rounds, no tags
    return _tidy(clean_text(text))


def _tidy(text: str) -> str:
    paragraphs = []
    for block in _BLANK_LINES.split(text):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def plain_line(value: Any) -> str | None:
    """A one-line field (title, author, source) as sanitised plain text, or None when empty."""
    from reader.corpus.sanitize import clean_line

    if value is None:
        return None
    text = str(value)
    if _LOOKS_LIKE_HTML.search(text):
        text = html_to_text(text)
    line = clean_line(text)
    return line or None


def web_url(value: Any) -> str | None:
    """`value` when it is an http(s) url without controls or spaces, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not re.fullmatch(r"https?://[^\s\x00-\x1f\x7f-\x9f]+", url, flags=re.IGNORECASE):
        return None
    return url if host_of(url) else None


def host_of(url: str | None) -> str | None:
    """The lowercased host of `url`, or None when it has none or cannot be parsed
    (`http://[broken` makes urlsplit raise; a port above 65535 too)."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError when out of range
    except ValueError:
        return None
    return parts.hostname or None


def naive_utc(moment: datetime | None) -> datetime | None:
    """An aware datetime -> naive UTC; a naive one is taken as UTC already."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def parse_date_text(value: Any) -> datetime | None:
    """A date as feeds, pages and dumps write it (ISO 8601, RFC 822...) -> naive UTC, or None."""
    if isinstance(value, datetime):
        return naive_utc(value)
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    try:
        return naive_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return naive_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    from dateutil import parser as date_parser

    try:
        return naive_utc(date_parser.parse(text))
    except (ValueError, OverflowError, TypeError):
        return None
