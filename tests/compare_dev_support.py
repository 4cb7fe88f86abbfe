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


# --- paragraph alignment --------------------------------------------------------------------


def gold_paragraphs(raw: str) -> list[str]:
    """The paragraphs of an article file under the alignment labels' rule: front matter
    dropped, blank-line separated blocks, stripped, empty ones skipped; the headline is 0."""
    lines = raw.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"), 0)
        lines = lines[end + 1 :]
    blocks = re.split(r"\n\s*\n", "\n".join(lines))
    return [block.strip() for block in blocks if block.strip()]


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def gold_index(paragraphs: list[str], gold: list[str]) -> list[int | None]:
    """For each of our paragraph texts, the labelled paragraph it lies in (in order)."""
    squashed = [_squash(block) for block in gold]
    out: list[int | None] = []
    at = 0
    for text in paragraphs:
        probe = _squash(text)[:60]
        found = next((k for k in range(at, len(squashed)) if probe in squashed[k]), None)
        if found is None:
            found = next((k for k, block in enumerate(squashed) if probe in block), None)
        out.append(found)
        if found is not None:
            at = found
    return out


@dataclass
class AlignmentScore:
    right: int = 0  # predicted matches that are labelled matches
    wrong: int = 0  # predicted matches between paragraphs labelled as unrelated
    found: int = 0  # labelled matches (between body paragraphs) found
    total: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    def summary(self) -> str:
        return (
            f"precision {self.precision:.3f} recall {self.recall:.3f}: {self.right} right, "
            f"{self.wrong} wrong, {self.found}/{self.total} labelled matches found"
        )


# (left file, right file) -> (left paragraph texts, right paragraph texts, matched index pairs)
AlignPredict = Callable[[Path, Path], tuple[list[str], list[str], list[tuple[int, int]]]]


def score_alignment(
    labels: Path, predict: AlignPredict, articles: Path = ARTICLES
) -> AlignmentScore:
    """Paragraph matches against the labels. Our paragraphs are mapped to the labelled ones by
    their text; a predicted match is right when it joins two labelled-matched paragraphs,
    neutral when labelled `partial`. The headline is the pane's title, not a body paragraph,
    so labelled matches involving a headline are left out of recall."""
    result = AlignmentScore()
    for pair in yaml.safe_load(labels.read_text(encoding="utf-8"))["pairs"]:
        left, right = articles / pair["left"], articles / pair["right"]
        gold_left = gold_paragraphs(left.read_text(encoding="utf-8"))
        gold_right = gold_paragraphs(right.read_text(encoding="utf-8"))
        left_texts, right_texts, matches = predict(left, right)
        map_left, map_right = gold_index(left_texts, gold_left), gold_index(right_texts, gold_right)
        gold = {tuple(m) for m in pair.get("matches") or []}
        partial = {tuple(m) for m in pair.get("partial") or []}
        body_left = {k for k in map_left if k is not None}
        body_right = {k for k in map_right if k is not None}
        wanted = {m for m in gold if m[0] in body_left and m[1] in body_right}
        result.total += len(wanted)
        hit: set[tuple[int, int]] = set()
        for i, j in matches:
            g = (map_left[i], map_right[j])
            if g in gold:
                result.right += 1
                hit.add(g)  # type: ignore[arg-type]
            elif g not in partial:
                result.wrong += 1
                result.notes.append(f"wrong: {left.stem} {g[0]} vs {right.stem} {g[1]}")
        result.found += len(hit & wanted)
        for g in sorted(wanted - hit):
            result.notes.append(f"missed: {left.stem} {g[0]} vs {right.stem} {g[1]}")
    return result
