"""Load a corpus of article files: Article records plus the problems met on the way."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from reader.corpus.files import (
    NOT_REGULAR,
    NOT_UTF8_NAME,
    NotARegularFile,
    is_utf8_name,
    read_limited,
    unreadable_name,
)
from reader.corpus.metadata import (
    MAX_FRONT_MATTER_CHARS,
    Fields,
    MetadataError,
    fields_from_mapping,
    fields_from_text,
    load_yaml,
    split_front_matter,
)
from reader.corpus.sanitize import clean_line, clean_text, escape_controls

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
SIDECAR_NAME = "reader.yaml"
# Bigger files are cut here with a visible note, so one huge file cannot exhaust memory.
MAX_ARTICLE_BYTES = 4 * 1024 * 1024
MAX_SIDECAR_BYTES = 4 * 1024 * 1024
TRUNCATION_NOTE = "[... truncated by reader: the file is too long ...]"
WORDS_PER_MINUTE = 230


class Problem(NamedTuple):
    """A file that could not be loaded, or loaded with a caveat."""

    path: Path
    reason: str

    def __str__(self) -> str:
        # File names can hold escape sequences and newlines too: the line stays one safe line.
        return f"{escape_controls(str(self.path))}: {escape_controls(self.reason)}"


@dataclass
class Article:
    """One article: its metadata and the body text a reader shows (already sanitised)."""

    id: str
    path: Path
    title: str
    body: str
    source: str | None = None
    author: str | None = None
    url: str | None = None
    published: datetime | None = None
    tags: list[str] = field(default_factory=list)
    section: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    words: int = -1

    def __post_init__(self) -> None:
        if self.words < 0:
            self.words = count_words(self.body)

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / WORDS_PER_MINUTE))

    def to_json(self) -> dict[str, Any]:
        """The article's metadata as JSON-ready values (the body is left out)."""
        return {
            "id": self.id,
            "path": escape_controls(str(self.path)),
            "title": self.title,
            "source": self.source,
            "author": self.author,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "tags": list(self.tags),
            "section": self.section,
            "words": self.words,
            "reading_minutes": self.reading_minutes,
        }


# A whitespace-separated token counts as a word when it holds a letter or digit. The match
# starts at a token's first letter or digit and runs to its end, so each such token is one
# match; a regex in C is several times faster than testing tokens in Python.
_WORD_TOKEN = re.compile(r"[^\W_]\S*")


def count_words(text: str) -> int:
    """Whitespace-separated tokens with a letter or digit in them ("—" is not a word)."""
    # Matches one at a time, not str.split() or findall(): a 4 MiB body would be 700,000
    # strings at once.
    return sum(1 for _ in _WORD_TOKEN.finditer(text))


@dataclass
class Corpus:
    """The articles loaded from some paths, and what went wrong with the rest."""

    articles: list[Article]
    problems: list[Problem]

    @classmethod
    def load(cls, paths: Iterable[str | os.PathLike[str]]) -> Corpus:
        """Load every article under `paths` (files or folders, folders recursively)."""
        articles: list[Article] = []
        problems: list[Problem] = []
        roots = [Path(path) for path in paths]
        prefix_roots = len(roots) > 1
        seen_ids: set[str] = set()
        for root in roots:
            sidecars = _SidecarCache(problems)
            for file, base in _article_files(root, problems):
                article = load_article(file, base, problems, sidecars=sidecars)
                if article is None:
                    continue
                if prefix_roots and base.name:
                    article.id = f"{base.name}/{article.id}"
                article.id = _unique(article.id, seen_ids)
                articles.append(article)
        return cls(articles, problems)

    def __len__(self) -> int:
        return len(self.articles)


def _unique(article_id: str, seen: set[str]) -> str:
    candidate, number = article_id, 2
    while candidate in seen:
        candidate = f"{article_id}~{number}"
        number += 1
    seen.add(candidate)
    return candidate


def _article_files(root: Path, problems: list[Problem]) -> Iterator[tuple[Path, Path]]:
    """Yield (file, corpus root) for every article file under `root`, sorted by path.

    Folders reached through symlinks are not entered (no loops); a symlinked file is read
    only when it points inside the corpus root. A path the user names is always read.
    """
    if not is_utf8_name(os.path.abspath(root)):
        problems.append(unreadable_name(root))  # as the index cache must: see is_utf8_name
        return
    if root.is_file():
        yield root, root.parent
        return
    if not root.exists():
        problems.append(Problem(root, "no such file or folder"))
        return
    if not root.is_dir():
        problems.append(Problem(root, "not a regular file or folder"))
        return
    real_root = root.resolve()
    # An explicit stack rather than os.walk, which recurses and fails on very deep trees.
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Problem(folder, _os_reason(error)))
            continue
        subfolders = []
        for entry in entries:
            if _is_real_folder(entry):
                if is_utf8_name(entry.name):
                    subfolders.append(Path(entry.path))
                else:
                    problems.append(Problem(Path(entry.path), f"folder {NOT_UTF8_NAME}"))
                continue
            if not entry.name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            file = Path(entry.path)
            if not is_utf8_name(entry.name):
                problems.append(Problem(file, f"file {NOT_UTF8_NAME}"))
                continue
            if entry.is_symlink():
                try:
                    target = file.resolve(strict=True)
                except (OSError, RuntimeError):
                    problems.append(Problem(file, "broken or looping symlink; skipped"))
                    continue
                if not target.is_relative_to(real_root):
                    problems.append(
                        Problem(file, "symlink points outside the corpus; not followed")
                    )
                    continue
            yield file, root
        pending.extend(reversed(subfolders))


