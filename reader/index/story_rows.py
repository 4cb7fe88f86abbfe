"""Stories as rows of `story_rows` (see `db.py`): each story's JSON row (its keys are files
ids), its listing item and its place in the listing order; reading them back in that order.

Imports nothing of the analysis until a `Story` is made (opening the index stays light).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.analysis import Story

__all__ = [
    "ORDER",
    "STORY_RULES",
    "grouped_under_these_rules",
    "Same",
    "item_text",
    "relist_stories",
    "stored_rows",
    "stories_from_json",
    "story_row",
    "story_to_json",
]

# Raised when a change to the grouping's rules would make a stored grouping differ from a
# fresh one (2: undated topics split by their titles and leads): a scope stored under
# another number is grouped again from scratch, once. (3: an undated article keeps its
# `undated_edges` closest candidates only.)
STORY_RULES = 3


def grouped_under_these_rules(params: str) -> bool:
    """Whether a scope's stored params (JSON, `story_store.scope_params`) say it was grouped
    under `STORY_RULES`."""
    try:
        data = json.loads(params)
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("rules") == STORY_RULES


# The listing order: biggest first, then newest (`StoryIndex.stories`), then by id.
ORDER = "ORDER BY size DESC, recency DESC, story"


def stored_rows(
    db: sqlite3.Connection, scope_row: tuple[Any, ...] | None
) -> list[list[Any]] | None:
    if scope_row is None:
        return None
    texts = [
        row
        for (row,) in db.execute(
            f"SELECT row FROM story_rows WHERE scope = ? {ORDER}", (scope_row[0],)
        )
    ]
    return list(json.loads(f"[{','.join(texts)}]"))


def relist_stories(
    db: sqlite3.Connection, scope_id: int, items: Callable[[list[Story]], list[list[Any]]]
) -> None:
    """Every story of `scope_id` gets its listing item made again (and no printed block)."""
    stories = stories_from_json(stored_rows(db, (scope_id,)) or [], Same())
    db.executemany(
        "UPDATE story_rows SET item = ?, printed = NULL WHERE scope = ? AND story = ?",
        (
            (item_text(item), scope_id, story.id)
            for story, item in zip(stories, items(stories), strict=True)
        ),
    )


def item_text(item: list[Any]) -> str:
    return json.dumps(item, separators=(",", ":"))


def story_row(scope_id: int, story: Story, item: list[Any]) -> tuple[Any, ...]:
    return (
        scope_id,
        story.id,
        len(story.keys),
        story.last.timestamp() if story.last else 0.0,
        len(story.sources),
        json.dumps(story_to_json(story), separators=(",", ":")),
        item_text(item),
    )


def story_to_json(story: Story) -> list[Any]:
    return [
        story.id,
        list(story.keys),
        story.title,
        [list(pair) for pair in story.duplicates],
        list(story.sources),
        story.first.isoformat() if story.first else None,
        story.last.isoformat() if story.last else None,
    ]


def stories_from_json(items: list[list[Any]], ids: dict[str, str]) -> list[Story]:
    """Stories from their JSON rows, keys mapped through `ids` (row id -> article id)."""
    from reader.analysis.story_index import Story

    stories = []
    for story_id, keys, title, duplicates, sources, first, last in items:
        stories.append(
            Story(
                story_id,
                tuple([ids[key] for key in keys]),
                title,
                tuple([(ids[left], ids[right]) for left, right in duplicates]),
                tuple(sources),
                datetime.fromisoformat(first) if first else None,
                datetime.fromisoformat(last) if last else None,
            )
        )
    return stories


class Same(dict[str, str]):
    """A mapping of every key to itself."""

    def __missing__(self, key: str) -> str:
        return key
