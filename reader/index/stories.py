"""Stories kept in the cache: the grouping of a corpus, stored, and updated article by article.

Stored per scope (the roots a corpus was opened with): the exported `StoryIndex` (what
`place` and `remove` need) and the story rows (what listing needs). Keys are the articles'
row ids in `files`, which a changed file never keeps (it gets a new row), so a key names one
version of one file. A warm `corpus_stories` whose articles are the stored ones reads the
rows and regroups nothing; added, changed or removed articles are placed or removed one by
one; a corpus changed by more than a tenth and 50 articles (or never grouped) is grouped from scratch.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.corpus import Article
from reader.index.articles import IndexedArticle, row_of
from reader.index.db import IndexDb, Transaction
from reader.index.printed_listing import PrintedListing, pack_printed, unpack_printed
from reader.index.story_listing import ListedStory, listing_head, listing_json, read_listing

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
    """The `stories` table: one grouping per scope."""

    def stored_rows(self, scope: str) -> list[list[Any]] | None:
        """The stored stories of `scope` as JSON rows (see `_story_to_json`; keys are row
        ids as text), or None."""
        with self._read_lock:
            row = self._read_db.execute(
                "SELECT rows FROM stories WHERE scope = ?", (scope,)
            ).fetchone()
        return None if row is None else list(json.loads(row[0]))

    def stored_state(self, scope: str) -> StoryIndex | None:
        """The stored `StoryIndex` of `scope`; None when there is none, or it is in another
        format (a cache from before the compact state holds JSON text) or unreadable: the
        stories are then grouped from scratch."""
        from reader.analysis.story_state import decode_from

        db = self._read_db
        with self._read_lock:
            # Read in pieces, never whole (tens of MB), from one snapshot of the file.
            db.execute("BEGIN")
            try:
                row = db.execute(
                    "SELECT rowid, length(state) FROM stories "
                    "WHERE scope = ? AND typeof(state) = 'blob'",
                    (scope,),
                ).fetchone()
                if row is None:
                    return None
                with db.blobopen("stories", "state", row[0], readonly=True) as blob:
                    return decode_from(blob.read, row[1])
            except (ValueError, sqlite3.Error):
                return None
            finally:
                db.execute("COMMIT")

    def store_stories(
        self, scope: str, index: StoryIndex, stories: Sequence[Story], listing: str
    ) -> None:
        from reader.analysis.story_state import encoded_parts

        rows = json.dumps([_story_to_json(story) for story in stories], separators=(",", ":"))
        length, parts = encoded_parts(index)
        with self._lock, Transaction(self._db):
            # The state is written into place part by part: as one value, SQLite would make
            # a copy of it and then a row holding it and the listing (+135 MB at 100,000).
            rowid = self._db.execute(
                "INSERT OR REPLACE INTO stories(scope, state, rows, listing) "
                "VALUES(?, zeroblob(?), ?, ?)",
                (scope, length, rows, listing),
            ).lastrowid
            assert rowid is not None
            with self._db.blobopen("stories", "state", rowid) as blob:
                for part in parts:
                    blob.write(part)
                if blob.tell() != length:
                    raise ValueError("story state shorter than announced")
            self._db.execute("DELETE FROM printed WHERE scope = ?", (scope,))

    def stored_listing(self, scope: str) -> str | None:
        with self._read_lock:
            row = self._read_db.execute(
                "SELECT listing FROM stories WHERE scope = ?", (scope,)
            ).fetchone()
        return None if row is None else row[0]

    def has_listing(self, scope: str, head: str) -> bool:
        """Whether the stored listing of `scope` starts with the line `head` (compared in
        SQLite: the listing itself is tens of MB)."""
        with self._read_lock:
            row = self._read_db.execute(
                "SELECT substr(listing, 1, ?) FROM stories WHERE scope = ?",
                (len(head) + 1, scope),
            ).fetchone()
        return row is not None and row[0] == f"{head}\n"

    def store_listing(self, scope: str, listing: str) -> None:
        """Store the listing of the stories stored for `scope` (they are not changed)."""
        with self._lock, Transaction(self._db):
            self._db.execute("UPDATE stories SET listing = ? WHERE scope = ?", (listing, scope))
            self._db.execute("DELETE FROM printed WHERE scope = ?", (scope,))

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

    def listed_stories(self, roots: Sequence[Path]) -> list[ListedStory] | None:
        """The stored stories of `roots` as a listing shows them, without loading an
        article; None when none are stored for the articles the cache has now."""
        rows = self.article_rows(roots)
        if not rows or not rows[0]:
            return None
        scope = scope_of(roots)
        if not self.has_listing(scope, listing_head(roots, rows)):
            return None  # checked without reading tens of MB
        text = self.stored_listing(scope)
        return None if text is None else read_listing(text, roots, rows)

    def printed_stories(
        self,
        roots: Sequence[Path],
        render: Callable[[list[ListedStory]], Iterable[tuple[str, int]]],
    ) -> PrintedListing | None:
        """The stored stories of `roots` as `render` prints them (each story's text and number
        of sources), without loading an article: read as printed when they were printed
        from the listing stored for the articles the cache has now; else printed from that
        listing and stored. None when no listing is stored for those articles."""
        rows = self.article_rows(roots)
        if not rows or not rows[0]:
            return None
        scope, head = scope_of(roots), listing_head(roots, rows)
        with self._read_lock:
            row = self._read_db.execute(
                "SELECT data FROM printed WHERE scope = ?", (scope,)
            ).fetchone()
        printed = None if row is None else unpack_printed(row[0], head)
        if printed is not None:
            return printed
        if not self.has_listing(scope, head):
            return None  # none stored for these rows (checked without reading it all)
        text = self.stored_listing(scope)
        listed = None if text is None else read_listing(text, roots, rows)
        if listed is None:
            return None
        del text
        try:
            data = pack_printed(head, render(listed))
        except UnicodeEncodeError:
            return None  # not printable as UTF-8: printed the long way, as before
        del listed
        try:
            with self._lock, Transaction(self._db):
                # Only beside the listing it was printed from: another process may have
                # stored a newer one meanwhile.
                self._db.execute(
                    "INSERT OR REPLACE INTO printed(scope, data) SELECT scope, ? FROM stories "
                    "WHERE scope = ? AND substr(listing, 1, ?) = ?",
                    (data, scope, len(head) + 1, f"{head}\n"),
                )
        except sqlite3.Error:
            pass  # a cache that cannot be written now: printed again next time
        return unpack_printed(data, head)


def _story_to_json(story: Story) -> list[Any]:
    return [
        story.id,
        list(story.keys),
        story.title,
        [list(pair) for pair in story.duplicates],
        list(story.sources),
        story.first.isoformat() if story.first else None,
        story.last.isoformat() if story.last else None,
    ]


def _stories_from_json(items: list[list[Any]], ids: dict[str, str]) -> list[Story]:
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


def _updated_stories(
    index: StoryIndex, stored: list[list[Any]], touched: set[int | None]
) -> list[Story]:
    """`index.stories()` after an update that changed only the stories `touched`: the
    others are the stored rows (a story's row depends on its articles only), so only the
    touched ones are made again (at 100,000 articles, all of them took seconds)."""
    stories = [
        story
        for story in _stories_from_json(stored, _Same())
        if story.id not in touched and story.id in index.members
    ]
    stories.extend(index.story(story_id) for story_id in touched if story_id in index.members)
    stories.sort(key=lambda s: (-len(s.keys), -(s.last.timestamp() if s.last else 0), s.id))
    return stories


class _Same(dict[str, str]):
    """A mapping of every key to itself."""

    def __missing__(self, key: str) -> str:
        return key


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
    cache: StoryCache,
    scope: str,
    roots: Sequence[Path],
    keyed: dict[str, Article],
    stored: list[list[Any]],
) -> None:
    """Store the listing of stored stories that have none for these roots (a cache from
    before listings, or the roots named in another order)."""
    rows = [int(key) for key in keyed]
    if cache.has_listing(scope, listing_head(roots, (len(rows), max(rows, default=0)))):
        return
    stories = _stories_from_json(stored, {key: key for key in keyed})
    cache.store_listing(scope, listing_json(roots, keyed, stories))


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
    keyed: dict[str, Article] = {}
    for article in articles:
        key = _row_key(article)
        if key is None:  # not from the index: nothing to store against
            from reader.analysis import group_articles

            return group_articles(articles, should_stop=should_stop).stories
        keyed[key] = article
    scope = scope_of(roots)
    stored = cache.stored_rows(scope)
    ids = {key: a.id for key, a in keyed.items()}
    if stored is not None:
        # The warm path: only `Story` is imported, not the grouping.
        stored_keys = {key for row in stored for key in row[1]}
        if stored_keys == keyed.keys():
            _keep_listing(cache, scope, roots, keyed, stored)
            return _stories_from_json(stored, ids)
    if in_child and len(keyed) >= CHILD_FROM and not cache.in_memory:
        if progress:
            progress(f"grouping {len(keyed):,} articles into stories (child process)")
        if group_in_child(cache.path, roots, should_stop=should_stop):
            stored = cache.stored_rows(scope)
            if stored is not None and {key for row in stored for key in row[1]} == keyed.keys():
                return _stories_from_json(stored, ids)
        # The child failed, or saw other articles (the cache changed meanwhile): here.
        stored = cache.stored_rows(scope)
    if stored is not None:
        stored_keys = {key for row in stored for key in row[1]}
        from reader.analysis import place, remove

        added = [key for key in keyed if key not in stored_keys]
        gone = [key for key in stored_keys if key not in keyed]
        index = None
        changed = len(added) + len(gone)
        if changed <= max(REGROUP_MIN, REGROUP_SHARE * max(len(keyed), len(stored_keys))):
            index = cache.stored_state(scope)
        if index is not None:
            if progress:
                progress(f"updating stories: {len(added)} new, {len(gone)} gone")
            touched = {remove(index, key) for key in gone}
            touched.update(place(index, _input(key, keyed[key])) for key in added)
            stories = _updated_stories(index, stored, touched)
            cache.store_stories(scope, index, stories, listing_json(roots, keyed, stories))
            return _by_article_ids(stories, keyed)
    if progress:
        progress(f"grouping {len(keyed):,} articles into stories")
    from reader.analysis import group

    workers = 2 if len(keyed) >= PARALLEL_FROM else 1
    grouping = group(
        (_input(key, article) for key, article in keyed.items()),
        workers=workers,
        should_stop=should_stop,
    )
    listing = listing_json(roots, keyed, grouping.stories)
    cache.store_stories(scope, grouping.index, grouping.stories, listing)
    return _by_article_ids(grouping.stories, keyed)


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
