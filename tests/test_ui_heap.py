"""The cycle collector paused while a worker loads something big (a full collection over
100,000 articles stalled keys): it always resumes, also when the load fails, and only once
the last of several loads running together ends."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from reader.ui.heap import collector_paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()
    gc.unfreeze()


def test_collection_resumes_after_a_load_even_when_it_fails() -> None:
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("the load failed")
    assert gc.isenabled()


def test_what_a_load_built_is_kept_out_of_later_walks() -> None:
    before = gc.get_freeze_count()
    with collector_paused():
        kept = [[number] for number in range(1000)]
    assert gc.get_freeze_count() >= before + len(kept)


def test_a_lifted_pause_resumes_collection_at_once_and_keeps_nothing() -> None:
    before = gc.get_freeze_count()
    with collector_paused() as pause:
        pause.lift()
        assert gc.isenabled()
        built = [[number] for number in range(1000)]
    assert gc.get_freeze_count() < before + len(built)
    assert gc.isenabled()


def test_two_loads_at_once_resume_collection_when_the_last_ends() -> None:
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def second() -> None:
        first_in.wait()
        with collector_paused():
            pass
        seen.append(gc.isenabled())  # the first load still runs
        second_done.set()

    thread = threading.Thread(target=second)
    thread.start()
    with collector_paused():
        first_in.set()
        second_done.wait(10)
    thread.join()
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
