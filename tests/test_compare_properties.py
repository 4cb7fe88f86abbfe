"""Property tests: paragraph splitting and alignment never fail and keep their promises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis import align_paragraphs, split_paragraphs

WORDS = ["harbour", "council", "vote", "budget", "fish", "storm", "court", "mayor", "the", "a"]
paragraph = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=400,
)


@given(texts)
@settings(max_examples=200, deadline=None)
def test_paragraphs_are_in_bounds_ordered_and_not_blank(body: str) -> None:
    previous_end = 0
    for paragraph_ in split_paragraphs(body):
        assert previous_end <= paragraph_.start < paragraph_.end <= len(body)
        text = paragraph_.text(body)
        assert text.strip() and text == text.strip()
        previous_end = paragraph_.end


@given(st.lists(paragraph, max_size=15), st.lists(paragraph, max_size=15))
@settings(max_examples=200, deadline=None)
def test_alignment_covers_every_paragraph_once_in_order(left, right) -> None:
    pairs = align_paragraphs(left, right)
    # A paragraph may face two on the other side (split in two), never go backwards.
    lefts = [p.left for p in pairs if p.left is not None]
    rights = [p.right for p in pairs if p.right is not None]
    assert sorted(set(lefts)) == list(range(len(left))) and lefts == sorted(lefts)
    assert sorted(set(rights)) == list(range(len(right))) and rights == sorted(rights)
    for previous, pair in zip(pairs, pairs[1:], strict=False):
        repeated = (pair.left is not None and pair.left == previous.left) or (
            pair.right is not None and pair.right == previous.right
        )
        if repeated:  # only a match is shared, by two neighbouring rows
            assert pair.left is not None and pair.right is not None
    for pair in pairs:
        assert 0.0 <= pair.score <= 1.0
        assert (pair.score > 0) == (pair.left is not None and pair.right is not None)


@given(st.lists(paragraph, min_size=1, max_size=15))
@settings(max_examples=100, deadline=None)
def test_a_text_aligns_with_itself_one_to_one(paragraphs) -> None:
    pairs = align_paragraphs(paragraphs, paragraphs)
    assert [(p.left, p.right) for p in pairs] == [(i, i) for i in range(len(paragraphs))]
