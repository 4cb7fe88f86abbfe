"""Articles read from the cache: IndexedArticle (body read on first use) and loading them."""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reader.corpus import Article, Problem, base_folder, load_articles, unique_id
from reader.index.db import IndexDb
from reader.index.parse_pool import TAG_SEPARATOR

_ARTICLE_COLUMNS = (
    "id, rel, article_id, title, source, author, url, published, tags, section, extra, words"
)


class IndexedArticle(Article):
    """An Article loaded from the index: metadata in memory, body read on first use.

    Built without the dataclass __init__ (see `ArticleIndex.load`): 100,000 of them must
    appear in a fraction of a second. `path` is made from the root folder and the relative
    path only when asked for, which also saves memory on big corpora.
    """

    __slots__ = ("_body", "_path", "_base", "_rel", "_rowid", "_index")
    _body: str | None
    _path: Path | None
    _base: str
    _rel: str
    _rowid: int
    _index: IndexDb | None

    @property  # a property over the dataclass field
    def body(self) -> str:
        body = self._body
        if body is None:
            body = self._body = self._load_body()
        return body

    @body.setter
    def body(self, value: str) -> None:
        self._body = value

    @property
    def body_loaded(self) -> bool:
        """Whether the body was read (and is kept) already."""
        return self._body is not None

    def forget_body(self) -> None:
        """Drop a body read once: the next use reads it again."""
        self._body = None

    @property  # a property over the dataclass field
    def path(self) -> Path:
        path = self._path
        if path is None:
            # Made on each use, not kept: the state store asks every article's path once,
            # and a kept Path costs about 400 bytes an article (40 MB at 100,000).
            return Path(self._base, self._rel)
        return path

    @path.setter
    def path(self, value: Path) -> None:
        self._path = value

    @property
    def path_text(self) -> str:
        # The state store asks every article for its file: text, without making a Path.
        path = self._path
        if path is not None:
            return os.fspath(path)
        return os.path.join(self._base, self._rel)

    @property
    def place(self) -> tuple[str, str]:
        """The folder the article's root is read from, and its file relative to it."""
        return self._base, self._rel

    @property
    def rowid(self) -> int:
        """This article's row in the index (what `ArticleIndex.search` returns)."""
        return self._rowid

    def _load_body(self) -> str:
        index = self._index
        body = index.body(self.rowid) if index is not None else None
        if body is None:
            # The row is gone (the file changed and was re-indexed): read the file itself.
            articles = load_articles(self.path, Path(self._base), [])
            # A feed's articles share the file: the one whose id ends like this one's.
            part = self.id.rpartition("#")[2] if "#" in self.id else None
            found = [a for a in articles if part is None or a.id.endswith(f"#{part}")]
            body = found[0].body if found else ""
        return body

    def __eq__(self, other: object) -> bool:
        # Comparing bodies would read every body from disk for one `list.index` call.
        if isinstance(other, IndexedArticle):
            return self.id == other.id and self.rowid == other.rowid
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like Article: mutable, so not hashable

    def __repr__(self) -> str:
        return f"IndexedArticle(id={self.id!r}, title={self.title!r})"

    def __getstate__(self) -> tuple[None, dict[str, Any]]:
        # The index connection cannot go to another process; the body goes instead.
        state = {name: getattr(self, name) for name in _FIELDS}
        state.update(_body=self.body, _path=self.path, _base=self._base, _rel=self._rel)
        state.update(_rowid=self._rowid, _index=None)
        return None, state

    def __setstate__(self, state: tuple[None, dict[str, Any]]) -> None:
        for name, value in state[1].items():
            setattr(self, name, value)


# The dataclass fields an IndexedArticle keeps in Article's own slots.
_FIELDS = tuple(name for name in Article.__dataclass_fields__ if name not in ("body", "path"))


def row_of(article: Article) -> int | None:
    """The index row of an article loaded from the index; None for any other article."""
    return article.rowid if isinstance(article, IndexedArticle) else None


# One read-only empty mapping for every indexed article without extras.
_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


