"""Hostile and broken article files: every good article loads, every bad one is one safe line."""

from __future__ import annotations

import os
import re
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hostile_corpus import (
    HUGE_BYTES,
    LEAK_MARKERS,
    LONG_LINE_CHARS,
    MARKUP_TITLE,
    HostileCorpus,
    build_deep_folders,
    remove_deep_folders,
    vanishing_after_listing,
)

from reader.corpus import (
    MAX_ARTICLE_BYTES,
    MAX_TITLE_CHARS,
    TRUNCATION_NOTE,
    Article,
    Corpus,
    escape_controls,
    find_article,
)

# What must never be in loaded text: C0 controls but tab and newline, DEL, C1, bidi controls,
# zero-width characters, lone surrogates.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


@pytest.fixture(scope="module")
def loaded(hostile: HostileCorpus) -> Corpus:
    with vanishing_after_listing(hostile):
        return Corpus.load([hostile.root])


def relative(hostile: HostileCorpus, path: Path) -> str:
    return str(path.relative_to(hostile.root))


def articles_by_path(hostile: HostileCorpus, corpus: Corpus) -> dict[str, Article]:
    return {relative(hostile, article.path): article for article in corpus.articles}


def problems_by_path(hostile: HostileCorpus, corpus: Corpus) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in corpus.problems:
        found.setdefault(relative(hostile, problem.path), []).append(problem.reason)
    return found


def expected_cases(hostile: HostileCorpus):
    from hostile_corpus import VANISHING, Case

    cases = dict(hostile.cases)
    cases[VANISHING] = Case(VANISHING, loads=False, problem="vanished before it could be read")
    return cases


def test_each_file_loads_or_is_reported_as_stated(hostile: HostileCorpus, loaded: Corpus) -> None:
    articles = articles_by_path(hostile, loaded)
    problems = problems_by_path(hostile, loaded)
    cases = expected_cases(hostile)
    wrong = []
    for path, case in cases.items():
        if case.loads != (path in articles):
            wrong.append(f"{path!r}: loads={path in articles}, expected {case.loads}")
        if case.loads and case.title is not None and articles[path].title != case.title:
            wrong.append(f"{path!r}: title {articles[path].title!r} != {case.title!r}")
        reasons = problems.get(path, [])
        if case.problem is None and reasons:
            wrong.append(f"{path!r}: unexpected problem {reasons}")
        if case.problem is not None and not (len(reasons) == 1 and case.problem in reasons[0]):
            wrong.append(f"{path!r}: problems {reasons}, expected one with {case.problem!r}")
    wrong += [f"{path!r}: not in the corpus expectations" for path in articles if path not in cases]
    wrong += [f"{path!r}: unexpected {why}" for path, why in problems.items() if path not in cases]
    assert wrong == []


def test_the_good_articles_load_in_full(hostile: HostileCorpus, loaded: Corpus) -> None:
    articles = articles_by_path(hostile, loaded)
    alpha = articles["good/alpha.md"]
    assert alpha.source == "Good News" and alpha.published is not None
    assert alpha.body == "Alpha body with 49% and $3 billion.\n\nSecond paragraph."
    beta = articles["good/beta.txt"]
    assert beta.author == "Jane Doe" and beta.body == "Beta body text."


