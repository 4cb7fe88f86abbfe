"""A `StoryIndex` as one compact byte string, and back (what the cache stores).

Layout: a magic line with the format's version, a 4-byte length, a JSON header (parameters,
next id, the vocabulary and the articles' strings as column lists), then packed arrays: per
term its document frequency; per article its day, topic, story and how many vector terms
and sketch values it has; all vector term ids, weights (float32, as the index keeps them)
and sketches end to end; per article its lead mask. No per-article dict of strings, no pickle: a tampered cache can
only fail to decode (`StateError`). Postings are not stored: `decode` leaves them to be
built for the terms `place` and `remove` touch (see `StoryIndex.ensure_postings`).
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import datetime
from typing import Any

from reader.analysis.story_index import IndexedArticle, StoryIndex, StoryParams

__all__ = ["StateError", "decode", "decode_from", "encode", "encoded_parts"]

MAGIC = b"reader-story-index 3\n"
# `day` of an undated article.
_NO_DAY = -(2**31)
# Name and type code of each packed array, in the order they are stored.
_ARRAYS = (
    ("df", "i"),
    ("day", "i"),
    ("topic", "q"),
    ("story", "q"),
    ("lengths", "i"),
    ("terms", "i"),
    ("weights", "f"),
    ("sketch_lengths", "i"),
    ("sketches", "I"),
    ("lead", "Q"),
)


class StateError(ValueError):
    """The bytes are not a state this version wrote (another format, truncated, tampered)."""


def encode(index: StoryIndex) -> bytes:
    """The state of `index` (its postings excepted) as bytes for `decode`."""
    _, parts = encoded_parts(index)
    return b"".join(parts)


def encoded_parts(index: StoryIndex) -> tuple[int, Iterator[bytes | array[Any]]]:
    """`encode(index)` as its length and its parts, made one at a time as they are taken
    (the caller writes each into place and lets it go): at 100,000 articles the state is
    about 60 MB, and one buffer of it, then SQLite's copy of that buffer, doubled it twice."""
    arts = list(index.articles.values())
    vector_length = sum(len(a.terms) for a in arts)
    counts = [
        len(index.df),
        *([len(arts)] * 4),
        vector_length,
        vector_length,
        len(arts),
        sum(len(a.sketch) for a in arts),
        len(arts),
    ]
    header = {
        "params": asdict(index.params),
        "next_id": index.next_id,
        "byteorder": sys.byteorder,
        "terms": index.terms,
        "keys": [a.key for a in arts],
        "titles": [a.title for a in arts],
        "sources": [a.source for a in arts],
        "published": [a.published.isoformat() if a.published else None for a in arts],
        "years": [list(a.years) for a in arts],
        "counts": counts,
    }
    text = json.dumps(header, separators=(",", ":")).encode()
    del header
    length = len(MAGIC) + 4 + len(text)
    length += sum(
        count * array(code).itemsize for (_, code), count in zip(_ARRAYS, counts, strict=True)
    )

    def parts() -> Iterator[bytes | array[Any]]:
        yield MAGIC + len(text).to_bytes(4, "little") + text
        for name, code in _ARRAYS:
            yield _packed(index, arts, name, code)

    return length, parts()


def _packed(index: StoryIndex, arts: list[IndexedArticle], name: str, code: str) -> array[Any]:
    """One of the arrays `encode` writes (see `_ARRAYS`)."""
    if name == "df":
        return array(code, index.df)
    if name == "day":
        return array(code, [_NO_DAY if a.day is None else a.day for a in arts])
    if name in ("topic", "story", "lead"):
        return array(code, [getattr(a, name) for a in arts])
    if name == "lengths":
        return array(code, [len(a.terms) for a in arts])
    if name == "sketch_lengths":
        return array(code, [len(a.sketch) for a in arts])
    values: array[Any] = array(code)
    field = {"terms": "terms", "weights": "weights", "sketches": "sketch"}[name]
    for art in arts:
        values.extend(getattr(art, field))
    return values


def decode(data: bytes) -> StoryIndex:
    """An index from `encode`'s bytes, no article regrouped; `StateError` if they are not
    such bytes."""
    try:
        view = memoryview(data)
    except TypeError as error:
        raise StateError(f"unreadable story state: {error}") from None
    at = 0

    def read(count: int) -> bytes | memoryview:
        nonlocal at
        at += count
        return view[at - count : at]

    return decode_from(read, len(data))


def decode_from(read: Callable[[int], bytes | memoryview], length: int) -> StoryIndex:
    """`decode` of the `length` bytes that `read(n)` gives `n` at a time, in order (a value
    read in pieces, never whole: see `encoded_parts`)."""
    try:
        return _decode(read, length)
    except StateError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise StateError(f"unreadable story state: {error}") from None


def _decode(read: Callable[[int], bytes | memoryview], length: int) -> StoryIndex:
    if length < len(MAGIC) + 4 or bytes(read(len(MAGIC))) != MAGIC:
        raise StateError("not a story state of this version")
    header_length = int.from_bytes(read(4), "little")
    at = len(MAGIC) + 4 + header_length
    if at > length:
        raise StateError("story state truncated")
    header = json.loads(bytes(read(header_length)))
    arrays: dict[str, array[Any]] = {}
    for (name, code), count in zip(_ARRAYS, header["counts"], strict=True):
        values = array(code)
        end = at + count * values.itemsize
        if end > length:
            raise StateError("story state truncated")
        values.frombytes(read(end - at))
        if header["byteorder"] != sys.byteorder:
            values.byteswap()
        arrays[name] = values
        at = end
    index = StoryIndex(params=StoryParams(**header["params"]))
    index.next_id = int(header["next_id"])
    index.terms = [str(term) for term in header["terms"]]
    index.vocabulary = {term: tid for tid, term in enumerate(index.terms)}
    index.df = arrays["df"].tolist()
    if len(index.df) != len(index.terms):
        raise StateError("story state: vocabulary and frequencies differ")
    index.postings_built = set()
    terms, weights, sketches = arrays["terms"], arrays["weights"], arrays["sketches"]
    if len(terms) != len(weights) or not 0 <= min(terms, default=0) <= max(terms, default=0) < max(
        len(index.terms), 1
    ):
        raise StateError("story state: bad vectors")
    columns = zip(
        header["keys"],
        header["titles"],
        header["sources"],
        header["published"],
        header["years"],
        arrays["day"],
        arrays["topic"],
        arrays["story"],
        arrays["lengths"],
        arrays["sketch_lengths"],
        arrays["lead"],
        strict=True,
    )
    start = sketch_start = 0
    articles, topics, members = index.articles, index.topics, index.members
    for key, title, source, published, years, day, topic, story, n, m, lead in columns:
        end, sketch_end = start + n, sketch_start + m
        art = IndexedArticle(
            key=key,
            title=title,
            source=source,
            published=datetime.fromisoformat(published) if published else None,
            day=None if day == _NO_DAY else day,
            years=tuple(years),
            sketch=sketches[sketch_start:sketch_end],
            terms=terms[start:end],
            weights=weights[start:end],
            topic=topic,
            story=story,
            lead=lead,
        )
        start, sketch_start = end, sketch_end
        articles[key] = art
        topics.setdefault(topic, set()).add(key)
        members.setdefault(story, set()).add(key)
    if start != len(terms) or sketch_start != len(sketches):
        raise StateError("story state: article lengths do not add up")
    return index
