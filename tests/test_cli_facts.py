"""`reader facts`: the coverage of the articles as JSON or as a readable listing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, write

from reader.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_on_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "facts", "--json")
    assert status == 0
    data = json.loads(out)
    assert set(data) >= {"articles", "facts", "disagreements"}
    ids = [article["id"] for article in data["articles"]]
    assert len(ids) == 5
    assert all({"id", "title", "source"} <= set(article) for article in data["articles"])
    stake = [
        f
        for f in data["facts"]
        if f["class"] == "figure" and f["kind"] == "percent" and f["value"] == 49.0
    ]
    assert len(stake) == 1 and len(stake[0]["mentions"]) == 4
    assert set(stake[0]["mentions"]) <= set(ids)
    wang = [f for f in data["facts"] if f["class"] == "name" and "Wang" in f["label"]]
    assert [f["label"] for f in wang] == ["Alexandr Wang"]
    topics = {d["topic"]: d for d in data["disagreements"]}
    assert {"investment", "valuation"} <= set(topics)
    texts = {value["text"] for value in topics["valuation"]["values"]}
    assert texts == {"$14 billion", "$7.3 billion"}
    for value in topics["investment"]["values"]:
        assert set(value) >= {"value", "text", "articles"}
        assert set(value["articles"]) <= set(ids)


def test_plain_listing_on_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "facts")
    assert status == 0
    assert out.startswith("Articles (5)\n")
    disagreements = out.split("Disagreements (2)\n")[1].split("\n\n")[0]
    assert "investment (money)" in disagreements
    assert "$14.3 billion" in disagreements and "$7.3 billion" in disagreements
    wang = [line for line in out.splitlines() if "Alexandr Wang" in line and "name/" in line]
    assert len(wang) == 1 and wang[0].split()[0] == "5/5"
    stake = [line for line in out.splitlines() if " 49% " in line]
    assert len(stake) == 1 and stake[0].split()[0] == "4/5"


def test_limit_caps_and_says_so_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "facts", "--json", "--limit", "2")
    assert status == 0
    data = json.loads(out)
    assert len(data["articles"]) == 2
    assert "covering the first 2 of 5 articles" in err
    assert run(capsys, "facts", "--limit", "-1")[0] == 2


def test_nothing_loaded_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "facts", str(tmp_path))
    assert status == 1 and "no articles" in err


def test_an_untrusted_title_is_printed_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path, "a.txt", "[bold]Orbix[/bold] buys Zentro\n\nOrbix paid $5 billion.\n")
    status, out, _ = run(capsys, "facts", str(tmp_path))
    assert status == 0 and "[bold]Orbix[/bold] buys Zentro" in out


def test_facts_does_not_import_textual() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from reader.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['facts'])\n"
        "    main(['facts', '--json'])\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.stdout.strip() == "False", result.stderr
