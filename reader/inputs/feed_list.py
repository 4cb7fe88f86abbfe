"""The user's feeds: a `feeds:` list of {url, name} in config.yaml, plus OPML in and out.

Edits rewrite only the `feeds:` block of config.yaml, so the user's other settings and
comments stay as they wrote them (if the block cannot be found safely, the whole file is
dumped again with the other keys kept). Writes are atomic. A config.yaml that does not
parse is never overwritten: the edit fails with `FeedListError` and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.inputs.atomic import write_atomic
from reader.inputs.library import url_key
from reader.inputs.records import Problem
from reader.inputs.text import plain_line, web_url

MAX_CONFIG_BYTES = 1024 * 1024
MAX_OPML_BYTES = 16 * 1024 * 1024
_FEEDS_KEY = re.compile(r"^feeds[ \t]*:", re.MULTILINE)
# A line that ends a top-level block: another key, or a document marker.
_TOP_LEVEL = re.compile(r"^(?:[^\s#\-]|---|\.\.\.)", re.MULTILINE)


class FeedListError(Exception):
    """config.yaml or an OPML file cannot be read or written; the message says why."""


@dataclass(frozen=True)
class Feed:
    """One feed the user follows: its url and the name they gave it (None: the feed's title)."""

    url: str
    name: str | None = None

    def label(self) -> str:
        return self.name or self.url


def _read_config(config_path: Path) -> tuple[str, dict[str, Any]]:
    """config.yaml's text and mapping ("" and {} when it does not exist)."""
    import yaml

    try:
        data = config_path.read_bytes()
    except FileNotFoundError:
        return "", {}
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise FeedListError(f"{config_path}: cannot read ({reason})") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise FeedListError(f"{config_path}: larger than 1 MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FeedListError(f"{config_path}: not UTF-8 (byte {error.start + 1})") from None
    try:
        mapping = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise FeedListError(f"{config_path}: not valid YAML{where}; not changed") from None
    except (RecursionError, ValueError):
        raise FeedListError(f"{config_path}: not valid YAML; not changed") from None
    if mapping is None:
        return text, {}
    if not isinstance(mapping, dict):
        raise FeedListError(f"{config_path}: expected a mapping of settings; not changed")
    return text, mapping


def _feeds_from_value(value: Any, where: str) -> tuple[list[Feed], list[Problem]]:
    if value is None:
        return [], []
    if not isinstance(value, list):
        return [], [Problem(where, "'feeds' must be a list of {url, name}")]
    feeds: list[Feed] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for position, item in enumerate(value, 1):
        raw = item.get("url") if isinstance(item, dict) else item
        url = web_url(raw)
        if url is None:
            problems.append(Problem(where, f"feeds entry {position} has no http(s) url; ignored"))
            continue
        key = url_key(url) or url
        if key in seen:
            continue
        seen.add(key)
        name = plain_line(item.get("name")) if isinstance(item, dict) else None
        feeds.append(Feed(url, name if name != url else None))
    return feeds, problems


def read_feeds(config_path: Path) -> tuple[list[Feed], list[Problem]]:
    """The feeds in config.yaml and the problems with entries that were left out.

    A config.yaml that cannot be read is one problem and no feeds.
    """
    try:
        _, mapping = _read_config(config_path)
    except FeedListError as error:
        return [], [Problem(str(config_path), str(error).split(": ", 1)[-1])]
    return _feeds_from_value(mapping.get("feeds"), str(config_path))


def list_feeds(config_path: Path) -> list[Feed]:
    """The feeds in config.yaml (entries without a usable url left out)."""
    return read_feeds(config_path)[0]


def _feeds_yaml(feeds: list[Feed]) -> str:
    import yaml

    items = [{"url": f.url, **({"name": f.name} if f.name else {})} for f in feeds]
    dumped: str = yaml.safe_dump(
        {"feeds": items}, sort_keys=False, allow_unicode=True, width=10_000
    )
    return dumped


def _write_feeds(config_path: Path, text: str, mapping: dict[str, Any], feeds: list[Feed]) -> None:
    """Rewrite the `feeds:` block of `text` (or append one), keep everything else."""
    import yaml

    block = _feeds_yaml(feeds) if feeds else "feeds: []\n"
    match = _FEEDS_KEY.search(text)
    if match:
        line_end = text.find("\n", match.end())
        following = _TOP_LEVEL.search(text, line_end + 1) if line_end != -1 else None
        end = following.start() if following else len(text)
        # Comments just above the next key belong to it: keep them outside the block.
        new_text = text[: match.start()] + block + _trailing_comments(text[match.start() : end])
        new_text += text[end:]
    else:
        separator = "" if not text or text.endswith("\n") else "\n"
        new_text = f"{text}{separator}{block}"
    expected = {**mapping, "feeds": yaml.safe_load(block)["feeds"]}
    try:
        check = yaml.safe_load(new_text)
    except yaml.YAMLError:
        check = None
    if check != expected:
        # An unusual layout (flow style, anchors, a key in quotes): dump the whole mapping.
        new_text = yaml.safe_dump(expected, sort_keys=False, allow_unicode=True, width=10_000)
    try:
        write_atomic(config_path, new_text.encode("utf-8"))
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise FeedListError(f"{config_path}: cannot write ({reason})") from None


def _trailing_comments(block: str) -> str:
    lines = block.rstrip("\n").split("\n")
    kept: list[str] = []
    while lines and (lines[-1].startswith("#") or not lines[-1].strip()) and len(lines) > 1:
        kept.insert(0, lines.pop())
    return "\n".join(kept) + "\n" if kept else ""


def add_feeds(config_path: Path, new: list[Feed]) -> list[Feed]:
    """Add feeds to config.yaml; returns those added (ones already there are left as they are)."""
    text, mapping = _read_config(config_path)
    feeds, _ = _feeds_from_value(mapping.get("feeds"), str(config_path))
    known = {url_key(feed.url) for feed in feeds}
    added = []
    for feed in new:
        url = web_url(feed.url)
        if url is None:
            raise FeedListError(f"{plain_line(feed.url)}: not an http(s) url")
        if url_key(url) in known:
            continue
        known.add(url_key(url))
        added.append(Feed(url, plain_line(feed.name)))
    if added:
        _write_feeds(config_path, text, mapping, feeds + added)
    return added


def add_feed(config_path: Path, url: str, name: str | None = None) -> Feed:
    """Add one feed; raises FeedListError when it is not an http(s) url or already listed."""
    added = add_feeds(config_path, [Feed(url.strip(), name)])
    if not added:
        raise FeedListError(f"{plain_line(url)}: already in the feed list")
    return added[0]


def remove_feed(config_path: Path, url_or_name: str) -> Feed:
    """Remove the feed with this url (or name); raises FeedListError when there is none."""
    text, mapping = _read_config(config_path)
    feeds, _ = _feeds_from_value(mapping.get("feeds"), str(config_path))
    wanted = url_key(url_or_name.strip())
    matches = [f for f in feeds if url_key(f.url) == wanted] or [
        f for f in feeds if f.name and f.name.casefold() == url_or_name.strip().casefold()
    ]
    if not matches:
        raise FeedListError(f"{plain_line(url_or_name)}: not in the feed list")
    if len(matches) > 1:
        raise FeedListError(f"{plain_line(url_or_name)}: names {len(matches)} feeds; give the url")
    _write_feeds(config_path, text, mapping, [f for f in feeds if f is not matches[0]])
    return matches[0]


# --- OPML ------------------------------------------------------------------------------------


def parse_opml(data: bytes, where: str) -> tuple[list[Feed], list[Problem]]:
    """OPML bytes -> the feeds in its outlines (nested folders flattened) and problems."""
    import xml.etree.ElementTree as ElementTree

    if b"<!ENTITY" in data:
        # Entities are how XML bombs and file reads hide; OPML never needs them.
        return [], [Problem(where, "OPML with entity declarations refused")]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else None
        at = f" at line {line}" if line else ""
        return [], [Problem(where, f"not valid XML{at}")]
    if root.tag.lower() != "opml":
        return [], [Problem(where, "not an OPML file (no <opml> root)")]
    feeds: list[Feed] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        attributes = {key.lower(): value for key, value in outline.attrib.items()}
        raw = attributes.get("xmlurl")
        if raw is None:
            continue  # a folder
        url = web_url(raw)
        name = plain_line(attributes.get("title") or attributes.get("text"))
        if url is None:
            problems.append(Problem(where, f"outline {name or '?'}: no http(s) feed url; skipped"))
            continue
        if (url_key(url) or url) in seen:
            continue
        seen.add(url_key(url) or url)
        feeds.append(Feed(url, name if name != url else None))
    return feeds, problems


def import_opml(path: Path) -> tuple[list[Feed], list[Problem]]:
    """Read an OPML file; its feeds and problems (an unreadable file is one problem)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_OPML_BYTES + 1)
    except OSError as error:
        return [], [Problem(str(path), (error.strerror or str(error)).lower())]
    if len(data) > MAX_OPML_BYTES:
        return [], [Problem(str(path), "larger than 16 MiB")]
    return parse_opml(data, str(path))


def export_opml(feeds: list[Feed], title: str = "reader feeds") -> str:
    """The feeds as an OPML 2.0 document (what other readers import)."""
    from xml.sax.saxutils import escape, quoteattr

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{escape(title)}</title></head>",
        "  <body>",
    ]
    for feed in feeds:
        label = quoteattr(feed.name or feed.url)
        lines.append(
            f'    <outline type="rss" text={label} title={label} xmlUrl={quoteattr(feed.url)}/>'
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
