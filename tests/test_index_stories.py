"""Stories in the index cache: stored after grouping, read back warm, updated one by one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from stories_support import add, corpus

import reader.analysis
from reader.analysis import Story
from reader.index import open_corpus


def stories_of(folder: Path, index: Path) -> list[Story]:
    opened = open_corpus([folder], index_path=index, search=False)
    try:
        return opened.stories()
    finally:
        assert opened.index is not None
        opened.index.close()


def by_first_key(stories: list[Story]) -> dict[str, Story]:
    return {story.keys[0]: story for story in stories}


def no_regrouping(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the corpus was grouped again")

    monkeypatch.setattr(reader.analysis, "group", refuse)
    monkeypatch.setattr(reader.analysis, "group_articles", refuse)


def test_warm_start_reads_the_stored_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    cold = stories_of(folder, index)
    assert sorted(len(story.keys) for story in cold) == [1, 2, 3]
    no_regrouping(monkeypatch)
    assert stories_of(folder, index) == cold


def test_a_new_article_is_placed_and_the_other_stories_keep_their_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    before = {story.id: story for story in stories_of(folder, index)}
    flood = next(story for story in before.values() if "flood-herald" in story.keys)
    add(
        folder,
        "flood-gazette.md",
        "Evening Gazette",
        "2024-03-15",
        "Kellford residents return as the Dunmore falls",
        "Residents of Kellford began returning home on Friday as the River Dunmore fell back "
        "after rising 2.4 metres. Mayor Ingrid Talvers said 300 homes had been evacuated and "
        "the sports hall shelter would stay open over the weekend.",
    )
    no_regrouping(monkeypatch)
    after = {story.id: story for story in stories_of(folder, index)}
    assert set(after[flood.id].keys) == {*flood.keys, "flood-gazette"}
    assert "Evening Gazette" in after[flood.id].sources
    for story_id, story in before.items():
        if story_id != flood.id:
            assert after[story_id].keys == story.keys


def test_a_removed_article_leaves_its_story_and_the_rest_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    before = by_first_key(stories_of(folder, index))
    (folder / "gallery.md").unlink()
    (folder / "quake-post.md").unlink()
    no_regrouping(monkeypatch)
    after = {story.id: story for story in stories_of(folder, index)}
    assert before["gallery"].id not in after
    assert after[before["quake-times"].id].keys == ("quake-times",)
    flood = before["flood-herald"] if "flood-herald" in before else before["flood-courier"]
    assert after[flood.id] == flood


def test_a_changed_article_is_regrouped_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    before = {story.id: story for story in stories_of(folder, index)}
    # The gallery file now reports the earthquake instead.
    add(
        folder,
        "gallery.md",
        "Arts Weekly",
        "2021-08-03",
        "Porvana museum shut after 6.1 earthquake",
        "Porvana's museums stayed shut on Tuesday after Monday's magnitude 6.1 earthquake "
        "brought down the Saltmarsh bridge and cut power to 40,000 homes, seismologist Dario "
        "Feneck said the quake was centred 12 km offshore.",
    )
    no_regrouping(monkeypatch)
    after = stories_of(folder, index)
    quake = next(story for story in after if "quake-times" in story.keys)
    assert "gallery" in quake.keys and quake.id in before
    assert sum(len(story.keys) for story in after) == 6


def test_a_child_process_can_group_and_store_the_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the UI does from `CHILD_FROM` articles: the grouping runs in a child process,
    which stores it; this process only reads it back (and never groups)."""
    import reader.index.stories as cached

    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    expected = stories_of(folder, tmp_path / "other-index.db")  # grouped in this process
    monkeypatch.setattr(cached, "CHILD_FROM", 1)
    no_regrouping(monkeypatch)
    opened = open_corpus([folder], index_path=index, search=False)
    try:
        from_child = opened.stories(in_child=True)
    finally:
        assert opened.index is not None
        opened.index.close()
    assert [(s.keys, s.title, s.sources) for s in from_child] == [
        (s.keys, s.title, s.sources) for s in expected
    ]
    # Stored: a later warm read gives them back.
    assert stories_of(folder, index) == from_child


@pytest.mark.parametrize("state", ['{"params": {}, "df": {}, "articles": []}', b"reader-story"])
def test_a_stored_state_from_an_older_reader_is_regrouped_not_a_crash(
    tmp_path: Path, state: str | bytes
) -> None:
    import sqlite3

    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    before = stories_of(folder, index)
    db = sqlite3.connect(index)
    with db:
        db.execute("UPDATE stories SET state = ?", (state,))
    db.close()
    (folder / "gallery.md").unlink()
    after = stories_of(folder, index)
    assert sorted(key for story in after for key in story.keys) == sorted(
        key for story in before for key in story.keys if key != "gallery"
    )


def test_an_update_stores_the_stories_its_index_gives(tmp_path: Path) -> None:
    from reader.index.stories import _story_to_json, scope_of

    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    stories_of(folder, index)
    (folder / "gallery.md").unlink()
    add(
        folder,
        "flood-gazette.md",
        "Evening Gazette",
        "2024-03-15",
        "Kellford residents return as the Dunmore falls",
        "Residents of Kellford began returning home on Friday as the River Dunmore fell back "
        "after rising 2.4 metres. Mayor Ingrid Talvers said 300 homes had been evacuated.",
    )
    stories_of(folder, index)
    opened = open_corpus([folder], index_path=index, search=False)
    assert opened.index is not None
    try:
        scope = scope_of([folder])
        state = opened.index.stored_state(scope)
        assert state is not None
        assert opened.index.stored_rows(scope) == [_story_to_json(s) for s in state.stories()]
    finally:
        opened.index.close()


def corpus_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md"))


def test_the_state_is_stored_and_read_back_in_pieces_unchanged(tmp_path: Path) -> None:
    import sqlite3

    from reader.analysis.story_state import decode, encode, encoded_parts
    from reader.index.stories import scope_of

    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    (folder / "gallery.md").unlink()
    stories_of(folder, index)
    add(folder, "gallery.md", "Arts Weekly", "2022-05-20", "Glass museum opens", "Glass.")
    stories_of(folder, index)  # an update: the state was read back and stored again
    db = sqlite3.connect(index)
    (stored,) = db.execute("SELECT state FROM stories").fetchone()
    db.close()
    opened = open_corpus([folder], index_path=index, search=False)
    assert opened.index is not None
    try:
        state = opened.index.stored_state(scope_of([folder]))
        assert state is not None and len(state.articles) == len(corpus_files(folder))
        length, parts = encoded_parts(state)
        assert length == len(stored) and b"".join(parts) == stored == encode(decode(stored))
        # A value cut short is no state (the stories are grouped again), not a crash.
        db = sqlite3.connect(index)
        with db:
            db.execute("UPDATE stories SET state = ?", (stored[:-7],))
        db.close()
        assert opened.index.stored_state(scope_of([folder])) is None
    finally:
        opened.index.close()
