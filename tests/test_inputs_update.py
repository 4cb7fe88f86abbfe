"""`update` and `add_pages` against a local server: new articles saved, every failure one line."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from inputs_support import (
    LocalServer,
    Reply,
    closed_port_url,
    fixture_bytes,
    gzip_bomb,
    has_markup_or_controls,
    news_page,
    rss,
)

from reader.inputs import Feed, Library
from reader.inputs.fetch import FetchSettings
from reader.inputs.library import read_front_matter
from reader.inputs.updating import Progress, add_pages, update

SETTINGS = FetchSettings(
    timeout=0.5,
    deadline=5.0,
    max_bytes=4 * 1024 * 1024,
    retries=1,
    backoff=0.01,
    max_retry_after=2.0,
    max_redirects=3,
    per_host=2,
    workers=4,
)
RSS = "application/rss+xml"
PARAGRAPHS = [
    "The old mill on the river reopened on Tuesday, eight months after flood water damaged it.",
    "Repairs cost £340,000, most of it raised by residents and a heritage grant, the manager said.",
    "Visitors can tour the mill from Thursday to Sunday; entry is free for children under 12.",
]


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def saved_texts(library: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(library.rglob("*.md"))}


def serve_fixture_feeds(server: LocalServer) -> list[Feed]:
    urls = [
        server.add_fixture("/rss2_content.xml", "rss2_content.xml", RSS),
        server.add_fixture("/atom.xml", "atom.xml", "application/atom+xml"),
        server.add_fixture("/rss1.rdf", "rss1.rdf", "application/rdf+xml"),
        server.add_fixture("/feed.json", "feed.json", "application/feed+json"),
        server.add_fixture("/rss2_summary.xml", "rss2_summary.xml", "text/xml"),
    ]
    server.add_fixture("/pages/mill-reopens.html", "news_page.html", "text/html; charset=utf-8")
    return [Feed(url) for url in urls]


def test_every_format_becomes_library_articles(server: LocalServer, tmp_path: Path) -> None:
    feeds = serve_fixture_feeds(server)
    events: list[Progress] = []
    report = update(feeds, tmp_path, settings=SETTINGS, progress=events.append)
    assert not report.cancelled
    # Each fixture's entries (the summary-only pages under /news/ are 404 on this server).
    folders = {p.parent.name for p in report.saved}
    assert {
        "the-harbour-gazette",
        "northern-ledger",
        "coastal-weekly",
        "plains-post",
        "valley-times",
    } <= folders
    mill = next(p for p in report.saved if "mill-reopens" in p.name)
    text = mill.read_text(encoding="utf-8")
    assert "£340,000" in text and "cookies" not in text  # the page's main text, not the summary
    assert (read_front_matter(mill) or {})["source"] == "Valley Times"  # the feed's title
    for path in report.saved:
        assert not has_markup_or_controls(path.read_text(encoding="utf-8"))
    lines = report.summary_lines()
    assert len(lines) == len(feeds)
    assert "Valley Times: 2 new" in lines
    # Linked pages that are 404 here: the entry is kept with its feed text, the page counted.
    assert "The Harbour Gazette: 2 new, 2 pages failed" in lines
    assert events and events[-1].done == events[-1].total
    assert sum(1 for event in events if event.saved) == len(report.saved)


def test_summary_only_entries_get_their_page_text(server: LocalServer, tmp_path: Path) -> None:
    items = [(f"Story {i}", f"/p/{i}.html", "Short summary.") for i in range(3)]
    url = server.add("/feed", Reply(rss("Local Daily", items, server.base), content_type=RSS))
    for i in range(3):
        server.add(f"/p/{i}.html", Reply(news_page(f"Story {i}", PARAGRAPHS)))
    report = update([Feed(url, "Daily")], tmp_path, settings=SETTINGS)
    assert report.summary_lines() == ["Daily: 3 new"] and report.problems == []
    for path in report.saved:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert "heritage grant" in body and "Short summary" not in body
        assert "Most read" not in body and "First!" not in body


def test_a_second_update_fetches_nothing_again(server: LocalServer, tmp_path: Path) -> None:
    items = [(f"Story {i}", f"/p/{i}.html", "Short summary.") for i in range(2)]
    url = server.add("/feed", Reply(rss("Daily", items, server.base), content_type=RSS))
    for i in range(2):
        server.add(f"/p/{i}.html", Reply(news_page(f"Story {i}", PARAGRAPHS)))
    update([Feed(url)], tmp_path, settings=SETTINGS)
    report = update([Feed(url)], tmp_path, settings=SETTINGS)
    assert report.saved == [] and report.summary_lines() == ["Daily: 0 new"]
    assert server.hits["/p/0.html"] == 1 and server.hits["/feed"] == 2
    assert len(saved_texts(tmp_path)) == 2


def test_etag_and_304(server: LocalServer, tmp_path: Path) -> None:
    body = rss("Cached", [("One", "/one", "Text " * 300)], server.base)

    def conditional(info: object) -> Reply:
        if info.headers.get("if-none-match") == '"v1"':  # type: ignore[attr-defined]
            return Reply(status=304, content_type=None)
        return Reply(body, content_type=RSS, headers={"ETag": '"v1"'})

    url = server.add("/cached", conditional)
    assert update([Feed(url)], tmp_path, settings=SETTINGS).summary_lines() == ["Cached: 1 new"]
    again = update([Feed(url)], tmp_path, settings=SETTINGS)
    assert again.summary_lines() == ["Cached: not changed"] and again.problems == []
    # The state lives in the library folder, not beside the articles.
    assert (tmp_path / ".reader" / "feeds.json").is_file()


def test_the_same_entry_in_two_feeds_is_saved_once(server: LocalServer, tmp_path: Path) -> None:
    shared = ("Shared story", "/shared", "Full text " * 200)
    first = server.add("/a", Reply(rss("A", [shared], server.base), content_type=RSS))
    second = server.add("/b", Reply(rss("B", [shared], server.base), content_type=RSS))
    report = update([Feed(first), Feed(second)], tmp_path, settings=SETTINGS)
    assert len(report.saved) == 1
    assert sorted(report.summary_lines()) in (["A: 0 new", "B: 1 new"], ["A: 1 new", "B: 0 new"])


def test_every_failure_is_one_line_and_the_rest_continue(
    server: LocalServer, tmp_path: Path
) -> None:
    good = server.add(
        "/good",
        Reply(rss("Good", [("Fine", "/fine", "Body " * 300)], server.base), content_type=RSS),
    )
    server.add("/loop", Reply(status=302, headers={"Location": "/loop"}))
    failing = {
        "unreachable": closed_port_url(),
        "dns": "http://no-such-host.invalid/feed.xml",
        "404": server.url("/missing"),
        "500": server.add("/500", Reply(b"boom", status=500)),
        "timeout": server.add("/slow", Reply(b"", delay=2.0)),
        "loop": server.url("/loop"),
        "not-html": server.add(
            "/png", Reply(b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png")
        ),
        "invalid-xml": server.add(
            "/bad.xml", Reply(b"<rss><channel><title>x</ti", content_type=RSS)
        ),
        "error-page": server.add("/err", Reply(fixture_bytes("error_page.html"), content_type=RSS)),
        "bomb": server.add(
            "/bomb", Reply(gzip_bomb(64), content_type=RSS, headers={"Content-Encoding": "gzip"})
        ),
        "oversize": server.add(
            "/huge", Reply(b"<rss>" + b" " * (6 * 1024 * 1024), content_type=RSS)
        ),
    }
    feeds = [Feed(good, "Good")] + [Feed(url, name) for name, url in failing.items()]
    report = update(feeds, tmp_path, settings=SETTINGS)
    assert len(report.saved) == 1
    lines = dict(line.split(": ", 1) for line in report.summary_lines())
    assert lines.pop("Good") == "1 new"
    assert set(lines.values()) == {"failed"}
    failed_urls = [p.where for p in report.problems]
    assert sorted(failed_urls) == sorted(failing.values())  # one line each
    for line in report.problem_lines():
        assert "\n" not in line


def test_a_page_that_fails_is_counted_and_retried_next_time(
    server: LocalServer, tmp_path: Path
) -> None:
    items = [("Good", "/p/good.html", "Summary."), ("Gone", "/p/gone.html", "Summary.")]
    url = server.add(
        "/feed",
        Reply(rss("Daily", items, server.base), content_type=RSS, headers={"ETag": '"same"'}),
    )
    server.add("/p/good.html", Reply(news_page("Good", PARAGRAPHS)))
    server.add("/p/gone.html", Reply(b"busy", status=503))
    report = update([Feed(url)], tmp_path, settings=SETTINGS)
    assert report.summary_lines() == ["Daily: 1 new, 1 page failed"]
    assert [p.where for p in report.problems] == [server.url("/p/gone.html")]
    server.add("/p/gone.html", Reply(news_page("Gone", PARAGRAPHS)))
    again = update([Feed(url)], tmp_path, settings=SETTINGS)
    assert again.summary_lines() == ["Daily: 1 new"]


def test_a_linked_page_that_is_not_html_keeps_the_summary(
    server: LocalServer, tmp_path: Path
) -> None:
    url = server.add(
        "/feed",
        Reply(rss("Docs", [("Report", "/r.pdf", "The summary.")], server.base), content_type=RSS),
    )
    server.add("/r.pdf", Reply(b"%PDF-1.7\x00\x01", content_type="application/pdf"))
    report = update([Feed(url)], tmp_path, settings=SETTINGS)
    assert report.summary_lines() == ["Docs: 1 new, 1 page failed"]
    assert "The summary." in report.saved[0].read_text(encoding="utf-8")


def test_entries_without_link_or_date_are_saved_once(server: LocalServer, tmp_path: Path) -> None:
    url = server.add_fixture("/summary.xml", "rss2_summary.xml", RSS)
    server.add_fixture("/pages/mill-reopens.html", "news_page.html", "text/html")
    update([Feed(url)], tmp_path, settings=SETTINGS)
    again = update([Feed(url)], tmp_path, settings=SETTINGS)
    assert again.saved == []
    assert len(saved_texts(tmp_path)) == 2


def test_a_feed_with_ten_thousand_entries(server: LocalServer, tmp_path: Path) -> None:
    items = [
        (f"Entry {i}", f"/e/{i}", f"Entry number {i}. " + "Body text. " * 100)
        for i in range(10_000)
    ]
    url = server.add("/big", Reply(rss("Big", items, server.base), content_type=RSS))
    settings = FetchSettings(timeout=5.0, max_bytes=32 * 1024 * 1024, retries=0)
    report = update([Feed(url)], tmp_path, settings=settings)
    assert report.summary_lines() == ["Big: 10000 new"]
    assert len(list(Library(tmp_path).articles())) == 10_000


def test_429_then_success_during_an_update(server: LocalServer, tmp_path: Path) -> None:
    calls: list[int] = []

    def limited(_info: object) -> Reply:
        calls.append(1)
        if len(calls) == 1:
            return Reply(status=429, headers={"Retry-After": "1"})
        return Reply(
            rss("Limited", [("One", "/one", "Body " * 300)], server.base), content_type=RSS
        )

    report = update([Feed(server.add("/feed", limited))], tmp_path, settings=SETTINGS)
    assert report.summary_lines() == ["Limited: 1 new"] and report.problems == []


def test_cancel_stops_an_update_and_leaves_whole_files(server: LocalServer, tmp_path: Path) -> None:
    items = [(f"S{i}", f"/p/{i}.html", "Summary.") for i in range(20)]
    url = server.add("/feed", Reply(rss("Slow", items, server.base), content_type=RSS))
    for i in range(20):
        server.add(f"/p/{i}.html", Reply(news_page(f"S{i}", PARAGRAPHS), delay=0.1))
    cancel = threading.Event()

    def stop_after_first(event: Progress) -> None:
        if event.saved:
            cancel.set()

    report = update(
        [Feed(url)], tmp_path, settings=SETTINGS, progress=stop_after_first, cancel=cancel
    )
    assert report.cancelled
    assert 1 <= len(report.saved) < 20
    for text in saved_texts(tmp_path).values():
        assert text.startswith("---\n") and text.endswith("\n")
    assert not list(tmp_path.rglob("*.tmp"))
    # The feed's pages were not all taken: the next update fetches it in full and finishes.
    rest = update([Feed(url)], tmp_path, settings=SETTINGS)
    assert len(report.saved) + len(rest.saved) == 20


def test_add_pages_saves_single_pages(server: LocalServer, tmp_path: Path) -> None:
    page = server.add("/story.html", Reply(news_page("A story", PARAGRAPHS, site="Daily Bugle")))
    report = add_pages([page, server.url("/missing"), "not a url"], tmp_path, settings=SETTINGS)
    (saved,) = report.saved
    assert saved.parent.name == "daily-bugle"
    assert (read_front_matter(saved) or {})["title"] == "A story"
    assert sorted(p.where for p in report.problems) == sorted([server.url("/missing"), "not a url"])
    again = add_pages([page], tmp_path, settings=SETTINGS)
    assert again.saved == [] and again.problems == [] and server.hits["/story.html"] == 1


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("latin1_nocharset.xml", RSS), ("latin1_declared_utf8.xml", f"{RSS}; charset=utf-8")],
)
def test_a_feed_with_a_wrong_or_missing_charset(
    server: LocalServer, tmp_path: Path, name: str, content_type: str
) -> None:
    url = server.add("/feed", Reply(fixture_bytes(name), content_type=content_type))
    report = update([Feed(url)], tmp_path, settings=SETTINGS, page_min_chars=0)
    (path,) = report.saved
    text = path.read_text(encoding="utf-8")
    assert "é" in text and "\ufffd" not in text and "Ã" not in text


def test_a_bug_on_one_feed_and_a_broken_link_do_not_stop_the_others(
    server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.inputs.updating as update_module

    real = update_module.parse_feed

    def crashes_on_one(data: bytes, where: str, **options: object) -> object:
        if where.endswith("/crash"):
            raise RuntimeError("parser bug")
        return real(data, where, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(update_module, "parse_feed", crashes_on_one)
    body = rss("Fine", [("Broken link", "", "Summary.")], "http://[broken")
    good = server.add("/good", Reply(body, content_type=RSS))
    crash = server.add("/crash", Reply(body, content_type=RSS))
    report = update([Feed(good), Feed(crash)], tmp_path, settings=SETTINGS)
    lines = sorted(report.summary_lines())
    assert lines[0] == "Fine: 1 new"  # the link cannot be fetched: the entry kept without it
    assert (read_front_matter(report.saved[0]) or {}).get("url") is None
    assert lines[1].endswith("/crash: failed")
    assert [p.where for p in report.problems] == [crash]


def test_a_killed_update_leaves_only_whole_articles(server: LocalServer, tmp_path: Path) -> None:
    import subprocess
    import sys
    import textwrap

    items = [(f"S{i}", f"/p/{i}.html", "Summary.") for i in range(40)]
    url = server.add("/feed", Reply(rss("Slow", items, server.base), content_type=RSS))
    for i in range(40):
        server.add(f"/p/{i}.html", Reply(news_page(f"S{i}", PARAGRAPHS * 50), delay=0.05))
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from reader.inputs import Feed, update
        def tell(event):
            if event.saved:
                print("saved", flush=True)
        update([Feed({url!r})], Path({str(tmp_path)!r}), progress=tell)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert child.stdout is not None
    for _ in range(3):
        assert child.stdout.readline().strip() == b"saved"
    child.kill()
    child.wait()
    files = list(tmp_path.rglob("*.md"))
    assert 3 <= len(files) < 40
    for path in files:
        meta = read_front_matter(path)
        assert meta is not None and meta["title"].startswith("S")
        assert path.read_text(encoding="utf-8").endswith("children under 12.\n")
    # What the killed run saved is known; the next update saves the rest, once.
    report = update([Feed(url)], tmp_path, settings=SETTINGS)
    assert len(files) + len(report.saved) == 40
