"""`reader search` as a user runs it: ranked hits, JSON, exit codes, problems on stderr."""

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


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write(folder, "oil.txt", "Oil prices climb\n\nCrude rose for a third day as supply tightened.")
    write(folder, "rates.txt", "Rates on hold\n\nThe bank said oil was a worry for inflation.")
    write(folder, "chips.txt", "Chip plant opens\n\nA new factory for chips.")
    write(folder, "broken.md", "---\ntitle: never closed\nBody")
    return folder


def test_search_json_ranks_title_hits_first(capsys, news: Path, tmp_path: Path) -> None:
    index = str(tmp_path / "index.db")
    code, out, err = run(capsys, "search", "oil", str(news), "--json", "--index", index)
    assert code == 0
    rows = json.loads(out)
    assert [row["title"] for row in rows] == ["Oil prices climb", "Rates on hold"]
    assert [row["rank"] for row in rows] == [1, 2]
    assert rows[0]["id"] == "oil" and rows[0]["score"] >= rows[1]["score"]
    assert {"path", "source", "published", "words", "snippet"} <= set(rows[0])
    assert "oil was a worry" in rows[1]["snippet"]
    assert "broken.md: front matter is not closed" in err


def test_problems_are_reported_on_a_warm_search_too(capsys, news: Path, tmp_path: Path) -> None:
    index = str(tmp_path / "index.db")
    run(capsys, "search", "oil", str(news), "--index", index)
    code, out, err = run(capsys, "search", "chip", str(news), "--index", index)
    assert code == 0
    assert "Chip plant opens" in out
    assert "broken.md: front matter is not closed" in err


def test_no_match_is_exit_1_and_an_empty_array(capsys, news: Path, tmp_path: Path) -> None:
    index = str(tmp_path / "index.db")
    code, out, _ = run(capsys, "search", "zeppelin", str(news), "--json", "--index", index)
    assert code == 1 and json.loads(out) == []
    code, out, _ = run(capsys, "search", '"*(-', str(news), "--index", index)
    assert code == 1 and out == ""


def test_plain_output_is_one_line_per_hit_with_the_id(capsys, news: Path, tmp_path: Path) -> None:
    index = str(tmp_path / "index.db")
    code, out, _ = run(capsys, "search", "oil", str(news), "--limit", "1", "--index", index)
    assert code == 0
    (line,) = out.splitlines()
    assert "Oil prices climb" in line and line.endswith("[oil]")


def test_search_defaults_to_the_seeds_and_the_xdg_cache(capsys, isolated_xdg: Path) -> None:
    code, out, _ = run(capsys, "search", "zuckerberg", "--json")
    assert code == 0 and len(json.loads(out)) >= 3
    assert (isolated_xdg / "xdg_cache_home" / "reader" / "index.db").is_file()


def test_search_does_not_import_textual(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from reader.cli.main import main\n"
        f"code = main(['search', 'meta', '--index', {str(tmp_path / 'i.db')!r}])\n"
        "assert code == 0, code\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
