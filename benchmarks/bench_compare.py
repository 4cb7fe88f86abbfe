"""How long compare takes on two 5,000-word articles: alignment alone, and the whole analysis.

Run: PYTHONPATH=. python benchmarks/bench_compare.py
The target is under 50 ms for align_paragraphs. The texts are built from the BBC corpus when it
is present (paragraphs of many articles, the right side shuffled in places, with deletions and
insertions), else from the bundled seeds repeated.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

from reader.analysis import align_paragraphs, compare_articles, split_paragraphs
from reader.config import seeds_dir
from reader.corpus import Article, Corpus

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc"
WORDS = 5000
RUNS = 15


def source_paragraphs() -> list[str]:
    root = BBC if BBC.is_dir() else seeds_dir()
    corpus = Corpus.load([root])
    articles = corpus.articles
    random.Random(7).shuffle(articles)
    paragraphs = []
    for article in articles:
        paragraphs += [p.text(article.body) for p in split_paragraphs(article.body)]
        if sum(len(p.split()) for p in paragraphs) > 4 * WORDS:
            break
    while sum(len(p.split()) for p in paragraphs) < 3 * WORDS:
        paragraphs = paragraphs * 2  # the seeds alone are too short
    return paragraphs


def two_articles() -> tuple[list[str], list[str]]:
    pool = source_paragraphs()
    left: list[str] = []
    while sum(len(p.split()) for p in left) < WORDS:
        left.append(pool[len(left)])
    rng = random.Random(11)
    right = [p for k, p in enumerate(left) if k % 7]  # some deleted
    for k in range(0, len(right) - 1, 9):  # some swapped
        right[k], right[k + 1] = right[k + 1], right[k]
    extra = iter(pool[len(left) :])
    while sum(len(p.split()) for p in right) < WORDS:  # some inserted
        right.insert(rng.randrange(len(right)), next(extra))
    return left, right


def timed(function, runs: int = RUNS) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> int:
    left, right = two_articles()
    words = (sum(len(p.split()) for p in left), sum(len(p.split()) for p in right))
    print(f"left {words[0]} words / {len(left)} paragraphs, right {words[1]} / {len(right)}")
    median, worst = timed(lambda: align_paragraphs(left, right))
    print(f"align_paragraphs:  median {median:6.1f} ms  max {worst:6.1f} ms  (target < 50 ms)")
    a = Article(id="left", path=Path("left.txt"), title="left", body="\n\n".join(left))
    b = Article(id="right", path=Path("right.txt"), title="right", body="\n\n".join(right))
    try:
        import reader.highlight.find  # noqa: F401
    except ImportError:
        print("compare_articles: skipped (reader.highlight.find not available)")
        return 0
    median, worst = timed(lambda: compare_articles(a, b), runs=5)
    print(f"compare_articles:  median {median:6.1f} ms  max {worst:6.1f} ms  (with highlighting)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
