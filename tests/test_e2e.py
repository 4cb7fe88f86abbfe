"""End to end: the real `reader` command in a pseudo-terminal, read through a terminal emulator."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import Pty

pytest.importorskip("pexpect")
pytest.importorskip("pyte")

SIZE = (100, 30)


def terminal_on_seeds(state: Path, *argv: str) -> Pty:
    """`reader ARGV` on a 100x30 pseudo-terminal, its state in `state`."""
    return Pty(list(argv), env={"READER_STATE": str(state)}, size=SIZE)


@pytest.mark.e2e
def test_list_open_next_back_quit(tmp_path: Path) -> None:
    terminal = terminal_on_seeds(tmp_path / "state.db")
    try:
        screen = terminal.expect("5 of 5 shown")
        lines = screen.splitlines()
        titles = [line for line in lines if "●" in line]
        assert len(titles) == 5
        assert "Meta Invests $14.3B in AI" in titles[0]  # newest first
        assert "2025-06-13" in titles[0]

        terminal.press("\r")  # open the newest
        screen = terminal.expect("13 June 2025 · 3 min read")
        assert "Meta Invests $14.3B in AI: Acquires Stake in Scale AI" in screen
        assert "1/5" in screen

        terminal.press("n")  # the next one in the list
        screen = terminal.expect("2/5")
        assert "Meta to invest $14 billion in Scale AI" in screen
        assert "News Desk · 11 June 2025" in screen

        terminal.press("h")  # back to the list, cursor on the second row, two read
        screen = terminal.expect("3 unread")
        assert "5 of 5 shown · 3 unread" in screen

        status = terminal.quit()
    finally:
        terminal.kill()
    assert status == 0
    assert (tmp_path / "state.db").exists()


@pytest.mark.e2e
def test_keys_typed_in_one_burst_after_slash_reach_the_filter(tmp_path: Path) -> None:
    """A fast typist (or a paste) sends "/verge" at once: every letter must land in the box."""
    terminal = terminal_on_seeds(tmp_path / "state.db")
    try:
        terminal.expect("5 of 5 shown")
        terminal.press("/verge")
        # "verg" already shows "1 of 5": wait for the status line to name the whole word
        # (a lost letter never shows it, and fails here with the screen).
        terminal.expect("1 of 5 shown", "filter: verge")
        terminal.press("\x1b")  # Esc clears
        terminal.expect("5 of 5 shown")
        assert terminal.quit() == 0
    finally:
        terminal.kill()


@pytest.mark.e2e
def test_compare_command_opens_the_compare_screen(tmp_path: Path) -> None:
    terminal = terminal_on_seeds(tmp_path / "state.db", "compare", "002", "003")
    try:
        screen = terminal.expect("Disagree on investment")
        assert "$14 billion (News Desk) vs $14.3B, $14.3 billion (The Verge)" in screen
        assert "Meta to invest $14 billion" in screen and "Meta Invests $14.3B" in screen
        terminal.press("t")
        terminal.expect("In both (")
        terminal.press("\x1b")  # Esc: back to the list under it
        terminal.expect("5 of 5 shown")
        assert terminal.quit() == 0
    finally:
        terminal.kill()
