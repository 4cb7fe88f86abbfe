"""count_words: a token with a letter or digit is a word (the fast regex keeps that rule)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.corpus import count_words


def words_by_definition(text: str) -> int:
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


def test_punctuation_and_underscores_alone_are_not_words() -> None:
    assert count_words("Meta — paid $14.3B, i.e. 49% _ -- ... for_it") == 6


@given(st.text())
def test_count_matches_the_definition_for_any_text(text: str) -> None:
    assert count_words(text) == words_by_definition(text)
