"""Stories kept in the cache: the grouping of a corpus, stored, and updated article by article.

Stored per scope (the roots a corpus was opened with) as rows (tables in `db.py`): each
article's vector, topic and story and each term's postings (`story_store.py`: what `place`
and `remove` need, read a few rows at a time), and each story's row, listing item and
printed block (what listing needs). Keys are the articles' row ids in `files`, which a
changed file never keeps (it gets a new row), so a key names one version of one file. A warm
`cached_stories` whose articles are the stored ones reads the rows and regroups nothing;
added, changed or removed articles are placed or removed one by one, reading and writing
only the rows they touch, in one transaction; a corpus changed by more than a tenth and 50
articles (or never grouped) is grouped from scratch.
"""

from __future__ import annotations

import json
import os
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.corpus import Article
from reader.index.articles import IndexedArticle, row_of
from reader.index.db import IndexDb, Transaction
from reader.index.printed_listing import PrintedListing
from reader.index.story_listing import ListedStory, listing_head, listing_items, read_items
from reader.index.story_rows import (
    ORDER,
    grouped_under_these_rules,
    relist_stories,
    stored_rows,
    stories_from_json,
    story_row,
)

if TYPE_CHECKING:
    # Imported where used: opening the index (the UI's start) does not load the analysis.
    from reader.analysis import Story, StoryIndex, StoryInput

# Past this share of changed articles, regrouping from scratch is both faster and better
# (a removal never splits a story).
REGROUP_SHARE = 0.1
# ...but a few changes are always placed one by one (each takes milliseconds).
REGROUP_MIN = 50
# From this many articles to group, features are extracted in two processes.
PARALLEL_FROM = 2000
# From this many articles, a caller that allows it (the UI) has the stories grouped or
# updated in a child process that stores them in the cache: the grouping's peak memory
# (hundreds of MB at 100,000 articles) goes away with the child, and the UI's thread keeps
# the interpreter lock.
CHILD_FROM = 2000


