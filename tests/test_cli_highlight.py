"""`reader extract` and the highlighted `reader show`: output shapes, config, no Textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO

from reader.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def bodies(capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    articles = {}
    for article_id in ("000", "001", "002", "003", "004"):
        _, out, _ = run(capsys, "show", article_id, "--json")
        data = json.loads(out)
        articles[data["id"]] = data
    return articles


def test_extract_json_one_object_per_article(capsys) -> None:
    code, out, err = run(capsys, "extract", "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert len(rows) == 5
    assert all(set(row) == {"id", "path", "title", "spans"} for row in rows)
    articles = bodies(capsys)
    for row in rows:
        fields = {"title": row["title"], "body": articles[row["id"]]["body"]}
        for span in row["spans"]:
            assert set(span) == {"field", "start", "end", "text", "class", "kind", "value"}
            assert span["text"] == fields[span["field"]][span["start"] : span["end"]]


def test_extract_json_finds_the_story(capsys) -> None:
    _, out, _ = run(capsys, "extract", "--json")
    row = next(r for r in json.loads(out) if r["id"].startswith("002"))
    found = {(s["text"], s["class"], s["kind"]) for s in row["spans"]}
    assert ("$14 billion", "figure", "money") in found
    assert ("49%", "figure", "percent") in found
    assert ("Alexandr Wang", "name", "person") in found
    money = next(s for s in row["spans"] if s["text"] == "$14 billion")
    assert money["value"] == {"amount": 14_000_000_000, "currency": "USD"}
    wang = next(s for s in row["spans"] if s["text"] == "Wang")
    assert wang["value"] == "Alexandr Wang"


def test_extract_plain_listing(capsys) -> None:
    code, out, _ = run(capsys, "extract")
    assert code == 0 and "\x1b" not in out
    blocks = out.strip().split("\n\n")
    assert len(blocks) == 5
    assert '$14B  = {"amount": 14000000000, "currency": "USD"}' in out
    assert "  body   name/person       Alexandr Wang" in out


def test_extract_uses_declared_and_never_names(capsys, isolated_xdg) -> None:
    config = isolated_xdg / "xdg_config_home" / "reader" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(
        "names:\n  - {name: Scale AI, kind: product, aliases: [Scale]}\nnever: [Meta]\n",
        encoding="utf-8",
    )
    _, out, err = run(capsys, "extract", "--json")
    assert err == ""
    spans = [s for row in json.loads(out) for s in row["spans"]]
    assert not any(s["text"] == "Meta" for s in spans)
    scale = [s for s in spans if s["text"] in ("Scale AI", "Scale")]
    assert scale and all(s["kind"] == "product" and s["value"] == "Scale AI" for s in scale)


def test_extract_nothing_loaded(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "extract", str(tmp_path))
    assert code == 1 and "no articles" in err


def test_show_in_a_pipe_is_plain(capsys) -> None:
    code, out, _ = run(capsys, "show", "002")
    assert code == 0 and "\x1b" not in out and "names:" not in out


def test_show_on_a_terminal_is_highlighted_with_a_legend() -> None:
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "show", "002"],
        stdout=follower,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(leader)
    output = b"".join(chunks).decode("utf-8", "replace")
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    assert "\x1b[" in output
    assert "names:" in output and "figures:" in output
    assert "largest bet yet" in output


def test_extract_does_not_import_textual() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from reader.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['extract', '--json'])\n"
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
