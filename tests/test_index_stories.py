"""Stories in the index cache: stored after grouping, read back warm, updated one by one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from stories_support import add, add_earlier_flood, corpus

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


GAZETTE = (
    "flood-gazette.md",
    "Evening Gazette",
    "2024-03-15",
    "Kellford residents return as the Dunmore falls",
    "Residents of Kellford began returning home on Friday as the River Dunmore fell back "
    "after rising 2.4 metres. Mayor Ingrid Talvers said 300 homes had been evacuated.",
)
HARBOUR = (
    "harbour.md",
    "Coast Times",
    "2023-01-09",
    "Harbour dredging starts in Porvana",
    "Dredging of the Porvana harbour began on Monday and will take eight months.",
)


def in_memory(folder: Path, steps: list[tuple[list[str], list[str]]]) -> list[Story]:
    """The stories an index kept in memory gives: the corpus as it was first (the
    articles of every step left out), grouped, then each step's removals and additions
    (article ids) applied with `remove` and `place`, in the cache's order."""
    from reader.analysis import group, place, remove, story_input
    from reader.corpus import Corpus

    articles = {a.id: a for a in Corpus.load([folder]).articles}
    later = {key for _, added in steps for key in added}
    first = [article for key, article in articles.items() if key not in later]
    index = group([replace(story_input(a), key=a.id) for a in first]).index
    for gone, added in steps:
        for key in gone:
            remove(index, key)
        for key in added:
            place(index, replace(story_input(articles[key]), key=key))
    return index.stories()


def same_stories(stories: list[Story]) -> list[tuple[Any, ...]]:
    return [
        (
            story.id,
            sorted(story.keys),
            story.title,
            sorted(tuple(sorted(pair)) for pair in story.duplicates),
            sorted(story.sources),
            story.first,
            story.last,
        )
        for story in stories
    ]


def postings_match_vectors(index: Path) -> bool:
    """Whether the stored postings hold exactly each stored article's vector entries."""
    import sqlite3

    from reader.analysis.stories import StoryParams
    from reader.index.story_store import StoredStoryIndex

    db = sqlite3.connect(index)
    try:
        stored = StoredStoryIndex(db, 1, StoryParams(), 0)
        keys = [str(key) for (key,) in db.execute("SELECT key FROM story_articles")]
        (terms,) = db.execute("SELECT COUNT(*) FROM story_terms").fetchone()
        stored.load_articles(keys)
        stored.ensure_postings(range(terms))
    finally:
        db.close()
    entries = {
        (tid, key, weight)
        for tid, (posting_keys, weights) in stored.postings.items()
        for key, weight in zip(posting_keys, weights, strict=True)
    }
    vectors = {
        (tid, art.key, weight)
        for art in stored.articles.values()
        for tid, weight in zip(art.terms, art.weights, strict=True)
    }
    count = sum(len(posting[0]) for posting in stored.postings.values())
    # And each entry's day is its article's.
    undated = -(1 << 31)
    dated = all(
        day == (undated if stored.articles[key].day is None else stored.articles[key].day)
        for tid, (posting_keys, _) in stored.postings.items()
        for key, day in zip(posting_keys, stored._posting_days[tid], strict=True)
    )
    return entries == vectors and count == len(vectors) and dated


def test_updates_one_by_one_store_what_an_index_in_memory_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    add(folder, *GAZETTE)
    add(folder, *HARBOUR)
    expected = in_memory(folder, [([], ["flood-gazette"]), (["gallery"], ["harbour"])])
    gallery = (folder / "gallery.md").read_text(encoding="utf-8")
    (folder / "flood-gazette.md").unlink()
    (folder / "harbour.md").unlink()
    stories_of(folder, index)
    no_regrouping(monkeypatch)
    add(folder, *GAZETTE)
    stories_of(folder, index)
    (folder / "gallery.md").unlink()
    add(folder, *HARBOUR)
    after = stories_of(folder, index)
    # Keys of one day are in key order (row ids here, article ids there): compared as sets.
    assert same_stories(after) == same_stories(expected)
    assert "flood-gazette" in next(s for s in after if "flood-herald" in s.keys).keys
    assert postings_match_vectors(index)
    (folder / "gallery.md").write_text(gallery, encoding="utf-8")
    # And read back warm, as stored.
    stories_of(folder, index)
    assert any(story.keys == ("gallery",) for story in stories_of(folder, index))


