"""The common shape of front matter (one `key: value` per line) read without a YAML parser.

`FlatReader.read(text)` gives what PyYAML's safe loader (as `yaml_safe` sets it up) gives
for a text of that shape, or None for any other text, which then goes to the full parser.
Values are plain, quoted or a one-line list of such; PyYAML's own resolver and constructors
turn them into strings, numbers, booleans, nulls and dates, so a value reads the same either
way. Anything unusual (comments, blank or indented lines, escapes, anchors, tags, block
scalars, characters YAML treats specially) is left to the full parser.

Measured on synthetic front matter (six keys and a list of tags): about 50 µs with libyaml
and PyYAML's constructors, 18 µs this way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

__all__ = ["FlatReader"]

# One line: a key of letters, digits and underscores, ":", then nothing or spaces and a value.
_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_]*):(?: +(.*))?")
# A plain value in block context: no indicator first; no ": " or " #" (a mapping or a
# comment) and no ":" at the end, checked apart.
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"')
# An item of a flow list: plain words (no flow indicators, ":" or "#"), or quoted.
_FLOW_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_ .\-/]*")
# Characters outside YAML's printable set, line breaks of YAML 1.1 other than "\n"
# (NEL, LS, PS) and tabs: a text with any of them goes to the full parser.
_UNUSUAL = re.compile(r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Keys known to be strings, remembered (front matter repeats the same few); past this
# many, new keys go to the full parser.
_KEYS_KEPT = 256
_STR_TAG = "tag:yaml.org,2002:str"
# Tags a plain scalar can resolve to that the safe constructors build from its text alone.
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)


class FlatReader:
    """Reads flat front matter with the resolver and constructors of one YAML loader."""

    def __init__(self, loader: Any) -> None:
        # An instance of the loader for its constructors' `self` (they read only the node).
        self._loader = loader("")
        self._constructors: dict[str, Callable[[Any, yaml.Node], Any]] = loader.yaml_constructors
        self._resolve = self._loader.resolve
        # First characters that some implicit resolver looks at: a plain scalar starting
        # with any other is a string without asking (most titles, names and URLs).
        self._resolved_first = frozenset(key for key in loader.yaml_implicit_resolvers if key)
        self._string_keys: set[str] = set()

    def read(self, text: str) -> dict[Any, Any] | None:
        """The mapping `text` holds, or None when it is not flat front matter."""
        if not text or _UNUSUAL.search(text):
            return None
        mapping: dict[Any, Any] = {}
        for line in text.rstrip("\n").split("\n"):
            match = _LINE.fullmatch(line.rstrip(" "))
            if match is None:
                return None
            key_text, value_text = match.groups()
            if key_text not in self._string_keys:
                if self._plain(key_text) != key_text or len(self._string_keys) >= _KEYS_KEPT:
                    return None  # `yes:`, `null:`...: a key that is not a string
                self._string_keys.add(key_text)
            value = self._value(value_text or "")
            if value is _NOT_FLAT:
                return None
            mapping[key_text] = value
        return mapping

    def _value(self, text: str) -> Any:
        if text.startswith("["):
            if not text.endswith("]"):
                return _NOT_FLAT
            inner = text[1:-1].strip(" ")
            if not inner:
                return []
            items = []
            for item_text in inner.split(","):
                item_text = item_text.strip(" ")
                if _FLOW_PLAIN.fullmatch(item_text):
                    item = self._plain(item_text)
                else:
                    item = _quoted(item_text)
                if item is _NOT_FLAT:
                    return _NOT_FLAT
                items.append(item)
            return items
        if text[:1] in ("'", '"'):
            return _quoted(text)
        if text[:1] in _PLAIN_START or ": " in text or " #" in text or text.endswith(":"):
            return _NOT_FLAT
        return self._plain(text)

    def _plain(self, text: str) -> Any:
        if text and text[0] not in self._resolved_first:
            return text
        tag = self._resolve(yaml.ScalarNode, text, (True, False))
        if tag == _STR_TAG:
            return text
        if tag not in _SCALAR_TAGS:
            return _NOT_FLAT
        return self._constructors[tag](self._loader, yaml.ScalarNode(tag, text))


_NOT_FLAT: Any = object()


def _quoted(text: str) -> Any:
    single = _SINGLE_QUOTED.fullmatch(text)
    if single:
        return single.group(1).replace("''", "'")
    double = _DOUBLE_QUOTED.fullmatch(text)
    if double:
        return double.group(1)
    return _NOT_FLAT
