"""Highlighter speed: MB/s of find_spans on the seeds (and BBC if present), NameIndex build time.

Run: python benchmarks/bench_highlight.py [runs]   (not a timed test; numbers vary by machine)

CPU time, best of several runs: other work on the machine slows single runs. The first run
over the BBC bodies is shown too: later runs find word-level decisions already made (the
caches hold what a run of capitalised words or a figure's text is, never a whole article).
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


def timings(runs: int, work) -> list[float]:
    """CPU seconds of each run."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return times


def throughput(label: str, texts: list[str], runs: int, index: NameIndex | None = None) -> None:
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    times = timings(runs, lambda: [find_spans(text, index) for text in texts])
    best = min(times)
    print(
        f"{label:38} {size:6.2f} MB  best {best * 1000:7.1f} ms  {size / best:5.2f} MB/s"
        f"  (first run {size / times[0]:.2f} MB/s)"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    seeds = Corpus.load([REPO / "seeds"]).articles
    seed_texts = [article.body for article in seeds]
    throughput("find_spans, seeds", seed_texts, runs)
    article = "\n\n".join(seed_texts * 4)
    words = len(article.split())
    seconds = min(timings(runs, lambda: find_spans(article)))
    print(
        f"one {words}-word article: {seconds * 1000:.1f} ms"
        f" ({seconds * 1000 * 10_000 / words:.1f} ms per 10,000 words)"
    )
    if not BBC.is_dir():
        print(f"BBC corpus not found at {BBC}; skipped")
        return
    bbc = Corpus.load([BBC]).articles
    texts = [article.body for article in bbc]
    throughput(f"find_spans, BBC ({len(bbc)} bodies)", texts, runs)
    times = timings(3, lambda: NameIndex.build(bbc))
    print(f"NameIndex.build over {len(bbc)} BBC articles: best {min(times):.2f} s")
    index = NameIndex.build(bbc)
    throughput("find_spans, BBC, with the index", texts, runs, index)


if __name__ == "__main__":
    main()
