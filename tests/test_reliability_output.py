"""Issue 16, cases 10-12: output that is what it claims to be (JSON that parses as JSON, dates
nobody invented), options that agree with each other, and text cleaned of invisible tricks."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from conftest import write
from reliability_support import (
    TRACEBACK,
    problem_lines,
    reader_env,
    run_reader,
    strict_json,
)

# --- case 10: JSON is RFC 8259 JSON ----------------------------------------------------------


def non_finite_corpus(folder: Path) -> Path:
    digits = "9" * 400  # a percent too big for a float: it used to become Infinity
    write(folder, "a.md", f"Big stake\n\nThe company took a {digits}% stake in the firm.\n")
    write(folder, "b.md", "Other stake\n\nThe company took a 49% stake in the firm.\n")
    write(
        folder,
        "c.md",
        "---\ntitle: Not a number\nx: .nan\ny: .inf\nz: [-.inf, 1.5]\n---\nBody of c.\n",
    )
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "{f}", "--json"],
        ["compare", "a", "b", "{f}", "--json"],
        ["facts", "{f}", "--json"],
        ["show", "c", "{f}", "--json"],
    ],
    ids=["extract", "compare", "facts", "show"],
)
def test_json_output_has_no_nan_or_infinity(tmp_path: Path, command: list[str]) -> None:
    folder = non_finite_corpus(tmp_path / "c")
    result = run_reader(*(part.replace("{f}", str(folder)) for part in command))
    assert result.returncode == 0, result.stderr
    strict_json(result.stdout)


def test_json_list_and_search_stay_valid_with_non_finite_values(tmp_path: Path) -> None:
    folder = non_finite_corpus(tmp_path / "c")
    for argv in (["list", str(folder), "--json"], ["search", "stake", str(folder), "--json"]):
        result = run_reader(*argv)
        assert result.returncode == 0, result.stderr
        assert strict_json(result.stdout)


# --- case 11: dates --------------------------------------------------------------------------


def listed(folder: Path) -> dict[str, dict[str, object]]:
    result = run_reader("list", str(folder), "--json")
    assert result.returncode == 0 and TRACEBACK not in result.stderr, result.stderr
    return {str(row["path"]).rsplit("/", 1)[-1]: row for row in strict_json(result.stdout)}


def test_a_year_alone_does_not_invent_a_month_and_day(tmp_path: Path) -> None:
    today = date.today()
    if (today.month, today.day) == (1, 1):
        pytest.skip("on January 1st an invented day cannot be told from a chosen one")
    folder = tmp_path / "c"
    write(folder, "y.md", '---\ntitle: Year only\ndate: "2025"\n---\nBody.\n')
    write(folder, "z.md", "---\ntitle: Year as number\npublished: 2019\n---\nBody.\n")
    rows = listed(folder)
    for name, year in (("y.md", "2025"), ("z.md", "2019")):
        published = rows[name]["published"]
        assert published is None or not str(published).startswith(f"{year}-{today:%m-%d}"), (
            published
        )


def test_the_1800_rule_holds_whatever_the_offset(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    write(folder, "e.md", "---\ntitle: Early\ndate: 1800-01-01T00:00:00+14:00\n---\nBody.\n")
    write(folder, "l.md", "---\ntitle: Late\ndate: 1800-01-01T00:00:00-12:00\n---\nBody.\n")
    for row in listed(folder).values():
        published = row["published"]
        assert published is None or str(published) >= "1800-01-01", (row["title"], published)


@pytest.mark.parametrize(
    "value",
    ["2024-02-30", "2024-01-01T00:00:00+99:99", "2024-13-01", "2024-01-01T25:61:00"],
)
def test_a_bad_date_drops_only_the_date(tmp_path: Path, value: str) -> None:
    folder = tmp_path / "c"
    write(folder, "f.md", f"---\ntitle: Kept title\nsource: Kept source\ndate: {value}\n---\nB.\n")
    result = run_reader("list", str(folder), "--json")
    assert result.returncode == 0 and TRACEBACK not in result.stderr, result.stderr
    (row,) = strict_json(result.stdout)
    assert (row["title"], row["source"], row["published"]) == ("Kept title", "Kept source", None)
    lines = problem_lines(result.stderr)
    assert len(lines) == 1 and lines[0].startswith(str(folder / "f.md")), lines
    assert "timedelta" not in lines[0]  # a Python repr is not an explanation


# --- case 12: smaller holes ------------------------------------------------------------------

COUNT_SIDECAR_OPENS = """
import os, sys
_log = os.environ["READER_TEST_OPEN_LOG"]
def _hook(event, args):
    if event == "open" and args and str(args[0]).endswith("reader.yaml"):
        fd = os.open(_log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(fd, b"open\\n")
        os.close(fd)
sys.addaudithook(_hook)
"""


def test_a_big_sidecar_is_read_once_per_index(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    files = 1500  # six batches of parsing
    for number in range(files):
        write(folder, f"a{number:04d}.md", f"Title {number}\n\nBody {number}.\n")
    entries = "".join(
        f"a{number:04d}.md:\n  source: Sidecar source {number}\n  tags: [t{number % 50}]\n"
        for number in range(files)
    )
    write(folder, "reader.yaml", entries + "# " + "padding " * 40_000 + "\n")
    hook = tmp_path / "hook"
    write(hook, "sitecustomize.py", COUNT_SIDECAR_OPENS)
    log = tmp_path / "opens.log"
    env = reader_env(READER_TEST_OPEN_LOG=str(log))
    env["PYTHONPATH"] = f"{hook}:{env['PYTHONPATH']}"
    result = run_reader(
        "search", "sidecar", str(folder), "--json", "--index", str(tmp_path / "i.db"), env=env
    )
    assert result.returncode == 0, result.stderr
    assert len(strict_json(result.stdout)) == 20  # the sidecar applied to the files
    opens = log.read_text().count("open") if log.exists() else 0
    assert 1 <= opens <= 3, opens  # once, or once per worker process; not once per batch


def test_search_limit_zero_means_all_like_facts(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    for number in range(25):
        write(folder, f"a{number:02d}.md", f"Stake {number}\n\nA stake of {number}%.\n")
    everything = run_reader("search", "stake", str(folder), "--json", "--limit", "0")
    assert everything.returncode == 0, everything.stderr
    assert len(strict_json(everything.stdout)) == 25  # more than the default 20
    assert run_reader("facts", str(folder), "--json", "--limit", "0").returncode == 0


@pytest.mark.parametrize(
    "command",
    [
        "search",
        "facts",
    ],
)
def test_a_negative_limit_is_a_usage_error(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "c"
    write(folder, "a.md", "Stake\n\nA stake of 5%.\n")
    argv = ["search", "stake"] if command == "search" else ["facts"]
    result = run_reader(*argv, str(folder), "--limit", "-5")
    assert result.returncode == 2 and result.stdout == ""
    assert len(problem_lines(result.stderr)) >= 1


def test_compare_print_width_is_capped(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    write(folder, "a.md", "Left\n\n" + "The firm paid $14 billion for a 49% stake. " * 20 + "\n")
    write(folder, "b.md", "Right\n\n" + "The firm paid $14.3 billion for a stake. " * 20 + "\n")
    started = time.monotonic()
    result = run_reader("compare", "a", "b", str(folder), "--print", "--width", "10000000")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 10_000
    assert len(result.stdout) < 2_000_000
    assert elapsed < 30  # a gross bound only: 10**8 columns took 13 s and 1.2 GB


@pytest.mark.parametrize(
    "encoding",
    [
        "utf-16",
        "utf-8-sig",
    ],
)
def test_a_sidecar_with_a_bom_is_read_like_an_article(tmp_path: Path, encoding: str) -> None:
    folder = tmp_path / "c"
    write(folder, "s.md", "Plain title\n\nBody.\n")
    (folder / "reader.yaml").write_bytes("s.md:\n  title: Sidecar title\n".encode(encoding))
    result = run_reader("list", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    (row,) = strict_json(result.stdout)
    assert row["title"] == "Sidecar title"
    assert problem_lines(result.stderr) == []


INVISIBLE = ["\U000e0001", "\U000e0041", "\U000e007f", "\u115f", "\u1160", "\u3164", "\uffa0"]


def test_tag_characters_and_hangul_fillers_are_stripped(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    hidden = "".join(INVISIBLE)
    write(
        folder,
        "a.md",
        f"---\nsource: Src{hidden}\nauthor: Au{hidden}\n---\n"
        f"Tag{hidden}ged title\n\nBody {hidden}text here.\n",
    )
    for argv in (["list", str(folder), "--json"], ["show", "a", str(folder), "--json"]):
        result = run_reader(*argv)
        assert result.returncode == 0, result.stderr
        for character in INVISIBLE:
            assert character not in result.stdout, (argv, hex(ord(character)))
    plain = run_reader("show", "a", str(folder))
    assert not any(character in plain.stdout for character in INVISIBLE)
