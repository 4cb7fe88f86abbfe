"""Leaving the UI never waits for background work still running (issue 16: quitting waits for
nothing), and what was printed before is not lost."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# The thread below would hold a normal exit for this long; the test allows far less.
THREAD_SECONDS = 60
GUARD_SECONDS = 20

SCRIPT = textwrap.dedent(
    f"""
    import threading, time
    from reader.cli.args import left_ui
    threading.Thread(target=time.sleep, args=({THREAD_SECONDS},)).start()
    print("state saved", flush=False)
    raise SystemExit(left_ui(STATUS))
    """
)


@pytest.mark.parametrize("status", [0, 1])
def test_leaving_the_ui_does_not_wait_for_a_running_thread(status: int) -> None:
    try:
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT.replace("STATUS", str(status))],
            capture_output=True,
            text=True,
            timeout=GUARD_SECONDS,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("leaving the UI waited for a background thread")
    assert result.returncode == status, result.stderr
    assert result.stdout == "state saved\n"


def test_without_threads_the_status_is_returned() -> None:
    # In a child process: in this one, another test's thread may still be alive.
    script = "from reader.cli.args import left_ui\nraise SystemExit(left_ui(None) + left_ui(1))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=GUARD_SECONDS
    )
    assert result.returncode == 1, result.stderr
