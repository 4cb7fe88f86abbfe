"""Paragraph alignment precision and recall on the labelled ECB+ pairs (tests/fixtures/compare_dev).

Run: python benchmarks/eval_alignment.py [-v]. Needs ../shared/datasets/ecbplus-dev.
A match is a row of the alignment in order or a match out of order (`Comparison.moved`).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from compare_dev_support import ARTICLES, FIXTURES, score_alignment  # noqa: E402

from reader.analysis import compare_articles  # noqa: E402
from reader.corpus import Article, Corpus  # noqa: E402


@cache
def _articles() -> dict[str, Article]:
    return {article.path.name: article for article in Corpus.load([ARTICLES]).articles}


def predict(left: Path, right: Path) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    every = _articles()
    comparison = compare_articles(every[left.name], every[right.name])
    matches = [
        (p.left, p.right)
        for p in [*comparison.pairs, *comparison.moved]
        if p.left is not None and p.right is not None
    ]
    return comparison.left.paragraph_texts(), comparison.right.paragraph_texts(), matches


def main() -> None:
    verbose = "-v" in sys.argv
    for half in ("a", "b"):
        result = score_alignment(FIXTURES / f"alignment_{half}.yaml", predict)
        print(f"half {half}: {result.summary()}")
        if verbose:
            print("\n".join(f"  {note}" for note in result.notes))


if __name__ == "__main__":
    main()
