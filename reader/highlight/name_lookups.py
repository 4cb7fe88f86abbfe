"""What finding one text's names asked of a NameIndex, recorded so a kept result can be checked.

In: a NameIndex. Out: `LookupRecorder`, a NameIndex that answers as the index does and notes
every question asked of it (which words, names and short forms, and the answers); `lookups()`
gives them as plain JSON values, and `lookups_hold(index, lookups)` tells whether another
index gives every one of the same answers. `find_spans` is a function of the text, the code
and those answers only: when they hold, the spans found with the recorder are the spans the
other index finds, without finding them again (compare keeps an article's analysis this way
across processes and across name indexes that differ elsewhere).

A question the recorder cannot note (iterating a table, its size) makes `lookups()` None: a
result that depends on the whole index is never kept.
"""

from __future__ import annotations

from typing import Any

from reader.highlight.name_index import NameIndex

__all__ = ["LookupRecorder", "lookups_hold"]

# The tables the corpus teaches, asked one key at a time (`in`, `get`, `[]`, truth).
ASKED = ("_known", "_lower", "_short", "_fulls", "_aliases", "_kinds", "_declared_kinds", "_counts")
# What the user declares (config.yaml): small, compared whole.
WHOLE = ("_never", "_declared_re")

Lookups = dict[str, Any]
# Joins the keys asked of one table (a key holding it is not noted: nothing is kept).
_SEP = "\x1f"


class _Asked:
    """A read-only view of one table of an index that notes each key asked and its answer
    (the stored value, or None when absent: no table stores None)."""

    __slots__ = ("_data", "_answers", "_truth", "_recorder")

    def __init__(self, data: Any, recorder: LookupRecorder) -> None:
        self._data = data
        self._answers: dict[str, Any] = {}
        self._truth: bool | None = None
        self._recorder = recorder

    def _note(self, key: object) -> Any:
        data = self._data
        if isinstance(data, (set, frozenset)):
            value: Any = key in data
        else:
            value = data.get(key)
        if type(key) is not str or _SEP in key or not isinstance(value, (str, int, type(None))):
            self._recorder.untracked = True  # not a plain key or answer: keep nothing
        else:
            self._answers[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return key in self._data

    def get(self, key: object, default: Any = None) -> Any:
        value = self._note(key)
        return default if value is None else value

    def __getitem__(self, key: object) -> Any:
        self._note(key)
        return self._data[key]

    def __bool__(self) -> bool:
        self._truth = bool(self._data)
        return self._truth

    def __getattr__(self, name: str) -> Any:
        # Anything else (iterating, len, items ...) depends on the whole table.
        self._recorder.untracked = True
        return getattr(self._data, name)

    def __iter__(self) -> Any:
        self._recorder.untracked = True
        return iter(self._data)

    def __len__(self) -> int:
        self._recorder.untracked = True
        return len(self._data)


class LookupRecorder(NameIndex):
    """`index` as find_spans sees it, noting what is asked (see the module docstring)."""

    def __init__(self, index: NameIndex) -> None:  # no super().__init__: every field is set
        self.untracked = False
        self._tables = {name: _Asked(getattr(index, name), self) for name in ASKED}
        for name, table in self._tables.items():
            setattr(self, name, table)
        for name in WHOLE:
            setattr(self, name, getattr(index, name))
        self._whole = _whole(index)

    def lookups(self) -> Lookups | None:
        """Every question asked and its answer, as JSON values; None if one could not be
        noted."""
        if self.untracked:
            return None
        # Per table, the keys as one string and the answers as a list: quicker to read back
        # than an object of a thousand keys.
        asked = {
            name: [_SEP.join(table._answers), list(table._answers.values())]
            for name, table in self._tables.items()
            if table._answers
        }
        truth = {
            name: table._truth for name, table in self._tables.items() if table._truth is not None
        }
        return {"whole": self._whole, "asked": asked, "truth": truth}


def _whole(index: NameIndex) -> list[Any]:
    pattern = index._declared_re.pattern if index._declared_re is not None else None
    return [sorted(index._never), pattern]


def lookups_hold(index: NameIndex, lookups: Any) -> bool:
    """Whether `index` answers every question in `lookups` (from `LookupRecorder.lookups`)
    as the recorded index did. Anything malformed is a no."""
    try:
        if lookups["whole"] != _whole(index):
            return False
        for name, truth in lookups["truth"].items():
            if name not in ASKED or bool(getattr(index, name)) is not truth:
                return False
        for name, (joined, answers) in lookups["asked"].items():
            keys = joined.split(_SEP)
            if name not in ASKED or len(keys) != len(answers):
                return False
            data = getattr(index, name)
            if isinstance(data, (set, frozenset)):
                if any(
                    (key in data) is not value for key, value in zip(keys, answers, strict=True)
                ):
                    return False
            else:
                get = data.get
                if any(get(key) != value for key, value in zip(keys, answers, strict=True)):
                    return False
    except (KeyError, TypeError, AttributeError, ValueError):
        return False
    return True