class StoryCache(IndexDb):
    """The story tables (`db.py`): one grouping per scope, kept as rows."""

    def _scope_row(self, scope: str, db: sqlite3.Connection) -> tuple[Any, ...] | None:
        """(id, params, next id, listing head) of `scope`, or None (also when it was grouped
        under other rules: it is then grouped again, and its rows replaced)."""
        row: tuple[Any, ...] | None = db.execute(
            "SELECT id, params, next_id, head FROM stories WHERE scope = ?", (scope,)
        ).fetchone()
        if row is None or not grouped_under_these_rules(row[1]):
            return None
        return row

    def stored_keys(self, scope: str) -> set[str] | None:
        """The keys (row ids as text) grouped under `scope`, or None when none are."""
        with self._read_lock:
            db = self._read_db
            row = self._scope_row(scope, db)
            if row is None:
                return None
            return {
                str(key)
                for (key,) in db.execute(
                    "SELECT key FROM story_articles WHERE scope = ?", (row[0],)
                )
            }

    def stored_rows(self, scope: str) -> list[list[Any]] | None:
        """The stored stories of `scope` as JSON rows (see `_story_to_json`; keys are row
        ids as text), in listing order, or None."""
        with self._read_lock:
            return stored_rows(self._read_db, self._scope_row(scope, self._read_db))

    def store_grouping(
        self,
        scope: str,
        index: StoryIndex,
        stories: Sequence[Story],
        items: Sequence[list[Any]],
        head: str,
    ) -> None:
        """Store a grouping from scratch (`index` with complete postings), its stories and
        their listing items (made for the listing head `head`), replacing what `scope` had."""
        from reader.index.story_store import scope_params, write_index

        with self._lock, Transaction(self._db):
            db = self._db
            db.execute(
                "INSERT INTO stories(scope, params, next_id, articles, head) "
                "VALUES(?, ?, ?, ?, ?) "
                "ON CONFLICT(scope) DO UPDATE SET params = excluded.params, "
                "next_id = excluded.next_id, articles = excluded.articles, head = excluded.head",
                (scope, scope_params(index.params), index.next_id, len(index.articles), head),
            )
            (scope_id,) = db.execute("SELECT id FROM stories WHERE scope = ?", (scope,)).fetchone()
            db.execute("DELETE FROM story_rows WHERE scope = ?", (scope_id,))
            write_index(db, scope_id, index)
            db.executemany(
                "INSERT INTO story_rows(scope, story, size, recency, sources, row, item) "
                "VALUES(?, ?, ?, ?, ?, ?, ?)",
                (
                    story_row(scope_id, story, item)
                    for story, item in zip(stories, items, strict=True)
                ),
            )

    def update_stories(
        self,
        scope: str,
        gone: Sequence[str],
        added: Sequence[StoryInput],
        items: Callable[[list[Story]], list[list[Any]]],
        head: str,
        *,
        relist: bool = False,
    ) -> bool:
        """Take the articles `gone` out of the stored grouping of `scope` and place `added`,
        reading and writing only the rows they touch, in one transaction; the touched
        stories get new rows and listing items (`items` makes them), and the listing head
        becomes `head`. `relist`: every story's item is made again (its articles' ids or
        paths may have changed). False when `scope` has no stored grouping."""
        from reader.analysis import place, remove
        from reader.index.story_store import StoredStoryIndex, stored_params

        with self._lock, Transaction(self._db):
            db = self._db
            row = self._scope_row(scope, db)
            if row is None:
                return False
            scope_id, params, next_id, _ = row
            index = StoredStoryIndex(db, scope_id, stored_params(params), next_id)
            touched = {remove(index, key) for key in gone}
            touched.update(place(index, item) for item in added)
            index.save()
            index.load_stories(story_id for story_id in touched if story_id is not None)
            stories = [
                index.story(story_id)
                for story_id in sorted(story_id for story_id in touched if story_id is not None)
                if story_id in index.members
            ]
            db.executemany(
                "DELETE FROM story_rows WHERE scope = ? AND story = ?",
                [(scope_id, story_id) for story_id in touched if story_id is not None],
            )
            db.executemany(
                "INSERT INTO story_rows(scope, story, size, recency, sources, row, item) "
                "VALUES(?, ?, ?, ?, ?, ?, ?)",
                [
                    story_row(scope_id, story, item)
                    for story, item in zip(stories, items(stories), strict=True)
                ],
            )
            if relist:
                relist_stories(db, scope_id, items)
            db.execute("UPDATE stories SET head = ? WHERE id = ?", (head, scope_id))
        return True

    def has_listing(self, scope: str, head: str) -> bool:
        """Whether the stored listing items of `scope` were made for the listing head `head`."""
        with self._read_lock:
            row = self._scope_row(scope, self._read_db)
        return row is not None and row[3] == head

    def has_listing_roots(self, scope: str, roots: Sequence[Path]) -> bool:
        """Whether the stored listing items of `scope` were made for `roots` in this order
        (whatever article rows: an update then makes only the touched stories' items)."""
        with self._read_lock:
            row = self._scope_row(scope, self._read_db)
        if row is None or row[3] is None:
            return False
        try:
            stored = json.loads(row[3])
        except ValueError:
            return False
        current = json.loads(listing_head(roots, (0, 0)))
        return isinstance(stored, dict) and all(
            stored.get(name) == current[name] for name in ("format", "roots")
        )

    def store_listing(
        self, scope: str, items: Callable[[list[Story]], list[list[Any]]], head: str
    ) -> None:
        """Make every stored story's listing item again, for the listing head `head` (the
        stories are not changed)."""
        with self._lock, Transaction(self._db):
            row = self._scope_row(scope, self._db)
            if row is not None:
                relist_stories(self._db, row[0], items)
                self._db.execute("UPDATE stories SET head = ? WHERE id = ?", (head, row[0]))

    def article_rows(self, roots: Sequence[Path]) -> tuple[int, int] | None:
        """How many article rows `roots` have in the cache, and the highest row id; None
        when a root was never indexed."""
        with self._read_lock:
            ids = []
            for root in roots:
                root_id = self._root_id(root, create=False, db=self._read_db)
                if root_id is None:
                    return None
                ids.append(root_id)
            count, highest = self._read_db.execute(
                f"SELECT COUNT(*), MAX(id) FROM files WHERE is_article = 1 "
                f"AND root IN ({', '.join('?' * len(ids))})",
                ids,
            ).fetchone()
        return count, highest or 0

    def _current_scope(self, roots: Sequence[Path]) -> int | None:
        """The scope id of `roots` when its listing items are the ones for the article rows
        the cache has now; else None."""
        rows = self.article_rows(roots)
        if not rows or not rows[0]:
            return None
        with self._read_lock:
            row = self._scope_row(scope_of(roots), self._read_db)
        if row is None or row[3] != listing_head(roots, rows):
            return None
        return int(row[0])

    def listing_is_current(self, roots: Sequence[Path]) -> bool:
        """Whether the stored listing of `roots` is the one for the articles the cache has."""
        return self._current_scope(roots) is not None

    def listed_stories(self, roots: Sequence[Path]) -> list[ListedStory] | None:
        """The stored stories of `roots` as a listing shows them, without loading an
        article; None when none are stored for the articles the cache has now."""
        scope_id = self._current_scope(roots)
        if scope_id is None:
            return None
        with self._read_lock:
            texts = [
                item
                for (item,) in self._read_db.execute(
                    f"SELECT item FROM story_rows WHERE scope = ? {ORDER}", (scope_id,)
                )
            ]
        if any(item is None for item in texts):
            return None
        return read_items(f"[{','.join(texts)}]", roots)

    def printed_stories(
        self,
        roots: Sequence[Path],
        render: Callable[[list[ListedStory]], Iterable[tuple[str, int]]],
    ) -> PrintedListing | None:
        """The stored stories of `roots` as `render` prints them (each story's text and number
        of sources), without loading an article: each story's block as printed before, the
        stories not printed yet printed from their listing items and kept. None when no
        listing is stored for the articles the cache has now."""
        scope_id = self._current_scope(roots)
        if scope_id is None:
            return None
        with self._read_lock:
            fetched = self._read_db.execute(
                f"SELECT story, sources, printed FROM story_rows WHERE scope = ? {ORDER}",
                (scope_id,),
            ).fetchall()
        missing = [story for story, _, printed in fetched if printed is None]
        if missing:
            made = self._print_missing(scope_id, roots, missing, render)
            if made is None:
                return None
            fetched = [
                (story, count, made.get(story, printed)) for story, count, printed in fetched
            ]
        ends, sources = array("q"), array("i")
        end = 0
        for _, count, printed in fetched:
            end += len(printed)
            ends.append(end)
            sources.append(count)
        return PrintedListing(b"".join(row[2] for row in fetched), ends, sources)

    def _print_missing(
        self,
        scope_id: int,
        roots: Sequence[Path],
        missing: list[int],
        render: Callable[[list[ListedStory]], Iterable[tuple[str, int]]],
    ) -> dict[int, bytes] | None:
        """The printed blocks of the stories `missing`, printed from their items and kept."""
        items: dict[int, str] = {}
        with self._read_lock:
            for start in range(0, len(missing), 900):
                chunk = missing[start : start + 900]
                items.update(
                    self._read_db.execute(
                        f"SELECT story, item FROM story_rows WHERE scope = ? "
                        f"AND story IN ({', '.join('?' * len(chunk))})",
                        (scope_id, *chunk),
                    )
                )
        if len(items) != len(missing) or any(item is None for item in items.values()):
            return None
        listed = read_items(f"[{','.join(items[story] for story in missing)}]", roots)
        if listed is None:
            return None
        try:
            blocks = [text.encode() for text, _ in render(listed)]
        except UnicodeEncodeError:
            return None  # not printable as UTF-8: printed the long way, as before
        made = dict(zip(missing, blocks, strict=True))
        try:
            with self._lock, Transaction(self._db):
                # Only beside the items they were printed from: another process may have
                # stored newer ones meanwhile (they have no printed block then).
                self._db.executemany(
                    "UPDATE story_rows SET printed = ? WHERE scope = ? AND story = ? AND item = ?",
                    [(made[story], scope_id, story, items[story]) for story in missing],
                )
        except sqlite3.Error:
            pass  # a cache that cannot be written now: printed again next time
        return made


