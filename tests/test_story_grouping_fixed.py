"""Grouping a synthetic corpus gives exactly the stories it gave before the memory changes.

The digests below were taken with main's code before issue 13's memory work on the
candidate sweep (commit 07be2a5): a change meant to save memory or time must leave them as
they are. A change meant to alter the grouping updates them, and says so. The state's digest
changed when the state gained each undated article's lead mask (format 3, issue 13's events
in undated threads), and when its params gained `undated_edges` (linkfast: an undated
article keeps its 64 closest candidates); the stories' digest did not.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import replace

import pytest

from benchmarks.bench_stories import synthetic_stories
from reader.analysis import story_candidates
from reader.analysis.stories import StoryInput, group
from reader.analysis.story_features import CountCodes
from reader.analysis.story_state import encode

STORIES = "3935e8ba31d1de25d64b39b40467965e7ed4d7811834c173efe6803170e2c274"
STATE = "217999e1641853f3ea2575c19cdcbdffd75be08f192d5a1b65fe905f68544fce"


@pytest.fixture(scope="module")
def items() -> tuple[StoryInput, ...]:
    """3,000 articles over ten years, one in nine undated (they meet every article); built
    once for both ways of grouping (0.8 s of CPU each time)."""
    return tuple(
        replace(item, published=None) if n % 9 == 4 else item
        for n, item in enumerate(synthetic_stories(3000, seed=11))
    )


@pytest.mark.parametrize("split", [False, True], ids=["one-process", "split-sweep"])
def test_a_synthetic_corpus_groups_exactly_as_before(
    split: bool, items: tuple[StoryInput, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    if split:
        monkeypatch.setattr(story_candidates, "SPLIT_FROM", 2)
    grouping = group(items, workers=2 if split else 1)
    assert len(grouping.stories) == 1052
    stories = repr([(s.keys, s.title, s.duplicates) for s in grouping.stories])
    assert hashlib.sha256(stories.encode()).hexdigest() == STORIES
    assert hashlib.sha256(encode(grouping.index)).hexdigest() == STATE


def test_count_codes_read_back_the_very_counts_past_two_bytes() -> None:
    codes = CountCodes()
    first = codes.encode(array("f", [1.5, 4.800000190734863, 1.5]))
    assert first.itemsize == 2
    assert list(codes.decode(first)) == [1.5, 4.800000190734863, 1.5]
    many = [float(n) + 0.25 for n in range(70_000)]
    wide = codes.encode(many)
    assert wide.itemsize == 4
    assert list(codes.decode(wide)) == many
    assert list(codes.decode(first)) == [1.5, 4.800000190734863, 1.5]
