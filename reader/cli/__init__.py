"""The `reader` command: one module per verb group, argument parsing and output."""

from __future__ import annotations

from reader.cli.load import load_corpus
from reader.cli.main import main

__all__ = ["load_corpus", "main"]