class LoadingIndex(IndexDb):
    """An index cache that gives back its articles and problems, as Corpus.load would."""

    def load(self, roots: Sequence[str | os.PathLike[str]]) -> tuple[list[Article], list[Problem]]:
        """The cached articles and problems under `roots`, like Corpus.load gives them.

        Reads no article file; bodies are read from the cache when first used.
        """
        articles: list[Article] = []
        problems: list[Problem] = []
        seen_ids: set[str] = set()
        # Many thousands of new objects would set off full garbage collections again and
        # again while loading; none of them is in a cycle.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self._read_lock:
                for root in roots:
                    self._load_root(Path(root), len(roots) > 1, seen_ids, articles, problems)
        finally:
            if collecting:
                gc.enable()
        # The articles live as long as the app. Frozen, they are left out of later garbage
        # collections, which otherwise walked all of them again and again while a search
        # built its results (measured: a filter keystroke went from 300 ms to 50 ms).
        gc.freeze()
        return articles, problems

    def load_problems(self, roots: Sequence[str | os.PathLike[str]]) -> list[Problem]:
        """The cached problems under `roots`, as `load` gives them, without the articles."""
        problems: list[Problem] = []
        with self._read_lock:
            for root in map(Path, roots):
                root_id = self._root_id(root, create=False, db=self._read_db)
                if root_id is not None:
                    problems.extend(self._problems_of(root, root_id, base_folder(root)))
        return problems

    def load_newest(
        self, root: str | os.PathLike[str], count: int
    ) -> tuple[list[Article], list[Problem]]:
        """The `count` newest cached articles of one root (undated last), and its problems.

        A first screenful for a fast start: ids are the ones `load` gives the same files.
        """
        root = Path(root)
        articles: list[Article] = []
        problems: list[Problem] = []
        with self._read_lock:
            db = self._read_db
            root_id = self._root_id(root, create=False, db=db)
            if root_id is None:
                return articles, problems
            rows = db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM files INDEXED BY files_by_date "
                "WHERE root = ? AND is_article = 1 AND published IS NOT NULL "
                "ORDER BY published DESC LIMIT ?",
                (root_id, count),
            ).fetchall()
            if len(rows) < count:
                rows += db.execute(
                    f"SELECT {_ARTICLE_COLUMNS} FROM files WHERE root = ? AND is_article = 1 "
                    "AND published IS NULL ORDER BY article_id LIMIT ?",
                    (root_id, count - len(rows)),
                ).fetchall()
            base = base_folder(root)
            for article in self._articles_from_rows(rows, base, "", None):
                # Two files with one id ("a.md", "a.txt"): the later one in path order gets
                # "~2", as in a full load.
                (earlier,) = db.execute(
                    "SELECT COUNT(*) FROM files INDEXED BY files_by_article_id "
                    "WHERE root = ? AND article_id = ? AND rel < ?",
                    (root_id, article.id, article.place[1]),
                ).fetchone()
                if earlier:
                    article.id = f"{article.id}~{earlier + 1}"
                articles.append(article)
            problems = self._problems_of(root, root_id, base)
        return articles, problems

    def _load_root(
        self,
        root: Path,
        prefix_ids: bool,
        seen_ids: set[str],
        articles: list[Article],
        problems: list[Problem],
    ) -> None:
        db = self._read_db
        root_id = self._root_id(root, create=False, db=db)
        if root_id is None:
            return
        base = base_folder(root)
        prefix = f"{base.name}/" if prefix_ids and base.name else ""
        rows = db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM files WHERE root = ? AND is_article = 1 ORDER BY rel",
            (root_id,),
        )
        articles.extend(self._articles_from_rows(rows, base, prefix, seen_ids))
        problems.extend(self._problems_of(root, root_id, base))

    def _articles_from_rows(
        self, rows: Iterable[tuple[Any, ...]], base: Path, prefix: str, seen_ids: set[str] | None
    ) -> Iterator[IndexedArticle]:
        """IndexedArticles from `files` rows; ids made unique against `seen_ids` in order."""
        base_text = os.fspath(base)
        new, fromisoformat, loads = object.__new__, datetime.fromisoformat, json.loads
        # Sources, authors, sections and tags repeat across thousands of articles: one
        # string object each instead of one per article (about 20 MB at 100,000). So do
        # dates, tag lists (one tuple each) and word counts (an int over 256 is an object).
        shared: dict[str, str] = {}
        share = shared.setdefault
        dates: dict[str, datetime] = {}
        tag_tuples: dict[str, tuple[str, ...]] = {}
        counts: dict[int, int] = {}
        share_count = counts.setdefault
        for rowid, rel, article_id, title, source, author, url, published, tags, *rest in rows:
            section, extra, words = rest
            if source:
                source = share(source, source)
            if author:
                author = share(author, author)
            if section:
                section = share(section, section)
            if published:
                when = dates.get(published)
                if when is None:
                    when = dates[published] = fromisoformat(published)
            else:
                when = None
            if tags:
                tagged = tag_tuples.get(tags)
                if tagged is None:
                    tagged = tag_tuples[tags] = tuple(
                        [share(tag, tag) for tag in tags.split(TAG_SEPARATOR)]
                    )
            else:
                tagged = ()
            article_id = prefix + article_id
            if seen_ids is not None:
                if article_id in seen_ids:
                    article_id = unique_id(article_id, seen_ids)
                else:
                    seen_ids.add(article_id)
            article = new(IndexedArticle)
            article.id = article_id
            article.title = title
            article.source = source
            article.author = author
            article.url = url
            article.published = when
            article.tags = tagged
            article.section = section
            article.extra = loads(extra) if extra else _NO_EXTRA
            article.words = share_count(words, words)
            article._body = None
            article._path = None
            article._rowid = rowid
            article._base = base_text
            article._rel = rel
            article._index = self
            yield article

    def _problems_of(self, root: Path, root_id: int, base: Path) -> list[Problem]:
        return [
            Problem(_loaded_path(path, root, base), reason)
            for path, reason in self._read_db.execute(
                "SELECT path, reason FROM problems WHERE root = ? ORDER BY origin, rowid",
                (root_id,),
            )
        ]


def _loaded_path(stored: str, root: Path, base: Path) -> Path:
    if os.path.isabs(stored):
        return root if stored == os.path.abspath(root) else Path(stored)
    return base / stored if stored not in ("", ".") else base
