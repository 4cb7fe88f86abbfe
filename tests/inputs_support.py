"""Helpers for the inputs tests: fixture files, and a local HTTP server on 127.0.0.1.

Not a conftest: test modules import what they use (`from inputs_support import ...`).
"""

from __future__ import annotations

import re
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "inputs"
# Where links in fixtures point when they are parsed without a server: never fetched.
OFFLINE_BASE = "http://news.test"
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def fixture_bytes(name: str, base: str = OFFLINE_BASE) -> bytes:
    """A fixture file with `{base}` replaced by the server's address."""
    return (FIXTURES / name).read_bytes().replace(b"{base}", base.encode())


def has_markup_or_controls(text: str) -> bool:
    """True when `text` holds an HTML tag, a control character or a bidi override."""
    return bool(_TAG.search(text) or _ESCAPE.search(text))