def scope_of(roots: Sequence[Path]) -> str:
    """The key a corpus's grouping is stored under: its roots, absolute and sorted."""
    return "\n".join(sorted(os.path.abspath(root) for root in roots))


def _input(key: str, article: Article) -> StoryInput:
    from reader.analysis import story_input

    unread = isinstance(article, IndexedArticle) and not article.body_loaded
    item = replace(story_input(article), key=key)
    if unread:
        # An indexed article keeps a body once read: grouping reads every one and needs it
        # only until featurised (100,000 kept bodies were a third of the peak memory).
        assert isinstance(article, IndexedArticle)
        article.forget_body()
    return item


def _keep_listing(
    cache: StoryCache, scope: str, roots: Sequence[Path], keyed: dict[str, Article]
) -> None:
    """Make the listing items of the stored stories again when they were made for other
    rows or roots (the roots named in another order)."""
    rows = [int(key) for key in keyed]
    head = listing_head(roots, (len(rows), max(rows, default=0)))
    if not cache.has_listing(scope, head):
        cache.store_listing(scope, lambda stories: listing_items(roots, keyed, stories), head)


def _row_key(article: Article) -> str | None:
    rowid = row_of(article)
    return None if rowid is None else str(rowid)


def _by_article_ids(stories: list[Story], keyed: dict[str, Article]) -> list[Story]:
    """Stories whose keys (row ids) are replaced by the articles' ids."""
    from reader.analysis.story_index import Story

    ids = {key: article.id for key, article in keyed.items()}
    return [
        Story(
            story.id,
            tuple(map(ids.__getitem__, story.keys)),
            story.title,
            tuple((ids[a], ids[b]) for a, b in story.duplicates),
            story.sources,
            story.first,
            story.last,
        )
        for story in stories
    ]


