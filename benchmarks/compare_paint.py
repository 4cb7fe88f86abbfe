"""The compare screen's first paint on two 5,000-word articles, as the user waits for it.

Used by `bench_compare.py --ui`. A headless app (Pilot) pushes the compare screen with the
corpus name index and times, in CPU of the whole process (the UI thread and the workers):

- first paint: from the push to the first frame the compositor renders with text in both
  panes (the summary, headers and the panes' first screen);
- all laid out: until a frame is made with every line in both panes (a worker lays out
  what is below the first screens, on code that does so; on code that lays out everything
  at once it is the first paint).

Cases: kept (both analyses in the index cache, none in memory: the UI's first comparison of
two articles analysed in an earlier session or ahead of time), warm (both in memory: `]`
back to a pair, `x`), cold (neither known). Works on code without the progressive layout
too, so that main can be measured with this file.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from textual.app import App

from reader.corpus import Article

# The terminal: BENCH_SIZE=80x24 for a small one.
SIZE = tuple(int(n) for n in os.environ.get("BENCH_SIZE", "140x40").split("x"))


class PaintApp(App):
    """A blank app that notes when a frame first shows both compare panes with text."""

    def __init__(self, kept_path: str | None) -> None:
        super().__init__()
        self.kept_path = kept_path
        self.painted: float | None = None
        self.finished: float | None = None
        self.expected: tuple[int, int] | None = None  # both panes' lines when all laid out
        self.watching = False

    @property
    def corpus(self) -> object | None:
        """Just enough of a corpus for `kept_sides` to find the index cache file."""
        if self.kept_path is None:
            return None

        class Index:
            path = self.kept_path
            in_memory = False

        class Corpus:
            index = Index()

        return Corpus()

    def _display(self, screen: Any, renderable: Any) -> None:
        super()._display(screen, renderable)
        if not self.watching or renderable is None:
            return
        panes = self._panes()
        if self.painted is None and all(pane.layout_lines.lines for pane in panes):
            self.painted = time.process_time()
        sizes = tuple(len(pane.layout_lines.lines) for pane in panes if pane is not None)
        if self.painted is not None and sizes == self.expected:
            self.finished = time.process_time()

    def _panes(self) -> list[Any]:
        from reader.ui.widgets.compare_pane import ComparePane

        return list(self.screen.query(ComparePane)) or [None]  # type: ignore[list-item]


# How often the benchmark looks whether a frame came (the frames are timed where they are
# made; polling more often made the event loop take the interpreter lock from the workers).
POLL_S = 0.005


async def _runs_async(
    a: Article,
    b: Article,
    index: Any,
    kept_path: str | None,
    runs: int,
    before: Callable[[], object],
) -> tuple[list[float], list[float]]:
    """CPU ms to the first paint and to all laid out, `runs` times (`before` untimed before
    each). One app; the screen pushed, timed and popped, after an untimed first push (the
    screen's CSS is read once per app, as in a session)."""
    from reader.ui.screens.compare import CompareScreen

    app = PaintApp(kept_path)
    paint: list[float] = []
    done: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        expected: tuple[int, int] | None = None
        for run in range(runs + 1):
            before()
            await pilot.pause()
            app.painted = app.finished = None
            app.watching = True
            start = time.process_time()
            app.push_screen(CompareScreen(a, b, articles=[a, b], names=index))
            if expected is None:  # the first push: wait until nothing more comes
                while app.painted is None:
                    await asyncio.sleep(POLL_S)
                await app.workers.wait_for_complete()
                await pilot.pause()
                await pilot.pause()
                expected = tuple(len(p.layout_lines.lines) for p in app._panes())  # type: ignore[assignment]
                app.expected = expected
            else:
                while app.finished is None:
                    await asyncio.sleep(POLL_S)
            painted, finished = app.painted, app.finished or time.process_time()
            app.watching = False
            await app.workers.wait_for_complete()
            app.pop_screen()
            await pilot.pause()
            if run:
                paint.append((painted - start) * 1000)
                done.append((finished - start) * 1000)
    return paint, done


def first_paint(*args: Any) -> tuple[list[float], list[float]]:
    """`_runs_async(*args)` run to its end."""
    return asyncio.run(_runs_async(*args))


def report_paint(label: str, paint: list[float], done: list[float]) -> None:
    print(
        f"{label:38s} first paint CPU {statistics.median(paint):6.1f} ms "
        f"(least {min(paint):5.1f})   all laid out {statistics.median(done):6.1f} ms"
    )
