"""Issue 16, cases 4-7: nothing in a corpus or around it crashes reader, and a crash is not
reported as success."""

from __future__ import annotations

import sqlite3
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import write
from reliability_support import (
    LIST_FOOTER,
    TRACEBACK,
    Pty,
    problem_lines,
    reader_env,
    run_reader,
    strict_json,
)

pytest.importorskip("pexpect")
pytest.importorskip("pyte")

HUGE = "0x" + "f" * 4000  # a YAML integer far past Python's 4,300-digit str() limit

# --- case 4: a huge YAML integer, wherever it sits -------------------------------------------


def huge_integer_corpus(folder: Path, where: str) -> Path:
    """One article whose metadata holds HUGE (in front matter, a sidecar or an unknown key),
    next to a plain one."""
    if where == "front matter":
        write(folder, "huge.md", f"---\ntitle: {HUGE}\n---\nHuge body words here.\n")
    elif where == "sidecar":
        write(folder, "huge.md", "Plain title\n\nHuge body words here.\n")
        write(folder, "reader.yaml", f"huge.md:\n  title: {HUGE}\n  source: {HUGE}\n")
    else:
        write(folder, "huge.md", f"---\ntitle: Huge\nweight: {HUGE}\n---\nHuge body words.\n")
    write(folder, "plain.md", "---\ntitle: Plain neighbour\n---\nPlain body words here.\n")
    return folder


WHERE = ["front matter", "sidecar", "unknown key"]


@pytest.mark.parametrize("where", WHERE)
def test_huge_yaml_integer_crashes_no_command(tmp_path: Path, where: str) -> None:
    folder = huge_integer_corpus(tmp_path / "c", where)
    index = str(tmp_path / "index.db")
    commands = [
        ["list", str(folder), "--json"],
        ["show", "huge", str(folder), "--json"],
        ["search", "body", str(folder), "--json", "--index", index],  # a cold cache
        ["search", "body", str(folder), "--json", "--index", index],  # a warm one
        ["extract", str(folder), "--json"],
        ["facts", str(folder), "--json"],
    ]
    for argv in commands:
        result = run_reader(*argv)
        assert TRACEBACK not in result.stderr, (argv, result.stderr[-2000:])
        assert result.returncode == 0, (argv, result.stderr[-2000:])
        assert strict_json(result.stdout), argv
    listed = strict_json(run_reader("list", str(folder), "--json").stdout)
    assert {row["path"].rsplit("/", 1)[-1] for row in listed} == {"huge.md", "plain.md"}


def test_huge_yaml_integer_warm_start_ui_keeps_running(tmp_path: Path) -> None:
    folder = huge_integer_corpus(tmp_path / "c", "unknown key")
    write(folder, "other.md", f"---\ntitle: Other\ncount: {HUGE}\n---\nOther body.\n")
    index = str(tmp_path / "index.db")
    run_reader("search", "body", str(folder), "--index", index)  # a warm start follows
    pty = Pty([str(folder), "--index", index, "--state", str(tmp_path / "state.db")])
    try:
        assert pty.wait_for(LIST_FOOTER, timeout=30), pty.text()
        time.sleep(3)  # the background refresh runs now
        pty.pump(0.5)
        assert pty.child.isalive(), pty.raw[-3000:].decode(errors="replace")
        pty.press("q")
        assert pty.wait_exit(15) == 0
        assert TRACEBACK.encode() not in pty.raw
    finally:
        pty.kill()


# --- case 5: the cache locked by another process during the background refresh --------------


def test_locked_cache_during_background_refresh_does_not_crash_the_ui(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    for number in range(30):
        write(folder, f"a{number:02d}.md", f"Article {number}\n\nSome body words {number}.\n")
    index = tmp_path / "index.db"
    assert run_reader("search", "body", str(folder), "--index", str(index)).returncode == 0
    write(folder, "new.md", "A new article\n\nAdded since the cache was built.\n")
    holder = sqlite3.connect(index, isolation_level=None, timeout=0.1)
    holder.execute("BEGIN EXCLUSIVE")  # a long cold index elsewhere holds the write lock
    pty = Pty([str(folder), "--index", str(index), "--state", str(tmp_path / "state.db")])
    try:
        assert pty.wait_for(LIST_FOOTER, timeout=30), pty.text()
        # The refresh meets the lock; whatever it waits, it must go on in memory (as the
        # README promises) and show the article added since the cache was built.
        assert pty.wait_for("A new article", timeout=20), pty.raw[-3000:].decode(errors="replace")
        assert pty.child.isalive()
        pty.press("q")
        assert pty.wait_exit(15) == 0
        assert TRACEBACK.encode() not in pty.raw
    finally:
        pty.kill()
        holder.close()


# --- case 6: a crash in the UI is not exit status 0 ------------------------------------------

CRASHING_UI = textwrap.dedent(
    """
    import sys
    from reader.ui.app import ReaderApp

    def crash(self, *args, **kwargs):
        raise RuntimeError("simulated crash in the UI")

    ReaderApp.compose = crash
    from reader.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def test_a_crash_in_the_ui_exits_non_zero(tmp_path: Path) -> None:
    import pexpect

    script = write(tmp_path, "crashing_reader.py", CRASHING_UI)
    folder = tmp_path / "c"
    write(folder, "a.md", "An article\n\nBody.\n")
    env = reader_env(TERM="xterm-256color", COLUMNS="120", LINES="40")
    child = pexpect.spawn(
        sys.executable,
        [str(script), str(folder), "--state", str(tmp_path / "state.db")],
        env=env,
        dimensions=(40, 120),
    )
    try:
        child.expect(pexpect.EOF, timeout=30)
        child.close()
        assert child.exitstatus not in (0, None)
    finally:
        if child.isalive():
            child.terminate(force=True)


# --- case 7: a query longer than a file name may be -----------------------------------------


@pytest.mark.parametrize("length", [300, 5000])
@pytest.mark.parametrize("command", ["show", "compare"])
def test_a_long_article_query_is_a_usage_error(tmp_path: Path, command: str, length: int) -> None:
    folder = tmp_path / "c"
    write(folder, "x.md", "Title\n\nBody text.\n")
    write(folder, "y.md", "Other\n\nMore text.\n")
    query = "T" * length
    argv = (
        ["show", query, str(folder)]
        if command == "show"
        else ["compare", query, "x", str(folder), "--print"]
    )
    result = run_reader(*argv)
    assert TRACEBACK not in result.stderr, result.stderr[-2000:]
    assert result.returncode in (1, 2)
    assert result.stdout == ""
    assert 1 <= len(problem_lines(result.stderr)) <= 3