def _is_real_folder(entry: os.DirEntry[str]) -> bool:
    """A folder, not a symlink to one: linked folders are never entered (no loops)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


class _SidecarCache:
    """Reads each folder's reader.yaml once per load."""

    def __init__(self, problems: list[Problem]) -> None:
        self._problems = problems
        self._by_folder: dict[Path, dict[str, Any]] = {}

    def fields_for(self, file: Path) -> Fields | None:
        entries = self._entries(file.parent)
        entry = entries.get(file.name)
        if entry is None:
            return None
        try:
            return fields_from_mapping(entry)
        except MetadataError as error:
            self._problems.append(
                Problem(file.parent / SIDECAR_NAME, f"entry {file.name!r}: {error}")
            )
            return None

    def preload(self, folder: Path) -> None:
        """Read `folder`'s sidecar now, so problems with the whole file come before any entry's."""
        self._entries(folder)

    def _entries(self, folder: Path) -> dict[str, Any]:
        if folder not in self._by_folder:
            self._by_folder[folder] = self._read(folder / SIDECAR_NAME)
        return self._by_folder[folder]

    def _read(self, sidecar: Path) -> dict[str, Any]:
        try:
            raw, size = read_limited(sidecar, MAX_SIDECAR_BYTES)
            if size > MAX_SIDECAR_BYTES:
                self._problems.append(Problem(sidecar, "too long; ignored"))
                return {}
            text = raw.decode("utf-8-sig")
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as error:
            self._problems.append(Problem(sidecar, f"cannot read: {_os_reason(error)}"))
            return {}
        try:
            data = load_yaml(text)
        except MetadataError as error:
            self._problems.append(Problem(sidecar, f"invalid YAML, ignored: {error}"))
            return {}
        if data is None:
            return {}
        if not isinstance(data, dict):
            self._problems.append(Problem(sidecar, "must map file names to fields; ignored"))
            return {}
        return {str(name): fields for name, fields in data.items()}


def load_article(
    file: Path,
    root: Path,
    problems: list[Problem],
    sidecars: _SidecarCache | None = None,
) -> Article | None:
    """Read one article file; on failure record a problem and return None."""
    try:
        raw, size = read_limited(file, MAX_ARTICLE_BYTES)
    except OSError as error:
        problems.append(Problem(file, _os_reason(error)))
        return None
    truncated = size > MAX_ARTICLE_BYTES or len(raw) > MAX_ARTICLE_BYTES
    text = decode(raw, file, problems, complete=not truncated)
    if text is None:
        return None
    if truncated:
        text = _cut_at_line_end(text) + f"\n\n{TRUNCATION_NOTE}\n"
        problems.append(
            Problem(
                file,
                f"{size / 1e6:.1f} MB is too long; only the first "
                f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MiB are shown",
            )
        )
    text = clean_text(text)
    if not text.strip():
        problems.append(Problem(file, "empty file; skipped"))
        return None

    fields = Fields()
    try:
        front_text, rest = split_front_matter(text)
    except MetadataError as error:
        problems.append(Problem(file, f"{error}; read as plain text"))
        front_text, rest = None, text
    front: Fields | None = None
    if front_text is not None:
        front = _front_matter_fields(front_text, file, problems)
    text_fields, body = fields_from_text(rest, title_line=not (front and front.title))
    fields.update_from(text_fields)
    if front:
        fields.update_from(front)
    side = (sidecars or _SidecarCache(problems)).fields_for(file)
    if side:
        fields.update_from(side)

    relative = _relative(file, root)
    # Ids and sections come from file names, which may hold controls or undecodable bytes.
    folder = escape_controls(relative.parent.as_posix()) if relative.parent.parts else None
    return Article(
        id=escape_controls(relative.with_suffix("").as_posix()),
        path=file,
        title=fields.title or clean_line(escape_controls(file.stem)) or "(untitled)",
        body=body,
        source=fields.source,
        author=fields.author,
        url=fields.url,
        published=fields.published,
        tags=fields.tags,
        section=fields.section or folder,
        extra=fields.extra,
    )


