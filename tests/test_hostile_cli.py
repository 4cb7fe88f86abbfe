"""`reader list` and `reader show` over the hostile corpus: good articles list, bad ones are
one line each on stderr, exit 0, and nothing from an article reaches the terminal as a command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pexpect
import pytest
from conftest import REPO
from hostile_corpus import (
    LEAK_MARKERS,
    MARKUP_TITLE,
    VANISHING,
    HostileCorpus,
    vanishing_after_listing,
)

from reader.cli.main import main
from reader.corpus import escape_controls


def expected_problem_lines(hostile: HostileCorpus, vanished: bool) -> dict[str, str]:
    """The escaped path each problem line starts with -> the phrase its reason contains."""
    lines = {
        escape_controls(str(hostile.path(case.path))): case.problem
        for case in hostile.cases.values()
        if case.problem is not None
    }
    if vanished:
        lines[str(hostile.path(VANISHING))] = "vanished before it could be read"
    return lines


def check_problem_lines(err: str, expected: dict[str, str]) -> None:
    lines = err.splitlines()
    assert len(lines) == len(expected), "\n".join(lines)
    for line in lines:
        path, _, reason = line.partition(": ")
        # Paths hold no ": " here, so the first one ends the path.
        assert path in expected, line
        assert expected[path] in reason, line


def assert_nothing_leaked(output: str) -> None:
    assert not any(marker in output for marker in LEAK_MARKERS)
    assert "\x1b]" not in output and "\x9b" not in output and "\x9d" not in output


def test_list_loads_the_good_and_reports_the_bad(
    hostile: HostileCorpus, capsys: pytest.CaptureFixture[str]
) -> None:
    with vanishing_after_listing(hostile):
        code = main(["list", str(hostile.root)])
    out, err = capsys.readouterr()
    assert code == 0
    check_problem_lines(err, expected_problem_lines(hostile, vanished=True))
    listed = out.splitlines()
    assert len(listed) == len(hostile.loading) - 1  # all but the vanished one
    assert "\x1b" not in out and "\x1b" not in err
    assert_nothing_leaked(out + err)
    for title in hostile.titled:
        if title != "Vanishing title":
            assert any(f"  {title}  [" in line for line in listed), title


def test_list_json_has_every_article(
    hostile: HostileCorpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["list", "--json", str(hostile.root)])
    out, _ = capsys.readouterr()
    rows = json.loads(out)
    assert code == 0 and len(rows) == len(hostile.loading)
    assert {case.title for case in hostile.loading if case.title} <= {r["title"] for r in rows}
    assert_nothing_leaked(out)


def test_show_prints_hostile_text_literally(
    hostile: HostileCorpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["show", "markup/front-title", str(hostile.root)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[0] == MARKUP_TITLE
    assert "[@click=app.quit]quit now[/]" in out
    code = main(["show", "escapes/ansi", str(hostile.root)])
    out, _ = capsys.readouterr()
    assert code == 0 and "Clipboard  here." in out
    assert "\x1b" not in out
    assert_nothing_leaked(out)


def test_show_json_of_yaml_escapes_is_clean(
    hostile: HostileCorpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["show", "--json", "front/yaml-escapes", str(hostile.root)])
    out, _ = capsys.readouterr()
    data = json.loads(out)
    assert code == 0
    assert data["title"] == "Escaped red title" and data["extra"] == {"custom": " extra "}
    assert_nothing_leaked(out)


def test_a_folder_of_only_bad_files_is_exit_1(
    hostile: HostileCorpus, capsys: pytest.CaptureFixture[str]
) -> None:
    # Seen from links/ itself, even inside.txt (-> ../good/gamma.md) points outside.
    code = main(["list", str(hostile.root / "links"), str(hostile.path("size/empty.txt"))])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{hostile.root / 'links/dangling.txt'}: broken or looping symlink; skipped",
        f"{hostile.root / 'links/inside.txt'}: symlink points outside the corpus; not followed",
        f"{hostile.root / 'links/loop.txt'}: broken or looping symlink; skipped",
        f"{hostile.root / 'links/outside.txt'}: symlink points outside the corpus; not followed",
        f"{hostile.root / 'size/empty.txt'}: empty file; skipped",
        "reader: no articles could be loaded",
    ]


def subprocess_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}


def test_list_as_a_real_process_in_a_pipe(hostile: HostileCorpus) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "list", str(hostile.root)],
        capture_output=True,
        env=subprocess_env(),
        timeout=120,
        check=False,
    )
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == 0, err
    check_problem_lines(err, expected_problem_lines(hostile, vanished=False))
    assert len(out.splitlines()) == len(hostile.loading)
    assert b"\x1b" not in result.stdout + result.stderr
    assert_nothing_leaked(out + err)


@pytest.mark.e2e
def test_list_as_a_real_process_on_a_terminal(hostile: HostileCorpus) -> None:
    """On a terminal the list is a Rich table: styled, but with nothing from the articles."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reader", "list", str(hostile.root)],
        env=subprocess_env(),
        dimensions=(50, 200),
        timeout=120,
    )
    raw = child.read()
    child.close()
    assert child.exitstatus == 0, raw[-2000:]
    text = raw.decode("utf-8")
    assert_nothing_leaked(text)
    assert f"{len(hostile.loading)} articles" in text
    # The UI's own styling (SGR) is there; no OSC, no cursor movement, no screen clearing.
    assert "\x1b[1m" in text
    for sequence in ("\x1b]", "\x1b[2J", "\x1b[H", "\x1b[?1049h", "\x1b[6n", "\x1b[31m"):
        assert sequence not in text, sequence
