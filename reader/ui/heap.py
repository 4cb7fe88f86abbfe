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
- `hold_for_keys()` on each key of a big corpus: no automatic collection while a key is
  answered (each filter key leaves lists and sets of up to 100,000 entries, and a collection
  that met them took 5-40 ms, landing on a key; a full one up to 100 ms); the app calls
  `release_after_keys()` once no key has come for KEYS_PAUSE_S, and what was put off runs
  then, between keys. Should keys never pause, it releases once `collection_overdue()`.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = [
    "HELD_YOUNG_MAX",
    "KEYS_PAUSE_S",
    "Pause",
    "collection_overdue",
    "collector_paused",
    "hold_for_keys",
    "keep_for_the_session",
    "release_after_keys",
]

# Collections wait until no key has come for this long: a key is answered in 10-60 ms.
KEYS_PAUSE_S = 0.15
# Objects waiting in the youngest generation (allocations less deallocations) before the
# collector is let run although keys still come: about 15 times the interpreter's own
# threshold (a collection's cost grows with what waits).
HELD_YOUNG_MAX = 10_000

_lock = threading.Lock()
_pauses = 0
_held = False  # keys are coming
_enable_after = True


def _stop() -> None:
    """Under `_lock`, before a reason to stop collecting starts."""
    global _enable_after
    if _pauses == 0 and not _held:
        _enable_after = gc.isenabled()
        gc.disable()


def _resume() -> None:
    """Under `_lock`, after a reason to stop collecting ended."""
    if _pauses == 0 and not _held and _enable_after:
        gc.enable()


def keep_for_the_session() -> None:
    """Call after loading something big that stays: the collector stops walking it."""
    gc.freeze()


class Pause:
    """One worker's pause of the collector (see `collector_paused`)."""

    def __init__(self) -> None:
        self._open = False

    def start(self) -> None:
        global _pauses
        with _lock:
            _stop()
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
            _resume()


def hold_for_keys() -> bool:
    """A key came: no automatic collection until `release_after_keys()`. True when the
    collector was not held yet (the caller arranges the release)."""
    global _held
    with _lock:
        if _held:
            return False
        _stop()
        _held = True
        return True


def collection_overdue() -> bool:
    """Whether so many objects wait for a collection that keys should no longer hold it."""
    return gc.get_count()[0] >= HELD_YOUNG_MAX


def release_after_keys() -> None:
    """Keys paused: what the collector put off runs now, here (the young generations, and
    all of them when a full collection is due), then it collects as usual again."""
    global _held
    with _lock:
        if not _held:
            return
        _held = False
        due = _pauses == 0 and _enable_after and gc.get_count()[0] >= gc.get_threshold()[0]
        _resume()
    if due:
        full = gc.get_count()[2] + 1 >= gc.get_threshold()[2]
        gc.collect(2 if full else 1)


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
