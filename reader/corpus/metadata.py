"""Article metadata from front matter, sidecar mappings and the text itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from reader.corpus.dates import DATE_PATTERN, parse_published
from reader.corpus.sanitize import clean_line, clean_text
from reader.corpus.yaml_safe import ImpossibleDate, MetadataError

# How far into the text the heuristics look for bylines, dates and "7 min read" lines.
HEAD_LINES = 8
# Metadata lines are short. Longer lines are body without a look: the patterns below
# backtracked for minutes over a head line of a few hundred spaces before this limit.
MAX_HEAD_LINE_CHARS = 200
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_TITLE_CHARS = 300

_DATE_LINE = re.compile(
    r"^\s*(?:(?:Published|Updated|Posted)(?:\s+on)?:?\s+)?" + DATE_PATTERN + r"\s*$", re.I
)
_BYLINE_DATE = re.compile(
    r"^\s*(?:By\s+)?(?P<author>[^\d|•·]{2,60}?)\s*[|•·,–—-]?\s*(?P<date>" + DATE_PATTERN + r")\s*$",
    re.I,
)
_BYLINE = re.compile(r"^\s*By\s+(?P<author>[A-Z][^\d|•·]{1,60}?)\s*$")
_READ_TIME = re.compile(r"^\s*\d{1,3}\s*min(?:ute)?s?\.?\s+read\s*$", re.I)
_VIEWS = re.compile(r"^\s*[\d,.]+[kKmM]?\s+(?:views?|comments?|shares?|likes?)\s*$", re.I)
# Searched over the whole body at once (re.M), so `[^\S\n]` stands for "space on this line";
# the runs are possessive so a long run of spaces is scanned once, not once per position.
_SOURCE_LINES = re.compile(
    r"^[^\S\n]*+(?:Source|Via|Originally published (?:at|on|by))[^\S\n]*+:?[^\S\n]*+"
    r"\[(?P<name>[^\]\n]{1,200})\]\((?P<url>[^)\s]{1,2000})\)[^\S\n]*+$",
    re.I | re.M,
)
_RULE_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|—|–)\s*$")
_EMPHASIS_WRAP = re.compile(r"^(\*\*|__|\*|_)(.+)\1$")

# Front-matter keys that mean the same field, in order of preference.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "source": ("source", "publisher", "site", "site_name", "outlet", "publication"),
    "author": ("author", "authors", "byline", "creator"),
    "url": ("url", "link", "canonical_url", "permalink", "source_url"),
    "published": ("published", "date", "published_at", "pubdate", "pubDate", "created"),
    "tags": ("tags",),
    "section": ("section", "category", "categories"),
}
_KNOWN_KEYS = {key for keys in FIELD_KEYS.values() for key in keys}


@dataclass
class Fields:
    """Metadata gathered for one article, before defaults are filled in."""

    title: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    published: datetime | None = None
    tags: list[str] = field(default_factory=list)
    section: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # What was set but could not be used (a YAML date that names no real day, 2024-02-30):
    # one problem line each, the rest of the fields kept.
    notes: list[str] = field(default_factory=list)

    def update_from(self, other: Fields) -> None:
        """Take every field `other` has; used to apply a higher-precedence layer."""
        for name in ("title", "source", "author", "url", "published", "section"):
            value = getattr(other, name)
            if value:
                setattr(self, name, value)
        if other.tags:
            self.tags = list(other.tags)
        self.extra.update(other.extra)


# --- front matter and sidecars -----------------------------------------------------------

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Split `---` front matter from the text: (yaml text or None, rest).

    Raises MetadataError when a block is opened but never closed.
    """
    if not text.startswith("---"):
        return None, text
    first_newline = text.find("\n")
    if first_newline == -1 or text[:first_newline].strip() != "---":
        return None, text
    end = _FRONT_MATTER_END.search(text, first_newline + 1)
    if end is None:
        raise MetadataError("front matter is not closed (no second '---' line)")
    return text[first_newline + 1 : end.start()], text[end.end() :].lstrip("\n")


