"""Parse article files into index rows, in worker processes when there are many."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from reader.corpus import (
    Article,
    Problem,
    SidecarCache,
    folder_of,
    json_value,
    load_articles,
    sidecar_of,
)

# Below this many files, starting worker processes costs more than it saves. Measured on
# two cores: 250 files 44 ms alone, 64 ms with two workers; 500 files 89 ms vs 65 ms;
# 2,000 files 351 ms vs 217 ms.
PARALLEL_MIN_FILES = 500
BATCH_FILES = 250
TAG_SEPARATOR = "\x1f"
# The `files` columns of an article: article_id, title, source, author, url, published (ISO),
# tags (joined by TAG_SEPARATOR), section, extra (JSON), words.
ArticleRow = tuple[
    str, str, str | None, str | None, str | None, str | None, str | None, str | None,
    str | None, int,
]  # fmt: skip


class ParsedFile(NamedTuple):
    """One parsed file in plain values (cheap to pickle between processes).

    A folder's reader.yaml also gets one, carrying only the problems with the sidecar as a
    whole: those are stored under the sidecar's name, not under the first file that met them.
    """

    rel: str
    # Each article's `files` metadata columns and body: none when the file gave no article,
    # several for a feed or a JSON Lines dump.
    rows: list[tuple[ArticleRow, str]]
    problems: list[tuple[str, str]]  # (problem path relative to the root or absolute, reason)


def parse_batch(job: tuple[str, list[str]]) -> list[ParsedFile]:
    """Parse the files `rels` (sorted by folder) under the folder `base`."""
    base_text, rels = job
    base = Path(base_text)
    results: list[ParsedFile] = []
    sidecar_problems: list[Problem] = []
    sidecars = SidecarCache(sidecar_problems)
    current_folder: str | None = None
    for rel in rels:
        folder = folder_of(rel)
        if folder != current_folder:
            current_folder = folder
            mark = len(sidecar_problems)
            sidecars.preload(base / folder if folder else base)
            problems = [_problem_row(problem, base) for problem in sidecar_problems[mark:]]
            results.append(ParsedFile(sidecar_of(folder), [], problems))
        file_problems: list[Problem] = []
        mark = len(sidecar_problems)
        articles = load_articles(base / rel, base, file_problems, sidecars=sidecars)
        # Problems with this file's entry in reader.yaml belong to this file.
        file_problems.extend(sidecar_problems[mark:])
        problems = [_problem_row(problem, base) for problem in file_problems]
        rows = [(_row(article), article.body) for article in articles]
        results.append(ParsedFile(rel, rows, problems))
    return results


def _row(article: Article) -> ArticleRow:
    return (
        article.id,
        article.title,
        article.source,
        article.author,
        article.url,
        article.published.isoformat() if article.published else None,
        TAG_SEPARATOR.join(article.tags) if article.tags else None,
        article.section,
        _extra_json(article.extra),
        article.words,
    )


def _problem_row(problem: Problem, base: Path) -> tuple[str, str]:
    try:
        return problem.path.relative_to(base).as_posix(), problem.reason
    except ValueError:
        return os.path.abspath(problem.path), problem.reason


def _extra_json(extra: Mapping[str, Any]) -> str | None:
    """Front-matter extras as JSON (dates become ISO strings); None when there are none."""
    if not extra:
        return None
    return json.dumps(json_value(extra, _json_default), ensure_ascii=False, allow_nan=False)


def _json_default(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def parse_files(
    base: Path,
    rels: list[str],
    on_batch: Callable[[list[ParsedFile]], None],
    workers: int | None = None,
) -> None:
    """Parse `rels` under `base` in batches (grouped by folder); hand each to `on_batch`."""
    ordered = sorted(rels, key=lambda rel: (folder_of(rel), rel))
    batches = [
        (os.fspath(base), ordered[start : start + BATCH_FILES])
        for start in range(0, len(ordered), BATCH_FILES)
    ]
    size = pool_size(len(ordered), workers)
    if size <= 1:
        for batch in batches:
            on_batch(parse_batch(batch))
        return
    # fork: workers start at once with everything imported, and no __main__ is re-run.
    # pool_size allows it only while this process has a single thread.
    with multiprocessing.get_context("fork").Pool(size) as pool:
        for parsed in pool.imap_unordered(parse_batch, batches):
            on_batch(parsed)


def pool_size(files: int, workers: int | None = None) -> int:
    """How many worker processes to parse `files` files with (1: parse in this process)."""
    if workers is not None:
        wanted = workers
    elif files < PARALLEL_MIN_FILES:
        return 1
    else:
        wanted = os.cpu_count() or 1
    if wanted <= 1 or sys.platform == "win32" or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(wanted, max(1, files // 100))
