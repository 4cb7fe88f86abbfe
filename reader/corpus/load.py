"""Load a corpus of article files: Article records plus the problems met on the way."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.corpus.article import Article, unique_id
from reader.corpus.files import is_utf8_name, os_reason, read_limited, unreadable_name
from reader.corpus.metadata import (
    MAX_FRONT_MATTER_CHARS,
    Fields,
    fields_from_mapping,
    fields_from_text,
    split_front_matter,
)
from reader.corpus.problems import Problem
from reader.corpus.sanitize import clean_line, clean_text, escape_controls
from reader.corpus.scan import SIDECAR_NAME, base_folder, scan_root
from reader.corpus.yaml_safe import MetadataError, load_yaml
from reader.inputs import PAGE_SUFFIXES, InputArticle, is_input_file, read_input_file

# Bigger files are cut here with a visible note, so one huge file cannot exhaust memory.
MAX_ARTICLE_BYTES = 4 * 1024 * 1024
MAX_SIDECAR_BYTES = 4 * 1024 * 1024
TRUNCATION_NOTE = "[... truncated by reader: the file is too long ...]"


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
            if not is_utf8_name(os.path.abspath(root)):
                problems.append(unreadable_name(root))  # as the index cache must: see is_utf8_name
                continue
            sidecars = SidecarCache(problems)
            # The one folder walker, shared with the index (its rules: see scan_root).
            scan = scan_root(root)
            problems.extend(scan.problems)
            base = base_folder(root)
            for rel in scan.files:
                file = base / rel
                for article in load_articles(file, base, problems, sidecars=sidecars):
                    if prefix_roots and base.name:
                        article.id = f"{base.name}/{article.id}"
                    article.id = unique_id(article.id, seen_ids)
                    articles.append(article)
        return cls(articles, problems)

    def __len__(self) -> int:
        return len(self.articles)


class SidecarCache:
    """Reads each folder's reader.yaml once per load."""

    def __init__(self, problems: list[Problem]) -> None:
        self._problems = problems
        # Keyed by the folder's path as text: a Path made and hashed for every file cost
        # more than the rest of this lookup.
        self._by_folder: dict[str, dict[str, Any]] = {}

    def fields_for(self, file: Path) -> Fields | None:
        folder, name = os.path.split(file)
        entries = self._entries(folder or ".")
        entry = entries.get(name)
        if entry is None:
            return None
        sidecar = file.parent / SIDECAR_NAME
        try:
            fields = fields_from_mapping(entry)
        except MetadataError as error:
            self._problems.append(Problem(sidecar, f"entry {file.name!r}: {error}"))
            return None
        self._problems.extend(Problem(sidecar, f"entry {file.name!r}: {n}") for n in fields.notes)
        return fields

    def preload(self, folder: Path) -> None:
        """Read `folder`'s sidecar now, so problems with the whole file come before any entry's."""
        self._entries(os.fspath(folder))

    def _entries(self, folder: str) -> dict[str, Any]:
        if folder not in self._by_folder:
            entries, problems = _read_sidecar(Path(folder, SIDECAR_NAME))
            self._problems.extend(problems)
            self._by_folder[folder] = entries
        return self._by_folder[folder]


# A sidecar is parsed once per process while it is unchanged, not once per load: the index
# loads in batches of files, and a 4 MB reader.yaml took a second to parse for each batch.
# Keyed by path, size, change times and inode; a few folders' worth is plenty.
_SIDECARS: dict[tuple[str, int, int, int, int], tuple[dict[str, Any], list[Problem]]] = {}
_SIDECARS_KEPT = 8