def fields_from_mapping(mapping: Any, *, keep_extra: bool = True) -> Fields:
    """Read known fields from a front matter or sidecar mapping; the rest goes to `extra`."""
    if not isinstance(mapping, dict):
        raise MetadataError(f"expected a mapping of fields, found {_type_name(mapping)}")
    fields = Fields()
    lowered = {str(key).lower(): value for key, value in mapping.items()}
    for name, keys in FIELD_KEYS.items():
        unusable: tuple[str, Any] | None = None
        for key in keys:
            value = lowered.get(key.lower())
            if _is_empty(value):
                continue
            converted = _convert_field(name, value)
            if converted:
                setattr(fields, name, converted)
                unusable = None
                break
            if isinstance(value, ImpossibleDate):
                unusable = unusable or (key, value)
        if unusable is not None:
            key, value = unusable
            fields.notes.append(f"{key}: {_shown(value)} is not a usable date; ignored")
    if keep_extra:
        try:
            fields.extra = {
                clean_line(str(key)): _clean_value(value)
                for key, value in mapping.items()
                if str(key).lower() not in _KNOWN_KEYS_LOWER
            }
        except RecursionError:
            raise MetadataError("nested too deeply") from None
    if fields.url and not fields.source:
        fields.source = source_from_url(fields.url)
    return fields


_KNOWN_KEYS_LOWER = {key.lower() for key in _KNOWN_KEYS}


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def _shown(value: Any) -> str:
    """A value as one short line for a problem message."""
    text = clean_line(value if isinstance(value, str) else repr(value))
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _clean_value(value: Any) -> Any:
    """An extra front-matter value with its strings sanitised: YAML escapes ("\\e", "\\x9b")
    can put controls back into text that was clean when it was read."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_line(str(key)): _clean_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_value(item) for item in value]
    return value


def _convert_field(name: str, value: Any) -> Any:
    if name == "published":
        return parse_published(value)
    if name == "tags":
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, (list, tuple)):
            return [
                tag for tag in (clean_line(str(item)) for item in value if item is not None) if tag
            ]
        return []
    if name == "section" and isinstance(value, (list, tuple)):
        value = next((item for item in value if isinstance(item, str) and item.strip()), None)
        if value is None:
            return None
    if name == "author" and isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value if item is not None)
    if isinstance(value, (dict, list, tuple)):
        return None
    text = clean_line(str(value))
    if name == "title":
        return truncate_title(text)
    return text or None


def _type_name(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__}"


def source_from_url(url: str) -> str | None:
    """The site name of a URL (`https://www.example.com/x` -> `example.com`)."""
    try:
        host = urlparse(url).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host or None


def truncate_title(title: str) -> str:
    if len(title) <= MAX_TITLE_CHARS:
        return title
    return title[: MAX_TITLE_CHARS - 1].rstrip() + "…"


# --- what the text says ------------------------------------------------------------------


def fields_from_text(text: str, *, title_line: bool = True) -> tuple[Fields, str]:
    """Title, byline, date and source from the text; returns the fields and the body.

    The title is the first non-blank line (unless `title_line` is False, when front matter
    already named the title and the first line is body). Among the next few lines, date
    lines, bylines with dates, "7 min read" and "0 views" are metadata; a
    `Source: [Name](url)` line anywhere on its own is metadata too. They leave the body.
    """
    # The text is walked by offsets, never split into a list of lines: a 4 MiB body of
    # short lines would be millions of strings at once.
    fields = Fields()
    body_start = len(text)
    for start, end in _nonblank_line_spans(text):
        # A rule line (an unclosed front matter's `---`) is never the title.
        line = text[start:end]
        if _RULE_LINE.match(line):
            continue
        if title_line:
            fields.title = truncate_title(clean_line(_strip_heading(line))) or None
            body_start = end + 1
        else:
            body_start = start
        break
    metadata_lines: set[tuple[int, int]] = set()
    seen = 0
    for start, end in _nonblank_line_spans(text, body_start):
        if seen >= HEAD_LINES:
            break
        seen += 1
        if _read_head_line(text[start:end], fields):
            metadata_lines.add((start, end))
    for source in _source_lines(text, body_start):
        fields.source = fields.source or clean_line(source.group("name"))
        fields.url = fields.url or source.group("url")
        metadata_lines.add(source.span())
    pieces, cursor = [], body_start
    for start, end in sorted(metadata_lines):
        pieces.append(text[cursor:start])
        cursor = end + 1  # the line and its newline
    pieces.append(text[cursor:])
    return fields, _trim_body("".join(pieces))


def _source_lines(text: str, start: int) -> Iterator[re.Match[str]]:
    """What `_SOURCE_LINES.finditer(text, start)` finds (`start` is a line start): a match
    is one whole line holding "](", so only those lines are tried, not every line."""
    link = text.find("](", start)
    while link != -1:
        line_start = text.rfind("\n", start, link) + 1 or start
        source = _SOURCE_LINES.match(text, line_start)
        if source is not None:
            yield source
        line_end = text.find("\n", link)
        if line_end == -1:
            break
        link = text.find("](", line_end)


def _nonblank_line_spans(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of `text` with something other than spaces in it, from
    offset `start` (a line start); without the newline. Blank runs are skipped in C."""
    while (found := _NON_SPACE.search(text, start)) is not None:
        first = found.start()
        line_start = text.rfind("\n", start, first) + 1 or start
        end = text.find("\n", first)
        if end == -1:
            end = len(text)
        yield line_start, end
        start = end + 1


