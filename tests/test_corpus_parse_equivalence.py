"""Cheaper parsing gives what the slower way it replaced gave.

Issue 19 made article parsing cheaper: a faster word count and line-end trim, and fast paths
for flat front matter, common dates, head lines and source lines. A word count, a date or a
body that changed by one character would change what the user sees (the list, the reading
view) and the index, so each is checked against the slow way on every corpus at hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_corpus import ANSI_BODY, ANSI_TITLE, MARKUP_BODY, MARKUP_TITLE
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import CorpusWriter
from reader.corpus import (
    Corpus,
    base_folder,
    count_words,
    dates,
    load,
    metadata,
    sanitize,
    scan_root,
    yaml_safe,
)
from reader.corpus.metadata import _strip_line_ends
from reader.index.parse_pool import ParsedFile, parse_files

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (or beside the folder of worktrees, for a worktree).
SHARED = next(
    (p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
    REPO.parent / "shared",
)

# The regexes as they were before issue 19: the reference results.
_OLD_LINE_END_SPACE = re.compile(r"(?<![^\S\n])[^\S\n]++(?=\n|\Z)")
_OLD_WORD_TOKEN = re.compile(r"[^\W_]\S*")


def old_strip_line_ends(text: str) -> str:
    return _OLD_LINE_END_SPACE.sub("", text)


def old_count_words(text: str) -> int:
    return sum(1 for _ in _OLD_WORD_TOKEN.finditer(text))


def assert_same(text: str) -> None:
    assert _strip_line_ends(text) == old_strip_line_ends(text)
    assert count_words(text) == old_count_words(text)


# Every character str.isspace() knows, plus neighbours of the edge cases: underscores,
# dashes, combining marks, digits of other scripts, lone surrogates and controls.
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
ODD = "_—–-*#\u0301\u0660\u00b2\ud800\x00\x1b[]ab7é中"
HOSTILE = [
    "",
    " ",
    "\n",
    "word",
    "trailing   \nspaces\t \r\nend  ",
    " " * 10_000 + "x" + " " * 10_000,
    "a\u2028 \n\u0085b \x1c\n\x1f",
    "_ __ ___ — – -- 2024 ½ ² x_y _x",
    "\r\n".join(["line \t"] * 50),
    SPACES,
    ODD,
    ANSI_BODY,
    ANSI_TITLE,
    MARKUP_BODY,
    MARKUP_TITLE,
    # Longer than the length up to which count_words splits into tokens at once.
    ("word _ — x " * 20_000) + " \n",
    ("line  \n \t\n" * 20_000) + "end ",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_strings_give_the_same_results(text: str) -> None:
    assert_same(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(SPACES + ODD + "ab c\n\n"), max_size=200))
def test_mixed_spaces_and_symbols_give_the_same_results(text: str) -> None:
    assert_same(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_the_same_results(text: str) -> None:
    assert_same(text)


def test_synthetic_articles_give_the_same_results() -> None:
    writer = CorpusWriter(2025)
    for number in range(300):
        assert_same(writer.article(number)[1])


def _texts(folder: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".md"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize("relative", ["seeds", "corpora/bbc", "datasets/ecbplus-dev/articles"])
def test_shared_corpora_give_the_same_results(relative: str) -> None:
    folder = SHARED / relative
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    checked = 0
    for path, text in _texts(folder):
        assert _strip_line_ends(text) == old_strip_line_ends(text), path
        assert count_words(text) == old_count_words(text), path
        checked += 1
    assert checked > 0


# --- the whole parse, with every fast path against the slow way it stands for -------------

_SLOW_SOURCE_LINES = metadata._SOURCE_LINES


def _slow_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse the way reader did before its fast paths: every date through dateutil, every
    front matter through the YAML parser, every head line through the date patterns, the
    source pattern over the whole text, every text through the control regex, ids from
    Path objects."""
    monkeypatch.setattr(yaml_safe._FLAT, "read", lambda text: None)
    monkeypatch.setattr(dates, "_common_date", lambda text: None)
    monkeypatch.setattr(metadata, "could_hold_date", lambda line: True)
    monkeypatch.setattr(
        metadata,
        "_source_lines",
        lambda text, start: _SLOW_SOURCE_LINES.finditer(text, start) if "](" in text else (),
    )
    monkeypatch.setattr(sanitize, "_ASCII_SAFE", b"")
    monkeypatch.setattr(load, "_relative_text", lambda f, r: load._relative(f, r).as_posix())
    dates._parse_date_text.cache_clear()


