"""ArticlesAt: some of a list's articles, picked by position, without a list of their own.

A filter key at 100,000 articles can match nearly all of them. As a list, the answer is
100,000 references the cycle collector walks at every collection while it is young (8 ms
each here) and at every full one after; as positions in an `array` it is a block of numbers
the collector never looks at, half the memory, made at the same C speed.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from itertools import compress, islice
from typing import overload

from reader.corpus.article import Article

__all__ = ["ArticlesAt", "articles_where"]

# Articles looked at per step (a few ms): between steps a thread waiting for the interpreter
# (the UI answering a key) gets it, and `should_stop` is asked.
STEP = 8192


class ArticlesAt(Sequence[Article]):
    """`base[position]` for each of `positions`, in their order: a read-only sequence.

    `rows`, when given: the index rows (`IndexedArticle.rowid`) that decided which of `base`
    are held, so `holds` answers for an article of `base` without a walk or a set of its own.
    """

    __slots__ = ("_base", "_positions", "_rows")

    def __init__(
        self, base: Sequence[Article], positions: array[int], rows: Set[int] | None = None
    ) -> None:
        self._base = base
        self._positions = positions
        self._rows = rows

    @property
    def knows_rows(self) -> bool:
        """True when `holds` can answer (the rows were given)."""
        return self._rows is not None

    def holds(self, article: Article) -> bool | None:
        """Whether `article`, one of `base`'s, is held; None when `rows` were not given."""
        if self._rows is None:
            return None
        return getattr(article, "_rowid", 0) in self._rows

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> Article: ...

    @overload
    def __getitem__(self, index: slice) -> list[Article]: ...

    def __getitem__(self, index: int | slice) -> Article | list[Article]:
        if isinstance(index, slice):
            return list(map(self._base.__getitem__, self._positions[index]))
        return self._base[self._positions[index]]

    def __iter__(self) -> Iterator[Article]:
        return map(self._base.__getitem__, self._positions)

    def __eq__(self, other: object) -> bool:
        """Equal to any list, tuple or ArticlesAt holding the same articles in order."""
        if not isinstance(other, ArticlesAt | list | tuple):
            return NotImplemented
        return len(self) == len(other) and all(
            mine is theirs or mine == theirs for mine, theirs in zip(self, other, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]  # compares by content, like a list

    def __repr__(self) -> str:
        return f"ArticlesAt({len(self)} of {len(self._base)})"


def articles_where(
    base: Sequence[Article],
    keep: Iterable[object],
    should_stop: Callable[[], bool] | None = None,
    rows: Set[int] | None = None,
) -> ArticlesAt | None:
    """The articles of `base` whose item of `keep` (one per article, in order) is true;
    None when `should_stop` said so between steps. `rows`: see `ArticlesAt`."""
    positions: array[int] = array("l")
    keeping = iter(keep)
    for start in range(0, len(base), STEP):
        if should_stop is not None and should_stop():
            return None
        stop = min(start + STEP, len(base))
        positions.extend(compress(range(start, stop), islice(keeping, stop - start)))
    return ArticlesAt(base, positions, rows)
