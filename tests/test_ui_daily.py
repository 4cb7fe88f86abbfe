"""Issue 18 in the UI: views (unread, starred), mark all read and undo, the sort kept across
restarts, the problems screen and its announcements, keymap mistakes, and the coverage view
while names are still being learned."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import write
from ui_support import make_app, notices, seeds_corpus, static_text, table

from reader.config import Config
from reader.corpus import Corpus
from reader.session import Session
from reader.ui.app import ReaderApp
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.coverage import CoverageScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.problems import ProblemsScreen

# --- views -------------------------------------------------------------------------------


async def test_unread_only_view_and_back(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u", "down", "u")  # two read
        await pilot.press("U")
        assert len(app.library.visible_articles) == 3
        assert all(not app.store.is_read(a.id) for a in app.library.visible_articles)
        assert "unread only" in static_text(app, "#library-mode")
        await pilot.press("U")
        assert len(app.library.visible_articles) == 5
        assert "unread only" not in static_text(app, "#library-mode")


async def test_starred_only_view_says_so_when_empty(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("S")
        assert len(app.library.visible_articles) == 0
        assert "starred only" in static_text(app, "#library-mode")
        assert "No starred articles" in table(app).render_line(2).text
        await pilot.press("S", "down", "asterisk", "S")
        assert len(app.library.visible_articles) == 1
        assert app.store.is_starred(app.library.visible_articles[0].id)


async def test_views_from_the_palette(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("asterisk")
        await pilot.press("ctrl+p", *"starred only", "enter")
        await pilot.pause()
        assert app.library.view == "starred"
        assert len(app.library.visible_articles) == 1


async def test_mark_all_read_covers_the_list_as_shown_and_undoes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Verge", "enter")
        await pilot.pause()
        shown = {a.id for a in app.library.visible_articles}
        assert 0 < len(shown) < 5
        await pilot.press("A")
        assert app.store.read_ids() == shown
        assert any("z undoes" in notice for notice in notices(app))
        await pilot.press("z")
        assert app.store.read_ids() == frozenset()


async def test_sort_is_remembered_across_restarts(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o", "o")
        assert app.library.sort_key == "title"
    again = make_app(tmp_path)
    async with again.run_test(size=(120, 40)):
        assert again.library.sort_key == "title"
        assert "sort: title" in static_text(again, "#library-mode")


# --- problems ----------------------------------------------------------------------------


@pytest.fixture
def troubled(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write(folder, "good.txt", "A good article\n\nIt reads well and has nothing wrong.\n")
    write(folder, "old.txt", "An old article\n\nCaf\xe9 prices went up by 5%.\n".encode("cp1252"))
    write(folder, "empty.txt", "")
    write(folder, "bad.md", "---\n- a list, not a mapping\n---\nFront matter gone wrong\n\nText.\n")
    return folder


async def test_problems_screen_lists_and_opens(tmp_path: Path, troubled: Path) -> None:
    corpus = Corpus.load([troubled])
    app = make_app(tmp_path, corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        summary = static_text(app, "#problems-summary")
        assert "2 problems" in summary and "1 note" in summary
        paths = [str(p.path) for p in screen.problems]
        # Problems first; the encoding note last.
        assert paths[-1].endswith("old.txt")
        # The empty file did not load: Enter says so and stays.
        await pilot.press("home")
        first = screen.problems[0]
        assert screen.article_for(first) is None or first.path.name != "empty.txt"
        empty = next(i for i, p in enumerate(screen.problems) if p.path.name == "empty.txt")
        await pilot.press(*["down"] * empty, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert any("did not load" in notice for notice in notices(app))
        # The cp1252 file loaded: Enter opens it; h comes back to the problems.
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title == "An old article"
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_problems_from_the_palette(tmp_path: Path, troubled: Path) -> None:
    app = make_app(tmp_path, Corpus.load([troubled]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"Problems", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)


async def test_new_problems_are_announced_once(tmp_path: Path, troubled: Path) -> None:
    app = make_app(tmp_path, Corpus.load([troubled]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("could not be read" in notice for notice in notices(app))
        assert all("above reader" not in notice for notice in notices(app))
    again = make_app(tmp_path, Corpus.load([troubled]))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert notices(again) == []
    write(troubled, "empty2.txt", "")
    third = make_app(tmp_path, Corpus.load([troubled]))
    async with third.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("empty2.txt" in notice for notice in notices(third))
    # Another folder in between (one state file serves both) does not make them new again.
    other = tmp_path / "other"
    write(other, "blank.txt", "")
    write(other, "fine.txt", "Fine\n\nA fine article.\n")
    elsewhere = make_app(tmp_path, Corpus.load([other]))
    async with elsewhere.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("blank.txt" in notice for notice in notices(elsewhere))
    back = make_app(tmp_path, Corpus.load([troubled]))
    async with back.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert notices(back) == []


async def test_an_encoding_note_is_no_alarm(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write(folder, "old.txt", "An old article\n\nCaf\xe9 prices.\n".encode("cp1252"))
    corpus = Corpus.load([folder])
    assert [p.severity for p in corpus.problems] == ["note"]
    app = make_app(tmp_path, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert notices(app) == []


# --- keymap mistakes ---------------------------------------------------------------------


async def test_keymap_mistakes_are_reported_and_defaults_kept(tmp_path: Path) -> None:
    keymap = {"list.strar": "s", "list.sort": "ctrl+nosuchkey", "list.star": "j"}
    app = make_app(tmp_path, config=Config(keymap=keymap))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = notices(app)
        assert len(said) == 3 and all("\n" not in line for line in said)
        unknown = next(line for line in said if "list.strar" in line)
        assert "did you mean list.star?" in unknown
        assert any("list.sort" in line and "ctrl+nosuchkey" in line for line in said)
        conflict = next(line for line in said if "list.star:" in line)
        assert "list.down" in conflict
        # The defaults stay: j moves down, * stars, o sorts.
        await pilot.press("j")
        assert table(app).cursor == 1
        await pilot.press("asterisk")
        assert app.store.is_starred(table(app).current_article.id)
        await pilot.press("o")
        assert app.library.sort_key == "source"


async def test_a_key_moved_away_frees_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=Config(keymap={"list.down": "n", "list.star": "j"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert notices(app) == []
        await pilot.press("n", "j")
        assert table(app).cursor == 1
        assert app.store.is_starred(table(app).current_article.id)


# --- coverage while names are learnt ------------------------------------------------------


async def test_coverage_says_names_are_being_learnt_then_updates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    build = Session.build_name_index

    def slow_build(self: Session, should_stop=lambda: False):  # noqa: ANN001, ANN202
        release.wait(30)
        return build(self, should_stop)

    monkeypatch.setattr(Session, "build_name_index", slow_build)
    app = ReaderApp(seeds_corpus(), state_path=tmp_path / "state.db", config=Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("v")
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        for _ in range(200):
            await pilot.pause(0.02)
            if screen.coverage is not None:
                break
        assert "names: learning…" in static_text(app, "#coverage-summary")
        release.set()
        for _ in range(300):
            await pilot.pause(0.02)
            if not screen.learning_names:
                break
        await pilot.pause()
        assert app.name_index is not None
        assert "names: learning" not in static_text(app, "#coverage-summary")


# --- narrow terminals --------------------------------------------------------------------


async def test_coverage_header_never_cuts_the_hidden_count(tmp_path: Path) -> None:
    from reader.ui.widgets.matrix_view import MORE_RIGHT, CoverageMatrix

    app = ReaderApp(seeds_corpus(), state_path=tmp_path / "state.db", config=Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        widget = app.screen.query_one(CoverageMatrix)
        checked = 0
        # Every width a terminal might have: the header ends in the whole " N▶".
        for width in range(40, 160):
            geometry = widget._work_out_geometry(width)
            hidden = len(widget.columns) - geometry.visible.stop
            header = widget._render_header(width, geometry).text
            assert len(header) == width
            if hidden:
                checked += 1
                assert header.endswith(f" {hidden}{MORE_RIGHT}"), (width, header)
        assert checked > 10


@pytest.mark.parametrize("size", [(80, 24), (30, 8), (120, 40)])
async def test_list_footer_keeps_quit_and_help_and_whole_words(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = app.screen._compositor.render_strips()[-1].text
        assert "q Quit" in footer and "? Help" in footer
        assert "palettee" not in footer
        # Every shown key is whole: the last word is one of the known ones.
        assert footer.rstrip().endswith(("palette", "Help"))
        if size[0] >= 80:
            assert "^p palette" in footer and "Filter" in footer


async def test_help_shows_the_palette_line_in_full(tmp_path: Path) -> None:
    for size in [(120, 40), (80, 24)]:
        app = make_app(tmp_path)
        async with app.run_test(size=size) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            text = " ".join(static_text(app, "#help-text").split())
            assert "open an article by title, theme, sort," in text
            assert "Coverage view" in text
            assert "problems" in text


async def test_compare_summary_counts_in_the_singular(tmp_path: Path) -> None:
    from datetime import datetime

    from compare_support import settle

    from reader.corpus import Article
    from reader.ui.screens.compare import CompareScreen

    body = "The council approved the new harbour budget of 40 million on Monday."
    articles = [
        Article(
            id=name,
            path=Path(f"{name}.txt"),
            title=f"Harbour budget ({name})",
            body=body,
            published=datetime(2024, 5, day),
        )
        for day, name in ((1, "one"), (2, "two"))
    ]
    app = make_app(tmp_path, Corpus(articles, []))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "down", "space", "c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        summary = static_text(app, "#compare-summary")
        assert "1 paragraph matched" in summary
        assert "1 paragraphs" not in summary


async def test_footer_follows_key_changes_but_is_not_remade_on_a_round_trip(
    tmp_path: Path,
) -> None:
    """Enter and back leave the list's keys as they were: the footer keeps its key widgets
    (remaking them cost a third of the time to open an article); keys that change (typing
    in the filter box, then Esc) and a narrower terminal still redraw it."""
    from textual.widgets._footer import FooterKey

    def keys() -> dict[str, FooterKey]:
        return {key.action: key for key in app.screen.query(FooterKey)}

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = keys()
        assert {"quit", "help", "filter", "choose"} <= set(before)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("h")
        await pilot.pause()
        await pilot.pause()
        after = keys()
        assert list(after) == list(before)
        assert all(after[action] is before[action] for action in before)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.pause()
        assert "choose" not in keys()  # typing: the list's keys are not the ones that work
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert list(keys()) == list(before)
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        await pilot.pause()
        footer = app.screen._compositor.render_strips()[-1].text
        assert "q Quit" in footer and "? Help" in footer and len(keys()) < len(after)
