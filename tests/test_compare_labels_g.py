"""The held-out label set G (issue 14: pairs like the hidden ones) is well formed.

G is scored by the lead, not here: these tests only keep the file honest. Every span is
verbatim in its article, every pair's articles exist and are of one story or of two as
gold.json says, different stories hold no disagreement, and G shares no article with the
sets tuned on (A, B, F1, F2). Skips when ../shared is absent.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
import yaml
from compare_dev_support import ARTICLES, FIXTURES

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason="needs ../shared/datasets")

LABELS = FIXTURES / "labels_g.yaml"
TUNED_ON = ("a", "b", "f1", "f2")
KINDS = ("disagreements", "agreements", "doubtful")


@cache
def pairs() -> list[dict[str, Any]]:
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    listed: list[dict[str, Any]] = data["pairs"]
    return listed


@cache
def text(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def test_every_pair_names_two_articles_of_the_corpus() -> None:
    for pair in pairs():
        assert (ARTICLES / pair["left"]).is_file(), pair["left"]
        assert (ARTICLES / pair["right"]).is_file(), pair["right"]
        assert pair["left"] != pair["right"]


def test_same_story_is_what_gold_says() -> None:
    gold = json.loads((ARTICLES.parent / "gold.json").read_text(encoding="utf-8"))
    for pair in pairs():
        same = gold[pair["left"]] == gold[pair["right"]]
        assert pair["same_story"] is same, (pair["left"], pair["right"])


def test_every_span_is_verbatim_in_its_article() -> None:
    for pair in pairs():
        for kind in KINDS:
            for item in pair.get(kind) or []:
                assert item["about"].strip(), (pair["left"], pair["right"], item)
                for side in ("left", "right"):
                    span = item[side]
                    assert span and span in text(pair[side]), (pair[side], kind, span)


def test_different_stories_hold_no_disagreement() -> None:
    for pair in pairs():
        if not pair["same_story"]:
            assert not pair.get("disagreements"), (pair["left"], pair["right"])


def test_no_pair_is_listed_twice() -> None:
    seen = [frozenset((pair["left"], pair["right"])) for pair in pairs()]
    assert len(seen) == len(set(seen))


def test_g_shares_no_article_with_the_sets_tuned_on() -> None:
    tuned: set[str] = set()
    for name in TUNED_ON:
        data = yaml.safe_load((FIXTURES / f"labels_{name}.yaml").read_text(encoding="utf-8"))
        for pair in data["pairs"]:
            tuned |= {pair["left"], pair["right"]}
    for pair in pairs():
        assert pair["left"] not in tuned and pair["right"] not in tuned, pair


def test_g_is_shaped_like_the_hidden_set() -> None:
    same = [pair for pair in pairs() if pair["same_story"]]
    different = [pair for pair in pairs() if not pair["same_story"]]
    assert len(same) >= 100
    assert len(different) == 20
    assert sum(len(pair.get("disagreements") or []) for pair in same) >= 30
