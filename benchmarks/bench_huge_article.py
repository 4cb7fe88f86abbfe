"""Opening and scrolling a huge article (issue 16, case 8) and an ordinary BBC one.

Run: PYTHONPATH=. python benchmarks/bench_huge_article.py [LINES [BBC_FOLDER]]
(default 2,000,000 lines; the BBC corpus next to the checkout, ../shared/corpora/bbc)

For each article, in the headless app at 120x40: the time from Enter until the article's
title is on screen, the time from a key (j, End, Home) until the view has moved, the UI
loop's worst stall over the first seconds after opening (what any key pressed then would
wait at most), and when the view reports the whole article laid out. Keys are sent the way
the terminal driver sends them and their effect is polled on the UI loop, so a key's figure
is its real latency. Prints timings; asserts nothing (timing is not a test).
"""

from __future__ import annotations

import asyncio
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from textual import events

from reader.config import Config
from reader.corpus import Article, Corpus
from reader.ui.app import ReaderApp
from reader.ui.screens.article import ArticleScreen
from reader.ui.widgets.article_view import ArticleView

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc"
WATCH_SECONDS = 3.0


def huge_article(lines: int) -> Article:
    return Article(
        id="lines",
        path=Path("lines.md"),
        title="Many lines",
        body="a\n" * lines,
        published=datetime(2025, 1, 2),
    )


def bbc_article(folder: Path = BBC) -> Article | None:
    """The longest BBC business article (the corpus's longest are about 5,000 words)."""
    if not folder.is_dir():
        return None
    articles = Corpus.load([folder / "business"]).articles
    return max(articles, key=lambda article: len(article.body)) if articles else None


class CollectorWatch:
    """The longest pause of Python's garbage collector while installed."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.longest = max(self.longest, time.perf_counter() - self._started)

    def __enter__(self) -> CollectorWatch:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self)


async def until(check: Callable[[], bool], limit: float = 60.0) -> float:
    """Seconds until `check()` holds, polled on the UI loop."""
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > limit:
            return float("inf")
        await asyncio.sleep(0.001)
    return time.perf_counter() - started


async def measure(article: Article, label: str, *, highlight: bool = True) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = ReaderApp(
            Corpus([article], []),
            state_path=Path(folder) / "state.db",
            config=Config(),
            highlighter=None if highlight else (lambda text: []),
        )
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            if highlight:  # the name index is built at start-up: not part of opening
                await until(lambda: app.name_index is not None, limit=300)
            driver = app._driver
            assert driver is not None

            def send(key: str, char: str | None = None) -> None:
                event = events.Key(key, char)
                event.set_sender(app)
                driver.send_message(event)

            def view() -> ArticleView:
                return app.screen.query_one(ArticleView)

            def moved(before: float) -> bool:
                return view().scroll_y != before

            def shown() -> bool:
                found = app.screen.query(ArticleView)
                if not isinstance(app.screen, ArticleScreen) or not found:
                    return False
                widget = found.first()
                return widget.size.height > 0 and article.title in widget.render_line(0).text

            gaps: list[float] = []
            last = time.perf_counter()

            def tick() -> None:
                nonlocal last
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

            collector = CollectorWatch().__enter__()
            opened_at = time.perf_counter()
            send("enter", "\r")
            opened = await until(shown)
            laid_out_at: list[float] = []

            async def watch_layout() -> None:
                await until(lambda: bool(getattr(view(), "laid_out", True)), limit=300)
                laid_out_at.append(time.perf_counter() - opened_at)

            watcher = asyncio.create_task(watch_layout())
            last = time.perf_counter()
            timer = app.set_interval(0.005, tick)
            results = [f"open {opened * 1000:.0f} ms"]
            for key, char in (("j", "j"), ("end", None), ("home", None)):
                before = view().scroll_y
                send(key, char)
                took = await until(partial(moved, before))
                results.append(f"{key} {took * 1000:.1f} ms")
                await asyncio.sleep(0.3)
            rest = WATCH_SECONDS - (time.perf_counter() - opened_at)
            if rest > 0:
                await asyncio.sleep(rest)
            timer.stop()
            worst = max(gaps, default=0.0) - 0.005
            results.append(f"worst UI stall {max(0.0, worst) * 1000:.0f} ms")
            results.append(f"longest GC pause {collector.longest * 1000:.0f} ms")
            await watcher
            collector.__exit__()
            if laid_out_at:
                results.append(f"laid out whole after {laid_out_at[0]:.1f} s")
            print(f"{label}: " + ", ".join(part for part in results if part))
            app.exit()


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    label = f"{lines:,} one-character lines"
    asyncio.run(measure(huge_article(lines), label))
    asyncio.run(measure(huge_article(lines), label + " (no highlighting)", highlight=False))
    ordinary = bbc_article(Path(sys.argv[2]) if len(sys.argv) > 2 else BBC)
    if ordinary is not None:
        asyncio.run(measure(ordinary, f"BBC article of {len(ordinary.body):,} characters"))


if __name__ == "__main__":
    main()
