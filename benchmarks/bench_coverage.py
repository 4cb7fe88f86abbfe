"""How long the coverage analysis takes, and how big its matrix gets, for growing lists.

Run: PYTHONPATH=. python benchmarks/bench_coverage.py

Uses the BBC corpus when present (a section's articles, as a filtered list would give),
else the seeds repeated. The name index is built once beforehand, as the app does at start.
Also times the matrix screen: opening it on 200 articles, and moving the cursor (next to
the article list, whose cursor is known to keep up).
Prints timings; asserts nothing (timing is not a test).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from reader.analysis import MAX_ARTICLES, analyse_coverage
from reader.config import Config, seeds_dir
from reader.corpus import Article, Corpus
from reader.highlight import NameIndex
from reader.present import matrix_rows
from reader.ui.app import ReaderApp

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc"


def articles() -> list[Article]:
    if BBC.is_dir():
        return Corpus.load([BBC / "business", BBC / "tech"]).articles
    seeds = Corpus.load([seeds_dir()]).articles
    return [replace(seeds[n % 5], id=f"{n}/{seeds[n % 5].id}") for n in range(1000)]


def bench_analysis(pool: list[Article], index: NameIndex) -> None:
    print("articles  seconds  facts  disagreements  matrix rows (all)")
    for count in (5, 50, 100, 200, 500, 1000):
        chosen = pool[:count]
        start = time.perf_counter()
        coverage = analyse_coverage(chosen, index, limit=0)
        seconds = time.perf_counter() - start
        rows = len(matrix_rows(coverage))
        print(
            f"{count:8}  {seconds:7.2f}  {len(coverage.facts):5}  "
            f"{len(coverage.disagreements):13}  {rows:6}"
        )


async def bench_screen(pool: list[Article]) -> None:
    corpus = Corpus(pool[:MAX_ARTICLES], [])
    with tempfile.TemporaryDirectory() as folder:
        app = ReaderApp(corpus, state_path=Path(folder) / "state.db", config=Config())
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()  # the name index, as after start-up
            keys = ["j"] * 100
            start = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            listed = time.perf_counter() - start
            start = time.perf_counter()
            await pilot.press("v")
            await app.workers.wait_for_complete()
            await pilot.pause()
            opened = time.perf_counter() - start
            start = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            moved = time.perf_counter() - start
            print(f"screen on {len(corpus.articles)} articles: open {opened:.2f} s")
            # Pilot key presses carry their own overhead: the list is the yardstick.
            print(
                f"100 cursor keys: matrix {moved:.2f} s, article list {listed:.2f} s "
                "(headless pilot, key to screen update)"
            )


def main() -> None:
    pool = articles()
    start = time.perf_counter()
    index = NameIndex.build(pool)
    print(f"name index over {len(pool)} articles: {time.perf_counter() - start:.2f} s")
    bench_analysis(pool, index)
    asyncio.run(bench_screen(pool))


if __name__ == "__main__":
    main()
