"""The stories as a listing shows them, stored beside the grouping: `reader stories` on a warm
cache reads this and no article.

One JSON item per story (the `item` column of `story_rows`): its id, title, sources, dates,
duplicate pairs and its articles' ids, titles, sources, dates and paths (root position,
relative path). A head per scope (`stories.head`: the roots in the order they were loaded,
and which article rows were grouped: their count and highest row id) says what they were
made for. Article ids are the ones a load of those rows under those roots gives, so the
items stand for the articles only while the rows and the roots' order are the same: row
ids are never reused and a new row gets a higher id than every row before it, so the rows
grouped then are the rows now exactly when both have as many and the same highest id.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.corpus import Article, base_folder
from reader.index.articles import IndexedArticle

if TYPE_CHECKING:
    from reader.analysis import Story

__all__ = [
    "ListedArticle",
    "ListedStory",
    "listed_stories",
    "listing_head",
    "listing_items",
    "read_items",
]

_FORMAT = 2


class ListedArticle(NamedTuple):
    """What a listing shows of one article."""

    id: str
    path: str  # as `Article.path` gives it, as text
    title: str
    source: str | None
    published: str | None  # ISO 8601, as `Article.to_json` gives it


class ListedStory(NamedTuple):
    """One story as a listing shows it; dates are ISO 8601 text. Its articles (oldest
    first) are kept as columns, one list per field: 100,000 articles are then a few
    thousand lists rather than 100,000 objects to build."""

    id: int
    title: str
    sources: Sequence[str]
    first: str | None
    last: str | None
    duplicates: Sequence[Sequence[str]]  # pairs of article ids
    ids: Sequence[str]
    titles: Sequence[str]
    article_sources: Sequence[str | None]
    published: Sequence[str | None]
    bases: Sequence[str]  # the folders article paths are relative to (see `rels`)
    roots: Sequence[int]  # each article's folder in `bases`
    rels: Sequence[str]  # each article's path relative to its folder, '/'-separated

    @property
    def articles(self) -> list[ListedArticle]:
        """The articles, one object each."""
        return [
            ListedArticle(id_, _joined(self.bases[at], rel), title, source, published)
            for id_, at, rel, title, source, published in zip(
                self.ids,
                self.roots,
                self.rels,
                self.titles,
                self.article_sources,
                self.published,
                strict=True,
            )
        ]


def _joined(base: str, rel: str) -> str:
    """`str(Path(base, rel))` for a normalised folder and a relative path."""
    return rel if base == "." else os.path.join(base, rel)


def _path_text(article: Article) -> str:
    """`str(article.path)`, without making a `Path` for an article from the index (100,000 of
    them took seconds)."""
    if isinstance(article, IndexedArticle):
        return _joined(*article.place)
    return os.fspath(article.path)


def _iso(when: Any) -> str | None:
    return when.isoformat() if when is not None else None


def listing_items(
    roots: Sequence[Path], keyed: Mapping[str, Article], stories: Sequence[Story]
) -> list[list[Any]]:
    """The listing item of each of `stories` (JSON values, one per story: see
    `read_items`), whose keys are row ids of `keyed` (row id -> article), loaded from
    `roots` (as the corpus names them, in its order)."""
    bases: dict[str, int] = {}
    for number, root in enumerate(roots):
        bases.setdefault(os.fspath(base_folder(root)), number)
    items = []
    for story in stories:
        articles = [keyed[key] for key in story.keys]
        places = [a.place if isinstance(a, IndexedArticle) else (None, None) for a in articles]
        items.append(
            [
                story.id,
                story.title,
                list(story.sources),
                _iso(story.first),
                _iso(story.last),
                [[keyed[left].id, keyed[right].id] for left, right in story.duplicates],
                [a.id for a in articles],
                [a.title for a in articles],
                [a.source for a in articles],
                [_iso(a.published) for a in articles],
                [bases.get(base, 0) if isinstance(base, str) else 0 for base, _ in places],
                [
                    rel if isinstance(rel, str) else os.fspath(a.path)
                    for a, (_, rel) in zip(articles, places, strict=True)
                ],
            ]
        )
    return items


def listing_head(roots: Sequence[Path], rows: tuple[int, int]) -> str:
    """The head of the listing made for `roots` and the article rows `rows` describes."""
    absolute = [os.path.abspath(root) for root in roots]
    head = {"format": _FORMAT, "roots": absolute, "rows": list(rows)}
    return json.dumps(head, separators=(",", ":"))


def read_items(text: str, roots: Sequence[Path]) -> list[ListedStory] | None:
    """The stories of `text`, a JSON array of listing items made for `roots` (in this
    order); None when it is not what this version writes."""
    # Paths as this run names the roots (relative or not), like a load would give them.
    bases = [os.fspath(base_folder(root)) for root in roots]
    # Tens of thousands of new lists would set off full garbage collections again and again
    # (twice the time of the decoding); none of them is in a cycle.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _listed(json.loads(text), bases)
    except (TypeError, ValueError, IndexError):
        return None  # not what this version writes: the stories are read the long way
    finally:
        if collecting:
            gc.enable()


def _listed(items: list[Any], bases: list[str]) -> list[ListedStory]:
    # Each stored item is a ListedStory without `bases` (one list for them all); a wrong
    # length is a TypeError, read as a listing this version did not write.
    return [ListedStory._make([*item[:10], bases, *item[10:]]) for item in items]


def listed_stories(stories: Sequence[Story], articles: Sequence[Article]) -> list[ListedStory]:
    """`stories` (keys: article ids) as a listing shows them, from the articles themselves."""
    by_id = {article.id: article for article in articles}
    listed = []
    for story in stories:
        members = [by_id[key] for key in story.keys if key in by_id]
        listed.append(
            ListedStory(
                story.id,
                story.title,
                story.sources,
                _iso(story.first),
                _iso(story.last),
                story.duplicates,
                [a.id for a in members],
                [a.title for a in members],
                [a.source for a in members],
                [_iso(a.published) for a in members],
                ["."],
                [0] * len(members),
                [_path_text(a) for a in members],
            )
        )
    return listed
