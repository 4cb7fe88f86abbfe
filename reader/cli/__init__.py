"""The `reader` command: one module per verb group, argument parsing and output."""

from __future__ import annotations

from reader.cli.main import load_corpus, main

__all__ = ["load_corpus", "main"]
