"""Child process of the scale benchmark: time the index on one corpus, print JSON.

`python -m benchmarks.index_probe searchable|cold|warm CORPUS INDEX QUERIES.json`: from an
empty cache until a search answers; from an empty cache, the list, then the search index;
a warm start with searches and filters. Each phase runs in
its own process so its peak memory is its own.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

from reader.corpus import sort_articles
from reader.index import open_corpus


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def peak_mib() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_mib": round(own, 1), "worker_peak_mib": round(workers, 1)}


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the parse workers), in seconds:
    on a shared machine a fairer figure than wall time."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def empty(index: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{index}{suffix}").unlink(missing_ok=True)


def cold(corpus: Path, index: Path) -> dict:
    empty(index)
    started = time.perf_counter()
    indexed = open_corpus([corpus], index_path=index, search=False)
    metadata = time.perf_counter() - started
    started = time.perf_counter()
    indexed.index.build_search()
    search_build = time.perf_counter() - started
    count = len(indexed.articles)
    return {
        "articles": count,
        "problems": len(indexed.problems),
        "cold_metadata_s": metadata,
        "cold_search_index_s": search_build,
        "cold_total_s": metadata + search_build,
        "cold_list_rate": count / metadata if metadata else None,
        "cold_total_rate": count / (metadata + search_build),
        "index_mib": round(index.stat().st_size / 2**20, 1),
        **peak_mib(),
    }


def searchable(corpus: Path, index: Path) -> dict:
    """From an empty cache until a search can answer, as `reader search` does it."""
    empty(index)
    started = time.perf_counter()
    indexed = open_corpus([corpus], index_path=index, search=True)
    seconds = time.perf_counter() - started
    return {
        "cold_searchable_s": seconds,
        "cold_searchable_cpu_s": cpu_seconds(),
        "cold_searchable_hits": len(indexed.search("said")),
    }


def timed(function, *args, repeat: int = 3) -> float:
    """Median seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def once(function, *args) -> float:
    """Seconds of one call."""
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def warm(corpus: Path, index: Path, queries: dict) -> dict:
    started = time.perf_counter()
    indexed = open_corpus([corpus], index_path=index, refresh=False, search=False)
    load = time.perf_counter() - started
    started = time.perf_counter()
    report = indexed.refresh()
    refresh = time.perf_counter() - started
    started = time.perf_counter()
    ordered = sort_articles(indexed.articles)
    sort = time.perf_counter() - started
    # The first call of each query is timed: a repeated query is answered from memory
    # (timed apart, as "cached"). One search and one filter first, so that opening SQLite's
    # tables is not counted against the first query.
    indexed.search("warmup")
    indexed.filter_articles(ordered, "warmup")
    search_times = {query: once(indexed.search, query) for query in queries["search"]}
    cached_times = [once(indexed.search, query) for query in queries["search"]]
    hit_counts = {query: len(indexed.matching(query)) for query in queries["search"]}
    filter_times, first_page_times, typed_counts = [], [], {}
    for typed in queries["typed"]:
        for end in range(1, len(typed) + 1):
            if hasattr(indexed, "first_matches"):  # not in versions before it (to compare)
                first_page_times.append(once(indexed.first_matches, ordered, typed[:end], 60))
            filter_times.append(once(indexed.filter_articles, ordered, typed[:end]))
            typed_counts[typed[:end]] = len(indexed.matching(typed[:end]))
    article = ordered[len(ordered) // 2]
    started = time.perf_counter()
    body = article.body
    body_load = time.perf_counter() - started
    return {
        "warm_load_s": load,
        "refresh_s": refresh,
        "refresh_unchanged": report.unchanged,
        "sort_by_date_s": sort,
        "body_load_ms": body_load * 1000,
        "body_chars": len(body),
        "search_p50_ms": percentile(list(search_times.values()), 0.5) * 1000,
        "search_p95_ms": percentile(list(search_times.values()), 0.95) * 1000,
        "search_ms": {query: round(t * 1000, 2) for query, t in search_times.items()},
        "search_cached_p95_ms": percentile(cached_times, 0.95) * 1000,
        "first_page_p50_ms": percentile(first_page_times, 0.5) * 1000,
        "first_page_p95_ms": percentile(first_page_times, 0.95) * 1000,
        "search_hits": hit_counts,
        "filter_p50_ms": percentile(filter_times, 0.5) * 1000,
        "filter_p95_ms": percentile(filter_times, 0.95) * 1000,
        "typed_counts": typed_counts,
        "newest_title": ordered[0].title if ordered else None,
        **peak_mib(),
    }


def main(argv: list[str]) -> int:
    phase, corpus, index = argv[0], Path(argv[1]), Path(argv[2])
    queries = json.loads(Path(argv[3]).read_text()) if len(argv) > 3 else {}
    if phase == "searchable":
        result = searchable(corpus, index)
    else:
        result = cold(corpus, index) if phase == "cold" else warm(corpus, index, queries)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
