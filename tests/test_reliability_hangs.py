"""Issue 16, cases 8-9: no article makes reader hang. Inline Markdown that used to take
quadratic time, millions of lines, tens of thousands of distinct short tokens: the UI still
answers keys, `extract` finishes, and quitting never waits for work in progress.

The bounds are wall-clock guards far above what a linear-time reader needs (a fraction of a
second here) and far below what the quadratic code took (tens of seconds to minutes), so a
loaded machine does not make them flaky; they tell a hang from a pause, nothing finer.
"""

from __future__ import annotations

import random
import string
import subprocess
import time
from pathlib import Path

import pytest
from conftest import write
from reliability_support import ARTICLE_FOOTER, LIST_FOOTER, Pty, run_reader, strict_json

pytest.importorskip("pexpect")
pytest.importorskip("pyte")

GUARD = 6.0  # seconds: a hang, not a slow moment

# --- case 8: Markdown that used to freeze the UI ---------------------------------------------

INLINE = {" **a": 30_000, "[a": 60_000, "![a": 40_000, "[a](b": 24_000, " __a": 30_000}


def open_each_and_come_back(folder: Path, tmp_path: Path, count: int = 1) -> None:
    """Open each of the `count` articles in turn and go back to the list: every key answered
    within GUARD seconds."""
    pty = Pty([str(folder), "--state", str(tmp_path / "state.db")])
    try:
        assert pty.wait_for(LIST_FOOTER, timeout=30), pty.text()
        for number in range(1, count + 1):
            started = time.monotonic()
            pty.press("\r")
            opened = pty.wait_for(f"{number}/{count}", ARTICLE_FOOTER, timeout=GUARD)
            assert opened, f"article {number} did not open within {GUARD} s"
            pty.press("G")  # to its end: all of it laid out, or laid out lazily
            pty.pump(0.2)
            pty.press("h")
            assert pty.wait_for(LIST_FOOTER, timeout=GUARD), "no answer to a key"
            assert time.monotonic() - started < 2 * GUARD + 1
            pty.press("j")
        pty.press("q")
        assert pty.wait_exit(GUARD) == 0
    finally:
        pty.kill()


def test_unclosed_inline_markdown_does_not_freeze_the_ui(tmp_path: Path) -> None:
    """` **a` repeated over 120 KB and its friends, one article each, opened in turn."""
    folder = tmp_path / "c"
    for number, (unit, repeat) in enumerate(INLINE.items()):
        day = f"2025-01-{10 - number:02d}"  # listed in this order, newest first
        write(folder, f"hang{number}.md", f"---\ntitle: Hang {number}\ndate: {day}\n---\n")
        with (folder / f"hang{number}.md").open("a", encoding="utf-8") as handle:
            handle.write(unit * repeat + "\n")
    open_each_and_come_back(folder, tmp_path, count=len(INLINE))


def test_two_million_one_character_lines_do_not_freeze_the_ui(tmp_path: Path) -> None:
    """Laid out a slice at a time between keys (tests/test_reliability_lazy.py has the
    details and the figures): it used to freeze the UI while every line was laid out."""
    folder = tmp_path / "c"
    write(folder, "lines.md", "Many lines\n\n" + "a\n" * 2_000_000)
    open_each_and_come_back(folder, tmp_path)


def test_a_long_ordinary_article_opens_promptly(tmp_path: Path) -> None:
    """The same guard on an ordinary long article: what the cases above are held to."""
    folder = tmp_path / "c"
    paragraph = "The company said on **Monday** that [its results](http://x.test) improved. "
    write(folder, "long.md", "Long title\n\n" + (paragraph * 5 + "\n\n") * 300)
    open_each_and_come_back(folder, tmp_path)


# --- case 9: many distinct short tokens ------------------------------------------------------


def distinct_tokens(count: int, seed: int = 16) -> list[str]:
    """`count` distinct tokens shaped like `ABCD1`: each looks like a possible name or code."""
    chooser = random.Random(seed)
    tokens: set[str] = set()
    while len(tokens) < count:
        letters = "".join(chooser.choice(string.ascii_uppercase) for _ in range(4))
        tokens.add(letters + chooser.choice(string.digits))
    return sorted(tokens, key=lambda _: chooser.random())


def test_extract_on_many_distinct_tokens_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    write(folder, "tokens.md", "Tokens\n\n" + " ".join(distinct_tokens(50_000)) + "\n")
    try:  # about 15 s today, quadratic; well under a second of work when linear
        result = run_reader("extract", str(folder), "--json", timeout=2 * GUARD)
    except subprocess.TimeoutExpired:
        pytest.fail(f"extract took over {2 * GUARD} s on 50,000 distinct tokens")
    assert result.returncode == 0, result.stderr
    (entry,) = strict_json(result.stdout)
    assert entry["title"] == "Tokens"


@pytest.mark.parametrize(
    "where",
    ["list", "article"],
)
def test_quitting_never_waits_for_highlighting(tmp_path: Path, where: str) -> None:
    folder = tmp_path / "c"
    tokens = " ".join(distinct_tokens(80_000))
    write(folder, "tokens.md", f"---\ntitle: Tokens\ndate: 2025-01-02\n---\n{tokens}\n")
    write(folder, "plain.md", "---\ntitle: Plain\ndate: 2025-01-01\n---\nA plain article.\n")
    pty = Pty([str(folder), "--state", str(tmp_path / "state.db")])
    try:
        assert pty.wait_for(LIST_FOOTER, timeout=30), pty.text()
        if where == "article":
            pty.press("\r")
            assert pty.wait_for(ARTICLE_FOOTER, timeout=GUARD), pty.text()
        pty.press("q")
        assert pty.wait_exit(GUARD) is not None, "quitting waited for work in progress"
    finally:
        pty.kill()


def test_facts_over_long_runs_of_spaces_and_marks_finish(tmp_path: Path) -> None:
    """Sentence splitting was quadratic in a run of spaces or of `!?.` (8 s for 250,000 spaces):
    `reader facts` over such articles answers like over any other."""
    folder = tmp_path / "c"
    write(
        folder, "spaces.txt", "Spaces\n\nThe flood killed 12 people." + " " * 500_000 + "\nEnd.\n"
    )
    write(folder, "marks.txt", "Marks\n\nThe flood killed 14 people" + "!" * 200_000 + "x\nEnd.\n")
    try:  # about 35 s and 20 s before; well under a second of work when linear
        result = run_reader("facts", str(folder), "--json", timeout=2 * GUARD)
    except subprocess.TimeoutExpired:
        pytest.fail(f"facts took over {2 * GUARD} s on long runs of spaces and marks")
    assert result.returncode == 0, result.stderr
    report = strict_json(result.stdout)
    figures = {row["id"]: row["figures"] for row in report["articles"]}
    assert figures == {"spaces": 1, "marks": 1}, report
