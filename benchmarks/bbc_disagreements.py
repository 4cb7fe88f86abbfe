"""Every disagreement compare reports between BBC articles grouped into one story (issue 14's audit).

usage:
    python -m benchmarks.bbc_disagreements [--out FILE] [--sample N] [--seed S]

Groups all of ../shared/corpora/bbc as `reader stories` does, then compares the facts of every
pair within a story (the first 40 articles of a story, in key order) as compare compares them
(`read_article_facts`, `compare_facts`). Writes one JSON line per report (pair, topic, values,
sentences); `--sample N` prints N of them drawn with `random.Random(seed)`, numbered, for a
hand audit (docs/compare.md, "BBC audit"). Prints nothing and exits 0 without the corpus.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path
from typing import Any

from benchmarks.bench_stories_bbc import BBC, load_bbc
from reader.analysis.fact_article import published_day, read_article_facts
from reader.analysis.fact_match import compare_facts
from reader.analysis.fact_whose import ArticleNames
from reader.analysis.stories import group
from reader.corpus.load import load_article

PER_STORY = 40


def reports(folder: Path = BBC) -> list[dict[str, Any]]:
    """The disagreements within every story of the BBC corpus, in a stable order."""
    inputs = load_bbc(folder)
    stories = group(inputs).stories
    facts: dict[str, Any] = {}
    names: dict[str, ArticleNames] = {}
    out: list[dict[str, Any]] = []
    for story in stories:
        keys = sorted(story.keys)[:PER_STORY]
        for key in keys:
            if key not in facts:
                article = load_article(folder / key, folder, [])
                assert article is not None
                names[key] = ArticleNames(article)
                facts[key] = read_article_facts(
                    article.title, article.body, published=published_day(article.published)
                )
        for left, right in itertools.combinations(keys, 2):
            verdict = compare_facts(facts[left], facts[right], (names[left], names[right]))
            for d in verdict.disagreements:
                out.append(
                    {
                        "pair": [left, right],
                        "topic": d.topic,
                        "measure": d.measure,
                        "left": [e.text for e in d.left_evidence],
                        "right": [e.text for e in d.right_evidence],
                        "left_sentence": [e.sentence for e in d.left_evidence][:2],
                        "right_sentence": [e.sentence for e in d.right_evidence][:2],
                    }
                )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=20261204)
    args = parser.parse_args(argv)
    if not BBC.is_dir():
        return 0
    found = reports()
    print(f"{len(found)} reports", file=sys.stderr)
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in found), encoding="utf-8")
    if args.sample:
        drawn = random.Random(args.seed).sample(range(len(found)), args.sample)
        for n, k in enumerate(drawn, 1):
            print(json.dumps({"n": n, "k": k, **found[k]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
