"""SVG snapshots of the list, the reader and the help screen, in the dark and the light theme.

Regenerate with `pytest tests/test_snapshots.py --snapshot-update` and look at the result.
The highlighter is a small deterministic stand-in, so these pictures change only when the
UI does, not when the highlighting rules are tuned.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from ui_support import Span, make_app, seeds_corpus

from reader.config import Config
from reader.corpus import Corpus, Problem
from reader.ui.app import DEFAULT_THEME, LIGHT_THEME

_FIGURE = re.compile(r"\$\d[\d.,]*(?: ?(?:billion|million|B|M)\b)?|\b\d+(?:\.\d+)?(?:%| percent\b)")
_NAME = re.compile(r"\b(?:Alexandr Wang|Mark Zuckerberg|Zuckerberg|Scale AI|OpenAI|Wang)\b")


def stand_in_highlighter(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), "figure") for m in _FIGURE.finditer(text)]
    taken = [(s.start, s.end) for s in spans]
    for match in _NAME.finditer(text):
        if not any(start < match.end() and match.start() < end for start, end in taken):
            spans.append(Span(match.start(), match.end(), "name"))
    return sorted(spans, key=lambda span: span.start)


SIZES = [(80, 24), (120, 40)]
THEMES = [DEFAULT_THEME, LIGHT_THEME]
SCREENS = {
    "list": ["j", "asterisk", "u", "space"],  # a starred, read, marked row below the cursor
    "reader": ["enter", "f", "f"],  # the newest article, second figure picked
    "help": ["question_mark"],
    # Two read, then only the unread: the status line names the view.
    "unread": ["u", "j", "u", "U"],
}


async def stories_grouped(pilot: Any) -> None:
    """Wait for the background grouping, so the reader's story line is there (or not) at
    every run alike."""
    for _ in range(400):
        if pilot.app.story_book.ready:
            break
        await pilot.pause(0.05)
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_snapshot(
    screen: str, size: tuple[int, int], theme: str, tmp_path: Path, snap_compare
) -> None:  # noqa: ANN001
    app = make_app(tmp_path, config=Config(theme=theme), highlighter=stand_in_highlighter)
    keys = list(SCREENS[screen])
    if screen == "list":
        keys.append("k")
    assert snap_compare(app, press=keys, terminal_size=size, run_before=stories_grouped)


def problems_corpus() -> Corpus:
    """The seeds with two problems on stable relative paths: one file skipped, one note on
    an article that loaded."""
    articles = [replace(a, path=Path("news") / a.path.name) for a in seeds_corpus().articles]
    problems = [
        Problem(articles[0].path, "not UTF-8; read as cp1252"),
        Problem(Path("news/empty.txt"), "empty file; skipped"),
        Problem(Path("news/reader.yaml"), "invalid YAML, ignored: mapping values are not allowed"),
    ]
    return Corpus(articles, problems)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_problems_snapshot(size: tuple[int, int], theme: str, tmp_path: Path, snap_compare) -> None:  # noqa: ANN001
    app = make_app(
        tmp_path,
        problems_corpus(),
        config=Config(theme=theme),
        highlighter=stand_in_highlighter,
    )
    # Past the notification (it times out): what the screen shows, not the toast.
    app.notify = lambda *args, **kwargs: None  # type: ignore[method-assign]
    assert snap_compare(app, press=["exclamation_mark"], terminal_size=size)
