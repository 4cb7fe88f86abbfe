"""Precision and recall of the highlighter against hand labels (see tests/highlight_eval.py).

The thresholds are the numbers reached when these tests were written, rounded down; the
achieved numbers are recorded in docs/highlighter.md.
"""

from __future__ import annotations

import pytest
from highlight_eval import BBC, label_files, load_cases, score

# (labelled set, class) -> (precision, recall) floors, with a NameIndex over the set.
FLOORS = {
    ("own", "figure"): (0.99, 0.99),
    ("own", "name"): (0.97, 0.97),
    ("bbc", "figure"): (0.98, 0.99),
    ("bbc", "name"): (0.93, 0.92),
}


def own_cases() -> list:
    return load_cases("seeds") + load_cases("articles")


def test_every_label_file_has_its_article() -> None:
    assert len(label_files("seeds")) == 5
    assert len(label_files("articles")) >= 10
    assert len(own_cases()) == len(label_files("seeds")) + len(label_files("articles"))


@pytest.mark.parametrize("cls", ["figure", "name"])
def test_own_labels(cls: str) -> None:
    result = score(own_cases())
    precision, recall = FLOORS[("own", cls)]
    assert result.precision(cls) >= precision, result.false_alarms
    assert result.recall(cls) >= recall, result.misses


@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not beside this checkout")
@pytest.mark.parametrize("cls", ["figure", "name"])
def test_bbc_labels(cls: str) -> None:
    cases = load_cases("bbc")
    assert len(cases) >= 10
    result = score(cases)
    precision, recall = FLOORS[("bbc", cls)]
    assert result.precision(cls) >= precision, result.false_alarms
    assert result.recall(cls) >= recall, result.misses


def test_without_an_index_names_still_work() -> None:
    result = score(own_cases(), use_index=False)
    assert result.precision("name") >= 0.95
    assert result.recall("name") >= 0.94
