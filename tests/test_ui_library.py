"""The article list: what it shows and what every key does (Pilot, headless)."""

from __future__ import annotations

import re
from pathlib import Path

from textual import events
from ui_support import (
    make_app,
    notices,
    seeds_corpus,
    static_text,
    synthetic_corpus,
    table,
    table_lines,
)

from reader.corpus import filter_articles, sort_articles
from reader.ui.screens.article import ArticleScreen
from reader.ui.screens.help import HelpScreen

SEED_TITLES_NEWEST_FIRST = [a.title for a in sort_articles(seeds_corpus().articles)]


async def test_lists_the_seeds_newest_first_with_counts(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)):
        lines = table_lines(app)
        header = lines[0]
        for label in ("Title", "Source", "Author", "Date", "Read"):
            assert label in header
        rows = lines[1:6]
        assert [a.title for a in app.library.visible_articles] == SEED_TITLES_NEWEST_FIRST
        assert rows[0].split("●")[1].strip().startswith("Meta Invests $14.3B in AI")
        assert "2025-06-13" in rows[0] and "3 min" in rows[0]
        # Undated articles come last and say so.
        assert "—" in rows[3] and "—" in rows[4]
        assert all("●" in row for row in rows)  # all unread
        assert lines[6].strip() == ""
        assert static_text(app, "#library-counts") == "5 of 5 shown · 5 unread"
        assert static_text(app, "#library-mode") == "sort: date"


async def test_columns_line_up_at_80_columns(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)):
        lines = table_lines(app)
        header = lines[0]
        assert "Author" not in header  # dropped first on narrow terminals
        date_column = header.index("Date")
        for row in lines[1:4]:
            assert row[date_column : date_column + 10].startswith("2025-06-1")
        assert all(len(line) == len(header) for line in lines[:6])


async def test_cursor_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path, synthetic_corpus(100))
    async with app.run_test(size=(80, 24)) as pilot:
        widget = table(app)
        assert widget.cursor == 0
        await pilot.press("j", "j", "down")
        assert widget.cursor == 3
        await pilot.press("k", "up")
        assert widget.cursor == 1
        await pilot.press("G")
        assert widget.cursor == 99
        assert widget.scroll_y > 0  # the cursor row was scrolled into view
        await pilot.press("g")
        assert widget.cursor == 0 and widget.scroll_y == 0
        await pilot.press("end")
        assert widget.cursor == 99
        await pilot.press("home")
        assert widget.cursor == 0
        await pilot.press("pagedown")
        page = widget.cursor
        assert page >= 10
        await pilot.press("pagedown", "pageup")
        assert widget.cursor == page


async def test_enter_l_and_click_open_the_article(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "enter")
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title == SEED_TITLES_NEWEST_FIRST[1]
        await pilot.press("h")
        await pilot.press("j", "l")
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title == SEED_TITLES_NEWEST_FIRST[2]
        await pilot.press("h")
        # Row 5 is on line 5 of the table (line 0 is the column header).
        await pilot.click("#articles", offset=(20, 5))
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title == SEED_TITLES_NEWEST_FIRST[4]


async def test_mouse_wheel_scrolls(tmp_path: Path) -> None:
    app = make_app(tmp_path, synthetic_corpus(200))
    async with app.run_test(size=(80, 24)) as pilot:
        widget = table(app)
        for _ in range(3):
            widget.post_message(
                events.MouseScrollDown(
                    widget, 5, 5, 0, 0, 0, False, False, False, screen_x=5, screen_y=5
                )
            )
        await pilot.pause()
        assert widget.scroll_y > 0


async def test_filter_as_you_type_and_escape_clears(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"verge")
        assert [a.title for a in app.library.visible_articles] == [SEED_TITLES_NEWEST_FIRST[0]]
        assert static_text(app, "#library-counts").startswith("1 of 5 shown")
        assert "filter: verge" in static_text(app, "#library-mode")
        await pilot.press("escape")
        assert len(app.library.visible_articles) == 5
        assert "filter" not in static_text(app, "#library-mode")
        assert app.focused is table(app)


