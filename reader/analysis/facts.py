"""Facts of articles: what makes two figure or name spans the same fact, and which facts
two (or more) texts share or report alone."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from reader.highlight.span import SpanLike

# Two articles are taken to cover the same story when this share of the names they mention
# (shared / all distinct) is common to both. The seeds share 0.2-0.4 of their names; BBC
# articles of one section about different stories mostly under 0.1. Disagreements are only
# looked for between articles about the same story.
SAME_STORY_NAMES = 0.15


def value_key(value: Any) -> str:
    """A normalised value as a comparable key: 14000000000 == 1.4e10, 49 == 49.0."""
    kind = type(value)
    if kind is int or kind is float or kind is str:  # most figures: kept, by type and value
        key = _VALUE_KEYS.get((kind, value))
        if key is None:
            if len(_VALUE_KEYS) > _VALUE_KEYS_SIZE:
                _VALUE_KEYS.clear()
            key = _VALUE_KEYS[kind, value] = _value_key(value)
        return key
    if kind is dict or kind is list:  # money ({amount, currency}), ranges: kept by items
        items = value.items() if kind is dict else enumerate(value)
        try:  # with each item's type: True and 1 are equal but have other keys
            known = (kind, tuple((name, type(item), item) for name, item in items))
            key = _VALUE_KEYS.get(known)
        except TypeError:  # an item that cannot be a dict key (a list, a dict)
            return _value_key(value)
        if key is None:
            if len(_VALUE_KEYS) > _VALUE_KEYS_SIZE:
                _VALUE_KEYS.clear()
            key = _VALUE_KEYS[known] = _value_key(value)
        return key
    return _value_key(value)


def _value_key(value: Any) -> str:
    return json.dumps(_normalise(value), sort_keys=True, ensure_ascii=False)


# value_key of plain numbers and strings already asked (1 and 1.0 apart: same key anyway),
# and of sums of money and ranges by their items (a JSON dump each: 1.5% of a comparison).
_VALUE_KEYS: dict[tuple[type, object], str] = {}
_VALUE_KEYS_SIZE = 65_536


def _normalise(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        number = float(f"{float(value):.9g}")
        return int(number) if number.is_integer() else number
    if isinstance(value, dict):
        return {str(key): _normalise(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalise(item) for item in value]
    return str(value)


# What makes two spans the same fact: ("figure", kind, value_key) or ("name", "", name).
FactKey = tuple[str, str, str]


def fact_key(span: SpanLike) -> FactKey:
    """What makes two spans the same fact: figures by kind and value, names by name (with
    the common short forms of a few names: U.S. = US = United States)."""
    if span.cls == "name":
        return ("name", "", name_key(str(span.value)))
    return ("figure", span.kind, value_key(span.value))


# Names written in full or as their usual letters (general English, not from any story).
_NAME_ALIASES = {
    "united states": "us",
    "united states of america": "us",
    "usa": "us",
    "united kingdom": "uk",
    "european union": "eu",
    "united nations": "un",
}


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """A name as a key: case aside, dotted letters undotted (U.S. = US), a few full names
    as their usual letters (United States = US)."""
    key = " ".join(name.casefold().split())
    if re.fullmatch(r"(?:[^\W\d_]\.){2,}", key):
        key = key.replace(".", "")
    return _NAME_ALIASES.get(key, key)


# A figure written as a bare number ("11"): without a unit or a counted noun it says nothing
# of its own, so it is no fact (the fact model may still read it with the words around it).
_BARE_NUMBER = re.compile(r"[-−]?[\d.,]+")


def is_bare_number(span: SpanLike, text: str) -> bool:
    """Whether a figure span is only a number as written (`text` is the span's text)."""
    return span.cls == "figure" and span.kind == "quantity" and bool(_BARE_NUMBER.fullmatch(text))


@dataclass
class Fact:
    """A figure or name, with how each side spells it (empty on the side that lacks it)."""

    cls: str
    kind: str
    value: Any
    key: FactKey
    left_texts: list[str] = field(default_factory=list)
    right_texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return (self.left_texts or self.right_texts)[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "class": self.cls,
            "kind": self.kind,
            "text": self.text,
            "value": self.value,
            "left_texts": self.left_texts,
            "right_texts": self.right_texts,
        }


@dataclass
class Facts:
    """The facts of two articles: reported by both, by the left only, by the right only."""

    both: list[Fact]
    left_only: list[Fact]
    right_only: list[Fact]

    def without(self, disputed: Set[FactKey]) -> Facts:
        """These facts with the disputed figures out of "both": a figure the other side
        disputes is listed on each side alone, never as reported by both as well."""
        both = [fact for fact in self.both if fact.key not in disputed]
        left_only = list(self.left_only)
        right_only = list(self.right_only)
        for fact in self.both:
            if fact.key in disputed:
                left_only.append(replace(fact, right_texts=[]))
                right_only.append(replace(fact, left_texts=[]))
        return Facts(both, left_only, right_only)

    def to_json(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "both": [fact.to_json() for fact in self.both],
            "left_only": [fact.to_json() for fact in self.left_only],
            "right_only": [fact.to_json() for fact in self.right_only],
        }


def diff_facts(
    left_body: str,
    left_spans: Sequence[SpanLike],
    right_body: str,
    right_spans: Sequence[SpanLike],
) -> Facts:
    """Figures and names in both bodies or in one only, compared by normalised value."""
    tallies = tally_facts([(left_body, left_spans), (right_body, right_spans)])
    facts = [
        Fact(t.cls, t.kind, t.value, t.key, t.texts.get(0, []), t.texts.get(1, [])) for t in tallies
    ]
    both = [f for f in facts if f.left_texts and f.right_texts]
    left_only = [f for f in facts if not f.right_texts]
    right_only = [f for f in facts if not f.left_texts]
    return Facts(both, left_only, right_only)


@dataclass
class FactTally:
    """One fact across several texts: its spellings and number of mentions in each."""

    cls: str
    kind: str
    value: Any
    key: FactKey
    # text number -> its distinct spellings in order of appearance / its mentions; only the
    # texts that mention the fact (a story of hundreds of articles has thousands of facts)
    texts: dict[int, list[str]]
    counts: dict[int, int]


def tally_facts(sides: Sequence[tuple[str, Sequence[SpanLike]]]) -> list[FactTally]:
    """The facts of several (body, spans) texts, in order of first appearance (text by
    text): what compare diffs for two articles and coverage lays out for many."""
    tallies: dict[FactKey, FactTally] = {}
    for side, (body, spans) in enumerate(sides):
        for span in spans:
            if span.cls == "figure" and is_bare_number(span, body[span.start : span.end]):
                continue
            key = fact_key(span)
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = FactTally(span.cls, span.kind, span.value, key, {}, {})
            tally.counts[side] = tally.counts.get(side, 0) + 1
            text = " ".join(body[span.start : span.end].split())
            texts = tally.texts.setdefault(side, [])
            if text not in texts:
                texts.append(text)
    return list(tallies.values())


def name_overlap(facts: Facts) -> float:
    """The share of the distinct names of two articles that both mention (0 to 1)."""
    left = {f.key[2] for f in [*facts.both, *facts.left_only] if f.cls == "name"}
    right = {f.key[2] for f in [*facts.both, *facts.right_only] if f.cls == "name"}
    return name_overlap_of(left, right)


def name_overlap_of(left: Set[str], right: Set[str]) -> float:
    """The share of the distinct names in `left` or `right` that are in both (0 to 1)."""
    every = len(left | right)
    return len(left & right) / every if every else 0.0
