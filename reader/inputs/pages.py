"""A web page's bytes -> its main text and metadata (title, author, date, site, url).

trafilatura does the extraction (menus, ads, share buttons, comments and cookie banners are
left out); this module only decides what goes in and turns what comes out into one
sanitised `InputArticle`. Nothing raises.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from reader.inputs.feeds import title_from_text
from reader.inputs.records import InputArticle, Parsed, Problem
from reader.inputs.text import host_of, html_to_text, parse_date_text, plain_line, web_url

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_MARKUP_START = re.compile(rb"^\s*<", re.S)
# Bytes that never occur in an HTML page but fill images, PDFs and archives.
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def is_html_type(content_type: str | None) -> bool:
    """True when a Content-Type may hold a page (missing counts: the bytes will tell)."""
    if not content_type:
        return True
    return content_type.split(";", 1)[0].strip().lower() in _TEXT_TYPES


def charset_of(content_type: str | None) -> str | None:
    """The charset a Content-Type header declares, when Python knows it."""
    match = _CHARSET.search(content_type or "")
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    """True when the first bytes hold controls no text page has (an image, a PDF, an archive)."""
    head = data[:2048]
    return bool(head) and len(_BINARY.findall(head)) > len(head) // 100


def parse_page(
    data: bytes,
    where: str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    search_date: bool = True,
) -> Parsed:
    """An HTML page -> `Parsed` with one article (its main text), or a problem saying why not.

    `search_date=False` reads the date only from the page's metadata, not its whole text
    (twice as fast; for pages whose feed entry has a date already).
    """
    if not data.strip():
        return Parsed(problems=[Problem(where, "empty page")])
    if not is_html_type(content_type):
        kind = (content_type or "").split(";", 1)[0].strip()
        return Parsed(problems=[Problem(where, f"not a web page ({plain_line(kind)})")])
    if looks_binary(data) or not _MARKUP_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")):
        return Parsed(problems=[Problem(where, "not an HTML page")])
    document = _extract(_decoded(data, content_type), url, search_date)
    if document is None:
        return Parsed(problems=[Problem(where, "no article text found on the page")])
    # trafilatura writes one paragraph a line; the corpus separates paragraphs by blank lines.
    text = html_to_text(str(document.get("text") or "").replace("\n", "\n\n"))
    if not text:
        return Parsed(problems=[Problem(where, "no article text found on the page")])
    page_url = web_url(url) or web_url(document.get("url"))
    tags = [*(_as_list(document.get("tags"))), *(_as_list(document.get("categories")))]
    article = InputArticle(
        title=plain_line(document.get("title")) or title_from_text(text),
        text=text,
        url=page_url,
        author=plain_line(document.get("author")),
        published=parse_date_text(document.get("date")),
        source=plain_line(document.get("sitename")) or _host(page_url),
        tags=tuple(dict.fromkeys(t for t in (plain_line(x) for x in tags) if t)),
    )
    return Parsed(articles=[article])


def _decoded(data: bytes, content_type: str | None) -> bytes | str:
    """Text in the declared charset when it decodes cleanly; else the bytes, for detection."""
    charset = charset_of(content_type)
    if charset:
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            pass  # a wrong header: trafilatura looks at the meta tag and the bytes
    return data


def _extract(content: bytes | str, url: str | None, search_date: bool) -> dict[str, Any] | None:
    import trafilatura  # heavy: only when a page is read
    from trafilatura.settings import set_date_params

    try:
        document = trafilatura.bare_extraction(
            content,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            date_extraction_params=set_date_params(search_date),
        )
    except Exception:  # the extractor's own failures on hostile pages must not stop a load
        return None
    if document is None:
        return None
    if isinstance(document, dict):
        return document
    as_dict = getattr(document, "as_dict", None)
    return as_dict() if callable(as_dict) else None


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [str(item) for item in value if item]
    return []


def _host(url: str | None) -> str | None:
    host = host_of(url)
    return host.removeprefix("www.") if host else None
