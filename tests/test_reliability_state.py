"""Issue 16, cases 1-3: reading state belongs to the file it was made on, databases that are
not reader's own (or are healthy but unwritable) are never moved aside or written, and
concurrent first starts share one index cache."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import REPO, write
from hostile_corpus import read_only
from reliability_support import TRACEBACK, moved_aside, problem_lines, reader_env, strict_json
from ui_support import fake_highlighter, notices, static_text, table_lines

from reader.config import Config
from reader.corpus import Corpus
from reader.ui.app import ReaderApp

SIZE = (110, 30)


def app_on(folder: Path, state: Path) -> ReaderApp:
    return ReaderApp(
        Corpus.load([folder]),
        state_path=state,
        config=Config(),
        highlighter=fake_highlighter({}),
    )


def row(app: ReaderApp, title: str) -> str:
    (line,) = [line for line in table_lines(app) if title in line]
    return line


def counts(app: ReaderApp) -> str:
    return static_text(app, "#library-counts")


async def star_and_read_first(folder: Path, state: Path) -> None:
    """In `reader FOLDER`: star the first article and mark it read, then quit."""
    app = app_on(folder, state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("asterisk", "u")
        await pilot.pause()
        assert "1 starred" in counts(app)
        await pilot.press("q")


def article(folder: Path, name: str, title: str, body: str = "Body words.") -> Path:
    return write(folder, name, f"---\ntitle: {title}\n---\n{body}\n")


# --- case 1: state keyed by the file ---------------------------------------------------------


async def test_marks_in_one_folder_do_not_show_on_a_same_named_file_elsewhere(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state.db"
    article(tmp_path / "ca", "story.md", "Story in ca")
    article(tmp_path / "cb", "story.md", "Story in cb")
    await star_and_read_first(tmp_path / "ca", state)
    app = app_on(tmp_path / "cb", state)
    async with app.run_test(size=SIZE):
        assert counts(app) == "1 of 1 shown · 1 unread"
        assert "★" not in row(app, "Story in cb")


async def test_marks_stay_with_their_folder(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    article(tmp_path / "ca", "story.md", "Story in ca")
    await star_and_read_first(tmp_path / "ca", state)
    app = app_on(tmp_path / "ca", state)
    async with app.run_test(size=SIZE):
        assert counts(app) == "1 of 1 shown · 0 unread · 1 starred"


async def test_a_new_file_with_the_same_stem_does_not_take_the_marks(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    folder = tmp_path / "d"
    article(folder, "a.md", "Alpha as md")
    await star_and_read_first(folder, state)
    article(folder, "a.markdown", "Alpha as markdown")
    app = app_on(folder, state)
    async with app.run_test(size=SIZE):
        assert "★" in row(app, "Alpha as md") and "●" not in row(app, "Alpha as md")
        assert "★" not in row(app, "Alpha as markdown") and "●" in row(app, "Alpha as markdown")


@pytest.mark.parametrize("move", ["renamed.md", "sub/story.md"])
async def test_a_moved_file_with_the_same_content_keeps_its_marks(
    tmp_path: Path, move: str
) -> None:
    state = tmp_path / "state.db"
    folder = tmp_path / "d"
    original = article(folder, "story.md", "The story", "A body long enough to be itself. " * 5)
    article(folder, "other.md", "Another story", "Something else entirely.")
    app = app_on(folder, state)
    async with app.run_test(size=SIZE) as pilot:
        lines = table_lines(app)
        if not any("The story" in line for line in lines[1:2]):
            await pilot.press("j")  # the cursor onto "The story"
        await pilot.press("asterisk", "u", "q")
    target = folder / move
    target.parent.mkdir(parents=True, exist_ok=True)
    original.rename(target)
    app = app_on(folder, state)
    async with app.run_test(size=SIZE):
        assert "★" in row(app, "The story") and "●" not in row(app, "The story")
        assert "★" not in row(app, "Another story")


OLD_SCHEMA = """
CREATE TABLE article_state (
    id TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    position INTEGER,
    updated REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
PRAGMA user_version = 1;
"""


def old_state_db(path: Path, rows: list[tuple[str, int, int, int | None]]) -> None:
    """A state.db as reader wrote it before issue 16 (schema 1: keyed by relative id)."""
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    db.executemany(
        "INSERT INTO article_state (id, read, starred, position, updated) VALUES (?, ?, ?, ?, 0)",
        rows,
    )
    db.commit()
    db.execute("PRAGMA journal_mode = WAL")
    db.close()


async def test_an_old_state_db_keeps_its_marks_on_upgrade(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    article(folder, "story.md", "The story")
    article(folder, "sub/deep.md", "The deep one")
    article(folder, "plain.md", "The plain one")
    state = tmp_path / "state.db"
    old_state_db(state, [("story", 1, 1, None), ("sub/deep", 1, 0, 3), ("gone", 1, 1, None)])
    for _ in range(2):  # the upgrade, then a start on the upgraded file
        app = app_on(folder, state)
        async with app.run_test(size=SIZE) as pilot:
            assert counts(app) == "3 of 3 shown · 1 unread · 1 starred"
            assert "★" in row(app, "The story") and "●" not in row(app, "The deep one")
            assert "●" in row(app, "The plain one")
            await pilot.press("q")
    assert moved_aside(tmp_path) == []


# --- case 2: never move aside or write what is not reader's own or not broken ---------------


def foreign_database(path: Path) -> Path:
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE contacts (name TEXT, phone TEXT);"
        "INSERT INTO contacts VALUES ('someone', '555');"
    )
    db.commit()
    db.close()
    return path


def newer_state_db(path: Path) -> Path:
    old_state_db(path, [("a", 1, 1, None)])
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    return path


def article_as_state(path: Path) -> Path:
    return write(path.parent, path.name, "---\ntitle: Alpha\n---\nAlpha body words.\n")


@pytest.mark.parametrize(
    "make", [newer_state_db, foreign_database, article_as_state], ids=["newer", "foreign", "file"]
)
async def test_a_state_file_that_is_not_ours_to_write_is_left_exactly_as_it_was(
    tmp_path: Path, make: object
) -> None:
    folder = tmp_path / "c"
    article(folder, "a.md", "Article a")
    article(folder, "b.md", "Article b")
    state = make(folder / "alpha.md" if make is article_as_state else tmp_path / "state.db")  # type: ignore[operator]
    before = state.read_bytes()
    app = app_on(folder, state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(notices(app)) == 1, notices(app)
        await pilot.press("asterisk", "u", "j", "enter")  # the session still works
        await pilot.pause()
        await pilot.press("q")
    assert state.read_bytes() == before
    assert moved_aside(tmp_path) == []
    assert sorted(p.name for p in state.parent.iterdir() if p.name.startswith(state.name)) == [
        state.name
    ]


async def test_a_read_only_state_db_still_shows_its_marks(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    article(folder, "a.md", "Article a")
    state = tmp_path / "state.db"
    await star_and_read_first(folder, state)
    before = state.read_bytes()
    with read_only(state):
        app = app_on(folder, state)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert counts(app) == "1 of 1 shown · 0 unread · 1 starred"
            assert len(notices(app)) == 1, notices(app)
            await pilot.press("asterisk", "q")
    assert state.read_bytes() == before
    assert moved_aside(tmp_path) == []


def test_a_foreign_database_as_index_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    article(folder, "a.md", "Article a", "A stake of five percent.")
    other = foreign_database(tmp_path / "other.sqlite")
    before = other.read_bytes()
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "reader", "search", "stake", str(folder), "--json"]
            + ["--index", str(other)],
            capture_output=True,
            text=True,
            timeout=60,
            env=reader_env(),
            cwd=REPO,
        )
        assert result.returncode == 0 and TRACEBACK not in result.stderr, result.stderr
        assert [r["title"] for r in strict_json(result.stdout)] == ["Article a"]
        assert len(problem_lines(result.stderr)) == 1, result.stderr
    assert other.read_bytes() == before
    assert moved_aside(tmp_path) == []


@contextmanager
def tiny_tmpfs(where: Path, size: str = "256k") -> Iterator[Path]:
    where.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(folder: Path) -> None:
    """Write until the file system is full."""
    try:
        with (folder / "filler").open("wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
    except OSError:
        pass


async def test_a_full_disk_keeps_fifty_stars_visible(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    for number in range(50):
        article(folder, f"a{number:02d}.md", f"Article {number:02d}")
    with tiny_tmpfs(tmp_path / "disk") as disk:
        state = disk / "state.db"
        old_state_db(state, [(f"a{number:02d}", 0, 1, None) for number in range(50)])
        app = app_on(folder, state)  # a start with room: the upgrade, if any, happens here
        async with app.run_test(size=SIZE) as pilot:
            assert counts(app) == "50 of 50 shown · 50 unread · 50 starred"
            await pilot.press("q")
        before = state.read_bytes()
        fill(disk)
        for _ in range(2):  # and the start after that one
            app = app_on(folder, state)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                assert counts(app) == "50 of 50 shown · 50 unread · 50 starred"
                assert len(notices(app)) == 1, notices(app)
                await pilot.press("u", "q")
        assert state.read_bytes() == before
        assert moved_aside(disk) == []


# --- case 3: concurrent first starts ---------------------------------------------------------


SYNCHRONISED_READER = """
import sys, time
from reader.cli import main
start = float(sys.argv[1])
time.sleep(max(0.0, start - time.time()))  # all three begin at the same instant
sys.exit(main(sys.argv[2:]))
"""


def test_three_cold_starts_at_once_share_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    for number in range(300):
        article(folder, f"a{number:03d}.md", f"Article {number}", f"A stake of {number} percent.")
    for attempt in range(6):  # the race shows about two times in three: give it chances
        cache = tmp_path / f"cache{attempt}"
        env = reader_env(XDG_CACHE_HOME=str(cache))
        start = f"{time.time() + 1.5:.3f}"  # after the imports, even on a loaded machine
        command = [sys.executable, "-c", SYNCHRONISED_READER, start, "search", "stake"]
        children = [
            subprocess.Popen(
                [*command, str(folder), "--json"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                cwd=REPO,
            )
            for _ in range(3)
        ]
        results = [child.communicate(timeout=120) for child in children]
        outputs = []
        for child, (out, err) in zip(children, results, strict=True):
            assert child.returncode == 0, err
            assert problem_lines(err) == [], err  # nothing to report: no file is broken
            outputs.append([row["path"] for row in strict_json(out)])
        assert outputs[0] == outputs[1] == outputs[2] and len(outputs[0]) == 20
        assert moved_aside(cache) == []
