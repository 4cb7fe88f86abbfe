"""The cycle collector paused while a worker loads something big (a full collection over
100,000 articles stalled keys): it always resumes, also when the load fails, and only once
the last of several loads running together ends. And held back while keys come on a big
list, then run once they pause."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reader.config import Config
from reader.corpus import Article, Corpus
from reader.ui.app import ReaderApp
from reader.ui.heap import (
    HELD_YOUNG_MAX,
    KEYS_PAUSE_S,
    collection_overdue,
    collector_paused,
    hold_for_keys,
    release_after_keys,
)


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    release_after_keys()
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


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def _cyclic_garbage(count: int) -> list[weakref.ref[_Cycle]]:
    return [weakref.ref(_Cycle()) for _ in range(count)]


def test_keys_hold_collection_back_and_it_runs_when_they_pause() -> None:
    assert hold_for_keys()
    assert not hold_for_keys()  # already held: the first key arranged the release
    assert not gc.isenabled()
    garbage = _cyclic_garbage(gc.get_threshold()[0] + 100)
    assert all(ref() is not None for ref in garbage)  # nothing collected while keys come
    release_after_keys()
    assert gc.isenabled()
    assert all(ref() is None for ref in garbage)  # what was put off ran at the pause


def test_a_load_running_when_keys_pause_keeps_the_collector_paused() -> None:
    hold_for_keys()
    with collector_paused():
        release_after_keys()
        assert not gc.isenabled()
    assert gc.isenabled()
    with collector_paused():
        hold_for_keys()
    assert not gc.isenabled()  # the load ended, the keys still hold it
    release_after_keys()
    assert gc.isenabled()


def test_keys_leave_a_collector_switched_off_before_off() -> None:
    gc.disable()
    hold_for_keys()
    release_after_keys()
    assert not gc.isenabled()


def test_objects_piling_up_while_keys_come_make_the_collection_overdue() -> None:
    hold_for_keys()
    assert not collection_overdue()
    kept = [[number] for number in range(HELD_YOUNG_MAX)]  # all alive, all tracked
    assert collection_overdue()
    release_after_keys()
    assert not collection_overdue() and len(kept) == HELD_YOUNG_MAX


async def test_in_the_app_keys_on_a_big_list_hold_collection_until_they_pause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.app as app_module

    monkeypatch.setattr(app_module, "DEFER_WORK_FROM", 1)  # every list counts as big
    articles = [
        Article(
            id=f"a{n}",
            path=Path(f"a{n}.txt"),
            title=f"Article {n}",
            body="Some words here.",
            source="Source",
            published=datetime(2020, 1, 1) + timedelta(minutes=n),
        )
        for n in range(30)
    ]
    app = ReaderApp(
        Corpus(articles, []),
        state_path=tmp_path / "state.db",
        config=Config(),
        highlighter=lambda text: [],
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "down")
        assert not gc.isenabled()  # no collection lands on the keys
        garbage = _cyclic_garbage(gc.get_threshold()[0] + 100)
        await pilot.pause(KEYS_PAUSE_S * 4)
        assert gc.isenabled()  # the keys paused: collecting again
        assert all(ref() is None for ref in garbage)
        await pilot.press("down")
        assert not gc.isenabled()
    assert gc.isenabled()  # the app ended while keys held it: released
