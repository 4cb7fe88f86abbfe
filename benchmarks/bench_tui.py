"""How the TUI copes with a big corpus: start-up, filtering, sorting, UI responsiveness.

Run: PYTHONPATH=. python benchmarks/bench_tui.py [COUNT]   (default 100,000 articles)

Uses the BBC corpus repeated up to COUNT articles when it is present (realistic bodies),
else synthetic articles. Prints timings; asserts nothing (timing is not a test).

    PYTHONPATH=. python -m benchmarks.bench_tui keys CORPUS INDEX [--repo CHECKOUT] [--runs N]

times the real `reader` on an index already built (see benchmarks/filter_keys.py): each key
typed into the `/` filter until the list answers it, the main thread's CPU for it, keys
while background work runs, and peak memory; `--repo` runs another checkout's code on the
same index, so a before and after can be measured back to back.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from reader.config import Config
from reader.corpus import Article, Corpus, filter_articles
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_table import ArticleTable

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc"


def big_corpus(count: int) -> Corpus:
    if BBC.is_dir():
        base = Corpus.load([BBC]).articles
        start = datetime(2020, 1, 1)
        articles = [
            replace(
                base[n % len(base)],
                id=f"{n // len(base)}/{base[n % len(base)].id}",
                published=start + timedelta(minutes=n),
            )
            for n in range(count)
        ]
    else:
        articles = [
            Article(
                id=f"a{n}",
                path=Path(f"a{n}.txt"),
                title=f"Synthetic article {n}",
                body=" ".join(f"word{(n * 7 + k) % 5000}" for k in range(400)),
                source=f"Source {n % 50}",
                published=datetime(2020, 1, 1) + timedelta(minutes=n),
            )
            for n in range(count)
        ]
    return Corpus(articles, [])


async def measure(corpus: Corpus) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = ReaderApp(
            corpus,
            state_path=Path(folder) / "state.db",
            config=Config(),
            highlighter=lambda text: [],
        )
        started = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.library.query_one(ArticleTable)
            await pilot.pause()
            print(f"start-up until the list is drawn: {time.perf_counter() - started:.2f} s")

            # The UI thread's worst stall while a filter runs in its worker.
            gaps: list[float] = []
            last = time.perf_counter()

            def tick() -> None:
                nonlocal last
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

            timer = app.set_interval(0.01, tick)
            started = time.perf_counter()
            await pilot.press("slash", *"economy growth")
            await app.workers.wait_for_complete()
            await pilot.pause()
            print(
                f"filter 'economy growth' typed letter by letter: "
                f"{time.perf_counter() - started:.2f} s -> {len(table.articles)} rows; "
                f"longest UI stall {max(gaps) * 1000:.0f} ms"
            )
            gaps.clear()
            started = time.perf_counter()
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            print(
                f"clear filter: {time.perf_counter() - started:.2f} s -> {len(table.articles)} rows"
            )
            for _ in range(4):
                started = time.perf_counter()
                await pilot.press("o")
                await app.workers.wait_for_complete()
                await pilot.pause()
                print(
                    f"sort by {app.library.sort_key}: {time.perf_counter() - started:.2f} s"
                    f" (longest UI stall {max(gaps or [0]) * 1000:.0f} ms)"
                )
                gaps.clear()
            timer.stop()
            started = time.perf_counter()
            for _ in range(50):
                await pilot.press("pagedown")
            await pilot.press("G")
            await pilot.pause()
            print(f"50 x PgDn + G: {time.perf_counter() - started:.2f} s")
            started = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            print(f"open an article: {time.perf_counter() - started:.2f} s")


def main() -> None:
    if sys.argv[1:2] == ["keys"]:
        from benchmarks.filter_keys import main as keys_main

        keys_main(sys.argv[2:])
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    started = time.perf_counter()
    corpus = big_corpus(count)
    print(f"{len(corpus)} articles built in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    filter_articles(corpus.articles, "economy growth")
    print(f"filter_articles over all of them: {time.perf_counter() - started:.2f} s")
    asyncio.run(measure(corpus))


if __name__ == "__main__":
    main()
