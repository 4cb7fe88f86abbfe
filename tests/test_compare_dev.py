"""Compare's disagreements on the hand-labelled development set (ECB+ pairs in ../shared).

Each half (labels_a: topics 1-11, labels_b: topics 12-22) must keep its precision and recall
above a floor a little under what was measured, and no disagreement may be reported between
articles of different stories: judged as `reader compare A B PATH` judges them (by the story
grouping of the whole development corpus), and by the name test alone (two articles without
a corpus). Skips when ../shared is absent.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from compare_dev_support import ARTICLES, FIXTURES, score

from reader.analysis import compare_articles, group_articles, same_story_in
from reader.cli.main import main
from reader.corpus import Article, Corpus

pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason="needs ../shared/datasets")

# (precision, recall) floors per half and per story judge, a little under the figures in
# docs/compare.md: "grouped" as `reader compare` on the corpus, "names" for two articles alone.
# f1/f2: the held-out set F of round 3 (every disagreement of each pair labelled, like the
# hidden set): f1 tuned on (0.667 after round 4), f2 scored once at the end (0.800 / 0.333;
# unchanged when scored once more after round 4, and after round 5). b: 0.913 after round 5.
# f1: 0.750 after round 6 (hits told as bullets, a lead's dateline month).
FLOORS = {
    ("a", "grouped"): (0.95, 0.65),
    ("b", "grouped"): (0.9, 0.9),
    ("f1", "grouped"): (0.95, 0.7),
    ("f2", "grouped"): (0.75, 0.3),
    ("a", "names"): (0.95, 0.55),
    ("b", "names"): (0.9, 0.69),
}


@cache
def articles() -> dict[str, Article]:
    return {article.path.name: article for article in Corpus.load([ARTICLES]).articles}


@cache
def story_of() -> dict[str, int]:
    stories = group_articles(list(articles().values())).stories
    return {key: story.id for story in stories for key in story.keys}


def predictor(judge: str) -> Any:
    def predict(left: Path, right: Path) -> list[dict[str, Any]]:
        every = articles()
        a, b = every[left.name], every[right.name]
        same = same_story_in(story_of(), a, b) if judge == "grouped" else None
        comparison = compare_articles(a, b, same_story=same)
        disagreements: list[dict[str, Any]] = comparison.to_json()["disagreements"]
        return disagreements

    return predict


@pytest.mark.parametrize(("half", "judge"), sorted(FLOORS))
def test_disagreements_on_the_development_set(half: str, judge: str) -> None:
    result = score(FIXTURES / f"labels_{half}.yaml", predictor(judge))
    precision, recall = FLOORS[half, judge]
    report = "\n".join([result.summary(), *result.notes])
    assert result.false_between_stories == 0, report
    assert result.precision >= precision, report
    assert result.recall >= recall, report


def test_every_disagreement_shows_its_sentence_on_both_sides() -> None:
    every = articles()
    comparison = compare_articles(every["20_1ecb.txt"], every["20_4ecb.txt"])
    data = comparison.to_json()["disagreements"]
    assert data
    sides = {"left": comparison.left.article, "right": comparison.right.article}
    for disagreement in data:
        for side, article in sides.items():
            for mention in disagreement[side]:
                sentence = mention["sentence"]
                text = article.title if mention["field"] == "title" else article.body
                written = text[sentence["start"] : sentence["end"]]
                assert " ".join(written.split()) == sentence["text"]
                assert text[mention["start"] : mention["end"]] == mention["text"]


def test_the_story_grouping_decides_when_it_has_a_corpus_to_weigh_against() -> None:
    every = articles()
    left, right = every["4_3ecb.txt"], every["4_5ecb.txt"]  # one story, few names in common
    assert not compare_articles(left, right).same_story
    grouped = compare_articles(left, right, same_story=same_story_in(story_of(), left, right))
    assert grouped.same_story and grouped.disagreements
    # Two articles alone are always grouped together: the grouping cannot tell.
    assert same_story_in({"4_3ecb": 1, "4_5ecb": 1}, left, right) is None
    apart = every["7_1ecb.txt"], every["7_1ecbplus.txt"]  # two fights, one kind
    assert same_story_in(story_of(), *apart) is False


def test_reader_compare_json_judges_the_story_by_the_corpus_grouping(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["compare", "4_3ecb", "4_5ecb", str(ARTICLES), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["same_story"] is True
    assert data["disagreements"]
    assert main(["compare", "7_1ecb", "7_1ecbplus", str(ARTICLES), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["same_story"] is False and data["disagreements"] == []
