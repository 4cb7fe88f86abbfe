"""Counts in words: `1 article`, `2 articles`; shared by the command line and the UI."""

from __future__ import annotations


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    """`count` and `word`, in the plural unless the count is one (`0 articles`)."""
    return f"{count:,} {word if count == 1 else (plural_word or word + 's')}"
