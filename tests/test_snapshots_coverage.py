"""SVG snapshots of the coverage view at 120x40 and 80x24, in the dark and the light theme.

Regenerate with `pytest tests/test_snapshots_coverage.py --snapshot-update` and look at the
result. Figures are found by the real figure parser (so $14B and $14 billion are one row);
names by a fixed stand-in list, so the pictures change when the view does, not when the
name finder is tuned.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from ui_support import seeds_corpus

from reader.config import Config
from reader.highlight import find_figures
from reader.ui.app import DEFAULT_THEME, LIGHT_THEME, ReaderApp

_NAMES = {
    "Alexandr Wang": ("person", "Alexandr Wang"),
    "Wang": ("person", "Alexandr Wang"),
    "Mark Zuckerberg": ("person", "Mark Zuckerberg"),
    "Zuckerberg": ("person", "Mark Zuckerberg"),
    "Scale AI": ("org", "Scale AI"),
    "OpenAI": ("org", "OpenAI"),
    "Meta": ("org", "Meta"),
    "Google": ("org", "Google"),
    "Microsoft": ("org", "Microsoft"),
    "CNBC": ("org", "CNBC"),
}
_NAME = re.compile(r"\b(?:" + "|".join(sorted(_NAMES, key=len, reverse=True)) + r")\b")


class Span(NamedTuple):
    start: int
    end: int
    cls: str
    kind: str
    value: Any


def stand_in_finder(text: str) -> list[Span]:
    spans = [Span(f.start, f.end, "figure", f.kind, f.value) for f in find_figures(text)]
    taken = [(s.start, s.end) for s in spans]
    for match in _NAME.finditer(text):
        if not any(start < match.end() and match.start() < end for start, end in taken):
            kind, canonical = _NAMES[match.group()]
            spans.append(Span(match.start(), match.end(), "name", kind, canonical))
    return sorted(spans, key=lambda span: span.start)


async def show_coverage(pilot) -> None:  # noqa: ANN001
    await pilot.press("v")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("theme", [DEFAULT_THEME, LIGHT_THEME])
@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_coverage_snapshot(size: tuple[int, int], theme: str, tmp_path: Path, snap_compare) -> None:  # noqa: ANN001
    app = ReaderApp(
        seeds_corpus(),
        state_path=tmp_path / "state.db",
        config=Config(theme=theme),
        highlighter=stand_in_finder,
    )
    assert snap_compare(app, terminal_size=size, run_before=show_coverage)
