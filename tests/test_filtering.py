"""The list filter: every word, any field, any case, order kept."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.corpus import Article, article_matches, filter_articles, filter_terms, narrows


def make(id: str, title: str = "", body: str = "", **fields: object) -> Article:
    return Article(id=id, path=Path(id), title=title, body=body, **fields)  # type: ignore[arg-type]


ARTICLES = [
    make("1", "Meta invests in Scale", "A deal worth billions.", source="The Verge"),
    make("2", "Markets fall", "Stocks slid on Monday.", author="Jane Doe", tags=["economy"]),
    make("3", "ÉCOLE news", "Straße works begin.", source="Le Monde"),
]


def ids(articles: list[Article] | None) -> list[str]:
    assert articles is not None
    return [a.id for a in articles]


def test_blank_query_keeps_everything_in_order() -> None:
    assert ids(filter_articles(ARTICLES, "   ")) == ["1", "2", "3"]


def test_matches_each_field_case_insensitively() -> None:
    assert ids(filter_articles(ARTICLES, "verge")) == ["1"]  # source
    assert ids(filter_articles(ARTICLES, "JANE")) == ["2"]  # author
    assert ids(filter_articles(ARTICLES, "economy")) == ["2"]  # tag
    assert ids(filter_articles(ARTICLES, "billions")) == ["1"]  # body
    assert ids(filter_articles(ARTICLES, "école")) == ["3"]  # title, accented
    assert ids(filter_articles(ARTICLES, "strasse")) == ["3"]  # casefold: ß == ss


def test_every_word_must_match_somewhere() -> None:
    assert ids(filter_articles(ARTICLES, "meta billions")) == ["1"]
    assert ids(filter_articles(ARTICLES, "meta monday")) == []


def test_stopping_returns_none() -> None:
    assert filter_articles(ARTICLES, "meta", should_stop=lambda: True) is None


def test_query_terms_fold_and_dedupe() -> None:
    assert filter_terms("  Meta META scale ") == ("meta", "scale")


def test_narrows_when_the_query_only_grows() -> None:
    assert narrows("", "m")
    assert narrows("me", "met")
    assert narrows("meta", "meta scale")
    assert not narrows("meta", "met")
    assert not narrows("meta scale", "meta")


words = st.text(alphabet="abcdeé ßS", max_size=12)


@given(words, words)
def test_narrowing_is_sound(previous: str, query: str) -> None:
    """Whenever narrows() says so, filtering the previous result equals filtering all."""
    corpus = [make(str(i), title=t) for i, t in enumerate(["ab cd", "abc", "é s", "ßs", "dea"])]
    if narrows(previous, query):
        first = filter_articles(corpus, previous)
        assert first is not None
        assert ids(filter_articles(first, query)) == ids(filter_articles(corpus, query))


def test_article_matches_with_no_terms() -> None:
    assert article_matches(ARTICLES[0], ())
