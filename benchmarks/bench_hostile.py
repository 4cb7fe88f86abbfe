"""How long hostile input takes to load, and whether the time grows linearly with its size.

Run: PYTHONPATH=.:tests python benchmarks/bench_hostile.py

Builds the hostile corpus of tests/hostile_corpus.py in a temporary folder, times loading
each file, then loads lines that once made the parser quadratic (or worse) at two sizes: a
ratio near 2 for twice the input is linear, near 4 quadratic. Prints; asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hostile_corpus import build_hostile_corpus  # noqa: E402

from reader.corpus import Corpus, Problem, load_article

# Text shapes that stress the metadata heuristics: each is repeated to the size asked.
SHAPES = {
    "spaces then x (head line)": lambda n: "Title\n" + " " * n + "x",
    "spaces then x (title)": lambda n: " " * n + "x",
    "hashes (title)": lambda n: "#" * n + " x",
    "blank lines": lambda n: "Title\n" + "\n" * n + "x",
    "trailing blank lines": lambda n: "Title\nx" + "\n \n---" * (n // 6),
    "short lines": lambda n: "Title\n" + "ab\n" * (n // 3),
    "Source: then spaces": lambda n: "Title\nSource:" + " " * n + "x",
    "byline separators": lambda n: "Title\nBy A" + " |" * (n // 2),
    "dashes (rule?)": lambda n: "-" * n + "x",
    "words": lambda n: "Title\n" + "word " * (n // 5),
    "ESC [ runs": lambda n: "Title\n" + "\x1b[" * (n // 2),
    "unterminated OSC": lambda n: "Title\n" + "\x1b]" + "a" * n,
}


def time_load(path: Path, root: Path) -> tuple[float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    load_article(path, root, [])
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        hostile = build_hostile_corpus(Path(folder))
        print(f"built the hostile corpus in {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        corpus = Corpus.load([hostile.root])
        print(
            f"loaded it in {time.perf_counter() - started:.2f} s: "
            f"{len(corpus.articles)} articles, {len(corpus.problems)} problems\n"
        )
        rows = []
        for case in hostile.cases.values():
            path = hostile.path(case.path)
            if path.is_file() and not path.is_symlink():
                elapsed, peak = time_load(path, hostile.root)
                rows.append((elapsed, peak, case.path))
        print(f"{'seconds':>8} {'peak MB':>8}  slowest files")
        for elapsed, peak, name in sorted(rows, reverse=True)[:10]:
            print(f"{elapsed:8.3f} {peak / 1e6:8.1f}  {name.encode('unicode_escape').decode()}")

        print(f"\n{'1 MB s':>8} {'2 MB s':>8} {'ratio':>6}  shape")
        scratch = Path(folder) / "shape.txt"
        for name, make in SHAPES.items():
            times = []
            for size in (1_000_000, 2_000_000):
                scratch.write_text(make(size), encoding="utf-8")
                problems: list[Problem] = []
                started = time.perf_counter()
                load_article(scratch, Path(folder), problems)
                times.append(time.perf_counter() - started)
            print(f"{times[0]:8.3f} {times[1]:8.3f} {times[1] / times[0]:6.1f}  {name}")


if __name__ == "__main__":
    main()
