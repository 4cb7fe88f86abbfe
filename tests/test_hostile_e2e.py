"""The real `reader` in a pseudo-terminal over the hostile corpus: every article opens, and
nothing an article holds reaches the terminal as a command (title, clipboard, links, colour).

The raw bytes the app writes are kept and searched for the articles' own payloads, and
every escape sequence in them must be of a kind the app also writes for plain articles.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile_corpus import LEAK_MARKERS, MARKUP_TITLE, HostileCorpus
from reliability_support import ARTICLE_FOOTER, LIST_FOOTER, Pty

pytest.importorskip("pexpect")
pytest.importorskip("pyte")

# ESC-introduced sequences as a terminal parses them (CSI, OSC/DCS/APC strings, short escapes).
_SEQUENCE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_].*?(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]", re.S
)


def kind(sequence: bytes) -> bytes:
    """What a sequence does, without the parameters that only say where or which colour."""
    if sequence.startswith(b"\x1b["):
        final = sequence[-1:]
        if final in b"mHfABCDGdrK":  # style, cursor position, erase in line: the UI's daily fare
            private = sequence[2:3] if sequence[2:3] in (b"?", b">", b"<", b"=") else b""
            return b"CSI " + private + final
        return sequence
    if sequence.startswith(b"\x1b]"):
        return b"OSC " + sequence[2:].split(b";", 1)[0]
    return sequence


def kinds(raw: bytes) -> set[bytes]:
    return {kind(match.group()) for match in _SEQUENCE.finditer(raw)}


def terminal_on(folder: Path, state: Path) -> Pty:
    """`reader FOLDER` on a 120x40 pseudo-terminal, its state in `state`."""
    return Pty([str(folder)], env={"READER_STATE": str(state)})


DOWN = "\x1b[B"


def open_every_article(terminal: Pty, count: int) -> list[str]:
    """Enter, back, down through the whole list; returns each article screen as drawn."""
    screens = []
    terminal.expect(f"{count} of {count} shown")
    for number in range(1, count + 1):
        terminal.press("\r")
        screens.append(terminal.expect(f"{number}/{count}", ARTICLE_FOOTER))
        terminal.press("h")
        terminal.expect(LIST_FOOTER)
        terminal.press(DOWN)
    return screens


@pytest.fixture(scope="module")
def plain_output(tmp_path_factory: pytest.TempPathFactory, hostile: HostileCorpus) -> bytes:
    """What the app writes for plain articles: the UI's own vocabulary of sequences."""
    folder = hostile.root / "good"
    terminal = terminal_on(folder, tmp_path_factory.mktemp("plain") / "state.db")
    try:
        open_every_article(terminal, 3)
        terminal.press("/Alpha")
        terminal.expect("1 of 3 shown")
        terminal.press("\x1b")  # Esc clears the filter
        terminal.expect("3 of 3 shown")
        assert terminal.quit() == 0
    finally:
        terminal.kill()
    return bytes(terminal.raw)


def check_output(raw: bytes, plain_output: bytes) -> None:
    """Nothing from the articles in what the app wrote to the terminal."""
    for marker in LEAK_MARKERS:
        assert marker.encode() not in raw, marker
    for payload in (b"javascript:", b"file:///etc/passwd", b"evil.example"):
        assert payload not in raw
    text = raw.decode("utf-8", "replace")
    assert not re.search("[\x80-\x9f\u202a-\u202e\u2066-\u2069]", text), "C1 or bidi control"
    # Every sequence is of a kind the UI writes for plain articles too: none from content.
    unexpected = kinds(raw) - kinds(plain_output)
    assert unexpected == set(), sorted(unexpected)
    # The articles' own: window title, clipboard, hyperlink, plain red, clear screen.
    for sequence in (b"\x1b]0;", b"\x1b]2;", b"\x1b]52;", b"\x1b]8;", b"\x1b[31m", b"\x1b[2J"):
        where = raw.find(sequence)
        assert where == -1 or sequence in plain_output, (sequence, raw[where - 300 : where + 80])


@pytest.mark.e2e
def test_hostile_articles_cannot_command_the_terminal(
    hostile: HostileCorpus, plain_output: bytes, tmp_path: Path
) -> None:
    count = len(hostile.loading)
    terminal = terminal_on(hostile.root, tmp_path / "state.db")
    try:
        list_screen = terminal.expect(f"{count} of {count} shown")
        screens = open_every_article(terminal, count)
        # Still responsive: a key still changes the screen, and q quits cleanly.
        terminal.press("/")
        terminal.expect("filter:")
        terminal.press("click")
        filtered = terminal.expect(f"3 of {count} shown")
        terminal.press("\x1b")
        terminal.expect(f"{count} of {count} shown")
        status = terminal.quit()
    except AssertionError:
        # A screen that never showed what was expected: a leaked sequence explains it best.
        check_output(bytes(terminal.raw), plain_output)
        raise
    finally:
        terminal.kill()
    assert status == 0

    check_output(bytes(terminal.raw), plain_output)

    # Markup shows as the text it is, in the list and on the article screens.
    assert "[/] [@click=app.quit]Quit title[/] [$accent]" in filtered
    assert "[@click=app.quit]Markdown link title[/]" in filtered
    assert "[b]Bold[/] [@click=app.quit]q[/] [$accent]accent" in filtered
    assert any(MARKUP_TITLE in screen for screen in screens)
    assert any("[@click=app.quit]quit now[/]" in screen for screen in screens)
    assert any("Colour red title" in screen for screen in screens)
    assert "Alpha good article" in list_screen
