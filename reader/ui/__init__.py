"""The Textual app: the only package that imports Textual. Screens post messages; the App acts."""

from __future__ import annotations

__all__: list[str] = []
