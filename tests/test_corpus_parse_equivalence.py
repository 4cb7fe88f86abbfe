"""The fast word count and line-end trimming give what the regexes they replaced gave.

Issue 19 made article parsing cheaper; a word count or a body that changed by one character
would change what the user sees (the words column, the reading view) and the index.
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
from reader.corpus import count_words
from reader.corpus.metadata import _strip_line_ends

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
