"""The command line as a user runs it: list, show, exit codes, problems on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, write

from reader.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_is_newest_first_with_fields(capsys) -> None:
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert len(rows) == 5
    assert {"id", "path", "title", "source", "author", "published", "words", "tags"} <= set(rows[0])
    assert rows[0]["published"] == "2025-06-13T06:19:39"
    assert rows[0]["source"] == "The Verge"
    assert [r["published"] for r in rows[-2:]] == [None, None]


def test_list_sorts_by_title(capsys) -> None:
    code, out, _ = run(capsys, "list", "--json", "--sort", "title")
    titles = [r["title"] for r in json.loads(out)]
    assert code == 0 and titles == sorted(titles, key=str.casefold)


def test_list_plain_output_one_line_per_article(capsys) -> None:
    code, out, _ = run(capsys, "list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 5
    assert lines[0].startswith("2025-06-13  The Verge")
    assert "\x1b" not in out


def test_show_prints_metadata_and_body(capsys) -> None:
    code, out, _ = run(capsys, "show", "002")
    assert code == 0
    assert (
        out.splitlines()[0]
        == "Meta to invest $14 billion in Scale AI after lackluster reception to Llama"
    )
    assert "Author: News Desk" in out
    assert "Meta is making its largest bet yet" in out


def test_show_json_has_body(capsys) -> None:
    code, out, _ = run(capsys, "show", "003", "--json")
    data = json.loads(out)
    assert code == 0 and data["source"] == "The Verge"
    assert data["body"].startswith("## Meta's Bold Move")
    assert data["extra"]["toc"] is True


def test_ambiguous_article_is_a_usage_error_listing_candidates(capsys) -> None:
    code, out, err = run(capsys, "show", "Meta")
    assert code == 2 and out == ""
    assert "matches 4 articles" in err and "002_be305ebc2eef9ae7" in err


def test_unknown_article_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "show", "no-such-article")
    assert code == 2 and "no article matches" in err


def test_bad_option_is_exit_2(capsys) -> None:
    code, _, err = run(capsys, "list", "--sort", "colour")
    assert code == 2 and "invalid choice" in err


def test_nothing_loaded_is_exit_1(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "list", str(tmp_path / "missing"))
    assert code == 1 and out == ""
    assert f"{tmp_path / 'missing'}: no such file or folder" in err


def test_problems_are_one_line_each_and_good_files_still_list(capsys, tmp_path: Path) -> None:
    write(tmp_path, "good.txt", "Good one\nBody.")
    write(tmp_path, "bad.txt", b"\x00\x01binary")
    code, out, err = run(capsys, "list", "--json", str(tmp_path))
    assert code == 0
    assert [r["title"] for r in json.loads(out)] == ["Good one"]
    assert err.splitlines() == [
        f"{tmp_path / 'bad.txt'}: binary file (contains NUL bytes); skipped"
    ]


def test_version_and_help(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("reader ")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "reader list" in out and "reader show" in out


def test_python_dash_m_and_no_textual_for_printing_commands() -> None:
    """`reader list` must not pay for importing Textual."""
    script = (
        "import sys, runpy; sys.argv = ['reader', 'list', '--json'];"
        "import io, contextlib\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    try: runpy.run_module('reader', run_name='__main__')\n"
        "    except SystemExit as e: code = e.code\n"
        "assert code == 0, code\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "print(len(__import__('json').loads(buf.getvalue())))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "5"
