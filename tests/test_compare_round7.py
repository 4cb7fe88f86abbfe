"""Round 7 of compare's fact rules (docs/compare.md, "Round 7"): days relative to the date
an article was published (a feed's, front matter's or metadata's) when its text gives none,
and durations said with `a`/`an` (`a week before`, `about a month ago`, `an hour later`).

Each rule has a hand-written case (made up, not copied from any corpus) and a control with
matching context on the other side of the rule: one must be reported and the other not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write
from test_compare_relative_days import disputed as disputed_texts

from reader.analysis.compare_side import SIDES
from reader.analysis.fact_article import read_article_facts
from reader.cli.main import main

LEFT = (
    "Harriet Olsen, the chief of the Dunmore council, resigned {day} after a vote of no confidence."
)
RIGHT = (
    "Harriet Olsen, the chief of the Dunmore council, resigned on {day} after a vote of no"
    " confidence, officials said."
)
TAIL = "\n\nOlsen had led the Dunmore council for six years.\n"


def article(folder: Path, name: str, published: str | None, body: str) -> Path:
    """A Markdown file with front matter (its date, when given) and `body`."""
    dated = f"published: {published}\n" if published else ""
    return write(folder, name, f"---\ntitle: Council chief quits\n{dated}---\n{body}{TAIL}")


def disputed(capsys: pytest.CaptureFixture[str], left: Path, right: Path, *more: str) -> list:
    """`reader compare LEFT RIGHT --json`'s disagreements as (left, value, right, value)."""
    assert main(["compare", str(left), str(right), "--json", *more]) == 0
    found = json.loads(capsys.readouterr().out)["disagreements"]
    return [
        (d["left"][0]["text"], d["left"][0]["value"], d["right"][0]["text"], d["right"][0]["value"])
        for d in found
    ]


@pytest.mark.parametrize(
    ("published", "right_day", "expected"),
    [
        # the feed's date makes `yesterday` the 4th: another day is disputed ...
        ("2026-03-05", "March 2", [("yesterday", "2026-03-04", "March 2", "--03-02")]),
        # ... the same day is not,
        ("2026-03-05", "March 4", []),
        # and without a date, in the text or the front matter, `yesterday` is not read.
        (None, "March 2", []),
    ],
)
def test_yesterday_is_read_from_the_published_date(
    capsys, tmp_path: Path, published: str | None, right_day: str, expected: list
) -> None:
    left = article(tmp_path, "a.md", published, LEFT.format(day="yesterday"))
    right = article(tmp_path, "b.md", "2026-03-04", RIGHT.format(day=right_day))
    assert disputed(capsys, left, right) == expected


def test_a_date_in_the_text_comes_before_the_published_date(capsys, tmp_path: Path) -> None:
    """A dateline says when the text was written; the feed's date may be a day or more later."""
    body = "March 10, 2026 - " + LEFT.format(day="yesterday")
    left = article(tmp_path, "a.md", "2026-03-12", body)
    on_the_9th = article(tmp_path, "b.md", None, RIGHT.format(day="March 9"))
    assert disputed(capsys, left, on_the_9th) == []
    on_the_11th = article(tmp_path, "c.md", None, RIGHT.format(day="March 11"))
    assert disputed(capsys, left, on_the_11th) == [
        ("yesterday", "2026-03-09", "March 11", "--03-11")
    ]


@pytest.mark.parametrize("forget_memory", [False, True])
def test_a_changed_published_date_reuses_no_kept_facts(
    capsys, tmp_path: Path, forget_memory: bool
) -> None:
    """The same title and body under another date: kept analyses (in memory, in the index
    cache) were read from the old date and must not be reused."""
    index = str(tmp_path / "cache.db")
    right = article(tmp_path, "b.md", None, RIGHT.format(day="March 4"))
    left = article(tmp_path, "a.md", "2026-03-05", LEFT.format(day="yesterday"))
    assert disputed(capsys, left, right, "--index", index) == []
    left = article(tmp_path, "a.md", "2026-03-04", LEFT.format(day="yesterday"))
    if forget_memory:
        SIDES.clear()
    assert disputed(capsys, left, right, "--index", index) == [
        ("yesterday", "2026-03-03", "March 4", "--03-04")
    ]


# case: (left, right, the figures disputed, or [] when nothing may be)
A_DURATIONS = {
    "a week before against weeks before": (
        "The union called the strike a week before the vote.",
        "The union called the strike three weeks before the vote.",
        [("a week", "three weeks")],
    ),
    "a week before against seven days before": (
        "The union called the strike a week before the vote.",
        "The union called the strike seven days before the vote.",
        [],
    ),
    "an hour later against hours later": (
        "The lorry driver stopped an hour later, the police said.",
        "The lorry driver stopped three hours later, the police said.",
        [("an hour", "three hours")],
    ),
    "an hour later against 60 minutes later": (
        "The lorry driver stopped an hour later, the police said.",
        "The lorry driver stopped 60 minutes later, the police said.",
        [],
    ),
    "about a month ago against months ago": (
        "The mayor resigned about a month ago, aides said.",
        "The mayor resigned about three months ago, aides said.",
        [("about a month", "about three months")],
    ),
    "about a month ago against four weeks ago": (
        "The mayor resigned about a month ago, aides said.",
        "The mayor resigned four weeks ago, aides said.",
        [],
    ),
    # `a` is read as one only before a unit of time and a word of before or after:
    "a week of strikes is no length stated": (
        "The union held a week of strikes at the port.",
        "The union held three weeks of strikes at the port.",
        [],
    ),
}


@pytest.mark.parametrize("name", sorted(A_DURATIONS))
def test_durations_said_with_a(name: str) -> None:
    left, right, expected = A_DURATIONS[name]
    assert disputed_texts(left, right) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The lorry driver stopped half an hour later, the police said.",  # not an hour
        "Retail sales rose by 5% from a year earlier, the office said.",  # a point compared with
        "Retail sales were higher than a year ago, the office said.",
    ],
)
def test_a_is_no_duration_of_one_unit_there(sentence: str) -> None:
    durations = [f.text for f in read_article_facts("", sentence) if f.measure == "duration"]
    assert durations == []