def _parsed(root: Path) -> tuple[list[ParsedFile], list[tuple[object, ...]], list[object]]:
    """Everything parsing `root` gives: the index's rows and problems, and Corpus.load's."""
    dates._parse_date_text.cache_clear()
    batches: list[list[ParsedFile]] = []
    parse_files(base_folder(root), list(scan_root(root).files), batches.append, workers=1)
    corpus = Corpus.load([root])
    articles = [
        (a.id, a.path, a.title, a.body, a.source, a.author, a.url, a.published, a.tags)
        + (a.section, a.extra, a.words)
        for a in corpus.articles
    ]
    return [parsed for batch in batches for parsed in batch], articles, corpus.problems


def assert_parsed_the_same(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _parsed(root)
    with monkeypatch.context() as slow:
        _slow_parsing(slow)
        reference = _parsed(root)
    assert len(fast[0]) == len(reference[0]) > 0
    for mine, theirs in zip(fast[0], reference[0], strict=True):
        assert mine == theirs, mine.rel
    assert fast[1] == reference[1]
    assert fast[2] == reference[2]


@pytest.mark.parametrize("relative", ["seeds", "corpora/bbc", "datasets/ecbplus-dev/articles"])
def test_shared_corpora_parse_the_same(relative: str, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = SHARED / relative
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    assert_parsed_the_same(folder, monkeypatch)


def test_hostile_corpus_parses_the_same(hostile, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_parsed_the_same(hostile.root, monkeypatch)


def test_synthetic_corpus_parses_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = CorpusWriter(2025)
    for number in range(400):
        relative, text = writer.article(number)
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert_parsed_the_same(tmp_path, monkeypatch)


def test_odd_front_matter_and_head_lines_parse_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files near the edges of the fast paths: each must read as the slow way reads it."""
    for number, text in enumerate(ODD_ARTICLES):
        (tmp_path / f"odd-{number}.md").write_text(text, encoding="utf-8")
    assert_parsed_the_same(tmp_path, monkeypatch)


ODD_ARTICLES = [
    "---\ntitle: yes\ndate: 2024-02-30\ntags: [a, 2024, yes, 'b, c']\n---\nBody.",
    "---\ntitle: 'It''s: here # not a comment'\non: x\npublished: 3 May 2024\n---\nBody.",
    "---\ntitle: Plain: with colon\n---\nBody.",
    '---\ntitle: "Quoted"\nauthor: ~\nwords: 1_000\nratio: 1.5\nwhen: 2024-05-01 10:00:00\n---\nB',
    "---\ntitle: Two\ntitle: Again\nextra:\nlist: []\n---\nBody.",
    "---\ntitle: Tab\there\n---\nBody.",
    "---\ntitle: &anchor value\nsource: *anchor\n---\nBody.",
    "---\n\ntitle: Blank line first\n---\nBody.",
    "---\ntitle: x\n  continued\n---\nBody.",
    "Title\nBy Ann Lee | June 31, 2024\nPublished: 2024-13-01\n5 min read\n\nBody 2024.",
    "Title\nMon, June 3, 2024, at 10:30 a.m. GMT\nBy Ann - 3 June 2024\n\nBody.",
    # The most spaces a date holds after its first digit (metadata.MAX_SPACES_AFTER_DATE_DIGIT).
    "Title\nWednesday, 11th September, 2024, at 10:00 AM GMT\n\nBody.",
    "Title\nBy Ann Lee | 11th September, 2024, at 10:00 a.m. UTC\n\nBody.",
    "Title\nBy A. Writer, Tuesday 4th June 2024 10:00 PM EST\n\nBody ends 1234",
    "Title\nUpdated on: 11/06/2025 09:15\n\nBody. Source: [X](https://x.example) mid-line\n"
    "Source: [Y](https://y.example/a)\n  Via: [Z](https://z.example)  \nend",
    "Title\n2024-06-03T10:00:00.123456+05:30\n\nBody 2024-06-03T10:00:00Z\n2024-06-03T10:00Z",
]
