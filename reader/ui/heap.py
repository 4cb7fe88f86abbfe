"""Long-lived objects kept out of the cycle collector's way, so keys stay quick.

At 100,000 articles the UI holds millions of objects that live as long as it does (the
articles, their fields, the name index, the stories). A full collection walks every one of
them with the interpreter lock held: 150-600 ms in which no key is answered. So:

- `keep_for_the_session()` (`gc.freeze()`) moves the objects alive now to a generation the
  collector never walks; they are still freed as usual when nothing refers to them any more
  (only a reference cycle among them would stay: a few thousand small objects at start-up).
- `collector_paused()` around a worker's big load: no collection runs (in any thread) while
  it builds its objects, and they are frozen when it ends. Paused in several threads at once,
  collection resumes when the last one ends. `lift()` ends the pause early, freezing nothing:
  for work that turns out long (grouping from scratch), where garbage must not pile up.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Pause", "collector_paused", "keep_for_the_session"]

_lock = threading.Lock()
_pauses = 0
_enable_after = True


def keep_for_the_session() -> None:
    """Call after loading something big that stays: the collector stops walking it."""
    gc.freeze()


class Pause:
    """One worker's pause of the collector (see `collector_paused`)."""

    def __init__(self) -> None:
        self._open = False

    def start(self) -> None:
        global _pauses, _enable_after
        with _lock:
            if _pauses == 0:
                _enable_after = gc.isenabled()
                gc.disable()
            _pauses += 1
            self._open = True

    def lift(self, keep: bool = False) -> None:
        """End the pause (at most once); `keep`: freeze what is alive now first."""
        global _pauses
        with _lock:
            if not self._open:
                return
            self._open = False
            _pauses -= 1
            if keep:
                gc.freeze()
            if _pauses == 0 and _enable_after:
                gc.enable()


@contextmanager
def collector_paused() -> Iterator[Pause]:
    """No automatic collection while the block runs; what it built is frozen at its end
    (unless the block called `lift()`), also when it raises."""
    pause = Pause()
    pause.start()
    try:
        yield pause
    finally:
        pause.lift(keep=True)
