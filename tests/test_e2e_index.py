"""End to end, in a pseudo-terminal: the second start comes from the index cache, and a file
changed between starts shows up on the next one."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import REPO, write

pytest.importorskip("pexpect")
pytest.importorskip("pyte")

from benchmarks.pty_probe import Screen  # noqa: E402


def start(folder: Path, tmp_path: Path) -> Screen:
    env = dict(
        os.environ,
        TERM="xterm-256color",
        PYTHONPATH=str(REPO),
        READER_STATE=str(tmp_path / "state.db"),
        READER_INDEX=str(tmp_path / "index.db"),
        TEXTUAL_ANIMATIONS="none",
    )
    return Screen([sys.executable, "-m", "reader", str(folder)], env=env, cwd=str(REPO))


@pytest.mark.e2e
def test_warm_start_and_a_file_changed_between_starts(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write(folder, "a.txt", "Harbour reopens\n\nJune 2, 2024\n\nShips are back.")
    write(folder, "b.txt", "Bridge closes\n\nJune 1, 2024\n\nTraffic diverted.")
    for expected in ("Harbour reopens", "Harbour reopens"):  # cold, then warm
        screen = start(folder, tmp_path)
        try:
            screen.wait_for(lambda s: "2 of 2 shown" in s.text(), timeout=20)
            assert expected in screen.text()
        finally:
            screen.close()
    assert (tmp_path / "index.db").is_file()
    write(folder, "b.txt", "Bridge reopens too\n\nJune 3, 2024\n\nTraffic flows.")
    screen = start(folder, tmp_path)
    try:
        screen.wait_for(lambda s: "Bridge reopens too" in s.text(), timeout=20)
        lines = [line for line in screen.screen.display if "Bridge" in line or "Harbour" in line]
        assert "Bridge reopens too" in lines[0]  # newest first
    finally:
        screen.close()
