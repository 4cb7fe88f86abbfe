"""The UI's feed keys: `R` updates in the background into the list, `O` opens, `y` copies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import write
from inputs_support import LocalServer, Reply, news_page, rss
from ui_support import fake_highlighter

from reader.config import Config, config_path
from reader.index import open_corpus
from reader.inputs import add_feed
from reader.ui.app import ReaderApp

PARAGRAPHS = [
    "The old mill on the river reopened on Tuesday, eight months after flood water damaged it.",
    "Visitors can tour the mill from Thursday to Sunday; entry is free for children under 12.",
]


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def library_app(tmp_path: Path) -> tuple[ReaderApp, Path]:
    library = tmp_path / "library"
    write(
        library,
        "Old Post/first.md",
        "---\ntitle: Already here\nurl: https://a.test/x\n---\n\nOld.\n",
    )
    corpus = open_corpus([library], index_path=tmp_path / "index.db")
    app = ReaderApp(
        corpus, state_path=tmp_path / "state.db", config=Config(), highlighter=fake_highlighter({})
    )
    app.library_folder = library
    return app, library


async def test_r_updates_into_the_list(server: LocalServer, tmp_path: Path) -> None:
    items = [(f"Mill story {n}", f"/pages/{n}.html", "Short summary.") for n in range(3)]
    feed = server.add(
        "/feed.xml", Reply(rss("Valley Times", items, server.base), content_type="text/xml")
    )
    for n in range(3):
        server.add(f"/pages/{n}.html", Reply(news_page(f"Mill story {n}", PARAGRAPHS)))
    config_path().parent.mkdir(parents=True, exist_ok=True)
    add_feed(config_path(), feed)
    app, library = library_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        titles = sorted(article.title for article in app.library.table.articles)
        assert titles == ["Already here", "Mill story 0", "Mill story 1", "Mill story 2"]
        assert len(list(library.rglob("*.md"))) == 4
        assert app.library._activity is None  # the progress note is gone when it is done


async def test_r_without_feeds_says_how_to_add_one(tmp_path: Path) -> None:
    app, _ = library_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert any("reader feeds add" in str(n.message) for n in app._notifications)


async def test_o_opens_and_y_copies_the_url(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    app, _ = library_app(tmp_path)
    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("O", "y")
        await pilot.pause()
        assert opened == ["https://a.test/x"] and copied == ["https://a.test/x"]
        await pilot.press("enter")  # in the reader too
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert copied == ["https://a.test/x"] * 2
