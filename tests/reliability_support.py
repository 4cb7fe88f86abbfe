"""Helpers for the issue 16 regression tests: the real `reader` as a subprocess or in a pty."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from conftest import REPO

TRACEBACK = "Traceback (most recent call last)"


def reader_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def run_reader(
    *argv: str, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m reader ARGV` with the test's XDG folders; output as text."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=env if env is not None else reader_env(),
        cwd=REPO,
    )


def _no_constant(name: str) -> Any:
    raise ValueError(f"not JSON: {name}")


def strict_json(text: str) -> Any:
    """Parse as RFC 8259 JSON: NaN, Infinity and -Infinity are refused."""
    return json.loads(text, parse_constant=_no_constant)


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def moved_aside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if ".corrupt-" in p.name)


class Pty:
    """A `reader` process on a pseudo-terminal, its screen drawn by pyte."""

    def __init__(
        self,
        argv: list[str],
        env: dict[str, str] | None = None,
        size: tuple[int, int] = (120, 40),
    ) -> None:
        import pexpect
        import pyte

        columns, lines = size
        environment = reader_env(
            TERM="xterm-256color",
            COLUMNS=str(columns),
            LINES=str(lines),
            TEXTUAL_ANIMATIONS="none",
        )
        if env:
            environment.update(env)
        self.raw = bytearray()  # every byte the app wrote, escape sequences included
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "reader", *argv],
            env=environment,
            dimensions=(lines, columns),
            cwd=str(REPO),
        )
        self.child.delaybeforesend = None  # every wait is for what the screen shows

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.1, quiet: float | None = None) -> None:
        """Read what the app writes for `seconds`, or (given `quiet`) until it has written
        nothing for `quiet` seconds, whichever comes first."""
        import pexpect

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                data = self.child.read_nonblocking(65536, timeout=quiet or 0.05)
            except pexpect.TIMEOUT:
                if quiet:
                    return
                continue
            except pexpect.EOF:
                return
            self.raw += data
            self.stream.feed(data)

    def wait_for(self, *needles: str, timeout: float = 30.0) -> bool:
        """True once the screen shows every one of `needles`, False after `timeout`.

        The screen is looked at once the app has been quiet for 20 ms (a frame is written
        in one burst), not after fixed 50 ms reads: each wait cost at least 50 ms, and the
        pty tests wait a few hundred times."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.05, quiet=0.02)
            if all(needle in self.text() for needle in needles):
                return True
            if not self.child.isalive():
                self.pump(0.2)
                return all(needle in self.text() for needle in needles)
        return False

    def expect(self, *needles: str, timeout: float = 30.0) -> str:
        """The screen once it shows every one of `needles`; fails the test with it if not."""
        if not self.wait_for(*needles, timeout=timeout):
            raise AssertionError(f"{needles!r} never appeared; screen:\n{self.text()}")
        return self.text()

    def press(self, keys: str) -> None:
        self.child.send(keys)

    def quit(self, timeout: float = 15.0) -> int | None:
        """Press q; the exit status once the app has ended (None if it is still running)."""
        self.press("q")
        return self.wait_exit(timeout)

    def wait_exit(self, timeout: float) -> int | None:
        """The exit status once the process ends within `timeout`, else None (still running)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.05)
            if not self.child.isalive():
                self.pump(0.1)
                self.child.close()
                return self.child.exitstatus if self.child.exitstatus is not None else -1
        return None

    def kill(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()


LIST_FOOTER = "⏎ Open"
ARTICLE_FOOTER = "h Back"