def _read_sidecar(sidecar: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The entries of a reader.yaml (file name -> fields) and the problems with the file."""
    try:
        status = sidecar.stat()
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        return {}, [Problem(sidecar, f"cannot read: {os_reason(error)}")]
    key = (
        os.fspath(sidecar),
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_ino,
    )
    cached = _SIDECARS.get(key)
    if cached is None:
        problems: list[Problem] = []
        cached = (_parse_sidecar(sidecar, problems), problems)
        if len(_SIDECARS) >= _SIDECARS_KEPT:
            _SIDECARS.pop(next(iter(_SIDECARS)))
        _SIDECARS[key] = cached
    return cached[0], list(cached[1])


def _parse_sidecar(sidecar: Path, problems: list[Problem]) -> dict[str, Any]:
    try:
        raw, size = read_limited(sidecar, MAX_SIDECAR_BYTES)
        if size > MAX_SIDECAR_BYTES:
            problems.append(Problem(sidecar, "too long; ignored"))
            return {}
        # Decoded like an article's text: UTF-8 with or without a BOM, UTF-16 with one.
        encoding = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
        text = raw.decode(encoding)
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(sidecar, f"cannot read: {os_reason(error)}"))
        return {}
    try:
        data = load_yaml(text)
    except MetadataError as error:
        problems.append(Problem(sidecar, f"invalid YAML, ignored: {error}"))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(sidecar, "must map file names to fields; ignored"))
        return {}
    return {str(name): fields for name, fields in data.items()}


def load_articles(
    file: Path,
    root: Path,
    problems: list[Problem],
    sidecars: SidecarCache | None = None,
) -> list[Article]:
    """Read one file's articles: one for a text file or web page, one per entry or line for a
    feed or JSON Lines dump (ids `file#1`, `file#2`, ...). Failures are recorded in `problems`.
    """
    if not is_input_file(file):
        article = load_article(file, root, problems, sidecars=sidecars)
        return [article] if article is not None else []
    parsed = read_input_file(file)
    problems.extend(
        Problem(file, _without_where(str(problem), file)) for problem in parsed.problems
    )
    base_id, folder = _id_and_folder(file, root)
    one = file.suffix.lower() in PAGE_SUFFIXES
    return [
        _from_input(entry, file, base_id if one else f"{base_id}#{number}", folder)
        for number, entry in enumerate(parsed.articles, start=1)
    ]


def _without_where(line: str, file: Path) -> str:
    """An inputs problem (`path: reason` or `path:LINE: reason`) without its leading path."""
    where = str(file)
    if line.startswith(where + ":"):
        rest = line[len(where) + 1 :]
        return rest.strip() if not rest[:1].isdigit() else "line " + rest
    return line


def _from_input(entry: InputArticle, file: Path, article_id: str, folder: str | None) -> Article:
    extra: dict[str, Any] = {}
    if entry.feed:
        extra["feed"] = entry.feed
    if entry.guid:
        extra["guid"] = entry.guid
    # InputArticle strings are plain, sanitised text already; cleaned again all the same.
    return Article(
        id=article_id,
        path=file,
        title=clean_line(entry.title) or clean_line(escape_controls(file.stem)) or "(untitled)",
        body=clean_text(entry.text),
        source=clean_line(entry.source) if entry.source else None,
        author=clean_line(entry.author) if entry.author else None,
        url=entry.url,
        published=entry.published,
        tags=list(entry.tags),
        section=folder,
        extra=extra,
    )


def load_article(
    file: Path,
    root: Path,
    problems: list[Problem],
    sidecars: SidecarCache | None = None,
) -> Article | None:
    """Read one article file; on failure record a problem and return None."""
    try:
        raw, size = read_limited(file, MAX_ARTICLE_BYTES)
    except OSError as error:
        problems.append(Problem(file, os_reason(error)))
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
    if not text or text.isspace():
        problems.append(Problem(file, "empty file; skipped"))
        return None

    try:
        front_text, rest = split_front_matter(text)
    except MetadataError as error:
        problems.append(Problem(file, f"{error}; read as plain text"))
        front_text, rest = None, text
    front: Fields | None = None
    if front_text is not None:
        front = _front_matter_fields(front_text, file, problems)
    # What the text says comes first; front matter and then the sidecar override it.
    fields, body = fields_from_text(rest, title_line=not (front and front.title))
    if front:
        fields.update_from(front)
    side = (sidecars or SidecarCache(problems)).fields_for(file)
    if side:
        fields.update_from(side)

    article_id, folder = _id_and_folder(file, root)
    return Article(
        id=article_id,
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
        fields = fields_from_mapping(data)
    except MetadataError as error:
        problems.append(Problem(file, f"front matter ignored: {error}"))
        return None
    problems.extend(Problem(file, f"front matter: {note}") for note in fields.notes)
    return fields


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


def _id_and_folder(file: Path, root: Path) -> tuple[str, str | None]:
    """The id of `file`'s article (its path from `root` without the suffix, '/'-separated) and
    its folder from `root` (None at the top). Names may hold controls or undecodable bytes:
    both are escaped."""
    relative = _relative_text(file, root)
    folder, _, name = relative.rpartition("/")
    # Path.with_suffix("") drops what Path.suffix is: from the last dot, unless the name
    # starts or ends with it.
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:
        name = name[:dot]
    article_id = f"{folder}/{name}" if folder else name
    return escape_controls(article_id), escape_controls(folder) if folder else None


def _relative_text(file: Path, root: Path) -> str:
    """`_relative(file, root).as_posix()`, from the paths' text when `file` is under `root`
    (Paths are normalised: no "." parts, no doubled or trailing separators)."""
    file_text, root_text = os.fspath(file), os.fspath(root)
    if (
        os.sep == "/"
        and root_text not in ("", ".", "/", "//")
        and file_text.startswith(root_text)
        and file_text[len(root_text) : len(root_text) + 1] == "/"
    ):
        return file_text[len(root_text) + 1 :]
    return _relative(file, root).as_posix()


def _relative(file: Path, root: Path) -> Path:
    try:
        return file.relative_to(root)
    except ValueError:
        return Path(file.name)
