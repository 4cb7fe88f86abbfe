"""StateStore: read marks, stars, positions and settings persist; a broken file never stops us."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from reader.store import StateStore


def test_marks_positions_and_settings_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    store = StateStore.open(path)
    store.set_read("a")
    store.set_read("b")
    store.set_read("b", False)
    store.set_starred("c")
    store.set_position("a", 1234)
    store.set_theme("textual-light")
    store.set_last_opened("c")
    store.close()

    again = StateStore.open(path)
    assert again.warnings == []
    assert again.is_read("a") and not again.is_read("b") and not again.is_read("c")
    assert again.starred_ids() == {"c"}
    assert again.position("a") == 1234 and again.position("b") is None
    assert again.theme == "textual-light"
    assert again.last_opened == "c"


def test_uses_wal_mode(tmp_path: Path) -> None:
    store = StateStore.open(tmp_path / "state.db")
    store.set_read("x")
    (mode,) = sqlite3.connect(tmp_path / "state.db").execute("PRAGMA journal_mode").fetchone()
    assert mode == "wal"


def test_each_change_is_committed_at_once(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    store = StateStore.open(path)
    store.set_starred("x")
    # Another connection sees it before the store is closed.
    rows = sqlite3.connect(path).execute("SELECT key, starred FROM marks").fetchall()
    assert rows == [("x", 1)]


def test_corrupt_database_is_moved_aside_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    path.write_bytes(b"this is not a database, just some bytes " * 100)
    store = StateStore.open(path)
    assert not store.in_memory
    assert len(store.warnings) == 1 and "moved aside" in store.warnings[0]
    aside = [p.name for p in tmp_path.iterdir() if p.name.startswith("state.db.corrupt-")]
    assert len(aside) == 1
    store.set_read("a")
    store.close()
    assert StateStore.open(path).is_read("a")


def test_unwritable_location_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = StateStore.open(blocker / "sub" / "state.db")
    assert store.in_memory
    assert store.warnings and "will not be saved" in store.warnings[-1]
    store.set_read("a")
    assert store.is_read("a")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    StateStore.open(path).set_read("a")
    path.chmod(0)
    store = StateStore.open(path)
    assert store.warnings and "moved aside" in store.warnings[0]
    assert not store.is_read("a")


def test_newer_schema_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    store = StateStore.open(path)
    assert store.warnings
    assert path.exists()


def test_failed_write_is_reported_once_and_state_kept(tmp_path: Path) -> None:
    store = StateStore.open(tmp_path / "state.db")
    seen: list[str] = []
    store.on_warning = seen.append
    store._db.close()  # simulate the disk going away under us
    store.set_read("a")
    store.set_read("b")
    assert store.is_read("a") and store.is_read("b")
    assert len(seen) == 1 and "could not save" in seen[0]


def test_in_memory_store_works_without_a_path() -> None:
    store = StateStore.open(None)
    store.set_starred("z")
    assert store.is_starred("z") and store.in_memory and store.warnings == []
