"""Any value read from a corpus (YAML scalars, figures) as a value RFC 8259 JSON can hold."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

# Python prints at most 4,300 decimal digits of an integer; bigger ones are written in hex.
_MAX_DECIMAL_BITS = 14_000


def json_value(value: Any, default: Callable[[Any], Any] = str) -> Any:
    """`value` made of JSON's types only: NaN and the infinities become None (JSON has no
    word for them), integers too long to print their hex text, sets and tuples lists, keys
    strings, anything else `default(value)` (str: a date becomes "2024-06-01")."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, int):
        return value if value.bit_length() <= _MAX_DECIMAL_BITS else hex(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {
            key if isinstance(key, str) else str(json_value(key, default)): json_value(
                item, default
            )
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_value(item, default) for item in value]
    return json_value(default(value), str) if default is not str else str(value)