def test_loaded_text_has_no_controls_and_ids_are_safe(loaded: Corpus) -> None:
    def strings(value: Any):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield str(key)
                yield from strings(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from strings(item)

    for article in loaded.articles:
        fields = [article.title, article.body, article.source, article.author, article.url]
        fields += [article.section, *article.tags, *strings(article.extra)]
        for text in filter(None, fields):
            assert not UNSAFE.search(text), (article.id, text[:80])
            assert not any(marker in text for marker in LEAK_MARKERS), (article.id, text[:80])
        # Ids and sections name files; they are shown escaped, never with raw controls.
        assert escape_controls(article.id) == article.id
        assert article.section is None or escape_controls(article.section) == article.section
        article.id.encode("utf-8")
        for value in article.to_json().values():
            if isinstance(value, str):
                value.encode("utf-8")
    assert len({article.id for article in loaded.articles}) == len(loaded.articles)


def test_every_problem_is_one_printable_line(loaded: Corpus) -> None:
    assert loaded.problems
    for problem in loaded.problems:
        line = str(problem)
        assert "\n" not in line and "\r" not in line
        assert not UNSAFE.search(line), line
        line.encode("utf-8")  # undecodable file names are escaped, not passed on
        assert line.startswith(escape_controls(str(problem.path)) + ": ")


def test_escaped_file_names_stay_recognisable(hostile: HostileCorpus, loaded: Corpus) -> None:
    (named,) = [a for a in loaded.articles if a.title == "Escape-named file title"]
    assert named.id == "fs/name\\x1b]0;file-name-osc\\x07"
    assert find_article(loaded.articles, named.id) is named
    (inner,) = [a for a in loaded.articles if a.title == "Inner title"]
    assert inner.section == "fs/dir\\x1b[31m"
    (latin,) = [p for p in loaded.problems if "latin1-name" in str(p.path)]
    assert str(latin).endswith(
        "fs/caf\\udce9-latin1-name.txt: file name is not valid UTF-8 (rename it to read it); skipped"
    )
    (empty,) = [p for p in loaded.problems if "new" in str(p.path)]
    assert str(empty).endswith("fs/new\\nline\\x9b2J.txt: empty file; skipped")


def test_huge_file_is_cut_with_a_visible_note(hostile: HostileCorpus, loaded: Corpus) -> None:
    huge = articles_by_path(hostile, loaded)["size/huge.txt"]
    assert huge.body.endswith(TRUNCATION_NOTE)
    assert len(huge.body) <= MAX_ARTICLE_BYTES
    # Cut at a line end, not mid-word.
    assert huge.body.removesuffix(TRUNCATION_NOTE).rstrip().endswith("keep scrolling on.")
    (reason,) = problems_by_path(hostile, loaded)["size/huge.txt"]
    assert reason == f"{HUGE_BYTES / 1e6:.1f} MB is too long; only the first 4 MiB are shown"


def test_huge_file_load_keeps_memory_bounded(hostile: HostileCorpus) -> None:
    tracemalloc.start()
    try:
        corpus = Corpus.load([hostile.path("size/huge.txt")])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(corpus.articles) == 1
    # A few copies of the 4 MiB that is read, never anything like the 50 MB file.
    assert peak < 6 * MAX_ARTICLE_BYTES, (
        f"peak {peak / 1e6:.0f} MB for a {HUGE_BYTES // 10**6} MB file"
    )


def test_huge_utf16_file_is_cut_on_a_character(tmp_path: Path) -> None:
    line = "Ünïcode line of a long UTF-16 article.\n"
    data = ("UTF-16 huge title\n" + line * (MAX_ARTICLE_BYTES // len(line))).encode("utf-16")
    (tmp_path / "big16.txt").write_bytes(data + "odd".encode("utf-16-le") + b"\x00")
    corpus = Corpus.load([tmp_path])
    (article,) = corpus.articles
    assert article.title == "UTF-16 huge title"
    assert article.body.endswith(TRUNCATION_NOTE)
    assert article.body.splitlines()[-3] == line.strip()
    assert [p.reason for p in corpus.problems] == [
        f"{len(data) / 1e6 + 0.0:.1f} MB is too long; only the first 4 MiB are shown"
    ]


def test_long_lines_load_whole(hostile: HostileCorpus, loaded: Corpus) -> None:
    articles = articles_by_path(hostile, loaded)
    assert articles["size/long-line.txt"].words == LONG_LINE_CHARS // 5
    only = articles["size/one-line-only.txt"]
    assert len(only.title) == MAX_TITLE_CHARS and only.title.endswith("…")
    for path in ("titles/five-thousand.md", "titles/long-first-line.txt"):
        title = articles[path].title
        assert len(title) <= MAX_TITLE_CHARS and title.endswith("…")
        assert title.startswith("Long ")


def test_whitespace_and_hash_heavy_lines(hostile: HostileCorpus, loaded: Corpus) -> None:
    articles = articles_by_path(hostile, loaded)
    spaced = articles["titles/spaces.txt"]
    assert spaced.author is None and spaced.body.endswith("Body.")
    hashes = articles["titles/hashes.md"]
    # 100,000 #s are not a heading mark, so the title keeps them (cut to length).
    assert hashes.title.startswith("#####") and len(hashes.title) == MAX_TITLE_CHARS


def test_markup_stays_literal_text(hostile: HostileCorpus, loaded: Corpus) -> None:
    articles = articles_by_path(hostile, loaded)
    assert articles["markup/front-title.md"].title == MARKUP_TITLE
    assert "[@click=app.quit]quit now[/]" in articles["markup/front-title.md"].body
    assert "<script>alert(1)</script>" in articles["markup/link.md"].body


def test_escape_sequences_leave_their_text(hostile: HostileCorpus, loaded: Corpus) -> None:
    articles = articles_by_path(hostile, loaded)
    ansi = articles["escapes/ansi.txt"]
    assert ansi.body.splitlines() == [
        "Clipboard  here.",
        "A link there.",
        "Cursor  moves  alt screen  report.",
        "Window  title again.",
    ]
    assert articles["escapes/unterminated-osc.txt"].body == "Body"
    assert articles["escapes/bidi.txt"].body == "Body  text."


def test_yaml_escapes_cannot_smuggle_controls(hostile: HostileCorpus, loaded: Corpus) -> None:
    article = articles_by_path(hostile, loaded)["front/yaml-escapes.md"]
    assert article.title == "Escaped red title"
    assert article.author == "Ann 31m Author"
    assert article.tags == ["bold", "ok"]
    assert article.extra == {"custom": " extra "}


def test_unusable_dates_leave_the_article_undated(hostile: HostileCorpus, loaded: Corpus) -> None:
    dated = {
        path: article.published
        for path, article in articles_by_path(hostile, loaded).items()
        if path.startswith("dates/")
    }
    assert len(dated) == 7 and set(dated.values()) == {None}


def test_front_matter_problems_keep_the_article(hostile: HostileCorpus, loaded: Corpus) -> None:
    articles = articles_by_path(hostile, loaded)
    problems = problems_by_path(hostile, loaded)
    assert articles["front/only.md"].body == ""
    assert "not closed" in problems["front/unterminated.md"][0]
    # Nothing of an unclosed block is lost: it is read as text, minus the `---` line.
    assert articles["front/unterminated.md"].title == "title: never closed"
    assert articles["front/unterminated.md"].body == "Unterminated body text."
    assert problems["front/nested-flow.md"] == [
        "front matter ignored: line 2: nested more than 50 deep"
    ]
    assert problems["front/nested-block.md"][0].endswith("nested more than 50 deep")
    assert "line 2" in problems["front/nonprintable.md"][0]
    assert "longer than" in problems["front/huge-front.md"][0]


def test_duplicates_each_load_under_their_own_id(loaded: Corpus) -> None:
    same = [a for a in loaded.articles if a.title == "Same title twice"]
    identical = [a for a in loaded.articles if a.title == "Identical file"]
    assert sorted(a.id for a in same) == ["dup/same-title-1", "dup/same-title-2"]
    assert sorted(a.id for a in identical) == ["dup/identical-a", "dup/identical-b"]
    assert identical[0].body == identical[1].body


def test_symlinks_outside_the_corpus_are_followed_only_when_named(
    hostile: HostileCorpus, loaded: Corpus
) -> None:
    assert not any(a.title == "Outside secret title" for a in loaded.articles)
    named = Corpus.load([hostile.path("links/outside.txt")])
    assert [a.title for a in named.articles] == ["Outside secret title"]


def test_unreadable_file_is_reported_and_the_rest_load(
    hostile: HostileCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def refusing_open(path: str | os.PathLike[str], *args, **kwargs):
        file = Path(path)
        # Root reads mode-000 files, so the refusal is simulated where the loader opens them.
        if file.name == "unreadable.txt":
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    corpus = Corpus.load([hostile.root / "fs", hostile.root / "good"])
    assert problems_by_path(hostile, corpus)["fs/unreadable.txt"] == ["permission denied"]
    assert {"Alpha good article", "Inner title"} <= {a.title for a in corpus.articles}


def test_a_folder_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    # os.walk and shutil.rmtree recurse once per level and fail past ~1,000. A memory file
    # system, where there is one, keeps the 1,100 mkdir/rmdir calls quick.
    shm = Path("/dev/shm")
    base = Path(tempfile.mkdtemp(dir=shm)) if os.access(shm, os.W_OK) else tmp_path
    bottom = build_deep_folders(base / "deep", 1100)
    try:
        (bottom / "deepest.txt").write_text("Deepest title\nBody.")
        corpus = Corpus.load([base / "deep"])
        assert [a.title for a in corpus.articles] == ["Deepest title"]
        assert corpus.problems == []
    finally:
        remove_deep_folders(base / "deep")
        if base != tmp_path:
            base.rmdir()


def test_a_fifo_named_on_the_command_line_does_not_block(hostile: HostileCorpus) -> None:
    corpus = Corpus.load([hostile.path("fs/fifo.txt")])
    assert corpus.articles == []
    assert [p.reason for p in corpus.problems] == ["not a regular file or folder"]