async def test_the_status_line_keeps_room_while_typing_and_gives_it_back(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        mode = app.library.query_one("#library-mode")
        await pilot.press("slash", *"verge")
        await pilot.pause()
        # The mode sits at the right edge while the filter is typed.
        assert "filter: verge" in static_text(app, "#library-mode")
        assert mode.region.right == 80
        for _ in "verge":
            await pilot.press("backspace")
        await pilot.press("escape")
        await pilot.pause()
        # Closed again: the mode is as wide as its text, the counts have the rest.
        assert static_text(app, "#library-mode") == "sort: date"
        assert mode.region.width == len("sort: date") + 2
        assert mode.region.right == 80


async def test_the_status_line_makes_room_for_the_filter_when_the_box_opens(
    tmp_path: Path,
) -> None:
    # Room for what will be typed is taken once, as the box opens (which lays out the
    # screen anyway): letters typed after that move nothing, so each needs no new layout.
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        mode = app.library.query_one("#library-mode")
        await pilot.press("slash")
        await pilot.pause()
        opened = mode.region
        assert opened.right == 100 and opened.width > len("sort: date") + 2
        assert static_text(app, "#library-mode") == "sort: date"
        await pilot.press(*"verge")
        await pilot.pause()
        assert "filter: verge" in static_text(app, "#library-mode")
        assert mode.region == opened


async def test_a_filter_key_is_answered_in_the_frame_that_echoes_it(tmp_path: Path) -> None:
    # The letter in the box, the list and its counts change on screen together: the list
    # does not follow a frame (1/60 s or more) after the echo.
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"ver")
        await pilot.pause()
        assert not static_text(app, "#library-counts").startswith("1 of 5 shown")
        frames: list[str] = []
        compositor = app.library._compositor
        render_update = compositor.render_update

        def recorded(*args: object, **kwargs: object) -> object:
            update = render_update(*args, **kwargs)  # type: ignore[arg-type]
            if update is not None:
                painted = update.render_segments(app.console)
                frames.append(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", painted))
            return update

        compositor.render_update = recorded  # type: ignore[method-assign]
        await pilot.press("g")
        await pilot.pause()
        assert static_text(app, "#library-counts").startswith("1 of 5 shown")
        first = next(frame for frame in frames if "verg" in frame)
        assert "1 of 5 shown" in first
        assert SEED_TITLES_NEWEST_FIRST[0][:30] in first


async def test_a_filter_key_that_leaves_the_rows_in_view_repaints_only_what_changed(
    tmp_path: Path,
) -> None:
    # "articl" and "article" list the same rows: the frame after "e" carries the echo, the
    # status line and the cursor's row, not the other rows again.
    app = make_app(tmp_path, synthetic_corpus(300))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"articl")
        await pilot.pause()
        assert len(app.library.visible_articles) == 300
        frames: list[str] = []
        compositor = app.library._compositor
        render_update = compositor.render_update

        def recorded(*args: object, **kwargs: object) -> object:
            update = render_update(*args, **kwargs)  # type: ignore[arg-type]
            if update is not None:
                painted = update.render_segments(app.console)
                frames.append(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", painted))
            return update

        compositor.render_update = recorded  # type: ignore[method-assign]
        await pilot.press("e")
        await pilot.pause()
        painted = "".join(frames)
        assert "filter: article" in painted
        assert "Article number 299" in painted  # the cursor's row
        assert "Article number 298" not in painted
        lines = table_lines(app)
        assert "Article number 299" in lines[1] and "Article number 298" in lines[2]


async def test_the_scrollbar_goes_and_comes_back_as_the_filter_empties_and_fills_the_list(
    tmp_path: Path,
) -> None:
    corpus = synthetic_corpus(300)
    app = make_app(tmp_path, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        widget = table(app)
        await pilot.pause()
        assert widget.show_vertical_scrollbar
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert app.library.visible_articles == [] and not widget.show_vertical_scrollbar
        assert "No article matches 'zzz'" in "\n".join(table_lines(app))
        for _ in "zzz":
            await pilot.press("backspace")
        await pilot.press(*"number 29")
        await pilot.pause()
        expected = filter_articles(sort_articles(corpus.articles), "number 29")
        assert expected is not None and len(expected) > 30
        assert app.library.visible_articles == expected
        assert widget.show_vertical_scrollbar
        bar = widget.vertical_scrollbar
        assert bar.display and bar.region.right == widget.region.right
        assert expected[0].title in table_lines(app)[1]
        await pilot.press("enter", "end")  # from the box to the list, then its last row
        await pilot.pause()
        assert widget.current_article is expected[-1]
        assert widget.scroll_y > 0


async def test_filter_searches_body_and_needs_every_word(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"influential", "enter")  # only in one body
        assert len(app.library.visible_articles) == 1
        assert app.focused is table(app)  # Enter goes back to the list, filter kept
        await pilot.press("slash", "space", *"nonexistentword")
        assert app.library.visible_articles == []
        assert "No article matches" in table_lines(app)[2]
        await pilot.press("escape")
        assert len(app.library.visible_articles) == 5


async def test_escape_in_the_list_clears_the_filter(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"verge", "enter")
        assert len(app.library.visible_articles) == 1
        assert app.focused is table(app)
        await pilot.press("escape")
        assert len(app.library.visible_articles) == 5
        await pilot.press("escape")  # nothing left to clear: the app stays on the list
        assert app.screen is app.library


async def test_o_cycles_the_sort(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    corpus = app.corpus.articles
    async with app.run_test(size=(100, 30)) as pilot:
        for key, label in (("source", "source"), ("title", "title"), ("words", "length")):
            await pilot.press("o")
            assert static_text(app, "#library-mode") == f"sort: {label}"
            assert list(app.library.visible_articles) == sort_articles(corpus, key)
        await pilot.press("o")
        assert static_text(app, "#library-mode") == "sort: date"


async def test_sort_keeps_the_cursor_on_the_same_article(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "j")
        chosen = table(app).current_article
        await pilot.press("o")
        assert table(app).current_article is chosen


async def test_u_toggles_read_and_star_toggles_star(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("u")
        first = table(app).current_article
        assert app.store.is_read(first.id)
        assert "●" not in table_lines(app)[1]
        assert static_text(app, "#library-counts") == "5 of 5 shown · 4 unread"
        await pilot.press("u")
        assert not app.store.is_read(first.id)
        await pilot.press("asterisk")
        assert app.store.is_starred(first.id)
        assert "★" in table_lines(app)[1]
        assert "1 starred" in static_text(app, "#library-counts")
        await pilot.press("asterisk")
        assert not app.store.is_starred(first.id)
        assert "★" not in table_lines(app)[1]


async def test_space_marks_up_to_two_for_comparison(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        ids = [a.id for a in app.library.visible_articles]
        await pilot.press("space", "j", "space")
        assert app.marked_ids == (ids[0], ids[1])
        assert app.library.marked_ids == (ids[0], ids[1])
        lines = table_lines(app)
        assert "1" in lines[1][:8] and "2" in lines[2][:8]
        assert "marked 1 + 2" in static_text(app, "#library-mode")
        await pilot.press("j", "space")  # a third mark moves the oldest one
        assert app.marked_ids == (ids[1], ids[2])
        await pilot.press("space")  # unmark
        assert app.marked_ids == (ids[1],)


async def test_question_mark_shows_help_built_from_the_bindings(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = static_text(app, "#help-text")
        for expected in ("Filter", "Sort", "Star", "Mark", "Open", "Quit", "j / ↓", "^p"):
            assert expected in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_typing_q_in_the_filter_does_not_quit(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "q")
        assert app.is_running
        assert app.library.filter_text == "q"


async def test_reopens_on_the_last_opened_article(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "j", "j", "enter", "h", "g", "q")
    again = make_app(tmp_path)
    async with again.run_test(size=(100, 30)):
        assert table(again).cursor == 3
        assert table(again).current_article.title == SEED_TITLES_NEWEST_FIRST[3]


async def test_read_marks_and_stars_survive_a_restart(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("u", "j", "asterisk", "q")
    again = make_app(tmp_path)
    async with again.run_test(size=(100, 30)):
        lines = table_lines(again)
        assert "●" not in lines[1] and "★" not in lines[1]
        assert "●" in lines[2] and "★" in lines[2]
        assert static_text(again, "#library-counts") == "5 of 5 shown · 4 unread · 1 starred"


async def test_large_corpus_filters_in_a_worker(tmp_path: Path) -> None:
    app = make_app(tmp_path, synthetic_corpus(6_000, body_words=5))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"number 5999")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [a.id for a in app.library.visible_articles] == ["a05999"]
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.library.visible_articles) == 6_000
        assert app.library.visible_articles[0].id == "a05999"  # newest first
        # Counts are written as the header writes them: thousands grouped.
        assert static_text(app, "#library-counts") == "6,000 of 6,000 shown · 6,000 unread"


async def test_config_problems_are_shown_at_start(tmp_path: Path, isolated_xdg: Path) -> None:
    from reader.config import config_path, load_config

    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text("theme: [oops\n", encoding="utf-8")
    app = make_app(tmp_path, config=load_config())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("config.yaml" in message for message in notices(app))


async def test_reopens_far_down_a_long_list_with_the_row_on_screen(tmp_path: Path) -> None:
    corpus = synthetic_corpus(300)
    app = make_app(tmp_path, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(15):
            await pilot.press("pagedown")
        await pilot.press("enter", "q")
        opened = app.store.last_opened
    again = make_app(tmp_path, corpus)
    async with again.run_test(size=(80, 24)):
        widget = table(again)
        assert widget.current_article.id == opened
        assert widget.scroll_y <= widget.cursor < widget.scroll_y + widget.size.height - 1
