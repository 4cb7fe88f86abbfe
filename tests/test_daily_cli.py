"""Issue 18, command line: a misspelt verb, what compare misses, extract by id, one name for
the length sort, plurals, and search scores that mean something."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write

from reader.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_misspelt_verb_suggests_the_verb(capsys) -> None:
    code, out, err = run(capsys, "shwo", "002")
    assert code == 2 and out == ""
    assert "did you mean show?" in err
    assert "no such file" not in err


def test_an_existing_path_wins_over_a_verb_it_looks_like(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "shwo/a.txt", "A title\n\nSome text here.\n")
    monkeypatch.chdir(tmp_path)
    import importlib

    cli_main = importlib.import_module("reader.cli.main")

    opened: list[list[str]] = []
    monkeypatch.setattr(cli_main, "run_ui", lambda args: opened.append(args.paths) or 0)
    code = cli_main.main(["shwo"])
    assert code == 0 and opened == [["shwo"]]
    assert "did you mean" not in capsys.readouterr().err


def test_compare_names_only_what_is_missing(capsys) -> None:
    code, _, err = run(capsys, "compare", "002")
    assert code == 2
    assert "required: B" in err
    assert "PATH" not in err.splitlines()[-1]


def test_extract_takes_an_article_id(capsys) -> None:
    code, out, err = run(capsys, "extract", "002", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [row["id"][:3] for row in rows] == ["002"]
    assert rows[0]["spans"]


def test_extract_with_an_unknown_id_says_so(capsys) -> None:
    code, _, err = run(capsys, "extract", "no-such-article")
    assert code == 2 and "no such file or folder" in err


@pytest.mark.parametrize("name", ["length", "words"])
def test_length_sort_has_one_name_and_an_alias(capsys, name: str) -> None:
    code, out, _ = run(capsys, "list", "--json", "--sort", name)
    words = [row["words"] for row in json.loads(out)]
    assert code == 0 and words == sorted(words, reverse=True)


def test_list_help_names_the_sort_as_the_ui_does(capsys) -> None:
    assert main(["list", "--help"]) == 0
    out = capsys.readouterr().out
    assert "length" in out


def test_one_article_is_singular(capsys, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path, "one.txt", "Only one\n\nA single article in this folder.\n")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, _ = run(capsys, "list", str(tmp_path))
    assert code == 0
    assert "1 article" in out and "1 articles" not in out


def test_search_scores_are_never_a_column_of_zeros(capsys, tmp_path: Path) -> None:
    # A fresh index over the seeds: bm25 there is tiny for words most articles share.
    index = str(tmp_path / "index.db")
    code, out, _ = run(capsys, "search", "wartime", "--index", index)
    assert code == 0
    scores = [line.split()[0] for line in out.splitlines()]
    assert scores and all(score.isdigit() for score in scores)
    assert "100" in scores and "0.00" not in out
    code, out, _ = run(capsys, "search", "wartime", "--index", index, "--json")
    hits = json.loads(out)
    assert hits[0]["score"] == 100
    assert all(0 <= hit["score"] <= 100 for hit in hits)