_NON_SPACE = re.compile(r"\S")


def _read_head_line(line: str, fields: Fields) -> bool:
    """Record what a head line says about the article; True when it is metadata."""
    if len(line) > MAX_HEAD_LINE_CHARS:
        return False
    line = " ".join(line.split())
    if _READ_TIME.match(line) or _VIEWS.match(line):
        return True
    if not could_hold_date(line):
        # Most head lines are body text: the date patterns (the byline one tries every
        # length of author) would only fail, slowly.
        by = _BYLINE.match(line)
        if by and _looks_like_author(by.group("author")):
            fields.author = fields.author or clean_line(by.group("author"))
            return True
        return False
    if _DATE_LINE.match(line):
        published = parse_published(_strip_date_label(line))
        if published:
            fields.published = fields.published or published
            return True
        return False
    byline = _BYLINE_DATE.match(line)
    if byline:
        published = parse_published(byline.group("date"))
        author = clean_line(byline.group("author")).strip(" ,|-–—")
        author = _BY.sub("", author)
        if published and _looks_like_author(author):
            fields.published = fields.published or published
            fields.author = fields.author or author
            return True
    by = _BYLINE.match(line)
    if by and _looks_like_author(by.group("author")):
        fields.author = fields.author or clean_line(by.group("author"))
        return True
    return False


# What a line that _DATE_LINE or _BYLINE_DATE matches looks like, once its spaces are
# single (as `_read_head_line` makes them), both ending in DATE_PATTERN:
# - It ends in a digit (a year, a day, minutes, seconds, an offset), a "Z" after a digit
#   (ISO), or a time followed by at most ten characters (" a.m. GMT": each `\s*` matches
#   one space at most), so "D:DD" is among its last 14 characters.
# - Nothing before the date holds a digit (labels, "By", the author, separators, weekdays
#   and month names), so its first digit is the date's, and from there a date and time hold
#   at most six spaces ("11th September, 2025, at 10:00 AM GMT").
MAX_SPACES_AFTER_DATE_DIGIT = 6
TIME_END_CHARS = 14
_DIGIT = re.compile(r"\d")
_TIME = re.compile(r"\d:\d\d")


