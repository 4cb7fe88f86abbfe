"""Story grouping: quality on ECB+ (B-cubed, with topic-half cross-validation) and speed.

usage:
    python -m benchmarks.bench_stories quality [--threshold X ...]
    python -m benchmarks.bench_stories speed [--sizes 1000,10000,100000]
    python -m benchmarks.bench_stories cli [--sizes 10000] [--folder DIR] [--warm] [--runs N]
        [--update]

`quality` groups ../shared/datasets/ecbplus-dev/articles (texts only; gold.json is read here,
by the scorer, never by the grouping) and prints B-cubed precision, recall and F1 for all
topics, for topics 1-11 and 12-22 separately, and a naive baseline. `speed` groups synthetic
stories (several outlets' versions of each event, see `synthetic_stories`) and times placing
one more article; peak memory from tracemalloc. `cli` writes the synthetic stories as files
(to `--folder`, default a folder under /tmp kept between runs) and times the real
`reader stories` command on them: cold (indexing and grouping), then warm three times
(wall and CPU seconds, user and system, peak RSS, load average); `--warm` keeps an index
left by an earlier run (no cold run then), `--runs` sets how many warm runs. `place --index
DB` times placing one article into the grouping stored in the cache DB, as an update does
right after opening it (a fresh `StoredStoryIndex`, rows read, placed, changed rows written,
then rolled back so the cache is left as it was): `--runs` articles, each a copy of a stored
article's text under a new key (`--undated`: without its date, so each meets every article).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from reader.analysis.stories import StoryInput, StoryParams, group, place

REPO = Path(__file__).resolve().parents[1]
# ../shared next to the checkout (or next to the folder of worktrees).
ECBPLUS = next(
    (
        base / "shared" / "datasets" / "ecbplus-dev"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "datasets" / "ecbplus-dev").is_dir()
    ),
    REPO.parent / "shared" / "datasets" / "ecbplus-dev",
)
_URL = re.compile(r'^url:\s*"?https?://(?:www\.)?([^/"\s]+)', re.M)


# --- ECB+ ------------------------------------------------------------------------------------


def load_ecbplus(folder: Path = ECBPLUS) -> list[StoryInput]:
    """The articles as a reader would see them: first line the title, source from the url."""
    inputs = []
    for path in sorted((folder / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        match = _URL.search(text[:500]) if text.startswith("---") else None
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S) if match else text
        title = next((line.strip() for line in body.splitlines() if line.strip()), "")
        source = match.group(1) if match else None
        inputs.append(StoryInput(key=path.name, title=title, text=text, source=source))
    return inputs


def bcubed(gold: dict[str, str], groups: Iterable[Sequence[str]]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of `groups` (keys missing from them are singletons)."""
    pred: dict[str, int] = {}
    for n, keys in enumerate(groups):
        for key in keys:
            pred[key] = n
    for n, key in enumerate(gold):
        pred.setdefault(key, -1 - n)
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[int, set[str]] = defaultdict(set)
    for key, story in gold.items():
        by_gold[story].add(key)
        by_pred[pred[key]].add(key)
    precision = recall = 0.0
    for key, story in gold.items():
        shared = len(by_gold[story] & by_pred[pred[key]])
        precision += shared / len(by_pred[pred[key]])
        recall += shared / len(by_gold[story])
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _topic(key: str) -> int:
    return int(key.split("_", 1)[0])


def score(
    inputs: list[StoryInput], gold: dict[str, str], params: StoryParams
) -> tuple[float, float, float]:
    grouping = group(inputs, params)
    keys = {item.key for item in inputs}
    return bcubed({k: v for k, v in gold.items() if k in keys}, [s.keys for s in grouping.stories])


