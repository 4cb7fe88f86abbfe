"""`reader feeds`, `reader update`, `reader add`, the library as the default, and input files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import write
from inputs_support import LocalServer, Reply, closed_port_url, fixture_bytes, news_page, rss

from reader.cli.main import main

RSS = "application/rss+xml"
PARAGRAPHS = [
    "The old mill on the river reopened on Tuesday, eight months after flood water damaged it.",
    "Repairs cost 340,000 pounds, most of it raised by residents and a grant, the manager said.",
    "Visitors can tour the mill from Thursday to Sunday; entry is free for children under 12.",
]


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """`reader update` retries as often as it does, but 10 ms apart rather than 1 s then 2 s
    (test_inputs_fetch.py tests retries with the same small backoff): the waits cost this
    file 6 s a run, and what it tests is the command, not the spacing of retries."""
    from functools import partial

    from reader.inputs import updating
    from reader.inputs.fetch import FetchSettings

    monkeypatch.setattr(updating, "FetchSettings", partial(FetchSettings, backoff=0.01))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_feeds_add_list_remove_export_import(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    assert run(capsys, "feeds", "add", "https://a.test/feed.xml", "--name", "Alpha")[0] == 0
    assert run(capsys, "feeds", "add", "https://b.test/rss")[0] == 0
    code, _, err = run(capsys, "feeds", "add", "https://b.test/rss")
    assert code == 1 and "already" in err
    code, out, _ = run(capsys, "feeds", "list", "--json")
    assert json.loads(out) == [
        {"url": "https://a.test/feed.xml", "name": "Alpha"},
        {"url": "https://b.test/rss", "name": None},
    ]
    code, opml, _ = run(capsys, "feeds", "export")
    assert code == 0 and "https://a.test/feed.xml" in opml
    assert run(capsys, "feeds", "remove", "https://a.test/feed.xml")[0] == 0
    code, out, _ = run(capsys, "feeds", "list")
    assert out.split() == ["https://b.test/rss"]
    assert run(capsys, "feeds", "remove", "https://nowhere.test/")[0] == 1
    (tmp_path / "feeds.opml").write_text(opml, encoding="utf-8")
    code, out, _ = run(capsys, "feeds", "import", str(tmp_path / "feeds.opml"))
    assert code == 0 and "1 feeds added" in out
    code, out, _ = run(capsys, "feeds", "list", "--json")
    assert {feed["url"] for feed in json.loads(out)} == {
        "https://a.test/feed.xml",
        "https://b.test/rss",
    }


def test_update_fills_the_library_which_becomes_the_default(
    capsys,
    server: LocalServer,
    tmp_path: Path,  # noqa: ANN001
    quick_retries: None,
) -> None:
    items = [(f"Mill story {n}", f"/pages/{n}.html", "Short summary.") for n in range(3)]
    feed = server.add("/feed.xml", Reply(rss("Valley Times", items, server.base), content_type=RSS))
    for n in range(3):
        server.add(
            f"/pages/{n}.html",
            Reply(news_page(f"Mill story {n}", PARAGRAPHS), content_type="text/html"),
        )
    broken = server.add("/broken.xml", Reply(b"Server error", 500, "text/plain"))
    unreachable = closed_port_url() + "/feed.xml"
    for url in (feed, broken, unreachable):
        assert run(capsys, "feeds", "add", url)[0] == 0
    library = tmp_path / "library"
    code, out, err = run(capsys, "update", "--library", str(library))
    assert code == 0
    assert "Valley Times: 3 new" in out.splitlines()
    assert len(out.splitlines()) == 3  # one summary line per feed
    problems = err.splitlines()
    assert sum(line.startswith(broken) for line in problems) == 1
    assert sum(line.startswith(unreachable) for line in problems) == 1
    # Again: nothing new, nothing fetched twice.
    code, out, _ = run(capsys, "update", "--library", str(library), "--json")
    report = json.loads(out)
    assert code == 0 and report["saved"] == []
    # Without PATH, the verbs read the library.
    code, out, _ = run(capsys, "list", "--json", "--library", str(library))
    titles = sorted(row["title"] for row in json.loads(out))
    assert titles == ["Mill story 0", "Mill story 1", "Mill story 2"]
    code, out, _ = run(capsys, "show", "Mill story 1", "--library", str(library), "--json")
    assert code == 0 and "eight months" in json.loads(out)["body"]


def test_update_without_feeds_says_how_to_add_one(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    code, _, err = run(capsys, "update", "--library", str(tmp_path / "library"))
    assert code == 1 and "reader feeds add" in err


def test_add_saves_pages_and_reports_failures(
    capsys,
    server: LocalServer,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    page = server.add(
        "/story.html", Reply(news_page("Mill reopens", PARAGRAPHS), content_type="text/html")
    )
    missing = server.add("/gone.html", Reply(b"no", 404))
    library = tmp_path / "library"
    code, out, err = run(capsys, "add", page, missing, "--library", str(library))
    assert code == 0
    assert len(list(library.rglob("*.md"))) == 1
    assert [line for line in err.splitlines() if line.startswith(missing)] != []
    code, _, err = run(capsys, "add", missing, "--library", str(library))
    assert code == 1
    # A page already saved is said so, and not saved twice.
    code, out, _ = run(capsys, "add", page, "--library", str(library))
    assert code == 0 and page in out and "already" in out
    assert len(list(library.rglob("*.md"))) == 1


def test_without_a_library_the_seeds_are_read(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "list", "--json", "--library", str(tmp_path / "empty"))
    assert code == 0 and len(json.loads(out)) > 0


def test_an_article_argument_may_be_a_file_path(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    a = write(tmp_path, "one/a.md", "# First story\n\nThe council met on Monday.\n")
    b = write(tmp_path, "two/b.txt", "Second story\n\nThe council met on Tuesday.\n")
    code, out, _ = run(capsys, "show", str(a), "--json")
    assert code == 0 and json.loads(out)["title"] == "First story"
    code, out, _ = run(capsys, "compare", str(a), str(b), "--json")
    assert code == 0


def test_input_files_on_the_command_line(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    feed = write(tmp_path, "feed.rss", fixture_bytes("rss2_content.xml"))
    code, out, _ = run(capsys, "list", "--json", str(feed))
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 2
    assert all(not row["title"].startswith("<") for row in rows)
    pdf = write(tmp_path, "report.pdf", b"%PDF-1.4")
    code, _, err = run(capsys, "list", str(pdf))
    assert code == 1
    assert f"{pdf}: not an article file (.pdf)" in err
