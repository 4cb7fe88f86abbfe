"""`reader stories` on a warm cache: the stored listing answers without loading an article,
and only while it is the listing of the files as they are now."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from stories_support import add, corpus

import reader.analysis
from reader.cli.main import main
from reader.corpus import Corpus
from reader.index.articles import LoadingIndex


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def refuse(what: str) -> Any:
    def refusing(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"{what} on a warm cache")

    return refusing


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(LoadingIndex, "load", refuse("the articles were loaded"))
    monkeypatch.setattr(reader.analysis, "group", refuse("the corpus was grouped"))


def test_warm_run_prints_what_the_cold_run_printed_without_loading_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = str(corpus(tmp_path / "news"))
    cold_text = run(capsys, "stories", folder)
    cold_json = run(capsys, "stories", "--json", folder)
    cold_some = run(capsys, "stories", "--min-sources", "2", folder)
    no_loading(monkeypatch)
    assert run(capsys, "stories", folder) == cold_text
    assert run(capsys, "stories", "--json", folder) == cold_json
    assert run(capsys, "stories", "--min-sources", "2", folder) == cold_some
    assert "(duplicate)" in cold_text and "Stories (2 of 3)" in cold_some


def test_warm_run_sees_changed_added_and_removed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = corpus(tmp_path / "news")
    run(capsys, "stories", str(folder))
    add(folder, "gallery.md", "Arts Weekly", "2022-05-20", "Glass museum opens its doors", "")
    add(
        folder,
        "harbour.md",
        "Coast Times",
        "2023-01-09",
        "Harbour dredging starts in Porvana",
        "Dredging of the Porvana harbour began on Monday and will take eight months.",
    )
    (folder / "quake-post.md").unlink()
    out = run(capsys, "stories", str(folder))
    assert "Glass museum opens its doors" in out
    assert "Harbour dredging starts in Porvana  [harbour]" in out
    assert "[quake-post]" not in out and "[quake-times]" in out
    # And the next run, warm again, says the same.
    assert run(capsys, "stories", str(folder)) == out


def paths_by_id(out: str) -> dict[str, str]:
    return {
        article["id"]: article["path"]
        for story in json.loads(out)["stories"]
        for article in story["articles"]
    }


def loaded_paths(roots: list[str]) -> dict[str, str]:
    return {article.id: str(article.path) for article in Corpus.load(roots).articles}


def test_paths_are_the_ones_this_run_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus(tmp_path / "news")
    run(capsys, "stories", "--json", str(tmp_path / "news"))
    monkeypatch.chdir(tmp_path)
    no_loading(monkeypatch)
    assert paths_by_id(run(capsys, "stories", "--json", "news")) == loaded_paths(["news"])


def test_two_roots_named_in_either_order_give_the_ids_a_load_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two folders of one name: their ids get the folder's name, and the same file name in
    # both gets "~2" in the one named second.
    first, second = corpus(tmp_path / "a" / "news"), tmp_path / "b" / "news"
    second.mkdir(parents=True)
    shutil.copy(first / "gallery.md", second / "gallery.md")
    for roots in ([str(first), str(second)], [str(second), str(first)]):
        out = run(capsys, "stories", "--json", *roots)
        assert paths_by_id(out) == loaded_paths(roots)


def test_a_cache_from_before_story_rows_keeps_its_articles_and_groups_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, index = str(corpus(tmp_path / "news")), str(tmp_path / "index.db")
    cold = run(capsys, "stories", folder, "--index", index)
    db = sqlite3.connect(index, isolation_level=None)
    (files,) = db.execute("SELECT group_concat(id) FROM files").fetchone()
    # The story tables as caches before story rows have them: the whole grouping in one row.
    db.executescript(
        "BEGIN; DROP TABLE stories; DROP TABLE story_articles; DROP TABLE story_terms;"
        "DROP TABLE story_rows;"
        "CREATE TABLE stories(scope TEXT PRIMARY KEY, state TEXT NOT NULL, rows TEXT NOT NULL,"
        " listing TEXT);"
        "CREATE TABLE printed(scope TEXT PRIMARY KEY, data BLOB NOT NULL);"
        "INSERT INTO stories VALUES('x', 'reader-story-index 2', '[]', NULL); COMMIT;"
    )
    db.close()
    assert run(capsys, "stories", folder, "--index", index) == cold
    db = sqlite3.connect(index)
    # The articles were kept (not indexed again), the stories grouped again and stored.
    assert db.execute("SELECT group_concat(id) FROM files").fetchone() == (files,)
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'printed'").fetchone() is None
    (count,) = db.execute("SELECT COUNT(*) FROM story_rows").fetchone()
    db.close()
    assert count == cold.count("[story ")


def test_a_warm_run_imports_neither_the_grouping_nor_textual(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, index = str(corpus(tmp_path / "news")), str(tmp_path / "index.db")
    cold = run(capsys, "stories", folder, "--index", index)
    script = (
        "import sys, io, contextlib\n"
        "from reader.cli.main import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    assert main(['stories', {folder!r}, '--index', {index!r}]) == 0\n"
        "heavy = [m for m in ('reader.analysis.stories', 'textual') if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)\n"
        "sys.stdout.write(out.getvalue())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]" and result.stdout == cold