def quality(params: StoryParams, verbose: bool = False) -> None:
    inputs = load_ecbplus()
    gold = json.loads((ECBPLUS / "gold.json").read_text())
    halves = {
        "all": inputs,
        "topics 1-11": [i for i in inputs if _topic(i.key) <= 11],
        "topics 12-22": [i for i in inputs if _topic(i.key) >= 12],
    }
    for name, part in halves.items():
        p, r, f = score(part, gold, params)
        print(f"{name:13} B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}  ({len(part)} articles)")
    # Incremental: group nine articles in ten, then place the rest one at a time.
    held = inputs[::10]
    grouping = group([i for i in inputs if i not in held], params)
    timings = []
    for item in held:
        started = time.perf_counter()
        place(grouping.index, item)
        timings.append((time.perf_counter() - started) * 1000)
    p, r, f = bcubed(gold, [s.keys for s in grouping.index.stories()])
    print(
        f"incremental   B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}  ({len(held)} of them placed"
        f" one by one, {max(timings):.1f} ms at most)"
    )
    if verbose:
        grouping = group(inputs, params)
        for story in grouping.stories:
            labels = sorted({gold[k] for k in story.keys})
            print(len(story.keys), labels, story.title[:70])


def tune(values: list[float], field: str, base: StoryParams) -> None:
    """Cross-validation by topic halves: pick `field` on one half, report on the other."""
    inputs = load_ecbplus()
    gold = json.loads((ECBPLUS / "gold.json").read_text())
    first = [i for i in inputs if _topic(i.key) <= 11]
    second = [i for i in inputs if _topic(i.key) >= 12]
    table = {}
    for value in values:
        params = replace(base, **{field: type(getattr(base, field))(value)})
        table[value] = (
            score(first, gold, params)[2],
            score(second, gold, params)[2],
            score(inputs, gold, params)[2],
        )
        print(
            f"{field}={value}: 1-11 {table[value][0]:.3f}  12-22 {table[value][1]:.3f}"
            f"  all {table[value][2]:.3f}"
        )
    best_first = max(values, key=lambda v: table[v][0])
    best_second = max(values, key=lambda v: table[v][1])
    print(f"tuned on 1-11 ({field}={best_first}) -> 12-22 F1 {table[best_first][1]:.3f}")
    print(f"tuned on 12-22 ({field}={best_second}) -> 1-11 F1 {table[best_second][0]:.3f}")