def _front_matter_fields(front_text: str, file: Path, problems: list[Problem]) -> Fields | None:
    if len(front_text) > MAX_FRONT_MATTER_CHARS:
        # Parsing YAML is slow; a block this long is not metadata a person wrote.
        problems.append(
            Problem(file, f"front matter ignored: longer than {MAX_FRONT_MATTER_CHARS} characters")
        )
        return None
    try:
        data = load_yaml(front_text, first_line=2)
        if data is None:
            return None
        return fields_from_mapping(data)
    except MetadataError as error:
        problems.append(Problem(file, f"front matter ignored: {error}"))
        return None


def _cut_at_line_end(text: str) -> str:
    """A cut text, ended at its last full line (when it has one) rather than mid-sentence."""
    cut = text.rfind("\n")
    return text[:cut] if cut > 0 else text


def decode(raw: bytes, file: Path, problems: list[Problem], *, complete: bool = True) -> str | None:
    """Bytes -> text: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252/Latin-1 with a note.

    Files with NUL bytes (and no UTF-16 BOM) are binary and skipped. `complete=False` says
    `raw` was cut from a longer file, so a character split by the cut is dropped.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _decode_as(raw, "utf-16", complete)
        except UnicodeDecodeError:
            problems.append(Problem(file, "invalid UTF-16; skipped"))
            return None
    if b"\x00" in raw:
        problems.append(Problem(file, "binary file (contains NUL bytes); skipped"))
        return None
    try:
        return _decode_as(raw, "utf-8-sig", complete)
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
        encoding = "Latin-1"
    problems.append(Problem(file, f"not UTF-8; read as {encoding}"))
    return text


def _decode_as(raw: bytes, encoding: str, complete: bool) -> str:
    if complete:
        return raw.decode(encoding)
    return codecs.getincrementaldecoder(encoding)().decode(raw, final=False)


def _relative(file: Path, root: Path) -> Path:
    try:
        return file.relative_to(root)
    except ValueError:
        return Path(file.name)


def _os_reason(error: BaseException) -> str:
    if isinstance(error, FileNotFoundError):
        return "vanished before it could be read"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    if isinstance(error, NotARegularFile):
        return NOT_REGULAR
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


# --- finding and ordering ----------------------------------------------------------------

SORT_KEYS = ("date", "source", "title", "words")


def sort_articles(articles: Iterable[Article], key: str = "date") -> list[Article]:
    """Articles in display order: newest first (undated last), A-Z, or longest first."""
    items = list(articles)
    if key == "date":
        dated = sorted(
            (a for a in items if a.published), key=lambda a: (a.published, a.id), reverse=True
        )
        return dated + sorted((a for a in items if not a.published), key=lambda a: a.id)
    if key == "title":
        return sorted(items, key=lambda a: (a.title.casefold(), a.id))
    if key == "source":
        by_date = sort_articles(items, "date")
        order = {id(a): position for position, a in enumerate(by_date)}
        return sorted(
            by_date, key=lambda a: (a.source is None, (a.source or "").casefold(), order[id(a)])
        )
    if key == "words":
        return sorted(items, key=lambda a: (-a.words, a.id))
    raise ValueError(f"unknown sort key {key!r}; use one of {', '.join(SORT_KEYS)}")


class ArticleNotFound(LookupError):
    """No article, or more than one, matches what the user typed."""

    def __init__(self, query: str, candidates: list[Article]) -> None:
        self.query = query
        self.candidates = candidates
        if candidates:
            listing = "\n".join(f"  {a.id}  {a.title}" for a in candidates[:20])
            more = f"\n  ... and {len(candidates) - 20} more" if len(candidates) > 20 else ""
            message = f"{query!r} matches {len(candidates)} articles:\n{listing}{more}"
        else:
            message = f"no article matches {query!r}"
        super().__init__(message)


def find_article(articles: list[Article], query: str) -> Article:
    """The one article `query` names: an id, a path, a unique id prefix or title prefix."""
    query_path = Path(query)
    for article in articles:
        if article.id == query:
            return article
    if query_path.exists():
        resolved = query_path.resolve()
        for article in articles:
            if article.path.resolve() == resolved:
                return article
    for matches in (
        [a for a in articles if a.id.startswith(query)],
        [a for a in articles if a.title.casefold().startswith(query.casefold())],
        [a for a in articles if a.title.casefold() == query.casefold()],
    ):
        if len(matches) == 1:
            return matches[0]
    candidates = [a for a in articles if a.id.startswith(query)] or [
        a for a in articles if a.title.casefold().startswith(query.casefold())
    ]
    raise ArticleNotFound(query, candidates)