def test_a_placement_outside_the_time_window_of_articles_sharing_its_terms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same river and town flooding five years apart: the 2024 report placed into the
    # cache shares most terms with the 2019 ones, which it does not read (outside the time
    # window), and goes where it goes in memory; then a 2019 report placed the other way.
    from reader.index.story_store import StoredStoryIndex

    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    add_earlier_flood(folder)
    add(folder, *GAZETTE)
    earlier = (folder / "flood-2019-herald.md").read_text(encoding="utf-8")
    expected = in_memory(folder, [([], ["flood-gazette"]), ([], ["flood-2019-herald"])])
    (folder / "flood-2019-herald.md").unlink()
    (folder / "flood-gazette.md").unlink()
    stories_of(folder, index)
    no_regrouping(monkeypatch)
    read: list[str] = []
    load = StoredStoryIndex.load_candidates

    def recorded(self: StoredStoryIndex, keys: Any) -> None:
        keys = list(keys)
        read.extend(keys)
        load(self, keys)

    monkeypatch.setattr(StoredStoryIndex, "load_candidates", recorded)
    add(folder, *GAZETTE)
    stories_of(folder, index)
    opened = open_corpus([folder], index_path=index, search=False)
    assert opened.index is not None
    opened.index.close()
    rows = {a.id: str(a.rowid) for a in opened.articles}  # type: ignore[attr-defined]
    assert rows["flood-2019-courier"] not in read
    assert rows["flood-herald"] in read
    (folder / "flood-2019-herald.md").write_text(earlier, encoding="utf-8")
    after = stories_of(folder, index)
    assert same_stories(after) == same_stories(expected)
    assert {"flood-2019-herald", "flood-2019-courier"} in [set(s.keys) for s in after]
    assert "flood-gazette" in next(s for s in after if "flood-herald" in s.keys).keys
    assert postings_match_vectors(index)


def test_stored_postings_without_days_are_grouped_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    first = stories_of(folder, index)
    db = sqlite3.connect(index)
    with db:
        db.execute("ALTER TABLE story_terms DROP COLUMN days")
    db.close()
    grouped: list[int] = []
    group = reader.analysis.group

    def counted(*args: Any, **kwargs: Any) -> Any:
        grouped.append(1)
        return group(*args, **kwargs)

    monkeypatch.setattr(reader.analysis, "group", counted)
    again = stories_of(folder, index)
    assert grouped
    assert same_stories(again) == same_stories(first)
    add(folder, *GAZETTE)
    assert any("flood-gazette" in story.keys for story in stories_of(folder, index))
    assert postings_match_vectors(index)


def story_tables(index: Path) -> list[Any]:
    import sqlite3

    db = sqlite3.connect(index)
    try:
        return [
            db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("stories", "story_articles", "story_terms", "story_rows")
        ]
    finally:
        db.close()


def test_an_update_that_fails_half_way_leaves_the_stored_stories_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.index.story_store import StoredStoryIndex

    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    stories_of(folder, index)
    stored = story_tables(index)
    add(folder, *GAZETTE)
    (folder / "gallery.md").unlink()
    save = StoredStoryIndex.save

    def save_then_fail(self: StoredStoryIndex) -> None:
        save(self)
        raise RuntimeError("the process died here")

    monkeypatch.setattr(StoredStoryIndex, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        stories_of(folder, index)
    assert story_tables(index) == stored
    monkeypatch.undo()
    no_regrouping(monkeypatch)
    after = stories_of(folder, index)
    assert any("flood-gazette" in story.keys for story in after)
    assert not any("gallery" in story.keys for story in after)


def test_the_stored_rows_give_back_the_grouped_index(tmp_path: Path) -> None:
    import sqlite3

    from reader.analysis import group, story_input
    from reader.index.story_store import StoredStoryIndex

    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    stories_of(folder, index)
    opened = open_corpus([folder], index_path=index, search=False)
    assert opened.index is not None
    opened.index.close()
    by_row = {str(a.rowid): a for a in opened.articles}  # type: ignore[attr-defined]
    grouped = group([replace(story_input(a), key=key) for key, a in by_row.items()]).index
    db = sqlite3.connect(index)
    try:
        stored = StoredStoryIndex(db, 1, grouped.params, 0)
        stored.load_articles(grouped.articles)
        stored.load_terms(grouped.terms)
        stored.ensure_postings(range(len(grouped.terms)))
        assert stored.size() == len(grouped.articles)
        assert stored.articles == grouped.articles
        assert [stored.df[tid] for tid in range(len(grouped.terms))] == grouped.df
        assert stored.postings == grouped.postings
    finally:
        db.close()


def test_stories_stored_under_older_grouping_rules_are_grouped_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import sqlite3

    folder, index = corpus(tmp_path / "news"), tmp_path / "index.db"
    first = stories_of(folder, index)
    db = sqlite3.connect(index)
    with db:
        (params,) = db.execute("SELECT params FROM stories").fetchone()
        older = {**json.loads(params), "rules": 1}
        db.execute("UPDATE stories SET params = ?", (json.dumps(older),))
    db.close()
    grouped: list[int] = []
    group = reader.analysis.group

    def counted(*args: Any, **kwargs: Any) -> Any:
        grouped.append(1)
        return group(*args, **kwargs)

    monkeypatch.setattr(reader.analysis, "group", counted)
    again = stories_of(folder, index)
    assert grouped
    assert same_stories(again) == same_stories(first)
    grouped.clear()
    stories_of(folder, index)
    assert not grouped
