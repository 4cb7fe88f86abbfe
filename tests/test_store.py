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


# --- which file is which article (the store keeps the articles, not a key per article) ----


class _Located:
    def __init__(self, article_id: str, path: Path) -> None:
        self.id = article_id
        self.path_text = str(path)


def test_marks_and_last_opened_follow_the_file_under_a_new_id(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Alpha")
    (tmp_path / "b.md").write_text("Beta")
    store = StateStore.open(tmp_path / "state.db")
    store.attach([_Located("a", tmp_path / "a.md"), _Located("b", tmp_path / "b.md")])
    store.set_starred("a")
    store.set_read("b")
    store.set_last_opened("b")
    assert store.starred_ids() == {"a"} and store.read_ids() == {"b"}
    store.close()
    store = StateStore.open(tmp_path / "state.db")
    store.attach([_Located("new-a", tmp_path / "a.md"), _Located("new-b", tmp_path / "b.md")])
    assert store.is_starred("new-a") and not store.is_starred("new-b")
    assert store.starred_ids() == {"new-a"} and store.read_ids() == {"new-b"}
    assert store.last_opened == "new-b"
    store.close()


def test_articles_sharing_a_file_share_its_marks(tmp_path: Path) -> None:
    """A feed's articles are one file: a mark on one shows on all, named by the last."""
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss/>")
    articles = [_Located(f"feed#{n}", feed) for n in range(3)]
    store = StateStore.open(tmp_path / "state.db")
    store.attach([*articles, _Located("solo", tmp_path / "solo.md")])
    store.set_starred("feed#0")
    assert all(store.is_starred(f"feed#{n}") for n in range(3))
    assert not store.is_starred("solo")
    assert store.starred_ids() == {"feed#2"}
    store.set_read("solo")
    assert store.read_ids() == {"solo"}
    store.close()
    store = StateStore.open(tmp_path / "state.db")
    store.attach([*articles, _Located("solo", tmp_path / "solo.md")])
    assert store.starred_ids() == {"feed#2"} and store.read_ids() == {"solo"}
    store.close()


def test_marks_of_a_moved_file_go_to_the_file_with_its_content(tmp_path: Path) -> None:
    (tmp_path / "old.md").write_text("Moved text")
    (tmp_path / "other.md").write_text("Other text")
    store = StateStore.open(tmp_path / "state.db")
    store.attach([_Located("old", tmp_path / "old.md"), _Located("other", tmp_path / "other.md")])
    store.set_starred("old")
    store.close()
    (tmp_path / "old.md").rename(tmp_path / "renamed.md")
    store = StateStore.open(tmp_path / "state.db")
    store.attach(
        [_Located("renamed", tmp_path / "renamed.md"), _Located("other", tmp_path / "other.md")]
    )
    assert store.starred_ids() == {"renamed"}
    assert store.is_starred("renamed") and not store.is_starred("other")
    store.close()
