"""The UI on the index cache: a warm start grows from its first page to every article, '/'
filters through full-text search, and files changed on disk show up after a warm start."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write
from ui_support import fake_highlighter

import reader.session as session_module
from reader.config import Config
from reader.index import IndexedCorpus, open_corpus
from reader.store import StateStore
from reader.ui.app import ReaderApp

SIZE = 12


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    for number in range(SIZE):
        write(
            folder,
            f"story{number:02d}.txt",
            f"Story number {number}\n\nMarch {number + 1}, 2024\n\nPlain words about item {number}.",
        )
    write(folder, "cafe.txt", "Café society\n\nJan 1, 2020\n\nThe CAFÉ on the corner.")
    return folder


def warm_corpus(folder: Path, tmp_path: Path, page: int = 3) -> IndexedCorpus:
    open_corpus([folder], index_path=tmp_path / "index.db").index.close()
    corpus = open_corpus(
        [folder], index_path=tmp_path / "index.db", refresh=None, search=False, first_page=page
    )
    assert not corpus.complete and len(corpus.articles) == page
    return corpus


def make_app(corpus: IndexedCorpus, tmp_path: Path) -> ReaderApp:
    return ReaderApp(
        corpus,
        state_path=tmp_path / "state.db",
        config=Config(),
        highlighter=fake_highlighter({}),
    )


async def settle(app: ReaderApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_warm_start_grows_to_every_article_and_keeps_the_last_opened(
    folder: Path, tmp_path: Path
) -> None:
    corpus = warm_corpus(folder, tmp_path)
    assert [a.title for a in corpus.articles] == [
        "Story number 11",
        "Story number 10",
        "Story number 9",
    ]
    store = StateStore.open(tmp_path / "state.db")
    store.set_last_opened("story02")  # not on the first page
    store.close()
    app = make_app(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.library.table
        assert corpus.complete
        assert len(table.articles) == SIZE + 1
        assert table.current_article.id == "story02"


async def test_filter_goes_through_the_full_text_index(folder: Path, tmp_path: Path) -> None:
    corpus = open_corpus([folder], index_path=tmp_path / "index.db")
    app = make_app(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"cafe")
        await settle(app, pilot)
        # Accents do not matter to the index ("cafe" finds "Café"), unlike a substring test.
        assert [a.title for a in app.library.visible_articles] == ["Café society"]
        await pilot.press("escape", "slash", *"item 10")
        await settle(app, pilot)
        # Whole words, the last as a prefix: "item 10" is not item 1 (nor "item 100...").
        assert [a.title for a in app.library.visible_articles] == ["Story number 10"]
        await pilot.press("escape", "slash", *"story numb")
        await settle(app, pilot)
        assert len(app.library.visible_articles) == SIZE


async def test_files_changed_since_the_cache_show_up(folder: Path, tmp_path: Path) -> None:
    corpus = warm_corpus(folder, tmp_path)
    write(folder, "story00.txt", "Story zero rewritten\n\nJan 2, 2024\n\nNew words.")
    write(folder, "fresh.txt", "A fresh story\n\nMay 1, 2024\n\nJust arrived.")
    write(folder, "broken.md", "---\ntitle: never closed\nBody")
    (folder / "story05.txt").unlink()
    notices: list[str] = []
    app = make_app(corpus, tmp_path)
    real_notify = app.notify
    app.notify = lambda message, **kwargs: (notices.append(message), real_notify(message, **kwargs))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        titles = {a.title for a in app.library.visible_articles}
        assert {"Story zero rewritten", "A fresh story"} <= titles
        assert "Story number 0" not in titles and "Story number 5" not in titles
        assert any("2 new, 1 changed, 1 removed" in notice for notice in notices)
        assert any("broken.md: front matter is not closed" in notice for notice in notices)


async def test_name_index_learns_from_the_newest_articles_only(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []

    def build(articles, names=(), never=(), should_stop=None):  # noqa: ANN001
        seen.append([article.id for article in articles])
        return None

    monkeypatch.setattr(session_module, "NAME_INDEX_MAX_ARTICLES", 4)
    monkeypatch.setattr(session_module.NameIndex, "build", build)
    corpus = warm_corpus(folder, tmp_path)
    app = ReaderApp(corpus, state_path=tmp_path / "state.db", config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
    assert seen == [["story11", "story10", "story09", "story08"]]


async def test_a_big_list_shows_a_first_page_then_every_match(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import reader.ui.screens.library as library_module

    # As with a big corpus: the filter runs in a worker and shows a first page at once.
    monkeypatch.setattr(library_module, "SYNC_LIMIT", 0)
    monkeypatch.setattr(library_module, "FIRST_PAGE_ROWS", 3)
    counted = threading.Event()
    counting = IndexedCorpus.filter_articles

    def slow_count(self, *args, **kwargs):  # the full count waits until the test says
        counted.wait(10)
        return counting(self, *args, **kwargs)

    monkeypatch.setattr(IndexedCorpus, "filter_articles", slow_count)
    corpus = open_corpus([folder], index_path=tmp_path / "index.db")
    app = make_app(corpus, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"plain")
        for _ in range(50):
            await pilot.pause(0.05)
            if len(app.library.visible_articles) == 3:
                break
        counts = str(app.library.query_one("#library-counts").render())
        assert "first 3 of 13 shown" in counts and "counting" in counts
        assert [a.title for a in app.library.visible_articles] == [
            "Story number 11",
            "Story number 10",
            "Story number 9",
        ]
        await pilot.press("tab", "down")  # from the filter box to the list, one row down
        assert app.library.current_article.title == "Story number 10"
        counted.set()
        await settle(app, pilot)
        assert len(app.library.visible_articles) == SIZE
        counts = str(app.library.query_one("#library-counts").render())
        assert "12 of 13 shown" in counts and "counting" not in counts
        # The rest arrived without moving the cursor off the row the user chose.
        assert app.library.current_article.title == "Story number 10"


async def test_with_a_big_list_background_work_waits_for_keys_to_pause(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.app as app_module

    # Every list counts as big here; keys come far more often than this pause.
    monkeypatch.setattr(app_module, "DEFER_WORK_FROM", 1)
    monkeypatch.setattr(app_module, "IDLE_BEFORE_WORK_S", 1.5)
    corpus = warm_corpus(folder, tmp_path)
    app = ReaderApp(corpus, state_path=tmp_path / "state.db", config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.library.table
        rows: list[int] = []
        # The user moves down the list while the rest of it loads.
        for _ in range(200):
            await pilot.press("down")
            await pilot.pause()
            rows.append(table.cursor)
            if corpus.complete and len(table.articles) == SIZE + 1 and len(rows) > 5:
                break
        assert len(table.articles) == SIZE + 1  # the whole list is there
        assert table.cursor > rows[0]  # and it answered the keys
        # What can wait has waited: the walk for changed files, the stories, the names.
        assert corpus.report is None
        assert not app.story_book.ready and app.name_index is None
        # Keys stop: all of it arrives.
        await pilot.pause(2.0)
        await settle(app, pilot)
        await settle(app, pilot)
        assert corpus.report is not None
        assert app.story_book.ready
        assert app.name_index is not None
        assert app.story_book.story_of(table.current_article.id) is not None
