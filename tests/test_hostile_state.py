"""A broken, missing or contended state.db: moved aside and recreated (the user is told), never
a crash; read marks survive a kill; two readers at once do not corrupt it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO
from hostile_corpus import read_only

from reader.store import StateStore


def filled_database(path: Path, count: int = 2000) -> None:
    """A real state database with `count` read marks: many pages, so cuts land mid-table."""
    store = StateStore.open(path)
    for number in range(count):
        store.set_read(f"article/{number:05d}-{'x' * 40}")
    store.close()


def moved_aside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".corrupt-" in p.name)


def assert_recreated(store: StateStore, path: Path) -> None:
    """The broken file is set aside, a fresh one is in use, and the user is told."""
    assert not store.in_memory
    assert len(store.warnings) == 1 and "moved aside" in store.warnings[0], store.warnings
    (aside,) = [p for p in moved_aside(path.parent) if not p.name.endswith(("-wal", "-shm"))]
    assert aside.name.startswith(f"{path.name}.corrupt-")
    assert aside.name in store.warnings[0]
    store.set_read("fresh")
    store.close()
    again = StateStore.open(path)
    assert again.warnings == [] and again.read_ids() == {"fresh"}
    again.close()


def test_garbage_bytes(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.write_bytes(os.urandom(64 * 1024))
    assert_recreated(StateStore.open(path), path)


def test_garbage_after_a_valid_header(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    filled_database(path)
    data = bytearray(path.read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)  # the first page survives, the rest is noise
    path.write_bytes(bytes(data))
    assert_recreated(StateStore.open(path), path)


def test_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    filled_database(path)
    size = path.stat().st_size
    assert size > 5 * 4096
    with path.open("r+b") as handle:
        handle.truncate(size // 3)
    assert_recreated(StateStore.open(path), path)


def test_empty_file_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.write_bytes(b"")  # what a crash during the very first write can leave
    store = StateStore.open(path)
    assert store.warnings == [] and not store.in_memory
    store.set_read("a")
    store.close()
    assert StateStore.open(path).is_read("a")


def test_a_folder_where_the_file_should_be(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.mkdir()
    (path / "something.txt").write_text("the user's")
    store = StateStore.open(path)
    assert_recreated(store, path)
    (aside,) = moved_aside(tmp_path)
    assert (aside / "something.txt").read_text() == "the user's"  # moved, not deleted


def test_a_fifo_where_the_file_should_be(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    os.mkfifo(path)  # reading it would block: SQLite must fail, not hang
    assert_recreated(StateStore.open(path), path)


def test_read_only_folder_without_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    with read_only(folder):
        store = StateStore.open(folder / "state.db")
        assert store.in_memory
        assert store.warnings and store.warnings[-1].endswith("reading state will not be saved")
        store.set_read("a")  # still works for this session
        assert store.is_read("a")
        store.close()
    assert list(folder.iterdir()) == []


def test_read_only_folder_with_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    path = folder / "state.db"
    store = StateStore.open(path)
    store.set_read("kept")
    store.close()
    before = path.read_bytes()
    with read_only(folder):
        store = StateStore.open(path)
        # Whatever it manages, it starts, says so if it cannot save, and loses nothing.
        assert store.in_memory or store.is_read("kept")
        if store.in_memory:
            assert store.warnings[-1].endswith("reading state will not be saved")
        store.set_read("new")
        store.close()
    assert path.read_bytes() == before or StateStore.open(path).is_read("kept")
    assert StateStore.open(path).is_read("kept")


def test_opening_while_another_reader_writes(tmp_path: Path) -> None:
    """Another reader in the middle of a write: wait for it, do not give up on saving."""
    path = tmp_path / "state.db"
    StateStore.open(path).close()  # another reader's state.db (a foreign one is left alone)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO settings VALUES ('x', '1')")
    # Switching to WAL ignored the busy timeout and failed at once with "locked".
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        store = StateStore.open(path)
    finally:
        release.join()
        other.close()
    assert not store.in_memory and store.warnings == []
    store.set_read("a")
    store.close()
    assert StateStore.open(path).is_read("a")


# --- processes -----------------------------------------------------------------------------

MARKER = r"""
import os, sys, time
from reader.store import StateStore
start = sys.argv[4] if len(sys.argv) > 4 else None
while start and not os.path.exists(start):  # line up with the others, then open together
    time.sleep(0.001)
store = StateStore.open(sys.argv[1])
prefix, count = sys.argv[2], int(sys.argv[3])
number = 0
while count < 0 or number < count:
    store.set_read(f"{prefix}{number}")
    # Printed only once set_read has returned, that is once the mark is committed.
    print(number, flush=True)
    number += 1
print("warnings:", store.warnings, flush=True)
"""


def marker(path: Path, prefix: str, count: int, start: Path | None = None) -> subprocess.Popen[str]:
    extra = [str(start)] if start else []
    return subprocess.Popen(
        [sys.executable, "-c", MARKER, str(path), prefix, str(count), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        (result,) = connection.execute("PRAGMA integrity_check").fetchone()
    finally:
        connection.close()
    return result


def test_marks_committed_before_a_kill_survive_it(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    process = marker(path, "killed-", -1)
    printed: list[int] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            printed.append(int(line))
            if len(printed) >= 300:
                break
        os.kill(process.pid, signal.SIGKILL)
        # Lines already written to the pipe were committed too.
        rest = process.stdout.read()
        printed += [int(line) for line in rest.split() if line.isdigit()]
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert len(printed) >= 300
    store = StateStore.open(path)
    assert store.warnings == []
    missing = [n for n in printed if not store.is_read(f"killed-{n}")]
    assert missing == []
    store.close()
    assert integrity(path) == "ok"


@pytest.mark.parametrize("readers", [2, 3])
def test_readers_writing_at_once(tmp_path: Path, readers: int) -> None:
    path, start = tmp_path / "state.db", tmp_path / "start"
    count = 300
    # They open a database that does not exist yet at the same moment: they race to create
    # it (and to switch it to WAL, which once failed at once with "database is locked").
    processes = [marker(path, f"p{n}-", count, start) for n in range(readers)]
    time.sleep(0.5)
    start.touch()
    outputs = [process.communicate(timeout=120) for process in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert out.splitlines()[-1] == "warnings: []", out.splitlines()[-3:]
    store = StateStore.open(path)
    assert store.warnings == []
    expected = {f"p{p}-{n}" for p in range(readers) for n in range(count)}
    assert store.read_ids() == expected
    store.close()
    assert integrity(path) == "ok"
