"""The interpreter lock handed over quickly while the app runs, so a worker's long Python
work keeps a key waiting a fraction of a millisecond each time, not 5.

A thread that wants the lock (the UI thread, woken by a key) waits for the one holding it:
CPython asks the holder to let go only after `sys.getswitchinterval()`, 5 ms by default. A
key's answer takes the lock again after every wait for input or output (the event loop's
poll, the input and output threads: several times a key), so behind a worker loading
100,000 articles or sorting them, each key waited that long several times over. Threads
that do not compete for the lock are not affected; two busy workers switch more often (a
few microseconds a switch).
"""

from __future__ import annotations

import sys

__all__ = ["QUICK_SWITCH_S", "quick_switching", "restore_switching"]

# How long a thread waits for the lock before the holder is asked to let go.
QUICK_SWITCH_S = 0.0005


def quick_switching() -> float:
    """Hand the lock over after QUICK_SWITCH_S; the interval before, for `restore_switching`."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(QUICK_SWITCH_S)
    return before


def restore_switching(before: float) -> None:
    sys.setswitchinterval(before)