def naive_baseline() -> None:
    """Headline word overlap (Jaccard >= 0.3, single link): the 'before' figure."""
    inputs = load_ecbplus()
    gold = json.loads((ECBPLUS / "gold.json").read_text())
    words = [set(re.findall(r"\w{4,}", i.title.lower())) for i in inputs]
    parent = list(range(len(inputs)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(inputs)):
        for j in range(i):
            union = words[i] | words[j]
            if union and len(words[i] & words[j]) / len(union) >= 0.3:
                parent[root(i)] = root(j)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, item in enumerate(inputs):
        groups[root(i)].append(item.key)
    p, r, f = bcubed(gold, list(groups.values()))
    print(f"naive title-overlap baseline: P {p:.3f} R {r:.3f} F1 {f:.3f}")


# --- speed ------------------------------------------------------------------------------------


def synthetic_stories(count: int, seed: int = 7) -> list[StoryInput]:
    """`count` articles about count/3 events: each event told by 1-6 outlets over a few days.

    Each version rewrites the event's facts (names, place, figures, its own sentences) with
    different filler from the synthetic generator's sentence pool.
    """
    from benchmarks.synthetic import LAST_NAMES, SOURCES, CorpusWriter

    writer = CorpusWriter()
    rng = random.Random(seed)
    items: list[StoryInput] = []
    event = 0
    start = datetime(2015, 1, 1)
    while len(items) < count:
        event += 1
        name = f"{rng.choice(writer.vocabulary[60:]).capitalize()} {rng.choice(LAST_NAMES)}"
        place_name = rng.choice(writer.vocabulary[2000:]).capitalize()
        facts = writer.words(rng, 12)
        figure = f"{rng.randint(2, 999)}"
        day = start + timedelta(days=rng.randrange(3650))
        for version in range(rng.choice((1, 1, 2, 3, 4, 6))):
            chosen = rng.sample(facts, 6)
            title = f"{name} {' '.join(chosen[:3])} in {place_name}"
            lead = f"{name} {' '.join(chosen)} {figure} in {place_name}."
            filler = " ".join(rng.choices(writer.sentences, k=rng.randint(6, 30)))
            source = rng.choice(SOURCES)[0]
            items.append(
                StoryInput(
                    key=f"e{event}-{version}",
                    title=title,
                    text=f"{lead} {filler}",
                    published=day + timedelta(hours=rng.randrange(72)),
                    source=source,
                )
            )
    return items[:count]


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speed(sizes: list[int], workers: int, traced: bool) -> None:
    """Time `group` on synthetic stories and `place` of one more article; peak memory.

    Memory is the growth of the process's peak RSS during grouping (the inputs already
    built), or with `traced` the tracemalloc peak (slower run).
    """
    for size in sizes:
        items = synthetic_stories(size + 1)
        extra, items = items[-1], items[:-1]
        gc.collect()
        before = rss_mb()
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        cpu_started = cpu_seconds()
        grouping = group(items, workers=workers)
        elapsed = time.perf_counter() - started
        cpu = cpu_seconds() - cpu_started
        if traced:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        else:
            peak = rss_mb() - before
        timings = []
        for n in range(20):
            moved = replace(extra, key=f"{extra.key}-{n}")
            started = time.perf_counter()
            place(grouping.index, moved)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        print(
            f"{size:>7} articles: grouped in {elapsed:6.2f} s wall, {cpu:6.2f} s CPU"
            f" ({workers} workers, load {os.getloadavg()[0]:.1f}),"
            f" {len(grouping.stories)} stories, peak +{peak:6.1f} MB"
            f" ({'tracemalloc' if traced else 'RSS'}); one placed in"
            f" {timings[len(timings) // 2]:.2f} ms (median of 20, max {timings[-1]:.2f})",
            flush=True,
        )
        del grouping, items


def write_synthetic(folder: Path, size: int) -> Path:
    """The synthetic stories as Markdown files with front matter, in `folder/<size>`
    (written once; later runs reuse them)."""
    target = folder / str(size)
    done = target / ".complete"
    if done.exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    for item in synthetic_stories(size):
        front = (
            f"---\ntitle: {json.dumps(item.title)}\nsource: {json.dumps(item.source)}\n"
            f"published: {item.published.isoformat() if item.published else ''}\n---\n"
        )
        (target / f"{item.key}.md").write_text(f"{front}{item.text}\n", encoding="utf-8")
    done.write_text("", encoding="utf-8")
    return target


def _run_cli(args: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds, of them system seconds, and peak RSS (MB) of one `reader`
    run (the RSS is the biggest of every child so far)."""
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reader.cli.main", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    system = after.ru_stime - before.ru_stime
    cpu = (after.ru_utime - before.ru_utime) + system
    return wall, cpu, system, after.ru_maxrss / 1024


def _add_one(corpus: Path, size: int) -> None:
    """One new synthetic article in `corpus` (a story of its own or not: as it comes)."""
    number = len(list(corpus.glob("added-*.md")))
    item = synthetic_stories(size + number + 1)[-1]
    front = (
        f"---\ntitle: {json.dumps(item.title)}\nsource: {json.dumps(item.source)}\n"
        f"published: {item.published.isoformat() if item.published else ''}\n---\n"
    )
    (corpus / f"added-{number}.md").write_text(f"{front}{item.text}\n", encoding="utf-8")


def cli(
    sizes: list[int], folder: Path, warm: bool = False, runs: int = 3, update: bool = False
) -> None:
    """`reader stories` on synthetic corpora: cold, then warm (the stored grouping); with
    `update`, each warm run follows one new article (placed into the stored grouping)."""
    for size in sizes:
        corpus = write_synthetic(folder, size)
        index = folder / f"index-{size}.db"
        keep = warm and index.exists()
        for leftover in folder.glob(f"index-{size}.db*"):
            if not keep:
                leftover.unlink()
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
        # As installed: with byte-code (this machine's shells set PYTHONDONTWRITEBYTECODE,
        # which makes every run compile every module again).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = ["stories", str(corpus), "--index", str(index)]
        if not keep:
            wall, cpu, _, rss = _run_cli(command, env)
            print(f"{size:>7} articles: cold {wall:6.2f} s wall, {cpu:6.2f} s CPU", flush=True)
        for _ in range(runs):
            if update:
                _add_one(corpus, size)
            load = os.getloadavg()[0]
            wall, cpu, system, rss = _run_cli(command, env)
            print(
                f"{size:>7} articles: {'one added' if update else 'warm'}"
                f" {wall:6.2f} s wall, {cpu:5.2f} s CPU"
                f" ({system:.2f} s system), load {load:.1f}, peak RSS so far {rss:.0f} MB",
                flush=True,
            )


def place_stored(index_path: Path, runs: int, undated: bool = False) -> None:
    """Placing one article into a stored grouping, each from a fresh read of the cache."""
    import sqlite3

    from reader.index.story_store import StoredStoryIndex, stored_params

    db = sqlite3.connect(index_path, isolation_level=None)
    scope, params, next_id = db.execute("SELECT id, params, next_id FROM stories").fetchone()
    (highest,) = db.execute("SELECT MAX(id) FROM files").fetchone()
    rows = db.execute(
        "SELECT f.title, f.source, f.published, t.body FROM files f JOIN texts t USING(id) "
        "WHERE f.is_article = 1 ORDER BY (f.id * 7919) % 100003 LIMIT ?",
        (runs,),
    ).fetchall()
    times, cpu_times = [], []
    for number, (title, source, published, body) in enumerate(rows, 1):
        item = StoryInput(
            key=str(highest + number),
            title=title or "",
            text=body or "",
            published=datetime.fromisoformat(published) if published and not undated else None,
            source=source,
        )
        started, cpu_started = time.perf_counter(), time.process_time()
        db.execute("BEGIN IMMEDIATE")
        try:
            index = StoredStoryIndex(db, scope, stored_params(params), next_id)
            story = place(index, item)
            index.save()
            index.story(story)
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
        finally:
            db.execute("ROLLBACK")
    times.sort()
    cpu_times.sort()
    print(
        f"placed {len(times)} (load {os.getloadavg()[0]:.1f}): wall median "
        f"{1000 * times[len(times) // 2]:.1f} ms, max {1000 * times[-1]:.1f} ms; CPU median "
        f"{1000 * cpu_times[len(times) // 2]:.1f} ms, max {1000 * cpu_times[-1]:.1f} ms; "
        f"wall {' '.join(f'{1000 * t:.0f}' for t in times)}"
    )
    db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("quality", "tune", "speed", "baseline", "cli", "place"))
    parser.add_argument("--folder", default="/tmp/reader-bench-stories")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--field", default="story_threshold")
    parser.add_argument("--values", default="0.04,0.05,0.06,0.07,0.08,0.09,0.1,0.12")
    parser.add_argument("--set", action="append", default=[], help="FIELD=VALUE")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--warm", action="store_true", help="cli: keep an existing index")
    parser.add_argument("--runs", type=int, default=3, help="cli: warm runs")
    parser.add_argument("--undated", action="store_true", help="place: articles without dates")
    parser.add_argument("--update", action="store_true", help="cli: one article added a run")
    parser.add_argument("--index", help="place: the cache to place into (left unchanged)")
    args = parser.parse_args(argv)
    overrides = {}
    for pair in args.set:
        name, value = pair.split("=")
        overrides[name] = type(getattr(StoryParams(), name))(float(value))
    params = replace(StoryParams(), **overrides)
    if args.mode == "quality":
        quality(params, args.verbose)
    elif args.mode == "tune":
        tune([float(v) for v in args.values.split(",")], args.field, params)
    elif args.mode == "baseline":
        naive_baseline()
    elif args.mode == "place":
        place_stored(Path(args.index), args.runs, args.undated)
    elif args.mode == "cli":
        cli(
            [int(s) for s in args.sizes.split(",")],
            Path(args.folder),
            args.warm,
            args.runs,
            args.update,
        )
    else:
        speed([int(s) for s in args.sizes.split(",")], args.workers, args.tracemalloc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
