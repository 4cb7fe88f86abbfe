"""A scrolling list on the terminal: what the frames paint after many scrolls is what a full
repaint would show (the rows moved rather than drawn again, the scrollbar drawn only when its
thumb moves), read back through a terminal emulator (pyte) fed every frame."""

from __future__ import annotations

import copy
from pathlib import Path

import pyte
from textual.pilot import Pilot
from ui_support import make_app, synthetic_corpus, table, table_lines

from reader.ui.app import ReaderApp

WIDTH, HEIGHT = 100, 30


def feed_frames(app: ReaderApp, terminal: pyte.Stream) -> None:
    """Every frame the library screen paints from now on reaches `terminal`."""
    compositor = app.library._compositor
    render_update = compositor.render_update

    def recorded(*args: object, **kwargs: object) -> object:
        update = render_update(*args, **kwargs)  # type: ignore[arg-type]
        if update is not None:
            terminal.feed(update.render_segments(app.console))
        return update

    compositor.render_update = recorded  # type: ignore[method-assign]


def cells(screen: pyte.Screen, top: int, bottom: int) -> list[list[object]]:
    return [[screen.buffer[y][x] for x in range(WIDTH)] for y in range(top, bottom)]


async def test_rows_and_scrollbar_on_the_terminal_after_many_scrolls(tmp_path: Path) -> None:
    app = make_app(tmp_path, synthetic_corpus(3000))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await pilot.pause()
        screen = pyte.Screen(WIDTH, HEIGHT)
        feed_frames(app, pyte.Stream(screen))
        app.library.refresh()  # one whole frame to start from
        await pilot.pause()
        widget = table(app)
        top, bottom = widget.region.y, widget.region.bottom

        async def check(pilot: Pilot[None], *keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()
            shown = cells(screen, top, bottom)
            # The rows' text (the last column is the scrollbar's).
            width = widget.vertical_scrollbar.region.x - widget.region.x
            text = [screen.display[y][:width] for y in range(top, bottom)]
            # What a frame drawing the list and its scrollbar from scratch shows.
            fresh = copy.deepcopy(screen)
            feed_frames(app, pyte.Stream(fresh))
            widget.refresh()
            widget.vertical_scrollbar.refresh()
            await pilot.pause()
            assert shown == cells(fresh, top, bottom)
            assert text == [line[:width].ljust(width) for line in table_lines(app)]

        await check(pilot, *["down"] * 40)  # past the bottom: 12 one-row scrolls
        assert widget.scroll_y > 0
        await check(pilot, *["up"] * 35)  # back up past the top row shown
        await check(pilot, "pagedown", "pagedown", *["down"] * 3, "pageup")
        # The thumb moves on: at 3,000 rows it moves an eighth of a cell every 13 rows or so,
        # so 150 rows are a dozen moves, each after scrolls that left it where it was.
        await check(pilot, *["down"] * 150)
        first_rows = table_lines(app)[1:3]
        await check(pilot, "end", *["up"] * 30)
        assert table_lines(app)[1:3] != first_rows
