"""`reader stories`: the articles grouped into stories, as text and as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from stories_support import ARTICLES, add_earlier_flood, corpus

from reader.cli.main import main

ECBPLUS = next(
    (
        base / "shared" / "datasets" / "ecbplus-dev"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "datasets" / "ecbplus-dev").is_dir()
    ),
    REPO.parent / "shared" / "datasets" / "ecbplus-dev",
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_lists_each_story_once_biggest_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "stories", "--json", str(corpus(tmp_path)))
    assert status == 0
    stories = json.loads(out)["stories"]
    groups = sorted(sorted(a["id"] for a in story["articles"]) for story in stories)
    assert groups == [
        ["flood-courier", "flood-herald", "flood-wire"],
        ["gallery"],
        ["quake-post", "quake-times"],
    ]
    flood = stories[0]
    assert flood["size"] == 3
    assert sorted(flood["sources"]) == ["National Courier", "Valley Herald", "Wire Service"]
    assert flood["first"].startswith("2024-03-14") and flood["last"].startswith("2024-03-15")
    assert {"id", "path", "title", "source", "published"} == set(flood["articles"][0])
    assert [sorted(pair) for pair in flood["duplicates"]] == [["flood-herald", "flood-wire"]]
    # Of the two stories of two articles or more, the bigger comes first; singles last.
    assert [story["size"] for story in stories] == [3, 2, 1]


def test_min_sources_hides_stories_told_by_fewer_outlets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "stories", "--json", "--min-sources", "3", str(corpus(tmp_path)))
    assert status == 0
    stories = json.loads(out)["stories"]
    assert [story["size"] for story in stories] == [3]


def test_text_listing_shows_counts_dates_and_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "stories", str(corpus(tmp_path)))
    assert status == 0
    assert out.startswith("Stories (3)")
    assert "3 articles, 3 sources · 2024-03-14 – 2024-03-15" in out
    assert "2 articles, 2 sources · 2021-08-02 – 2021-08-03" in out
    assert "1 article, 1 source · 2022-05-20 · Arts Weekly" in out
    # The flood is listed before the quake, and every article appears under its story.
    assert out.index("Dunmore") < out.index("Porvana")
    assert all(f"[{name.removesuffix('.md')}]" in out for name in ARTICLES)


def test_negative_min_sources_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "stories", "--min-sources", "-1", str(corpus(tmp_path)))
    assert status == 2 and "--min-sources" in err


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="../shared/datasets/ecbplus-dev is absent")
def test_ecbplus_stories_score_with_the_shared_scorer(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    done = subprocess.run(
        [sys.executable, "-m", "reader", "stories", "--json", str(ECBPLUS / "articles")],
        capture_output=True,
        text=True,
        check=True,
    )
    out.write_text(done.stdout, encoding="utf-8")
    ids = [a["id"] for story in json.loads(done.stdout)["stories"] for a in story["articles"]]
    assert len(ids) == len(set(ids)) == 462
    score = subprocess.run(
        [
            sys.executable,
            str(ECBPLUS.parents[1] / "tools" / "score_stories.py"),
            str(ECBPLUS / "gold.json"),
            str(out),
            "--min-f1",
            "0.92",
        ],
        capture_output=True,
        text=True,
    )
    assert score.returncode == 0, score.stdout


def story_map(capsys: pytest.CaptureFixture[str], folder: Path) -> dict[str, int]:
    status, out, _ = run(capsys, "stories", "--json", str(folder))
    assert status == 0
    return {a["id"]: s["id"] for s in json.loads(out)["stories"] for a in s["articles"]}


def test_facts_never_disputes_across_stories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = corpus(tmp_path)
    add_earlier_flood(folder)
    story_of = story_map(capsys, folder)
    assert story_of["flood-2019-herald"] != story_of["flood-herald"]
    status, out, _ = run(capsys, "facts", "--json", str(folder))
    assert status == 0
    disagreements = json.loads(out)["disagreements"]
    for disagreement in disagreements:
        ids = {a for value in disagreement["values"] for a in value["articles"]}
        assert len({story_of[a] for a in ids}) == 1, disagreement
        assert disagreement["story"] == story_of[next(iter(ids))]
    # Within the 2019 story, the two reports of the river's rise still disagree.
    texts = {v["text"] for d in disagreements for v in d["values"]}
    assert {"1.1 metres", "1.4 metres"} <= texts


def test_facts_story_covers_that_story_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = corpus(tmp_path)
    add_earlier_flood(folder)
    story_of = story_map(capsys, folder)
    flood = story_of["flood-herald"]
    status, out, _ = run(capsys, "facts", "--json", "--story", str(flood), str(folder))
    assert status == 0
    covered = {article["id"] for article in json.loads(out)["articles"]}
    assert covered == {key for key, story in story_of.items() if story == flood}
    status, _, err = run(capsys, "facts", "--story", "9999", str(folder))
    assert status == 2 and "9999" in err
