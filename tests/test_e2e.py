"""End to end: the real `reader` command in a pseudo-terminal, read through a terminal emulator."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

COLUMNS, LINES = 100, 30


class Terminal:
    """A `reader` process and the screen it draws."""

    def __init__(self, state: Path, args: tuple[str, ...] = ()) -> None:
        env = dict(os.environ)
        env.update(
            TERM="xterm-256color",
            COLUMNS=str(COLUMNS),
            LINES=str(LINES),
            PYTHONPATH=str(REPO),
            READER_STATE=str(state),
            TEXTUAL_ANIMATIONS="none",
        )
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "reader", *args],
            cwd=str(REPO),
            env=env,
            dimensions=(LINES, COLUMNS),
        )

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.1) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return
            self.stream.feed(data)

    def wait_for(self, needle: str, timeout: float = 8.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} never appeared; screen:\n{self.text()}")

    def press(self, keys: str) -> None:
        self.child.send(keys)


@pytest.mark.e2e
def test_list_open_next_back_quit(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path / "state.db")
    try:
        screen = terminal.wait_for("5 of 5 shown")
        lines = screen.splitlines()
        titles = [line for line in lines if "●" in line]
        assert len(titles) == 5
        assert "Meta Invests $14.3B in AI" in titles[0]  # newest first
        assert "2025-06-13" in titles[0]

        terminal.press("\r")  # open the newest
        screen = terminal.wait_for("13 June 2025 · 3 min read")
        assert "Meta Invests $14.3B in AI: Acquires Stake in Scale AI" in screen
        assert "1/5" in screen

        terminal.press("n")  # the next one in the list
        screen = terminal.wait_for("2/5")
        assert "Meta to invest $14 billion in Scale AI" in screen
        assert "News Desk · 11 June 2025" in screen

        terminal.press("h")  # back to the list, cursor on the second row, two read
        screen = terminal.wait_for("3 unread")
        assert "5 of 5 shown · 3 unread" in screen

        terminal.press("q")
        terminal.child.expect(pexpect.EOF, timeout=8)
    finally:
        terminal.child.close(force=True)
    assert terminal.child.exitstatus == 0
    assert (tmp_path / "state.db").exists()


@pytest.mark.e2e
def test_keys_typed_in_one_burst_after_slash_reach_the_filter(tmp_path: Path) -> None:
    """A fast typist (or a paste) sends "/verge" at once: every letter must land in the box."""
    terminal = Terminal(tmp_path / "state.db")
    try:
        terminal.wait_for("5 of 5 shown")
        terminal.press("/verge")
        screen = terminal.wait_for("1 of 5 shown")
        assert "filter: verge" in screen
        terminal.press("\x1b")  # Esc clears
        terminal.wait_for("5 of 5 shown")
        terminal.press("q")
        terminal.child.expect(pexpect.EOF, timeout=8)
    finally:
        terminal.child.close(force=True)


@pytest.mark.e2e
def test_compare_command_opens_the_compare_screen(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path / "state.db", ("compare", "002", "003"))
    try:
        screen = terminal.wait_for("Disagree on investment")
        assert "$14 billion (News Desk) vs $14.3B, $14.3 billion (The Verge)" in screen
        assert "Meta to invest $14 billion" in screen and "Meta Invests $14.3B" in screen
        terminal.press("t")
        terminal.wait_for("In both (")
        terminal.press("\x1b")  # Esc: back to the list under it
        terminal.wait_for("5 of 5 shown")
        terminal.press("q")
        terminal.child.expect(pexpect.EOF, timeout=10)
    finally:
        terminal.child.close(force=True)
