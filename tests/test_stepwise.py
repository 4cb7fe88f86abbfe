"""Sorting in steps (the UI's worker sorts 100,000 articles while keys come): every sort order
of the list is the one a plain sort gives, ties included."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reader.corpus import Article, sort_articles
from reader.corpus.stepwise import STEP, sorted_in_steps
from reader.session import newest_articles


def many_articles() -> list[Article]:
    """Articles in a random order, with many equal dates, titles, sources and lengths."""
    shuffle = random.Random(7)
    start = datetime(2024, 1, 1)
    articles = [
        Article(
            id=f"a{number:05d}",
            path=Path(f"a{number}.txt"),
            title=shuffle.choice(["Budget vote", "budget Vote", "Floods", "Zebra crossing"]),
            body="",
            source=shuffle.choice(["Herald", "herald", "Times", None]),
            published=None if number % 11 == 0 else start + timedelta(hours=number % 97),
            words=shuffle.randrange(5),
        )
        for number in range(3 * STEP + 123)
    ]
    shuffle.shuffle(articles)
    return articles


def plain_sort(articles: list[Article], key: str) -> list[Article]:
    """The orders as `sort_articles` gave them with one `sorted` call each."""
    if key == "date":
        dated = sorted(
            (a for a in articles if a.published), key=lambda a: (a.published, a.id), reverse=True
        )
        return dated + sorted((a for a in articles if not a.published), key=lambda a: a.id)
    if key == "title":
        return sorted(articles, key=lambda a: (a.title.casefold(), a.id))
    if key == "source":
        by_date = plain_sort(articles, "date")
        order = {id(a): position for position, a in enumerate(by_date)}
        return sorted(
            by_date, key=lambda a: (a.source is None, (a.source or "").casefold(), order[id(a)])
        )
    return sorted(articles, key=lambda a: (-a.words, a.id))


@pytest.mark.parametrize("key", ["date", "title", "source", "words"])
def test_every_sort_order_is_what_one_plain_sort_gives(key: str) -> None:
    articles = many_articles()
    assert [a.id for a in sort_articles(articles, key)] == [a.id for a in plain_sort(articles, key)]


@pytest.mark.parametrize("reverse", [False, True])
def test_equal_items_keep_their_order_as_in_sorted(reverse: bool) -> None:
    items = [(number % 5, number) for number in range(2 * STEP + 17)]
    random.Random(3).shuffle(items)
    assert sorted_in_steps(items, key=lambda item: item[0], reverse=reverse) == sorted(
        items, key=lambda item: item[0], reverse=reverse
    )


@pytest.mark.parametrize("count", [1, 50, 6000, 10_000])
def test_the_name_index_learns_from_the_same_newest_articles(count: int) -> None:
    articles = many_articles()
    assert newest_articles(articles, count) == sort_articles(articles)[:count]