def could_hold_date(line: str) -> bool:
    """False when `line` (spaces single) cannot match _DATE_LINE or _BYLINE_DATE."""
    last = line[-1:]
    if not (
        last.isdecimal()
        or (last in ("z", "Z") and line[-2:-1].isdecimal())
        or _TIME.search(line, max(0, len(line) - TIME_END_CHARS))
    ):
        return False
    digit = _DIGIT.search(line)
    return digit is not None and line.count(" ", digit.start()) <= MAX_SPACES_AFTER_DATE_DIGIT


_AUTHOR_CONNECTORS = {
    "and",
    "de",
    "da",
    "del",
    "der",
    "di",
    "du",
    "la",
    "le",
    "van",
    "von",
    "bin",
    "al",
}


def _looks_like_author(text: str) -> bool:
    """A byline is a few capitalised words ("News Desk", "Jane Doe and Ali Khan")."""
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 6:
        return False
    return all(word[0].isupper() or word.lower() in _AUTHOR_CONNECTORS for word in words)


def _strip_date_label(line: str) -> str:
    return _DATE_LABEL.sub("", line)


_BY = re.compile(r"^By\s+", re.I)
_DATE_LABEL = re.compile(r"^\s*(?:Published|Updated|Posted)(?:\s+on)?:?\s+", re.I)


def _strip_heading(line: str) -> str:
    """A markdown heading's text: `## Title ##` -> `Title` (but `#1 seed` and `C#` stay)."""
    line = line.strip()
    marks = len(line) - len(line.lstrip("#"))
    if 1 <= marks <= 6 and line[marks : marks + 1] in ("", " ", "\t"):
        line = line[marks:].strip()
        unclosed = line.rstrip("#")
        if unclosed != line and (not unclosed or unclosed[-1] in " \t"):
            line = unclosed.rstrip()
    wrapped = _EMPHASIS_WRAP.match(line)
    return wrapped.group(2).strip() if wrapped else line


def _trim_body(body: str) -> str:
    """Drop blank lines and dangling horizontal rules at both ends of the body, and the
    spaces at the end of each line."""

    def is_text(line: str) -> bool:
        return bool(line.strip()) and not _RULE_LINE.match(line)

    start = next((s for s, e in _nonblank_line_spans(body) if is_text(body[s:e])), None)
    if start is None:
        return ""
    end = len(body)
    while True:
        line_start = max(start, body.rfind("\n", start, end) + 1)
        if is_text(body[line_start:end]):
            break
        end = line_start - 1
    trimmed = _strip_line_ends(body[start:end])
    # `in` finds three newlines in C far faster than the regex scans for them.
    return _EXTRA_BLANK_LINES.sub("\n\n", trimmed) if "\n\n\n" in trimmed else trimmed


def _strip_line_ends(text: str) -> str:
    """`text` without the spaces at the end of each line (any str.isspace() but newline).

    Same result as the regex `(?<![^\\S\\n])[^\\S\\n]++(?=\\n|\\Z)` it replaces, whose
    lookbehind ran at every character: 135 µs a BBC text (2.2 KB on average) against 3 µs
    this way (CPU, best of 7). Lines split on "\\n" hold no newline, so rstrip() removes exactly
    the run of other spaces that ends each one. A long body (up to 4 MiB of short lines)
    keeps the regex: its list of lines took 28 MB where the regex needs one copy.
    """
    if len(text) > _SPLIT_MAX_CHARS:
        return _LINE_END_SPACE.sub("", text)
    return "\n".join([line.rstrip() for line in text.split("\n")])


# A run of spaces (lookbehind: from its first character only) that ends a line.
_LINE_END_SPACE = re.compile(r"(?<![^\S\n])[^\S\n]++(?=\n|\Z)")
# Up to this length a body's lines are split apart at once.
_SPLIT_MAX_CHARS = 1 << 16


_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")
