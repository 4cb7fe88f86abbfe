"""Long-lived objects kept out of the cycle collector's way, so keys stay quick.

At 100,000 articles the UI holds millions of objects that live as long as it does (the
articles, their fields, the name index, the stories). A full collection walks every one of
them with the interpreter lock held: 150-300 ms in which no key is answered. `gc.freeze()`
moves the objects alive now to a generation the collector never walks; they are still freed
as usual when nothing refers to them any more (only a reference cycle among them would stay).
"""

from __future__ import annotations

import gc

__all__ = ["keep_for_the_session"]


def keep_for_the_session() -> None:
    """Call after loading something big that stays: the collector stops walking it."""
    gc.freeze()
