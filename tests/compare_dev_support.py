"""Scoring compare's disagreements on the hand-labelled development set (tests/fixtures/compare_dev).

The same rule as ../shared/tools/score_disagreements.py: a predicted disagreement is right when
one of its left spellings and one of its right spellings overlap a labelled pair of spans (case
and spaces ignored); one that matches a doubtful item counts neither way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).parent / "fixtures" / "compare_dev"
REPO = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (or beside the folder of worktrees, for a worktree).
SHARED = next(
    (p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
    REPO.parent / "shared",
)
ARTICLES = SHARED / "datasets" / "ecbplus-dev" / "articles"

# (left file, right file) -> predicted disagreements as {"left": [...], "right": [...]} dicts
Predict = Callable[[Path, Path], list[dict[str, Any]]]


def _norm(text: object) -> str:
    return re.sub(r"\s+", "", str(text)).lower()


def _overlaps(texts: Iterable[str], span: str) -> bool:
    gold = _norm(span)
    return any(t and (t in gold or gold in t) for t in (_norm(x) for x in texts))


def _spellings(side: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for item in side or []:
        if isinstance(item, dict):
            out.append(str(item.get("text", "")))
            out += [str(t) for t in item.get("texts", []) or []]
        else:
            out.append(str(item))
    return out


@dataclass
class Score:
    right: int = 0
    false: int = 0
    false_between_stories: int = 0
    found: int = 0
    total: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.false) if self.right + self.false else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    def summary(self) -> str:
        return (
            f"precision {self.precision:.3f} recall {self.recall:.3f}: {self.right} right, "
            f"{self.false} false ({self.false_between_stories} between different stories), "
            f"{self.found}/{self.total} labelled found"
        )


def score(labels: Path, predict: Predict, articles: Path = ARTICLES) -> Score:
    result = Score()
    for pair in yaml.safe_load(labels.read_text(encoding="utf-8"))["pairs"]:
        left, right = articles / pair["left"], articles / pair["right"]
        predicted = predict(left, right)
        gold = pair.get("disagreements") or []
        doubtful = [d for d in pair.get("doubtful") or [] if "left" in d and "right" in d]
        result.total += len(gold)
        hit: set[int] = set()
        for d in predicted:
            lefts, rights = _spellings(d.get("left", [])), _spellings(d.get("right", []))
            matched = [
                k
                for k, g in enumerate(gold)
                if _overlaps(lefts, g["left"]) and _overlaps(rights, g["right"])
            ]
            if matched:
                result.right += 1
                hit.update(matched)
            elif not any(
                _overlaps(lefts, g["left"]) and _overlaps(rights, g["right"]) for g in doubtful
            ):
                result.false += 1
                result.false_between_stories += not pair.get("same_story", True)
                result.notes.append(
                    f"false: {left.stem} vs {right.stem}: {d.get('topic')} {lefts} vs {rights}"
                )
        result.found += len(hit)
        for k, g in enumerate(gold):
            if k not in hit:
                result.notes.append(
                    f"missed: {left.stem} vs {right.stem}: {g['about']}: "
                    f"{g['left']} vs {g['right']}"
                )
    return result
