"""The `/` filter in the real UI at scale: each key until the list answers it, in a pty.

`python -m benchmarks.bench_tui keys CORPUS INDEX [--repo CHECKOUT] [--runs N] [--json F]`

On an index already built for CORPUS (a warm start): waits for the list, presses Down a
while as the rest of the list, the refresh and the name index load in the background
("early keys"), then types each query of `QUERIES` a letter at a time. For every letter it
times the wall clock until the screen shows the answer (the status line names what is typed
and shows its count, or a first page while the rest is counted) and the CPU the UI's main
thread spent meanwhile (steadier than wall time on a shared machine), then waits for the
full count. "answered" and "counted" stop when the bytes that complete the answer reach the
pseudo-terminal (`Screen.wait_for_arrival`): what a terminal gets, before it parses and
paints them (a native terminal: well under a millisecond for one repaint of the list);
"answered_parsed" stops once pyte, a pure-Python emulator, has parsed them too (20-70 ms
more for a whole list on this machine: the probe's own cost, which the first versions of
this benchmark measured as part of the key). Reports p50/p95 of each, the load average, and peak memory of the UI process
(its own high-water mark, and the tree's with the stories child). Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchmarks.index_probe import percentile
from benchmarks.pty_probe import Screen, cpu_seconds, peak_rss_kib
from benchmarks.scale import child_env, shows, synthetic_queries

# The typed queries of benchmarks.scale, and two short prefixes (the costliest to expand).
QUERIES = [*synthetic_queries()["typed"], "pr", "ma"]


def expected(corpus: Path, index: Path) -> tuple[dict[str, int], str, int]:
    """What the status line must show for each prefix typed, the newest title, and how many
    articles there are."""
    from reader.corpus import sort_articles
    from reader.index import open_corpus

    opened = open_corpus([corpus], index_path=index, refresh=False, search=False)
    assert opened.index is not None
    counts = {
        query[:end]: len(opened.matching(query[:end]))
        for query in QUERIES
        for end in range(1, len(query) + 1)
    }
    newest = sort_articles(opened.articles)[0].title
    total = len(opened.articles)
    opened.index.close()
    return counts, newest, total


def type_queries(screen: Screen, counts: dict[str, int], total: int) -> dict[str, list[float]]:
    pid = screen.child.pid
    found: dict[str, list[float]] = {
        "answered": [],
        "answered_parsed": [],
        "main_cpu": [],
        "counted": [],
    }
    for query in QUERIES:
        screen.press("/")
        screen.settle(0.3)
        for end in range(1, len(query) + 1):
            label = f"filter: {query[:end].strip()}"
            count = f"{counts[query[:end]]:,} of {total:,} shown"

            def answered(s: Screen, label: str = label, count: str = count) -> bool:
                text = s.text()
                shown = count in text or "counting" in text
                return label in text and "filtering" not in text and shown

            def counted(s: Screen, label: str = label, count: str = count) -> bool:
                text = s.text()
                return label in text and count in text and "counting" not in text

            cpu = cpu_seconds(pid, main_thread_only=True)
            pressed = time.perf_counter()
            screen.press(query[end - 1])
            answer = screen.wait_for_arrival(answered, timeout=60, cpu_of=pid)
            found["answered"].append(answer.arrived - pressed)
            found["answered_parsed"].append(answer.parsed - pressed)
            found["main_cpu"].append(answer.main_cpu - cpu)
            full = screen.wait_for_arrival(counted, timeout=60)
            found["counted"].append(full.arrived - pressed)
        screen.press("escape")
        screen.settle(0.3)
    return found


def run(
    corpus: Path, index: Path, repo: Path, counts: dict[str, int], newest: str, total: int
) -> dict:
    env = child_env(index)
    env["PYTHONPATH"] = str(repo)
    screen = Screen([sys.executable, "-m", "reader", str(corpus)], env=env, cwd=str(repo))
    result: dict = {"load_before": os.getloadavg()[0]}
    try:
        result["visible_s"] = screen.wait_for(shows(newest), timeout=300)
        early = []
        for _ in range(30):
            early.append(screen.key_latency("down"))
            screen.settle(0.03)
        time.sleep(5)
        screen.settle(0.5)
        typed = type_queries(screen, counts, total)
        result["ui_peak_mib"] = peak_rss_kib(screen.child.pid) / 1024
    finally:
        screen.close()
    result["tree_peak_mib"] = screen.peak_rss_kib / 1024
    result["load_after"] = os.getloadavg()[0]
    for name, values in [("early_key", early), *typed.items()]:
        result[f"{name}_p50_ms"] = percentile(values, 0.5) * 1000
        result[f"{name}_p95_ms"] = percentile(values, 0.95) * 1000
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_tui keys")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("index", type=Path)
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    counts, newest, total = expected(args.corpus, args.index)
    results = [
        run(args.corpus, args.index, args.repo, counts, newest, total) for _ in range(args.runs)
    ]
    text = json.dumps(results, indent=1)
    if args.json:
        args.json.write_text(text)
    print(text)
