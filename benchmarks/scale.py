"""How reader copes with big corpora: `python -m benchmarks.scale [--sizes ...] [--json FILE]`.

For synthetic corpora of each size (generated once into benchmarks/out/ and reused) and for
the BBC corpus beside the checkout when it is there, measures:

- the index, each phase in its own process: cold indexing (metadata, then the full-text
  index), warm load, refresh (the stat walk), search and filter query times (p50/p95 over a
  set of queries), peak memory;
- the UI in a real pseudo-terminal (pexpect feeding pyte): cold and warm start until the
  list is on screen and a key moves the cursor, key latency while scrolling, latency of
  filter-as-you-type (until the screen settles), peak memory of the process tree;
- the floor: a bare Textual app with one label, started and timed the same way.

Prints a table, and all figures as JSON with --json. Timings are wall-clock on whatever
else the machine is doing; run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.index_probe import percentile
from benchmarks.pty_probe import ProbeTimeout, Screen
from benchmarks.synthetic import LAST_NAMES, CorpusWriter, ensure_corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
BBC = REPO.parent / "shared" / "corpora" / "bbc"
COLUMNS, ROWS = 120, 40

BBC_QUERIES = {
    "search": [
        "blair",
        "election",
        "economy growth",
        "oil prices",
        "champions league",
        "gordon brown",
        "microsoft",
        "mobile phone",
        "film award",
        "tax",
        "interest rates",
        "govern",
    ],
    "typed": ["election", "oil prices", "chelsea"],
}


def synthetic_queries() -> dict[str, list[str]]:
    """Searches of every kind: names, common and rare words, pairs, prefixes."""
    writer = CorpusWriter()
    vocabulary = writer.vocabulary
    return {
        "search": [
            LAST_NAMES[5].lower(),
            f"{LAST_NAMES[5].lower()} said",
            "market",
            "oil prices",
            "court election",
            vocabulary[300],
            vocabulary[3000],
            vocabulary[30000],
            f"{vocabulary[400]} {vocabulary[900]}",
            "govern",
            vocabulary[5000][:4],
            "percent growth",
            "said",
            "market said",
        ],
        "typed": ["government", LAST_NAMES[7].lower(), "oil prices"],
    }


# --- the index, in child processes ---------------------------------------------------------


def probe_index(corpus: Path, index: Path, queries: dict) -> dict:
    """The floor (benchmarks/floor_index.py), then reader's cold and warm index, each in its
    own process, one after the other (so on the same machine load)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{index}{suffix}").unlink(missing_ok=True)
    queries_file = index.with_suffix(".queries.json")
    queries_file.write_text(json.dumps(queries))
    floor_index = index.with_suffix(".floor.db")
    result: dict = json.loads(
        subprocess.run(
            [sys.executable, "-m", "benchmarks.floor_index", str(corpus), str(floor_index)],
            cwd=REPO,
            env=child_env(index),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    floor_index.unlink(missing_ok=True)
    result["load_before_cold"] = os.getloadavg()[0]
    for phase in ("searchable", "cold", "warm"):
        output = subprocess.run(
            [sys.executable, "-m", "benchmarks.index_probe", phase, str(corpus), str(index)]
            + ([str(queries_file)] if phase == "warm" else []),
            cwd=REPO,
            env=child_env(index),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        measured = json.loads(output)
        for key in ("peak_mib", "worker_peak_mib"):
            if key in measured:
                measured[f"{phase}_{key}"] = measured.pop(key)
        result.update(measured)
    result["cold_vs_floor"] = result["cold_searchable_s"] / result["floor_index_s"]
    result["cold_vs_floor_cpu"] = result["cold_searchable_cpu_s"] / result["floor_index_cpu_s"]
    return result


def child_env(index: Path) -> dict[str, str]:
    """The environment of a measured process: its own index, state and (empty) config."""
    scratch = index.parent
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        TERM="xterm-256color",
        READER_INDEX=str(index),
        READER_STATE=str(scratch / f"{index.stem}.state.db"),
        XDG_CONFIG_HOME=str(scratch / "config"),
        TEXTUAL_ANIMATIONS="none",
    )
    env.pop("TEXTUAL", None)
    return env


# --- the UI, in a pseudo-terminal ------------------------------------------------------------


def shows(text: str):
    needle = text[:40]
    return lambda screen: needle in screen.text()


def probe_start(corpus: Path, index: Path, ready_text: str, timeout: float) -> dict:
    """Launch reader on `corpus`; seconds until `ready_text` shows and a key moves the cursor."""
    screen = Screen(
        [sys.executable, "-m", "reader", str(corpus)],
        env=child_env(index),
        cwd=str(REPO),
        columns=COLUMNS,
        rows=ROWS,
    )
    try:
        visible = screen.wait_for(shows(ready_text), timeout=timeout)
        first_key = screen.key_latency("down")
        usable = visible + first_key
        return {"visible_s": visible, "usable_s": usable, "screen": screen}
    except ProbeTimeout:
        screen.close(quit_key=None)
        raise


def wait_for_search_index(index: Path, timeout: float) -> float:
    """Seconds until the app's background work has put every article in the FTS index."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as db:
                (upto,) = db.execute("SELECT value FROM meta WHERE key = 'fts_upto'").fetchone()
                (last,) = db.execute("SELECT COALESCE(MAX(id), 0) FROM texts").fetchone()
            if int(upto) >= last:
                return time.perf_counter() - started
        except sqlite3.Error:
            pass
        time.sleep(0.2)
    raise ProbeTimeout(f"the search index in {index} was not finished after {timeout} s")


def probe_keys(screen: Screen, presses: int, prefix: str = "key") -> dict:
    """Scroll down the list a row at a time; each key's time until the screen changes."""
    times = []
    for _ in range(presses):
        times.append(screen.key_latency("down"))
        screen.settle(0.03)
    return {
        f"{prefix}_p50_ms": percentile(times, 0.5) * 1000,
        f"{prefix}_p95_ms": percentile(times, 0.95) * 1000,
    }


def probe_filter(
    screen: Screen, typed: list[str], counts: dict[str, int], total: int, filter_key: str
) -> dict:
    """Type each query a character at a time into the list's filter; for each key, the time
    until the list answers it (the status line shows the count for what is typed so far, or
    a first page while the rest is counted) and the time until the full count shows."""
    answered, counted = [], []
    for query in typed:
        screen.press(filter_key)
        screen.settle(0.2)
        for end in range(1, len(query) + 1):
            typed_so_far = query[:end]
            label = f"filter: {typed_so_far.strip()}"
            count = f"{counts[typed_so_far]:,} of {total:,} shown"

            def first(screen: Screen, label: str = label, count: str = count) -> bool:
                text = screen.text()
                return (
                    label in text
                    and "filtering" not in text
                    and (count in text or "counting" in text)
                )

            def full(screen: Screen, label: str = label, count: str = count) -> bool:
                text = screen.text()
                return label in text and count in text and "counting" not in text

            pressed = time.perf_counter()
            screen.press(query[end - 1])
            screen.wait_for(first, timeout=60)
            answered.append(time.perf_counter() - pressed)
            screen.wait_for(full, timeout=60)
            counted.append(time.perf_counter() - pressed)
        screen.press("escape")
        screen.settle(0.3)
    return {
        "filter_ui_p50_ms": percentile(answered, 0.5) * 1000,
        "filter_ui_p95_ms": percentile(answered, 0.95) * 1000,
        "filter_count_ui_p50_ms": percentile(counted, 0.5) * 1000,
        "filter_count_ui_p95_ms": percentile(counted, 0.95) * 1000,
    }


def probe_ui(corpus: Path, index: Path, measured: dict, queries: dict, args) -> dict:
    """Cold and warm starts (the median of `args.runs` each), then keys and the filter."""
    newest = measured["newest_title"]
    result: dict = {}
    for phase in ("warm",) if args.no_cold_ui else ("cold", "warm"):
        starts = []
        for run in range(args.runs):
            if phase == "cold":
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{index}{suffix}").unlink(missing_ok=True)
            started = probe_start(corpus, index, newest, timeout=args.timeout)
            screen = started.pop("screen")
            starts.append(started)
            if run < args.runs - 1:
                screen.close()
                peak = round(screen.peak_rss_kib / 1024, 1)
                result[f"ui_{phase}_peak_mib"] = max(result.get(f"ui_{phase}_peak_mib", 0), peak)
        for key in starts[0]:
            result[f"ui_{phase}_{key}"] = percentile([start[key] for start in starts], 0.5)
        result[f"ui_{phase}_{'visible_s'}_runs"] = [start["visible_s"] for start in starts]
        if phase == "warm":
            # Right after the start the rest of the list, the refresh from disk and the
            # name index are still being built in the background; later the app is idle.
            result.update(probe_keys(screen, 20, prefix="early_key"))
            remaining = args.settle - (time.perf_counter() - screen.started)
            if remaining > 0:
                time.sleep(remaining)
            # The filter finds only indexed articles until a first start's FTS index is done.
            result["search_index_wait_s"] = wait_for_search_index(index, args.timeout)
            screen.settle(0.2)
            result.update(probe_keys(screen, args.presses))
            if not args.no_filter:
                result.update(
                    probe_filter(
                        screen,
                        queries["typed"],
                        measured["typed_counts"],
                        measured["articles"],
                        args.filter_key,
                    )
                )
        screen.close()
        peak = round(screen.peak_rss_kib / 1024, 1)
        result[f"ui_{phase}_peak_mib"] = max(result.get(f"ui_{phase}_peak_mib", 0), peak)
    return result


def probe_floor(args) -> dict:
    times, keys, peak = [], [], 0
    for _ in range(args.floor_runs):
        screen = Screen(
            [sys.executable, "-m", "benchmarks.floor_app"],
            env=child_env(Path(os.devnull)),
            cwd=str(REPO),
            columns=COLUMNS,
            rows=ROWS,
        )
        times.append(screen.wait_for(lambda s: "floor ready" in s.text(), timeout=args.timeout))
        keys.append(screen.key_latency("j"))
        screen.settle(0.05)
        for _ in range(20):
            keys.append(screen.key_latency("j"))
            screen.settle(0.03)
        screen.close()
        peak = max(peak, screen.peak_rss_kib)
    return {
        "ui_visible_s": percentile(times, 0.5),
        "key_p50_ms": percentile(keys, 0.5) * 1000,
        "key_p95_ms": percentile(keys, 0.95) * 1000,
        "peak_mib": round(peak / 1024, 1),
    }


# --- the report --------------------------------------------------------------------------------


def fmt(value, unit: str = "", digits: int = 2) -> str:
    if value is None or value != value:
        return "-"
    return f"{value:.{digits}f}{unit}"


def _pair(row: dict, key: str) -> str:
    return f"{fmt(row.get(key + '_p50_ms'), '', 1)} / {fmt(row.get(key + '_p95_ms'), '', 1)}"


def print_table(results: dict) -> None:
    """Two tables: the index (in-process API) and the UI (in a pseudo-terminal)."""
    index_rows = [
        (
            "corpus",
            "articles",
            "cold list",
            "list/s",
            "cold+FTS",
            "searchable",
            "floor",
            "x floor",
            "x floor CPU",
            "warm load",
            "refresh",
            "search p50/p95 ms",
            "filter p50/p95 ms",
            "1st page p50/p95 ms",
            "index MiB",
            "peak MiB",
        ),
    ]
    ui_rows = [
        (
            "corpus",
            "cold start",
            "warm start",
            "early keys p50/p95 ms",
            "keys p50/p95 ms",
            "filter p50/p95 ms",
            "full count p50/p95 ms",
            "peak MiB",
        ),
    ]
    for name, r in results["corpora"].items():
        index_rows.append(
            (
                name,
                str(r.get("articles", "")),
                fmt(r.get("cold_metadata_s"), " s"),
                fmt(r.get("cold_list_rate"), "", 0),
                fmt(r.get("cold_total_s"), " s"),
                fmt(r.get("cold_searchable_s"), " s"),
                fmt(r.get("floor_index_s"), " s"),
                fmt(r.get("cold_vs_floor"), "x", 1),
                fmt(r.get("cold_vs_floor_cpu"), "x", 1),
                fmt(r.get("warm_load_s"), " s"),
                fmt(r.get("refresh_s"), " s"),
                _pair(r, "search"),
                _pair(r, "filter"),
                _pair(r, "first_page"),
                fmt(r.get("index_mib"), "", 0),
                fmt(max(r.get("cold_peak_mib", 0), r.get("warm_peak_mib", 0)), "", 0),
            )
        )
        if "ui_warm_usable_s" in r:
            ui_rows.append(
                (
                    name,
                    fmt(r.get("ui_cold_usable_s"), " s"),
                    fmt(r.get("ui_warm_usable_s"), " s"),
                    _pair(r, "early_key"),
                    _pair(r, "key"),
                    _pair(r, "filter_ui"),
                    _pair(r, "filter_count_ui"),
                    fmt(max(r.get("ui_cold_peak_mib", 0), r.get("ui_warm_peak_mib", 0)), "", 0),
                )
            )
    floor = results.get("floor")
    if floor:
        ui_rows.append(
            (
                "floor (bare Textual)",
                "",
                fmt(floor["ui_visible_s"], " s"),
                "",
                _pair(floor, "key"),
                "",
                "",
                fmt(floor["peak_mib"], "", 0),
            )
        )
    for rows in (index_rows, ui_rows):
        if len(rows) == 1:
            continue
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        for row in rows:
            print(
                "  ".join(
                    cell.rjust(width) if column else cell.ljust(width)
                    for column, (cell, width) in enumerate(zip(row, widths, strict=True))
                )
            )
        print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.scale",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="1000,10000,100000", help="synthetic corpus sizes")
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    parser.add_argument("--no-bbc", action="store_true", help="skip the BBC corpus")
    parser.add_argument("--no-ui", action="store_true", help="skip the pseudo-terminal runs")
    parser.add_argument("--no-filter", action="store_true", help="skip typing into the filter")
    parser.add_argument(
        "--no-cold-ui", action="store_true", help="skip the UI's cold starts (index once)"
    )
    parser.add_argument("--filter-key", default="/", help="key that opens the list filter")
    parser.add_argument("--presses", type=int, default=100, help="keys pressed for latency")
    parser.add_argument(
        "--settle",
        type=float,
        default=8.0,
        help="seconds after a warm start before the steady key and filter timings",
    )
    parser.add_argument("--floor-runs", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3, help="starts timed (the median counts)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for a start")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(os.environ.get("READER_BENCH_CORPORA", OUT)),
        help="where corpora are generated (also $READER_BENCH_CORPORA; keep them outside the "
        "checkout, e.g. in /tmp, and reuse them)",
    )
    args = parser.parse_args(argv)

    corpora: list[tuple[str, Path, dict]] = []
    for size in (int(text) for text in args.sizes.split(",") if text.strip()):
        print(f"preparing {size:,} synthetic articles ...", file=sys.stderr)
        folder = ensure_corpus(args.out / f"corpus-{size}", size)
        corpora.append((f"synthetic-{size}", folder, synthetic_queries()))
    if BBC.is_dir() and not args.no_bbc:
        corpora.append(("bbc", BBC, BBC_QUERIES))

    results: dict = {"machine": machine(), "corpora": {}}
    scratch = Path(tempfile.mkdtemp(prefix="reader-scale-"))
    try:
        if not args.no_ui:
            print("measuring the floor (a bare Textual app) ...", file=sys.stderr)
            results["floor"] = probe_floor(args)
        for name, folder, queries in corpora:
            index = scratch / f"{name}.db"
            print(f"{name}: index ...", file=sys.stderr)
            measured = probe_index(folder, index, queries)
            if not args.no_ui:
                print(f"{name}: UI in a pseudo-terminal ...", file=sys.stderr)
                try:
                    measured.update(probe_ui(folder, index, measured, queries, args))
                except ProbeTimeout as error:
                    measured["ui_error"] = str(error)[-6000:]
                    print(f"{name}: UI probe failed: {str(error)[:300]}", file=sys.stderr)
            results["corpora"][name] = measured
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print_table(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    return 0


def machine() -> dict:
    import platform
    import sqlite3

    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "platform": platform.platform(),
    }


if __name__ == "__main__":
    raise SystemExit(main())
