"""Article metadata from front matter, sidecar mappings and the text itself."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlparse

import yaml
from dateutil import parser as date_parser

from reader.sanitize import clean_line

# Dates outside this range are typos or hostile input, not publication dates.
EARLIEST_YEAR = 1800
LATEST_YEAR = datetime.now().year + 1

# How far into the text the heuristics look for bylines, dates and "7 min read" lines.
HEAD_LINES = 8
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_TITLE_CHARS = 300
# Bylines, date lines and "7 min read" lines are short; longer head lines are body text.
MAX_HEAD_LINE_CHARS = 200

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?"
DATE_PATTERN = (
    r"(?:"
    + _WEEKDAY
    + r"(?:"
    + _MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"  # Jun 11, 2025
    + r"|\d{1,2}(?:st|nd|rd|th)?\s+"
    + _MONTH
    + r",?\s+\d{4}"  # 11 June 2025
    + r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    + r"|\d{1,2}/\d{1,2}/\d{4}"
    + r")"
    + _TIME
    + r")"
)
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
_SOURCE_LINE = re.compile(
    r"^\s*(?:Source|Via|Originally published (?:at|on|by))\s*:?\s*"
    r"\[(?P<name>[^\]\n]{1,200})\]\((?P<url>[^)\s]{1,2000})\)\s*$",
    re.I,
)
_RULE_LINE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|—|–)\s*$")
_HEADING_MARKS = re.compile(r"^\s{0,3}#{1,6}\s*|\s*#+\s*$")
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

    def update_from(self, other: Fields) -> None:
        """Take every field `other` has; used to apply a higher-precedence layer."""
        for name in ("title", "source", "author", "url", "published", "section"):
            value = getattr(other, name)
            if value:
                setattr(self, name, value)
        if other.tags:
            self.tags = list(other.tags)
        self.extra.update(other.extra)


class MetadataError(ValueError):
    """A metadata block that cannot be used (the article itself may still load)."""


# --- dates -------------------------------------------------------------------------------


def parse_date(value: Any) -> datetime | None:
    """A plausible publication datetime from a string, date or datetime, else None.

    Aware datetimes are converted to naive UTC so every article sorts on one clock.
    """
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, date):
        result = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and 4 <= len(value.strip()) <= 80:
        result = _parse_date_text(value.strip())
        if result is None:
            return None
    else:
        return None
    if result.tzinfo is not None:
        result = result.astimezone(UTC).replace(tzinfo=None)
    if not EARLIEST_YEAR <= result.year <= LATEST_YEAR:
        return None
    return result


@functools.lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> datetime | None:
    # Cached: a news corpus repeats the same few thousand dates, and dateutil takes about
    # 0.1 ms for each.
    try:
        return date_parser.parse(text, dayfirst=_looks_day_first(text))
    except (ValueError, OverflowError, TypeError):
        return None


def _looks_day_first(value: str) -> bool:
    """Numeric dates like 11/06/2025 are read day first unless that is impossible."""
    match = re.search(r"\b(\d{1,2})/(\d{1,2})/\d{4}\b", value)
    if not match:
        return False
    first, second = int(match.group(1)), int(match.group(2))
    return not (first <= 12 < second)


# --- YAML --------------------------------------------------------------------------------


class _SafeNoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, so a 'billion laughs' block cannot blow up later."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


# libyaml's safe loader is about five times faster than the pure-Python one: with front
# matter on many files, that is a good part of the time to index a big corpus.
_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", None)


def _load_safe(text: str) -> Any:
    if _FAST_SAFE_LOADER is None:
        return yaml.load(text, Loader=_SafeNoAliasLoader)  # noqa: S506 - safe loader subclass
    # The C composer cannot be subclassed, so aliases are refused by a look at the events
    # first; an alias needs a '*', so most texts skip the look.
    if "*" in text:
        for event in yaml.parse(text, Loader=_FAST_SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                raise yaml.composer.ComposerError(
                    None, None, "aliases are not allowed", event.start_mark
                )
    return yaml.load(text, Loader=_FAST_SAFE_LOADER)  # noqa: S506 - libyaml's safe loader


def load_yaml(text: str) -> Any:
    """Parse untrusted YAML: safe types only, no aliases. Raises MetadataError with a line."""
    try:
        return _load_safe(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise MetadataError(f"{where}{problem}") from None
    except RecursionError:
        raise MetadataError("nested too deeply") from None


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
        for key in keys:
            value = lowered.get(key.lower())
            if value in (None, "", []):
                continue
            converted = _convert_field(name, value)
            if converted:
                setattr(fields, name, converted)
                break
    if keep_extra:
        fields.extra = {
            str(key): value
            for key, value in mapping.items()
            if str(key).lower() not in _KNOWN_KEYS_LOWER
        }
    if fields.url and not fields.source:
        fields.source = source_from_url(fields.url)
    return fields


_KNOWN_KEYS_LOWER = {key.lower() for key in _KNOWN_KEYS}


def _convert_field(name: str, value: Any) -> Any:
    if name == "published":
        return parse_date(value)
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
    fields = Fields()
    lines = text.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if title_line and index < len(lines):
        fields.title = truncate_title(clean_line(_strip_heading(lines[index]))) or None
        index += 1
    body_start = index
    metadata_lines: set[int] = set()
    seen = 0
    for position in range(body_start, len(lines)):
        if seen >= HEAD_LINES:
            break
        line = lines[position]
        if not line.strip():
            continue
        seen += 1
        if _read_head_line(line, fields):
            metadata_lines.add(position)
    for position in range(body_start, len(lines)):
        # A source line holds a markdown link; testing for "](" first skips the regex on
        # nearly every line (it dominated the time of indexing a big corpus).
        if "](" not in lines[position]:
            continue
        source = _SOURCE_LINE.match(lines[position])
        if source:
            fields.source = fields.source or clean_line(source.group("name"))
            fields.url = fields.url or source.group("url")
            metadata_lines.add(position)
    body_lines = [
        line
        for position, line in enumerate(lines[body_start:], body_start)
        if position not in metadata_lines
    ]
    return fields, _trim_body("\n".join(body_lines))


def _read_head_line(line: str, fields: Fields) -> bool:
    """Record what a head line says about the article; True when it is metadata."""
    if len(line) > MAX_HEAD_LINE_CHARS and len(line.strip()) > MAX_HEAD_LINE_CHARS:
        # A paragraph, not a byline: trying the date patterns at every position of it was
        # most of the time spent parsing an article.
        return False
    if _READ_TIME.match(line) or _VIEWS.match(line):
        return True
    if _DATE_LINE.match(line):
        published = parse_date(_strip_date_label(line))
        if published:
            fields.published = fields.published or published
            return True
        return False
    byline = _BYLINE_DATE.match(line)
    if byline:
        published = parse_date(byline.group("date"))
        author = clean_line(byline.group("author")).strip(" ,|-–—")
        author = re.sub(r"^By\s+", "", author, flags=re.I)
        if published and _looks_like_author(author):
            fields.published = fields.published or published
            fields.author = fields.author or author
            return True
    by = _BYLINE.match(line)
    if by and _looks_like_author(by.group("author")):
        fields.author = fields.author or clean_line(by.group("author"))
        return True
    return False


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
    return re.sub(r"^\s*(?:Published|Updated|Posted)(?:\s+on)?:?\s+", "", line, flags=re.I)


def _strip_heading(line: str) -> str:
    line = _HEADING_MARKS.sub("", line).strip()
    wrapped = _EMPHASIS_WRAP.match(line)
    return wrapped.group(2).strip() if wrapped else line


def _trim_body(body: str) -> str:
    """Drop blank lines and dangling horizontal rules at both ends of the body."""
    lines = body.split("\n")
    while lines and (not lines[0].strip() or _RULE_LINE.match(lines[0])):
        lines.pop(0)
    while lines and (not lines[-1].strip() or _RULE_LINE.match(lines[-1])):
        lines.pop()
    return _EXTRA_BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in lines))


_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")
