"""Highlighter speed: MB/s of find_spans on the seeds (and BBC if present), NameIndex build time.

Run: python benchmarks/bench_highlight.py   (not a timed test; numbers vary by machine)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.corpus import Corpus  # noqa: E402
from reader.highlight import NameIndex, find_spans  # noqa: E402

BBC = REPO.parent / "shared" / "corpora" / "bbc"


def best_of(runs: int, work) -> float:
    """Best wall time of several runs: the least disturbed by other processes."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def throughput(label: str, texts: list[str], index: NameIndex | None = None) -> None:
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    seconds = best_of(3, lambda: [find_spans(text, index) for text in texts])
    print(f"{label:38} {size:6.2f} MB  {seconds * 1000:8.1f} ms  {size / seconds:6.2f} MB/s")


def main() -> None:
    seeds = Corpus.load([REPO / "seeds"]).articles
    seed_texts = [article.body for article in seeds]
    throughput("find_spans, seeds", seed_texts)
    article = "\n\n".join(seed_texts * 4)
    words = len(article.split())
    seconds = best_of(5, lambda: find_spans(article))
    print(f"one {words}-word article: {seconds * 1000:.1f} ms")
    if not BBC.is_dir():
        print(f"BBC corpus not found at {BBC}; skipped")
        return
    bbc = Corpus.load([BBC]).articles
    texts = [article.body for article in bbc]
    throughput(f"find_spans, BBC ({len(bbc)} bodies)", texts)
    seconds = best_of(3, lambda: NameIndex.build(bbc))
    print(f"NameIndex.build over {len(bbc)} BBC articles: {seconds:.2f} s")
    index = NameIndex.build(bbc)
    throughput("find_spans, BBC, with the index", texts, index)


if __name__ == "__main__":
    main()
