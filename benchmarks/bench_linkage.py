"""Grouping on issue 19's random-word corpus: CPU, peak memory and a digest of the result.

`python -m benchmarks.bench_linkage prepare [--sizes ...]` writes the corpus of
`benchmarks.scale` (100,000 articles, 20% of them without a published date) into
`/tmp/linkfast/corpus` once (`--folder` to change it), saves its articles as `StoryInput`s
(in the order the files sort) and a seeded random sample of each size (`--seed`, 1).
`run --sizes 5000,20000` groups each sample in its own process (so peak RSS is that
size's) by `group(..., workers=1)`, as docs/stories.md measured it (`--workers 2` as the
index does it; CPU then counts the workers), and prints one line a size: CPU and wall
seconds, peak RSS and its growth while grouping, the load, and digests of the stories and
topics (sha256 over their sorted tuples of article ids): two runs with the same digests
grouped every article the same way. `run --edges` instead saves each sample's candidate
graph and `linkage` times `average_linkage` alone on it (topic threshold), for comparing
linkage implementations back to back.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.bench_stories import cpu_seconds, rss_mb
from benchmarks.synthetic import ensure_corpus
from reader.analysis.stories import StoryInput, group
from reader.analysis.story_articles import story_input
from reader.corpus import Problem, load_articles

FULL_SIZE = 100_000


def prepare(folder: Path) -> Path:
    """The corpus and its articles as StoryInputs, made once; the pickle's path."""
    target = folder / "inputs.pickle"
    if target.exists():
        return target
    corpus = ensure_corpus(folder / "corpus", FULL_SIZE)
    problems: list[Problem] = []
    inputs = [
        story_input(article)
        for file in sorted(p for p in corpus.rglob("*") if p.is_file() and p.name[0] != ".")
        for article in load_articles(file, corpus, problems)
    ]
    undated = sum(item.published is None for item in inputs)
    print(f"{len(inputs)} articles, {undated / len(inputs):.0%} undated, {len(problems)} problems")
    with target.open("wb") as out:
        pickle.dump(inputs, out, protocol=pickle.HIGHEST_PROTOCOL)
    return target


def prepare_sample(folder: Path, size: int, seed: int) -> Path:
    """`size` articles drawn at random (seeded), in corpus order, saved on their own (so
    the measured process never holds the whole corpus: its peak RSS is the sample's)."""
    target = folder / f"sample-{size}-{seed}.pickle"
    if target.exists():
        return target
    with prepare(folder).open("rb") as source:
        inputs: list[StoryInput] = pickle.load(source)
    if size < len(inputs):
        chosen = sorted(random.Random(seed).sample(range(len(inputs)), size))
        inputs = [inputs[n] for n in chosen]
    with target.open("wb") as out:
        pickle.dump(inputs, out, protocol=pickle.HIGHEST_PROTOCOL)
    return target


def sample(folder: Path, size: int, seed: int) -> list[StoryInput]:
    with prepare_sample(folder, size, seed).open("rb") as source:
        inputs: list[StoryInput] = pickle.load(source)
    return inputs


def digest(groups: list[list[str]] | list[set[str]]) -> str:
    ordered = sorted(tuple(sorted(keys)) for keys in groups)
    return hashlib.sha256(repr(ordered).encode()).hexdigest()[:16]


def run_one(folder: Path, size: int, seed: int, workers: int = 1) -> dict:
    """Group one sample in this process (CPU includes the worker processes); its figures."""
    items = sample(folder, size, seed)
    gc.collect()
    before = rss_mb()
    started, cpu_started = time.perf_counter(), cpu_seconds()
    grouping = group(items, workers=workers)
    cpu, wall = cpu_seconds() - cpu_started, time.perf_counter() - started
    return {
        "size": size,
        "seed": seed,
        "workers": workers,
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(rss_mb()),
        "growth_mb": round(rss_mb() - before),
        "load": round(os.getloadavg()[0], 2),
        "stories": len(grouping.stories),
        "stories_digest": digest([story.keys for story in grouping.stories]),
        "topics_digest": digest(list(grouping.index.topics.values())),
    }


def save_edges(folder: Path, size: int, seed: int) -> None:
    """The sample's candidate graph (as `group` builds it) for `linkage`."""
    import reader.analysis.stories as stories

    captured = {}

    class Captured(Exception):
        pass

    def capture(count, edges, threshold):  # type: ignore[no-untyped-def]
        captured["graph"] = (
            count,
            threshold,
            edges.lefts.tobytes(),
            edges.rights.tobytes(),
            edges.sims.tobytes(),
        )
        raise Captured

    stories.average_linkage = capture
    try:
        group(sample(folder, size, seed), workers=1)
    except Captured:
        pass
    with (folder / f"edges-{size}.pickle").open("wb") as out:
        pickle.dump(captured["graph"], out, protocol=pickle.HIGHEST_PROTOCOL)


def linkage_one(folder: Path, size: int) -> dict:
    """`average_linkage` alone on a saved graph."""
    from reader.analysis.story_cluster import Edges, average_linkage

    with (folder / f"edges-{size}.pickle").open("rb") as source:
        count, threshold, lefts, rights, sims = pickle.load(source)
    edges = Edges()
    edges.lefts.frombytes(lefts)
    edges.rights.frombytes(rights)
    edges.sims.frombytes(sims)
    del lefts, rights, sims
    size_of_graph = len(edges)
    gc.collect()
    gc.disable()
    before = rss_mb()
    started = cpu_seconds()
    clusters = average_linkage(count, edges, threshold)
    cpu = cpu_seconds() - started
    return {
        "size": size,
        "edges": size_of_graph,
        "cpu_s": round(cpu, 2),
        "growth_mb": round(rss_mb() - before),
        "load": round(os.getloadavg()[0], 2),
        "clusters": len(clusters),
        "digest": digest([[str(n) for n in cluster] for cluster in clusters]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("prepare", "run", "linkage", "one", "one-linkage"))
    parser.add_argument("--folder", default="/tmp/linkfast")
    parser.add_argument("--sizes", default="5000,10000,20000,40000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--edges", action="store_true", help="run: save the candidate graphs")
    parser.add_argument("--workers", type=int, default=1, help="run: as `group` takes it")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.mode == "prepare":
        for size in sizes:
            prepare_sample(folder, size, args.seed)
    elif args.mode == "one":
        if args.edges:
            save_edges(folder, sizes[0], args.seed)
        else:
            print(json.dumps(run_one(folder, sizes[0], args.seed, args.workers)))
    elif args.mode == "one-linkage":
        print(json.dumps(linkage_one(folder, sizes[0])))
    else:
        for size in sizes:
            prepare_sample(folder, size, args.seed)
        mode = "one" if args.mode == "run" else "one-linkage"
        for size in sizes:
            command = [sys.executable, "-m", "benchmarks.bench_linkage", mode]
            command += ["--folder", str(folder), "--sizes", str(size), "--seed", str(args.seed)]
            command += ["--edges"] if args.edges else []
            command += ["--workers", str(args.workers)]
            subprocess.run(command, check=True)
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
