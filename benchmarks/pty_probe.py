"""Drive a terminal program in a real pseudo-terminal and time what a user would see.

The program's output is fed to a terminal emulator (pyte); "on screen" means the emulated
screen shows it, not that the program thinks it drew it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import pexpect
import pyte

KEYS = {"down": "\x1b[B", "up": "\x1b[A", "enter": "\r", "escape": "\x1b", "backspace": "\x7f"}


class ProbeTimeout(RuntimeError):
    """The screen never reached the state waited for."""


class Arrival(NamedTuple):
    """When the output a wait was for reached the probe (`arrived`, perf_counter seconds),
    when pyte would have parsed it had it parsed each read as it came (`parsed`), and the
    main thread's CPU seconds at arrival."""

    arrived: float
    parsed: float
    main_cpu: float


@dataclass
class Screen:
    """A pty-hosted program and the emulated screen it draws on."""

    command: Sequence[str]
    env: dict[str, str]
    cwd: str | None = None
    columns: int = 120
    rows: int = 40
    started: float = 0.0
    peak_rss_kib: int = 0
    _sampler: threading.Thread | None = field(default=None, repr=False)
    _sampling: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        self.screen = pyte.Screen(self.columns, self.rows)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.child = pexpect.spawn(
            self.command[0],
            list(self.command[1:]),
            env=self.env,
            cwd=self.cwd,
            dimensions=(self.rows, self.columns),
            timeout=None,
        )
        # pexpect sleeps 50 ms before every send by default; that would be measured as lag.
        self.child.delaybeforesend = None
        self._sampling = True
        self._sampler = threading.Thread(target=self._sample_memory, daemon=True)
        self._sampler.start()

    # --- reading the screen -----------------------------------------------------------

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def state(self) -> tuple:
        """Characters and their styles: changes when the cursor row moves, not only text."""
        buffer = self.screen.buffer
        return tuple(
            tuple((char.data, char.fg, char.bg, char.reverse) for char in buffer[row].values())
            for row in range(self.rows)
        )

    def pump(self, timeout: float) -> bool:
        """Feed whatever the program writes within `timeout` seconds; True if it wrote."""
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return False
        except pexpect.EOF as error:
            raise ProbeTimeout(f"program exited; screen:\n{self.text()}") from error
        self.stream.feed(data)
        return True

    def wait_for(self, ready: Callable[[Screen], bool], timeout: float = 120.0) -> float:
        """Seconds from launch until `ready(screen)` holds."""
        deadline = time.perf_counter() + timeout
        while not ready(self):
            if time.perf_counter() > deadline:
                raise ProbeTimeout(f"timed out; screen:\n{self.text()}")
            self.pump(0.05)
        return time.perf_counter() - self.started

    def wait_for_arrival(
        self,
        ready: Callable[[Screen], bool],
        timeout: float = 120.0,
        quiet: float = 0.02,
        cpu_of: int | None = None,
    ) -> Arrival:
        """Wait until `ready(screen)` holds; when the bytes that made it hold arrived.

        What a user sees is timed to the arrival of the output, not to pyte's parsing of it:
        pyte is pure Python and takes 20 to 70 ms (more on a busy machine) to parse one
        repaint of the whole list (about 20 KB), where a terminal written in C needs well
        under a millisecond. Parsing as the bytes come would also hold up reading the next
        ones, and so delay the program (its writes block on a full pty). So the output is
        read as it comes, each read timestamped (and the main thread's CPU of `cpu_of`
        sampled), and fed to the emulator only when the program pauses writing for `quiet`
        seconds; then read by read, so the answer is dated by the read that completed it.
        """
        deadline = time.perf_counter() + timeout
        pending: list[tuple[float, float, bytes]] = []
        while True:
            now = time.perf_counter()
            if not pending and ready(self):
                cpu = cpu_seconds(cpu_of, main_thread_only=True) if cpu_of else 0.0
                return Arrival(now, now, cpu)
            if now > deadline:
                raise ProbeTimeout(f"timed out; screen:\n{self.text()}")
            data = self._read(quiet if pending else 0.05)
            if data:
                cpu = cpu_seconds(cpu_of, main_thread_only=True) if cpu_of else 0.0
                pending.append((time.perf_counter(), cpu, data))
                if now - pending[0][0] < 1.0:  # a program that never pauses: parse anyway
                    continue
            found: Arrival | None = None
            parsed = 0.0  # when pyte would be done, had it parsed each read as it came
            for arrived, cpu, chunk in pending:
                started = time.perf_counter()
                self.stream.feed(chunk)
                parsed = max(parsed, arrived) + time.perf_counter() - started
                if found is None and ready(self):
                    found = Arrival(arrived, parsed, cpu)
            pending.clear()
            if found is not None:
                return found

    def _read(self, timeout: float) -> bytes:
        try:
            return self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return b""
        except pexpect.EOF as error:
            raise ProbeTimeout(f"program exited; screen:\n{self.text()}") from error

    def settle(self, quiet: float = 0.25, timeout: float = 30.0) -> float:
        """Read until nothing is written for `quiet` seconds; time of the last write."""
        last = time.perf_counter()
        deadline = last + timeout
        while time.perf_counter() < deadline:
            if self.pump(quiet):
                last = time.perf_counter()
            else:
                return last
        return last

    # --- pressing keys --------------------------------------------------------------

    def press(self, key: str) -> None:
        self.child.send(KEYS.get(key, key))

    def key_latency(self, key: str, timeout: float = 10.0) -> float:
        """Seconds from pressing `key` until the screen (text or styles) changes."""
        before = self.state()
        pressed = time.perf_counter()
        self.press(key)
        deadline = pressed + timeout
        while time.perf_counter() < deadline:
            if self.pump(0.01) and self.state() != before:
                return time.perf_counter() - pressed
        raise ProbeTimeout(f"{key!r} changed nothing; screen:\n{self.text()}")

    def settle_latency(self, key: str, quiet: float = 0.25) -> float:
        """Seconds from pressing `key` until the screen stops changing (last write)."""
        pressed = time.perf_counter()
        self.press(key)
        return self.settle(quiet) - pressed

    # --- memory and the end ---------------------------------------------------------

    def _sample_memory(self) -> None:
        while self._sampling:
            self.peak_rss_kib = max(self.peak_rss_kib, tree_rss_kib(self.child.pid))
            time.sleep(0.02)

    def close(self, quit_key: str | None = "q") -> None:
        self._sampling = False
        if self._sampler:
            self._sampler.join()
        self.peak_rss_kib = max(self.peak_rss_kib, peak_rss_kib(self.child.pid))
        if quit_key and self.child.isalive():
            self.press(quit_key)
            self.child.expect(pexpect.EOF, timeout=10)
        self.child.close(force=True)


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    found = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _status_kib(pid: int, field_name: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants now (parse workers count)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        total += _status_kib(current, "VmRSS")
        pending.extend(_children(current))
    return total


def peak_rss_kib(pid: int) -> int:
    """The kernel's high-water mark of one process's resident memory."""
    return _status_kib(pid, "VmHWM")


def cpu_seconds(pid: int, *, main_thread_only: bool = False) -> float:
    """CPU time a process has run so far (all its threads, or only its main thread), in
    nanosecond steps (schedstat), unlike /proc/PID/stat's ticks of 10 ms. On a busy machine
    this is steadier than wall time: a key's CPU is what the program itself spent on it."""
    tasks = [str(pid)] if main_thread_only else os.listdir(f"/proc/{pid}/task")
    total = 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as handle:
                total += int(handle.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e9
