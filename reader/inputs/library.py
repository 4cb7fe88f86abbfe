"""The library: a folder the user owns, one Markdown file with front matter per article.

Layout: `<library>/<source>/<date>-<title>.md`, names slugged from untrusted titles (no
path traversal, no hidden or reserved names, unique). The library is an ordinary corpus:
other tools read it as it is. `.reader/` inside it holds this package's own small files
(the url/guid index and the feeds' fetch state); everything in it can be deleted safely.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from reader.inputs.atomic import link_into, sync_folder, write_atomic, write_temporary
from reader.inputs.records import InputArticle
from reader.inputs.text import host_of

STATE_FOLDER = ".reader"
INDEX_NAME = "index.json"
ARTICLE_SUFFIX = ".md"
MAX_SLUG_CHARS = 60
# Enough for any front matter this package writes; a longer one is not ours to index.
_FRONT_MATTER_BYTES = 64 * 1024
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
_NOT_WORD = re.compile(r"[\W_]+")
_INDEX_VERSION = 1


def library_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The library folder: `--library`, else $READER_LIBRARY, else $XDG_DATA_HOME/reader/library."""
    chosen = override or os.environ.get("READER_LIBRARY")
    if chosen:
        return Path(chosen).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME")
    base = Path(data_home) if data_home and Path(data_home).is_absolute() else None
    return (base or Path.home() / ".local" / "share") / "reader" / "library"


def slug(text: str | None, fallback: str, limit: int = MAX_SLUG_CHARS) -> str:
    """A safe file or folder name from untrusted text: letters and digits joined by `-`.

    Never empty, never starts with a dot, never `..` or a Windows device name; at most
    `limit` characters (letters of any script are kept, so non-Latin titles stay readable).
    """
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    words = [word for word in _NOT_WORD.split(folded) if word]
    name = ""
    for word in words:
        candidate = f"{name}-{word}" if name else word
        if len(candidate) > limit:
            if not name:
                name = word[:limit]
            break
        name = candidate
    if not name or name in _RESERVED:
        return fallback if not name else f"{name}-{fallback}"
    return name


