"""The one folder walker: stat every article file and sidecar under a corpus root.

Corpus.load and the index cache both walk with it, so they agree on what is there.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from reader.corpus.files import NOT_REGULAR, NOT_UTF8_NAME, is_utf8_name, os_reason
from reader.corpus.problems import Problem
from reader.inputs import INPUT_SUFFIXES

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
# Text files, plus the feeds, web pages and JSON (Lines) dumps reader.inputs parses.
ARTICLE_SUFFIXES = (*TEXT_SUFFIXES, *INPUT_SUFFIXES)
SIDECAR_NAME = "reader.yaml"

Signature = tuple[int, int]  # (size, mtime in ns): a file whose signature moved is re-read


@dataclass
class RootScan:
    """What is on disk under one root now, keyed by '/'-separated paths relative to it."""

    files: dict[str, Signature] = field(default_factory=dict)
    sidecars: dict[str, Signature] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # other files, counted by suffix


def signature(info: os.stat_result) -> Signature:
    return info.st_size, info.st_mtime_ns


def folder_of(rel: str) -> str:
    return rel.rpartition("/")[0]


def sidecar_of(folder: str) -> str:
    """The relative path of a folder's reader.yaml."""
    return f"{folder}/{SIDECAR_NAME}" if folder else SIDECAR_NAME


def base_folder(root: Path) -> Path:
    """The folder article ids are relative to: the root, or a named file's folder."""
    return root.parent if root.is_file() else root


def scan_root(root: Path) -> RootScan:
    """Stat every article file and sidecar under `root` (a folder, or one named file).

    Folders reached through symlinks are not entered; a symlinked file counts only when it
    points inside the root. Uses os.scandir rather than os.walk and Path objects: at 100,000
    files this walk is most of a warm start, and they would double it.
    """
    scan = RootScan()
    try:
        info = root.stat()
    except FileNotFoundError:
        scan.problems.append(Problem(root, "no such file or folder"))
        return scan
    except OSError as error:
        scan.problems.append(Problem(root, os_reason(error)))
        return scan
    if stat.S_ISREG(info.st_mode):
        if not root.name.lower().endswith(ARTICLE_SUFFIXES):
            scan.problems.append(Problem(root, f"not an article file ({_suffix(root.name)})"))
            return scan
        scan.files[root.name] = signature(info)
        return scan
    if not stat.S_ISDIR(info.st_mode):
        scan.problems.append(Problem(root, "not a regular file or folder"))
        return scan
    real_root = Path(os.path.realpath(root))
    top = os.fspath(root)
    pending = [""]
    while pending:
        subfolders = _scan_folder(top, pending.pop(), real_root, scan)
        # Popped from the end: pushed in reverse so folders are visited in name order.
        pending.extend(reversed(subfolders))
    if scan.skipped:
        scan.problems.append(Problem(root, skipped_line(scan.skipped)))
    return scan


def skipped_line(skipped: dict[str, int]) -> str:
    """`12 files skipped: .pdf (3), .png (9)`: the files of other types, in one line."""
    total = sum(skipped.values())
    kinds = ", ".join(f"{suffix} ({count})" for suffix, count in sorted(skipped.items()))
    return f"{total} file{'s' if total != 1 else ''} skipped: {kinds}"


def _suffix(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    return suffix if suffix and is_utf8_name(suffix) else "no suffix"


def _scan_folder(top: str, relative: str, real_root: Path, scan: RootScan) -> list[str]:
    folder = os.path.join(top, relative) if relative else top
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_name)
    except OSError as error:
        scan.problems.append(Problem(Path(folder), os_reason(error)))
        return []
    subfolders: list[str] = []
    prefix = f"{relative}/" if relative else ""
    files = scan.files
    for entry in entries:
        name = entry.name
        # Most entries are regular article files with plain names: the folder listing says
        # so without a system call (d_type), and one stat gives their signature.
        if (
            name.isascii()
            and name.lower().endswith(ARTICLE_SUFFIXES)
            and entry.is_file(follow_symlinks=False)
        ):
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                info = None
            if info is not None and stat.S_ISREG(info.st_mode):
                files[prefix + name] = (info.st_size, info.st_mtime_ns)
                continue
        _scan_entry(entry, prefix + name, real_root, scan, subfolders)
    return subfolders


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _scan_entry(
    entry: os.DirEntry[str], rel: str, real_root: Path, scan: RootScan, subfolders: list[str]
) -> None:
    """One entry of a folder, whatever it is (see `scan_root` for the rules)."""
    try:
        is_link = entry.is_symlink()
    except OSError:
        return
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False  # a looping symlink cannot be followed: reported as a file below
    if is_dir:
        if entry.name.startswith("."):
            return  # hidden folders (.git, a library's .reader/) hold no articles
        if not is_link and is_utf8_name(entry.name):
            subfolders.append(rel)
        elif not is_link:
            # The cache stores paths as text: Corpus.load skips these too.
            scan.problems.append(Problem(Path(entry.path), f"folder {NOT_UTF8_NAME}"))
        return
    if entry.name == SIDECAR_NAME:
        try:
            scan.sidecars[rel] = signature(entry.stat())
        except OSError:
            pass
        return
    if not entry.name.lower().endswith(ARTICLE_SUFFIXES):
        if not entry.name.startswith("."):  # hidden files (.DS_Store) are not counted
            kind = _suffix(entry.name)
            scan.skipped[kind] = scan.skipped.get(kind, 0) + 1
        return
    if not is_utf8_name(entry.name):
        scan.problems.append(Problem(Path(entry.path), f"file {NOT_UTF8_NAME}"))
        return
    _scan_file(entry, rel, is_link, real_root, scan)


def _scan_file(
    entry: os.DirEntry[str], rel: str, is_link: bool, real_root: Path, scan: RootScan
) -> None:
    try:
        if is_link:
            target = Path(os.path.realpath(entry.path, strict=True))
            if not target.is_relative_to(real_root):
                scan.problems.append(
                    Problem(Path(entry.path), "symlink points outside the corpus; not followed")
                )
                return
        info = entry.stat()
    except (OSError, RuntimeError):
        reason = (
            "broken or looping symlink; skipped" if is_link else "vanished before it could be read"
        )
        scan.problems.append(Problem(Path(entry.path), reason))
        return
    if not stat.S_ISREG(info.st_mode):
        # A FIFO named like an article would block the reader forever.
        scan.problems.append(Problem(Path(entry.path), NOT_REGULAR))
        return
    scan.files[rel] = signature(info)