def cached_stories(
    cache: StoryCache,
    roots: Sequence[Path],
    articles: Sequence[Article],
    *,
    progress: Callable[[str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    in_child: bool = False,
) -> list[Story]:
    """The stories of `articles` (keys: article ids), biggest and newest first.

    Read from the cache when the articles are the ones grouped last time; else brought up
    to date (incrementally when few changed) and stored again. A grouping from scratch asks
    `should_stop` now and then and raises `GroupingCancelled` when it says so (nothing is
    stored then). `in_child`: from `CHILD_FROM` articles, do the work in a child process
    (see `group_in_child`), falling back to this one if the child fails.
    """
    stories = _cached_stories(
        cache, roots, articles, progress, should_stop, in_child=in_child, want=True
    )
    assert stories is not None
    return stories


def update_cached_stories(
    cache: StoryCache,
    roots: Sequence[Path],
    articles: Sequence[Article],
    *,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Bring the stored stories of `articles` up to date, as `cached_stories` does, without
    reading them all back (a caller that lists them reads the stored listing)."""
    _cached_stories(cache, roots, articles, progress, None, in_child=False, want=False)


def _cached_stories(
    cache: StoryCache,
    roots: Sequence[Path],
    articles: Sequence[Article],
    progress: Callable[[str], None] | None,
    should_stop: Callable[[], bool] | None,
    *,
    in_child: bool,
    want: bool,
) -> list[Story] | None:
    keyed: dict[str, Article] = {}
    for article in articles:
        key = _row_key(article)
        if key is None:  # not from the index: nothing to store against
            from reader.analysis import group_articles

            return group_articles(articles, should_stop=should_stop).stories
        keyed[key] = article
    scope = scope_of(roots)
    ids = {key: a.id for key, a in keyed.items()}

    def stored_stories() -> list[Story] | None:
        if not want:
            return None
        rows = cache.stored_rows(scope)
        return None if rows is None else stories_from_json(rows, ids)

    stored_keys = cache.stored_keys(scope)
    if stored_keys == keyed.keys():
        # The warm path: only `Story` is imported, not the grouping.
        _keep_listing(cache, scope, roots, keyed)
        return stored_stories()
    if in_child and len(keyed) >= CHILD_FROM and not cache.in_memory:
        if progress:
            progress(f"grouping {len(keyed):,} articles into stories (child process)")
        if group_in_child(cache.path, roots, should_stop=should_stop):
            if cache.stored_keys(scope) == keyed.keys():
                return stored_stories()
        # The child failed, or saw other articles (the cache changed meanwhile): here.
        stored_keys = cache.stored_keys(scope)
    rows = [int(key) for key in keyed]
    head = listing_head(roots, (len(rows), max(rows, default=0)))

    def items(stories: list[Story]) -> list[list[Any]]:
        return listing_items(roots, keyed, stories)

    if stored_keys is not None:
        added = [key for key in keyed if key not in stored_keys]
        gone = [key for key in stored_keys if key not in keyed]
        changed = len(added) + len(gone)
        if changed <= max(REGROUP_MIN, REGROUP_SHARE * max(len(keyed), len(stored_keys))):
            if progress:
                progress(f"updating stories: {len(added)} new, {len(gone)} gone")
            relist = not cache.has_listing_roots(scope, roots) or _ids_may_shift(keyed, added, gone)
            inputs = [_input(key, keyed[key]) for key in added]
            if cache.update_stories(scope, gone, inputs, items, head, relist=relist):
                return stored_stories()
    if progress:
        progress(f"grouping {len(keyed):,} articles into stories")
    from reader.analysis import group

    workers = 2 if len(keyed) >= PARALLEL_FROM else 1
    grouping = group(
        (_input(key, article) for key, article in keyed.items()),
        workers=workers,
        should_stop=should_stop,
    )
    cache.store_grouping(scope, grouping.index, grouping.stories, items(grouping.stories), head)
    return _by_article_ids(grouping.stories, keyed)


def _ids_may_shift(keyed: dict[str, Article], added: list[str], gone: list[str]) -> bool:
    """Whether articles added or gone may change the ids of others (two files giving one id
    are told apart by a "~2" suffix, given in path order): then every listing item is made
    again, not only the touched stories' ones."""
    if not added and not gone:
        return False
    bases = {keyed[key].id.partition("~")[0] for key in added}
    if gone:
        # The ids the gone articles had are not known here (their rows are gone): any
        # suffixed id may be one that moved.
        if any("~" in article.id for article in keyed.values()):
            return True
    if not bases:
        return False
    added_keys = set(added)
    return any(
        article.id.partition("~")[0] in bases
        for key, article in keyed.items()
        if key not in added_keys
    )


def group_in_child(
    index_path: Path, roots: Sequence[Path], *, should_stop: Callable[[], bool] | None = None
) -> bool:
    """Bring the stored stories of `roots` up to date in a child process that opens the
    cache at `index_path`, as it is, and stores them there. True when the child succeeded;
    `GroupingCancelled` (the child ended) when `should_stop` said stop."""
    import signal
    import subprocess
    import sys

    # A fresh interpreter, not multiprocessing: the caller may run threads (the UI), which
    # fork does not copy, and the UI's stand-in for stderr has no file descriptor to pass.
    command = [
        sys.executable,
        "-c",
        "import sys; from reader.index.stories_child import group_here; "
        "group_here(sys.argv[1], sys.argv[2:])",
        str(index_path),
        *(os.path.abspath(root) for root in roots),
    ]
    try:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Its own process group: stopping it stops its feature workers too.
            start_new_session=True,
        )
    except OSError:
        return False
    while True:
        try:
            return child.wait(0.1) == 0
        except subprocess.TimeoutExpired:
            if should_stop is not None and should_stop():
                try:
                    os.killpg(child.pid, signal.SIGTERM)
                except OSError:
                    child.terminate()
                child.wait()
                from reader.analysis.stories import GroupingCancelled

                raise GroupingCancelled from None