def url_key(url: str | None) -> str | None:
    """The form of a url used to tell whether an article is known: no fragment, host lowercased."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # not a url we could fetch: compared as it is
        return url.strip()
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


@dataclass(frozen=True)
class PreparedArticle:
    """An article written to a temporary file in its folder, waiting for `Library.commit`."""

    article: InputArticle
    temporary: str
    folder: Path
    stem: str


@dataclass
class Known:
    """The urls and guids of the articles in a library."""

    urls: set[str] = field(default_factory=set)
    guids: set[str] = field(default_factory=set)

    def has(self, url: str | None, guid: str | None) -> bool:
        key = url_key(url)
        return bool((key and key in self.urls) or (guid and guid in self.guids))

    def add(self, url: str | None, guid: str | None) -> None:
        key = url_key(url)
        if key:
            self.urls.add(key)
        if guid:
            self.guids.add(guid)


def front_matter_mapping(article: InputArticle) -> dict[str, Any]:
    """The front matter written for `article` (empty fields left out), sanitised."""
    from reader.corpus.sanitize import clean_line

    def line(value: str | None) -> str | None:
        return clean_line(value) or None if value else None

    mapping: dict[str, Any] = {
        "title": line(article.title) or "Untitled",
        "source": line(article.source),
        "author": line(article.author),
        "url": line(article.url),
        "published": article.published.replace(tzinfo=None, microsecond=0)
        if article.published
        else None,
        "tags": [tag for tag in (line(t) for t in article.tags) if tag] or None,
        "feed": line(article.feed),
        "guid": line(article.guid),
    }
    return {key: value for key, value in mapping.items() if value is not None}


def render_article(article: InputArticle) -> str:
    """`article` as a Markdown file: safe YAML front matter, then its sanitised text."""
    import yaml

    from reader.corpus.sanitize import clean_text

    # The C dumper when PyYAML has it (ten times faster); both only emit plain YAML types.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    header = yaml.dump(
        front_matter_mapping(article),
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
    )
    body = clean_text(article.text).strip("\n")
    return f"---\n{header}---\n\n{body}\n"


def read_front_matter(path: Path) -> dict[str, Any] | None:
    """The front matter mapping at the top of `path`, or None when it has none or is broken."""
    import yaml

    try:
        with path.open("rb") as handle:
            head = handle.read(_FRONT_MATTER_BYTES)
    except OSError:
        return None
    if not head.startswith(b"---"):
        return None
    text = head.decode("utf-8", errors="replace")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    end = next(
        (number for number, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")),
        None,
    )
    if end is None:
        return None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        mapping = yaml.load("\n".join(lines[1:end]), Loader=loader)  # noqa: S506 - safe loader
    except Exception:  # any YAML error: this file is just not indexed
        return None
    return mapping if isinstance(mapping, dict) else None


class Library:
    """One library folder: knows which articles it holds, saves new ones atomically.

    Thread-safe: the update's workers save through one `Library`.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()
        self._known: Known | None = None
        self._files: dict[str, list[Any]] = {}
        self._dirty = False
        self._touched: set[Path] = set()

    @property
    def state_folder(self) -> Path:
        return self.root / STATE_FOLDER

    def known(self) -> Known:
        """The urls and guids in the library (indexed once, then kept up to date by `save`)."""
        with self._lock:
            if self._known is None:
                self._known = self._build_known()
            return self._known

    def has(self, article: InputArticle) -> bool:
        return self.known().has(article.url, article.guid)

    def save(self, article: InputArticle) -> Path | None:
        """Write `article` as a new file; None when the library already has its url or guid.

        Raises OSError when the file cannot be written (the caller reports it).
        """
        if self.has(article):
            return None
        return self.commit(self.prepare(article))

    def save_many(self, articles: list[InputArticle], workers: int = 4) -> list[Path | None]:
        """`save` for many articles, their files written and synced a few at a time.

        One result per article, in order: the new file, or None when it was known already.
        Raises OSError on the first file that cannot be written (the others are kept).
        """
        from concurrent.futures import ThreadPoolExecutor

        fresh = [a for a in articles if not self.has(a)]
        if len(fresh) < 2:
            return [self.save(article) for article in articles]
        results: dict[int, Path | None] = {}
        with ThreadPoolExecutor(workers) as pool:
            prepared = list(pool.map(self.prepare, fresh))
        for item in prepared:
            results[id(item.article)] = self.commit(item)
        return [results.get(id(article)) for article in articles]

    def prepare(self, article: InputArticle) -> PreparedArticle:
        """Render and write `article` to a synced temporary file in its folder (any thread).

        Raises OSError. Follow with `commit` (or `discard`).
        """
        folder, stem = self._target_name(article)
        folder.mkdir(parents=True, exist_ok=True)
        temporary = write_temporary(folder, render_article(article).encode("utf-8"))
        return PreparedArticle(article, temporary, folder, stem)

    def commit(self, prepared: PreparedArticle) -> Path | None:
        """Give a prepared article its unique name; None (and no file) when already known."""
        known = self.known()
        article = prepared.article
        with self._lock:
            try:
                if known.has(article.url, article.guid):
                    return None
                path = self._link_new(prepared)
                known.add(article.url, article.guid)
                self._remember(path, article)
                self._touched.add(prepared.folder)
                return path
            finally:
                self.discard(prepared)

    @staticmethod
    def discard(prepared: PreparedArticle) -> None:
        """Remove a prepared article's temporary file (when it is still there)."""
        with contextlib.suppress(OSError):
            os.unlink(prepared.temporary)

    def articles(self) -> Iterator[Path]:
        """Every article file in the library (this package's own folder left out)."""
        if not self.root.is_dir():
            return
        pending = [self.root]
        while pending:
            folder = pending.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = list(listing)
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    if entry.name.endswith(".tmp"):
                        _remove_if_stale(entry)
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.name.endswith(ARTICLE_SUFFIX) and entry.is_file(follow_symlinks=False):
                    yield Path(entry.path)

    # --- writing ---------------------------------------------------------------------------

    def _target_name(self, article: InputArticle) -> tuple[Path, str]:
        host = host_of(article.url) or host_of(article.feed)
        folder = self.root / slug(article.source or host, "unknown-source")
        stem = slug(article.title, "article")
        if article.published:
            stem = f"{article.published:%Y-%m-%d}-{stem}"
        return folder, stem

    def _link_new(self, prepared: PreparedArticle) -> Path:
        for number in range(1, 10_000):
            suffix = ARTICLE_SUFFIX if number == 1 else f"-{number}{ARTICLE_SUFFIX}"
            path = prepared.folder / f"{prepared.stem}{suffix}"
            if not path.exists() and link_into(prepared.temporary, path):
                return path
        raise OSError(f"no free file name for {prepared.stem} in {prepared.folder}")

    # --- the url/guid index ------------------------------------------------------------------

    def _index_path(self) -> Path:
        return self.state_folder / INDEX_NAME

    def _read_index(self) -> dict[str, list[Any]]:
        try:
            document = json.loads(self._index_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(document, dict) or document.get("version") != _INDEX_VERSION:
            return {}
        files = document.get("files")
        return files if isinstance(files, dict) else {}

    def _write_index(self, files: dict[str, list[Any]]) -> None:
        data = json.dumps({"version": _INDEX_VERSION, "files": files}, ensure_ascii=False)
        try:
            write_atomic(self._index_path(), data.encode("utf-8"))
        except OSError:
            pass  # only a cache: the next run scans front matter again

    def _build_known(self) -> Known:
        """Scan the library, reading front matter only of files the index does not know as
        they are now (same size and modification time), and rewrite the index if it changed."""
        cached = self._read_index()
        files: dict[str, list[Any]] = {}
        known = Known()
        changed = False
        for path in self.articles():
            relative = path.relative_to(self.root).as_posix()
            try:
                status = path.stat()
            except OSError:
                continue
            entry = cached.get(relative)
            if not (
                isinstance(entry, list)
                and len(entry) == 4
                and entry[0] == status.st_mtime_ns
                and entry[1] == status.st_size
            ):
                mapping = read_front_matter(path) or {}
                url = mapping.get("url") or mapping.get("link")
                guid = mapping.get("guid")
                entry = [
                    status.st_mtime_ns,
                    status.st_size,
                    url_key(url) if isinstance(url, str) else None,
                    str(guid) if isinstance(guid, (str, int)) else None,
                ]
                changed = True
            files[relative] = entry
            known.add(entry[2], entry[3])
        if changed or len(files) != len(cached):
            self._write_index(files)
        self._files = files
        return known

    def _remember(self, path: Path, article: InputArticle) -> None:
        try:
            status = path.stat()
        except OSError:
            return
        self._files[path.relative_to(self.root).as_posix()] = [
            status.st_mtime_ns,
            status.st_size,
            url_key(article.url),
            article.guid,
        ]
        self._dirty = True

    def flush(self) -> None:
        """Sync the folders written to and write the url/guid index (once, after saves)."""
        with self._lock:
            for folder in self._touched:
                sync_folder(folder)
            self._touched.clear()
            if self._dirty:
                self._write_index(self._files)
                self._dirty = False


# A temporary file this old was left by a process that was killed before it finished.
_STALE_SECONDS = 3600


def _remove_if_stale(entry: os.DirEntry[str]) -> None:
    with contextlib.suppress(OSError):
        if entry.is_file(follow_symlinks=False) and (
            time.time() - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS
        ):
            os.unlink(entry.path)
