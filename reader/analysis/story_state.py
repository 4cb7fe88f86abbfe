"""A `StoryIndex` as one compact byte string, and back (what the cache stores).

Layout: a magic line with the format's version, a 4-byte length, a JSON header (parameters,
next id, the vocabulary and the articles' strings as column lists), then packed arrays: per
term its document frequency; per article its day, topic, story and how many vector terms
and sketch values it has; all vector term ids, weights (float32, as the index keeps them)
and sketches end to end. No per-article dict of strings, no pickle: a tampered cache can
only fail to decode (`StateError`). Postings are not stored: `decode` leaves them to be
built for the terms `place` and `remove` touch (see `StoryIndex.ensure_postings`).
"""

from __future__ import annotations

import json
import sys
from array import array
from dataclasses import asdict
from datetime import datetime
from typing import Any

from reader.analysis.story_index import IndexedArticle, StoryIndex, StoryParams

__all__ = ["StateError", "decode", "encode"]

MAGIC = b"reader-story-index 2\n"
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
)


class StateError(ValueError):
    """The bytes are not a state this version wrote (another format, truncated, tampered)."""


def encode(index: StoryIndex) -> bytes:
    """The state of `index` (its postings excepted) as bytes for `decode`.

    Written into one growing buffer, one array at a time (each freed once copied): at
    100,000 articles the state is about 60 MB, and building every array before joining
    them held twice that. The buffer is a `bytearray`, which SQLite stores as a BLOB."""
    arts = list(index.articles.values())
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
        "counts": [
            len(index.df),
            *([len(arts)] * 4),
            sum(len(a.terms) for a in arts),
            sum(len(a.terms) for a in arts),
            len(arts),
            sum(len(a.sketch) for a in arts),
        ],
    }
    text = json.dumps(header, separators=(",", ":")).encode()
    del header
    out = bytearray(MAGIC)
    out += len(text).to_bytes(4, "little")
    out += text
    del text
    for name, code in _ARRAYS:
        out += _packed(index, arts, name, code)
    return out  # type: ignore[return-value]  # a bytearray: bytes to every reader of it


def _packed(index: StoryIndex, arts: list[IndexedArticle], name: str, code: str) -> array[Any]:
    """One of the arrays `encode` writes (see `_ARRAYS`)."""
    if name == "df":
        return array(code, index.df)
    if name == "day":
        return array(code, [_NO_DAY if a.day is None else a.day for a in arts])
    if name in ("topic", "story"):
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
        return _decode(memoryview(data))
    except StateError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise StateError(f"unreadable story state: {error}") from None


def _decode(data: memoryview) -> StoryIndex:
    if bytes(data[: len(MAGIC)]) != MAGIC:
        raise StateError("not a story state of this version")
    at = len(MAGIC) + 4
    length = int.from_bytes(data[len(MAGIC) : at], "little")
    header = json.loads(bytes(data[at : at + length]))
    at += length
    arrays: dict[str, array[Any]] = {}
    for (name, code), count in zip(_ARRAYS, header["counts"], strict=True):
        values = array(code)
        end = at + count * values.itemsize
        if end > len(data):
            raise StateError("story state truncated")
        values.frombytes(data[at:end])
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
        strict=True,
    )
    start = sketch_start = 0
    articles, topics, members = index.articles, index.topics, index.members
    for key, title, source, published, years, day, topic, story, n, m in columns:
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
        )
        start, sketch_start = end, sketch_end
        articles[key] = art
        topics.setdefault(topic, set()).add(key)
        members.setdefault(story, set()).add(key)
    if start != len(terms) or sketch_start != len(sketches):
        raise StateError("story state: article lengths do not add up")
    return index
