"""The grouping kept as rows in the cache: written whole after a grouping, read and written a
few rows at a time when articles are placed or removed.

In: a `StoryIndex` (after `group`) or changes to apply. Out: rows of `story_articles` (each
article's vector, sketch, topic and story) and `story_terms` (each term's document frequency
and postings, with each entry's day) under one scope id (tables in `db.py`). `StoredStoryIndex` is a `StoryIndex`
that reads from those rows only what `place`, `remove` and `story` look at (the loading
hooks of `StoryIndex`): the article's terms, the postings of its vector's terms, its
candidates, their topics and the chosen topic's stories, and `save` writes back only what
changed. The postings carry their articles' days, so that a dated article's candidates
outside the time window are dropped before their rows are read. Arrays are stored
little-endian.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import datetime
from typing import Any, cast

from reader.analysis.story_index import IndexedArticle, StoryIndex, StoryParams
from reader.index.story_rows import STORY_RULES

__all__ = ["StoredStoryIndex", "scope_params", "stored_params", "write_index"]

# Values bound in one `IN (...)` (SQLite allows 32,766 from 3.32, 999 before).
_CHUNK = 900
_ARTICLE_COLUMNS = (
    "key, topic, story, title, source, published, day, years, terms, weights, sketch, lead"
)


# A lead mask is 64 bits (one per term of the vector, `IndexedArticle.lead`); SQLite's
# integers are signed, so the upper half is stored below zero.
_LEAD_WRAP = 1 << 64
# A posting entry's day when its article has none (days are stored as 32-bit integers).
_UNDATED = -(1 << 31)


def _pack(values: array[Any]) -> bytes:
    if sys.byteorder != "little":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _unpack(code: str, data: bytes) -> array[Any]:
    values: array[Any] = array(code)
    values.frombytes(data)
    if sys.byteorder != "little":
        values.byteswap()
    return values


def _article_row(scope: int, art: IndexedArticle) -> tuple[Any, ...]:
    return (
        scope,
        int(art.key),
        art.topic,
        art.story,
        art.title,
        art.source,
        art.published.isoformat() if art.published else None,
        art.day,
        ",".join(map(str, art.years)),
        _pack(art.terms),
        _pack(art.weights),
        _pack(art.sketch),
        art.lead - _LEAD_WRAP if art.lead >= _LEAD_WRAP // 2 else art.lead,
    )


def _article(row: tuple[Any, ...]) -> IndexedArticle:
    key, topic, story, title, source, published, day, years, terms, weights, sketch, lead = row
    return IndexedArticle(
        key=str(key),
        title=title,
        source=source,
        published=datetime.fromisoformat(published) if published else None,
        day=day,
        years=_years(years),
        sketch=_unpack("I", sketch),
        terms=_unpack("i", terms),
        weights=_unpack("f", weights),
        topic=topic,
        story=story,
        lead=lead % _LEAD_WRAP,
    )


def _day_code(day: int | None) -> int:
    return _UNDATED if day is None else day


def _years(text: str) -> tuple[int, ...]:
    return tuple(map(int, text.split(","))) if text else ()


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for value in values:
        chunk.append(value)
        if len(chunk) >= _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_index(db: sqlite3.Connection, scope: int, index: StoryIndex) -> None:
    """Every row of a grouped `index` (postings complete) under `scope`, replacing what was
    there. Call inside a transaction."""
    for table in ("story_articles", "story_terms"):
        db.execute(f"DELETE FROM {table} WHERE scope = ?", (scope,))
    db.executemany(
        "INSERT INTO story_articles VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_article_row(scope, art) for art in index.articles.values()),
    )
    index.ensure_postings(range(len(index.terms)))
    empty_keys, empty_weights, empty_days = _pack(array("q")), _pack(array("f")), b""
    day_of = {key: _day_code(art.day) for key, art in index.articles.items()}.__getitem__

    def terms() -> Iterator[tuple[Any, ...]]:
        postings = index.postings
        for tid, (term, df) in enumerate(zip(index.terms, index.df, strict=True)):
            posting = postings.get(tid)
            if posting is None:
                yield scope, tid, term, df, empty_keys, empty_weights, empty_days
            else:
                keys = array("q", map(int, posting[0]))
                days = array("i", map(day_of, posting[0]))
                yield scope, tid, term, df, _pack(keys), _pack(posting[1]), _pack(days)

    db.executemany("INSERT INTO story_terms VALUES(?, ?, ?, ?, ?, ?, ?)", terms())


def scope_params(params: StoryParams) -> str:
    """`params` as stored with a scope, with the rules they were grouped under."""
    return json.dumps({"rules": STORY_RULES, **asdict(params)}, separators=(",", ":"))


def stored_params(text: str) -> StoryParams:
    """The params of a scope grouped under these rules (`grouped_under_these_rules`)."""
    data = json.loads(text)
    data.pop("rules", None)
    return StoryParams(**data)


class StoredStoryIndex(StoryIndex):
    """A `StoryIndex` over the rows of one scope, holding only what was read (see the module
    docstring). Use it on a connection inside a transaction, then `save`."""

    def __init__(
        self, db: sqlite3.Connection, scope: int, params: StoryParams, next_id: int
    ) -> None:
        super().__init__(params=params)
        self._db, self._scope = db, scope
        self.next_id = next_id
        self.postings_built = set()
        (self._stored_count,) = db.execute(
            "SELECT articles FROM stories WHERE id = ?", (scope,)
        ).fetchone()
        (highest,) = db.execute(
            "SELECT MAX(id) FROM story_terms WHERE scope = ?", (scope,)
        ).fetchone()
        self._next_term = 0 if highest is None else highest + 1
        # Sparse here: term id -> frequency, only for the terms read (or made).
        self._frequencies: dict[int, int] = {}
        self.df = cast("list[int]", self._frequencies)
        self._read_df: dict[int, int] = {}
        # term id -> its postings as read (packed keys, weights and days, entries): a term
        # only appended to is written as these bytes and the new entries (no repacking).
        self._read_postings: dict[int, tuple[bytes, bytes, bytes, int]] = {}
        # term id -> its entries' days (`_day_code`), entry for entry with `postings`.
        self._posting_days: dict[int, array[int]] = {}
        self._new_terms: dict[int, str] = {}
        self._from_store: set[str] = set()
        # The vector terms of the articles read whole (those taken out are among them).
        self._terms_read: dict[str, array[int]] = {}
        # Read for `_adjust` only (no title, vector or sketch yet): see `load_candidates`.
        self._partial: set[str] = set()
        self._topics_read: set[int] = set()
        self._stories_read: set[int] = set()

    # --- reading ------------------------------------------------------------------------

    def size(self) -> int:
        gone = sum(1 for key in self._from_store if key not in self.articles)
        added = sum(1 for key in self.articles if key not in self._from_store)
        return int(self._stored_count) - gone + added

    def _term_id(self, term: str) -> int:
        found = self.vocabulary.get(term)
        if found is None:
            found = self.vocabulary[term] = self._next_term
            self._next_term += 1
            self._frequencies[found] = 0
            self._new_terms[found] = term
        return found

    def _new_id(self) -> int:
        found = super()._new_id()
        self._topics_read.add(found)
        self._stories_read.add(found)
        return found

    def load_terms(self, terms: Iterable[str]) -> None:
        wanted = [term for term in terms if term not in self.vocabulary]
        for chunk in _chunks(wanted):
            for tid, term, df in self._db.execute(
                f"SELECT id, term, df FROM story_terms WHERE scope = ? "
                f"AND term IN ({', '.join('?' * len(chunk))})",
                (self._scope, *chunk),
            ):
                self.vocabulary[term] = tid
                self._frequencies[tid] = self._read_df[tid] = df

    def ensure_postings(self, tids: Iterable[int]) -> None:
        """Read the postings of `tids` (those `place` and `remove` are about to change)."""
        built = self.postings_built
        assert built is not None
        wanted = []
        for tid in tids:
            if tid not in built:
                built.add(tid)
                if tid not in self._new_terms:
                    wanted.append(tid)
        for chunk in _chunks(wanted):
            for tid, df, keys, weights, days in self._db.execute(
                f"SELECT id, df, keys, weights, days FROM story_terms WHERE scope = ? "
                f"AND id IN ({', '.join('?' * len(chunk))})",
                (self._scope, *chunk),
            ):
                if tid not in self._frequencies:
                    self._frequencies[tid] = self._read_df[tid] = df
                if keys:
                    numbers = _unpack("q", keys)
                    texts = list(map(str, numbers))
                    self.postings[tid] = (texts, _unpack("f", weights))
                    self._posting_days[tid] = _unpack("i", days)
                    self._read_postings[tid] = (keys, weights, days, len(numbers))

    def _add_postings(self, art: IndexedArticle) -> None:
        super()._add_postings(art)
        code, days = _day_code(art.day), self._posting_days
        for tid in art.terms:
            found = days.get(tid)
            if found is None:
                days[tid] = array("i", [code])
            else:
                found.append(code)

    def _drop_posting(self, tid: int, key: str) -> int:
        at = super()._drop_posting(tid, key)
        days = self._posting_days[tid]
        del days[at]
        if not days:
            del self._posting_days[tid]
        return at

    def topic_sizes(self, topic_ids: Iterable[int]) -> dict[int, int]:
        """Counted in the index of topics, without reading the members (a topic changed here
        was read whole: `remove` and `place` load the topics they change)."""
        sizes, wanted = {}, []
        for topic in topic_ids:
            if topic in self._topics_read:
                sizes[topic] = len(self.topics[topic])
            else:
                wanted.append(topic)
        for chunk in _chunks(wanted):
            sizes.update(
                self._db.execute(
                    f"SELECT topic, COUNT(*) FROM story_articles WHERE scope = ? "
                    f"AND topic IN ({', '.join('?' * len(chunk))}) GROUP BY topic",
                    (self._scope, *chunk),
                )
            )
        return sizes

    def _neighbours(self, art: IndexedArticle) -> dict[str, float]:
        """As `StoryIndex._neighbours`, less what `place` drops by date alone: for a dated
        article, the dated articles the date rule of `_adjust` takes under the edge floor
        (outside the time window, or too far in it for their similarity). Their rows are
        then never read; the rest have the same dot products, in the same order."""
        if art.day is None:
            return super()._neighbours(art)
        p = self.params
        day, same, far, floor = art.day, p.same_days, p.far_days, p.edge_floor
        low, high = day - far, day + far
        limit, df, postings = self._common_limit(), self.df, self.postings
        scores: dict[str, float] = {}
        day_of: dict[str, int] = {}
        get = scores.get
        for tid, weight in zip(art.terms, art.weights, strict=True):
            if df[tid] > limit:
                continue
            posting = postings.get(tid)
            if posting is None:
                continue
            days = self._posting_days[tid]
            for other, other_weight, other_day in zip(posting[0], posting[1], days, strict=True):
                # Undated: the year rule, looked at once read. Dated: within the window.
                if other_day == _UNDATED or low < other_day < high:
                    scores[other] = get(other, 0.0) + weight * other_weight
                    day_of[other] = other_day
        scores.pop(art.key, None)
        kept = {}
        for other, dot in scores.items():
            if dot < floor:
                continue
            other_day = day_of[other]
            if other_day != _UNDATED:
                gap = abs(day - other_day)
                if gap > same and dot * (1.0 - (gap - same) / (far - same)) < floor:
                    continue
            kept[other] = dot
        return kept

    def load_articles(self, keys: Iterable[str]) -> None:
        partial = self._partial
        wanted = [
            int(key)
            for key in keys
            if key in partial or (key not in self.articles and key not in self._from_store)
        ]
        for chunk in _chunks(wanted):
            for row in self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM story_articles WHERE scope = ? "
                f"AND key IN ({', '.join('?' * len(chunk))})",
                (self._scope, *chunk),
            ):
                art = _article(row)
                self.articles[art.key] = art
                self._from_store.add(art.key)
                self._terms_read[art.key] = art.terms
                partial.discard(art.key)

    def load_candidates(self, keys: Iterable[str]) -> None:
        wanted = [
            int(key) for key in keys if key not in self.articles and key not in self._from_store
        ]
        articles, partial, empty_terms, empty_weights = (
            self.articles,
            self._partial,
            array("i"),
            array("f"),
        )
        for chunk in _chunks(wanted):
            for key, topic, story, day, years in self._db.execute(
                "SELECT key, topic, story, day, years FROM story_articles "
                f"INDEXED BY story_articles_for_dates WHERE scope = ? "
                f"AND key IN ({', '.join('?' * len(chunk))})",
                (self._scope, *chunk),
            ):
                text = str(key)
                articles[text] = IndexedArticle(
                    key=text,
                    title="",
                    source=None,
                    published=None,
                    day=day,
                    years=_years(years),
                    sketch=array("I"),
                    terms=empty_terms,
                    weights=empty_weights,
                    topic=topic,
                    story=story,
                )
                self._from_store.add(text)
                partial.add(text)

    def load_topics(self, topic_ids: Iterable[int]) -> None:
        self._load_groups(topic_ids, "topic", self.topics, self._topics_read)

    def load_stories(self, story_ids: Iterable[int]) -> None:
        self._load_groups(story_ids, "story", self.members, self._stories_read)

    def _load_groups(
        self, ids: Iterable[int], column: str, groups: dict[int, set[str]], read: set[int]
    ) -> None:
        wanted = [group_id for group_id in ids if group_id not in read]
        read.update(wanted)
        for chunk in _chunks(wanted):
            for key, group_id in self._db.execute(
                f"SELECT key, {column} FROM story_articles WHERE scope = ? "
                f"AND {column} IN ({', '.join('?' * len(chunk))})",
                (self._scope, *chunk),
            ):
                key = str(key)
                # An article already taken out here is no member any more.
                if key in self._from_store and key not in self.articles:
                    continue
                groups.setdefault(group_id, set()).add(key)

    # --- writing ------------------------------------------------------------------------

    def _packed_postings(self, tid: int, gone_terms: set[int]) -> tuple[bytes, bytes, bytes]:
        keys, weights = self.postings.get(tid, ([], array("f")))
        read = self._read_postings.get(tid)
        days = self._posting_days.get(tid, array("i"))
        if read is not None and tid not in gone_terms and len(keys) >= read[3]:
            # Only appended to (nothing was taken out of it): the bytes read, then the rest.
            packed_keys, packed_weights, packed_days, count = read
            return (
                packed_keys + _pack(array("q", map(int, keys[count:]))),
                packed_weights + _pack(weights[count:]),
                packed_days + _pack(days[count:]),
            )
        return (
            _pack(array("q", map(int, keys))),
            _pack(weights),
            _pack(days),
        )

    def save(self) -> None:
        """Write what `place` and `remove` changed (call inside the same transaction)."""
        db, scope = self._db, self._scope
        gone = [int(key) for key in self._from_store if key not in self.articles]
        db.executemany(
            "DELETE FROM story_articles WHERE scope = ? AND key = ?",
            [(scope, key) for key in gone],
        )
        db.executemany(
            "INSERT OR REPLACE INTO story_articles VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                _article_row(scope, art)
                for key, art in self.articles.items()
                if key not in self._from_store
            ],
        )
        built = self.postings_built or set()
        gone_terms = {tid for key in gone for tid in self._terms_read.get(str(key), ())}
        new_rows, changed_df, changed_postings = [], [], []
        for tid, df in self._frequencies.items():
            term = self._new_terms.get(tid)
            if term is None and tid not in built:
                if df != self._read_df.get(tid):
                    changed_df.append((df, scope, tid))
                continue
            packed = self._packed_postings(tid, gone_terms)
            if term is not None:
                new_rows.append((scope, tid, term, df, *packed))
            else:
                changed_postings.append((df, *packed, scope, tid))
        db.executemany("INSERT INTO story_terms VALUES(?, ?, ?, ?, ?, ?, ?)", new_rows)
        db.executemany(
            "UPDATE story_terms SET df = ?, keys = ?, weights = ?, days = ? "
            "WHERE scope = ? AND id = ?",
            changed_postings,
        )
        db.executemany("UPDATE story_terms SET df = ? WHERE scope = ? AND id = ?", changed_df)
        db.execute(
            "UPDATE stories SET next_id = ?, articles = ? WHERE id = ?",
            (self.next_id, self.size(), scope),
        )
