"""Story grouping on undated BBC articles: events, not topic threads (B-cubed on labels).

usage:
    python -m benchmarks.bench_stories_bbc [--set FIELD=VALUE ...] [-v]

Groups all of ../shared/corpora/bbc (2,225 articles without dates, as `reader stories`
reads them) and scores the grouping against the hand labels in tests/fixtures/bbc_events/:
`tuning.json` and `held_out.json` map paths (relative to the corpus folder) to event ids
(the README there says how they were made). B-cubed as `../shared/tools/score_stories.py`,
over the labelled articles only (keyed by path: BBC file names repeat across folders).
`-v` prints, per labelled thread, the predicted groups with their gold events.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from benchmarks.bench_stories import ECBPLUS, bcubed
from reader.analysis.stories import StoryInput, StoryParams, group
from reader.analysis.story_articles import story_input
from reader.corpus.load import load_article

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "tests" / "fixtures" / "bbc_events"
BBC = ECBPLUS.parent.parent / "corpora" / "bbc"
HALVES = ("tuning", "held_out")


def load_bbc(folder: Path = BBC) -> list[StoryInput]:
    """Every BBC article as grouping sees it; keys are paths relative to `folder`."""
    inputs = []
    for path in sorted(folder.glob("*/*.txt")):
        article = load_article(path, folder, [])
        if article is not None:
            item = story_input(article)
            inputs.append(replace(item, key=path.relative_to(folder).as_posix()))
    return inputs


def labels(half: str) -> dict[str, str]:
    gold: dict[str, str] = json.loads((LABELS / f"{half}.json").read_text())
    return gold


def evaluate(params: StoryParams, verbose: bool = False) -> dict[str, tuple[float, float, float]]:
    inputs = load_bbc()
    stories = group(inputs, params).stories
    groups = [story.keys for story in stories]
    result = {}
    for half in HALVES:
        gold = labels(half)
        result[half] = bcubed(gold, [[k for k in keys if k in gold] for keys in groups])
        p, r, f = result[half]
        print(f"bbc {half:9} B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}  ({len(gold)} articles)")
    sizes = sorted((len(keys) for keys in groups), reverse=True)
    print(f"bbc: {len(groups)} stories of {len(inputs)} articles; biggest {sizes[:10]}")
    if verbose:
        _show(groups, {**labels("tuning"), **labels("held_out")})
    return result


def _show(groups: list[tuple[str, ...]] | list[list[str]], gold: dict[str, str]) -> None:
    by_thread: dict[str, list[str]] = defaultdict(list)
    for n, keys in enumerate(groups):
        threads = sorted({gold[k].split(":")[0] for k in keys if k in gold})
        for thread in threads:
            events = [gold[k].split(":")[1] for k in keys if k in gold]
            by_thread[thread].append(f"#{n}({len(keys)}): {' '.join(events)}")
    for thread, lines in sorted(by_thread.items()):
        print(f"{thread}: " + " | ".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", action="append", default=[], help="FIELD=VALUE")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not BBC.is_dir():
        print(f"no BBC corpus at {BBC}", file=sys.stderr)
        return 1
    overrides = {}
    for pair in args.set:
        name, value = pair.split("=")
        overrides[name] = type(getattr(StoryParams(), name))(float(value))
    evaluate(replace(StoryParams(), **overrides), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
