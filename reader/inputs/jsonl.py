"""JSON Lines article dumps -> articles: one object a line; a bad line is one problem."""

from __future__ import annotations

import json
from typing import Any

from reader.inputs.feeds import title_from_text
from reader.inputs.records import InputArticle, Parsed, Problem
from reader.inputs.text import html_to_text, parse_date_text, plain_line, web_url

# A line longer than this is not an article (the corpus caps one article far lower).
MAX_LINE_CHARS = 4 * 1024 * 1024


def parse_jsonl(data: bytes, where: str) -> Parsed:
    """JSON Lines bytes -> `Parsed`. Fields: title, text or body, url, published (or date),
    source, author, tags, guid (or id). Blank lines are skipped; a line that is not a JSON
    object, or has no text, is a problem `where:LINE`, and the other lines still load."""
    parsed = Parsed()
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # One bad byte must not lose the whole dump: decode what can be, and say where.
        bad_line = data.count(b"\n", 0, error.start) + 1
        parsed.problems.append(
            Problem(f"{where}:{bad_line}", "not UTF-8; undecodable bytes replaced")
        )
        content = data.decode("utf-8-sig", errors="replace")
    for number, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        at = f"{where}:{number}"
        if len(line) > MAX_LINE_CHARS:
            parsed.problems.append(Problem(at, "line too long; skipped"))
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            parsed.problems.append(Problem(at, "not valid JSON; skipped"))
            continue
        if not isinstance(record, dict):
            parsed.problems.append(Problem(at, "not a JSON object; skipped"))
            continue
        article = article_from_record(record)
        if article is None:
            parsed.problems.append(Problem(at, "no text or body; skipped"))
            continue
        parsed.articles.append(article)
    return parsed


def _string(record: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def article_from_record(record: dict[str, Any]) -> InputArticle | None:
    """One dump record -> an article, or None when it has no text."""
    raw = _string(record, "text", "body", "content")
    text = html_to_text(raw) if raw else ""
    if not text:
        return None
    author = record.get("author")
    if isinstance(author, list):
        author = ", ".join(str(name) for name in author if isinstance(name, str))
    tags = record.get("tags")
    guid = record.get("guid", record.get("id"))
    return InputArticle(
        title=plain_line(_string(record, "title", "headline")) or title_from_text(text),
        text=text,
        url=web_url(record.get("url") or record.get("link")),
        author=plain_line(author) if isinstance(author, str) else None,
        published=parse_date_text(record.get("published") or record.get("date")),
        source=plain_line(_string(record, "source", "site_name", "publisher")),
        guid=plain_line(guid)
        if isinstance(guid, (str, int)) and not isinstance(guid, bool)
        else None,
        tags=tuple(t for t in (plain_line(x) for x in tags if isinstance(x, str)) if t)
        if isinstance(tags, list)
        else (),
    )
