"""Properties over arbitrary input: the parsers never raise, and what they return is safe."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    Article,
    Corpus,
    MetadataError,
    Problem,
    clean_line,
    clean_text,
    count_words,
    escape_controls,
    fields_from_mapping,
    fields_from_text,
    load_article,
    load_yaml,
    parse_published,
    split_front_matter,
)
from reader.highlight import NameIndex, find_spans

# C0 but tab and newline, DEL, C1, bidi controls, zero-width, BOM, lone surrogates.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
# Any character, with controls, format characters, surrogates and separators made common.
ANY_CHAR = st.characters(blacklist_categories=()) | st.characters(
    categories=["Cc", "Cf", "Cs", "Zl", "Zp"]
)


def any_text(max_size: int | None = None) -> st.SearchStrategy[str]:
    # Not st.text(ANY_CHAR): st.text drops almost every surrogate.
    return st.lists(ANY_CHAR, max_size=max_size).map("".join)


# Pieces that reach the loader's interesting paths far more often than random text does.
FRAGMENTS = st.sampled_from(
    [
        "---\n",
        "...\n",
        "title: ",
        "date: ",
        "tags: [",
        "author:",
        "&a ",
        "*a",
        "!!python/object:os.system ",
        "\\e]0;x\\a",
        '"\\x9b\\ud800"',
        "# ",
        "## x ##",
        "By Jane Doe",
        " | ",
        "Jun 11, 2025",
        "2024-02-30",
        "99999-01-01",
        "7 min read",
        "0 views",
        "Source: [Name](https://e.example/x)",
        "[b]",
        "[/]",
        "[@click=app.quit]",
        "\x1b[31m",
        "\x1b]52;c;eA==\x07",
        "\x9b",
        "\u202e",
        "\u200b",
        "\r\n",
        "\n",
        "\n\n",
        "\t",
        " " * 40,
        "-" * 5,
        "*",
        "_",
        "é",
        "日本",
    ]
)
HOSTILE_TEXT = st.lists(FRAGMENTS | any_text(8), max_size=40).map("".join)


def assert_safe(text: str | None) -> None:
    if text is not None:
        assert not UNSAFE.search(text), repr(text)


def strings_in(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item)


def assert_article_safe(article: Article) -> None:
    for text in (article.title, article.body, article.source, article.author, article.url):
        assert_safe(text)
    for text in (*article.tags, *strings_in(article.extra)):
        assert_safe(text)
    assert article.title and "\n" not in article.title
    assert article.words >= 0
    assert article.published is None or (
        article.published.tzinfo is None and EARLIEST_YEAR <= article.published.year <= LATEST_YEAR
    )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def load_bytes(folder: Path, name: str, content: bytes) -> tuple[Article | None, list[Problem]]:
    path = folder / name
    path.write_bytes(content)
    problems: list[Problem] = []
    return load_article(path, folder, problems), problems


@settings(max_examples=300)
@given(content=st.binary(max_size=600))
def test_load_article_on_any_bytes(scratch: Path, content: bytes) -> None:
    article, problems = load_bytes(scratch, "bytes.txt", content)
    if article is not None:
        assert_article_safe(article)
    for problem in problems:
        assert "\n" not in str(problem)


@settings(max_examples=400)
@given(text=HOSTILE_TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_load_article_on_hostile_text(scratch: Path, text: str, encoding: str) -> None:
    article, problems = load_bytes(scratch, "text.md", text.encode(encoding, "surrogatepass"))
    if article is not None:
        assert_article_safe(article)
    else:
        assert problems, "a file that does not load says why"
    for problem in problems:
        assert "\n" not in str(problem) and not UNSAFE.search(str(problem))


@given(text=HOSTILE_TEXT, title_line=st.booleans())
def test_fields_from_text_keeps_body_text(text: str, title_line: bool) -> None:
    text = clean_text(text)
    fields, body = fields_from_text(text, title_line=title_line)
    assert_safe(fields.title)
    # The body is made of the text's own lines, in order: nothing is invented.
    lines = iter(line.rstrip() for line in text.split("\n"))
    for line in body.split("\n"):
        if line:
            assert any(line == candidate for candidate in lines), line


@given(text=any_text(300) | HOSTILE_TEXT)
def test_yaml_and_front_matter_raise_only_metadata_errors(text: str) -> None:
    try:
        front, rest = split_front_matter(text)
    except MetadataError as error:
        assert "\n" not in str(error)
        return
    assert rest in text
    for source in filter(None, (front, text)):
        try:
            load_yaml(source)
        except MetadataError as error:
            assert "\n" not in str(error)


YAML_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | any_text(30)
    | st.dates()
    | st.datetimes(timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=14))]))
    | st.binary(max_size=10)
)
YAML_VALUES = st.recursive(
    YAML_SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(any_text(10) | st.integers(), children, max_size=4)
    ),
    max_leaves=20,
)
FIELD_NAMES = st.sampled_from(
    ["title", "source", "author", "authors", "url", "link", "date", "published", "tags"]
    + ["section", "categories", "Title", "DATE", "extra", "keywords"]
)


@given(mapping=st.dictionaries(FIELD_NAMES | st.text(max_size=5), YAML_VALUES, max_size=8))
def test_fields_from_any_mapping_are_clean(mapping: dict[Any, Any]) -> None:
    fields = fields_from_mapping(mapping)
    for text in (fields.title, fields.source, fields.author, fields.url, fields.section):
        assert text is None or isinstance(text, str)
        assert_safe(text)
    for text in (*fields.tags, *strings_in(fields.extra)):
        assert_safe(text)


@given(value=YAML_VALUES)
def test_fields_from_a_non_mapping_is_a_metadata_error(value: Any) -> None:
    if isinstance(value, dict):
        fields_from_mapping(value)
    else:
        with pytest.raises(MetadataError):
            fields_from_mapping(value)


@given(
    value=any_text(90)
    | st.dates()
    | st.datetimes(
        timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=-23, minutes=-59))])
    )
    | st.integers()
)
def test_parse_date_is_none_or_a_plausible_naive_datetime(value: Any) -> None:
    result = parse_published(value)
    assert result is None or (
        isinstance(result, datetime)
        and result.tzinfo is None
        and EARLIEST_YEAR <= result.year <= LATEST_YEAR
    )


def test_parse_date_at_the_edges_of_time() -> None:
    assert parse_published(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))) is None
    assert parse_published(datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5)))) is None
    assert parse_published(date(1799, 12, 31)) is None
    assert parse_published("2024-01-01T00:00:00+01:00") == datetime(2023, 12, 31, 23)


@given(text=any_text())
def test_clean_text_leaves_no_controls(text: str) -> None:
    cleaned = clean_text(text)
    assert_safe(cleaned)
    assert "\r" not in cleaned
    line = clean_line(text)
    assert_safe(line) and "\n" not in line and "\t" not in line


@given(text=any_text())
def test_escape_controls_is_one_visible_line(text: str) -> None:
    escaped = escape_controls(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert_safe(escaped)
    escaped.encode("utf-8")


# Ordinary: no controls, format characters or separators, and none of the invisible ones
# sanitize.py names besides (the tag block U+E0000-E007F, the Hangul fillers).
ORDINARY_CHARACTER = st.characters(
    blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"),
    blacklist_characters="\u115f\u1160\u3164\uffa0",
).filter(lambda char: not 0xE0000 <= ord(char) <= 0xE007F)


@given(text=st.text(ORDINARY_CHARACTER))
def test_escape_controls_keeps_ordinary_text(text: str) -> None:
    assert escape_controls(text) == text


@given(text=any_text() | HOSTILE_TEXT)
def test_count_words_counts_tokens_with_a_letter_or_digit(text: str) -> None:
    expected = sum(1 for token in text.split() if any(char.isalnum() for char in token))
    assert count_words(text) == expected


def assert_spans_well_formed(text: str, spans: list) -> None:
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text), span
        previous_end = span.end


@settings(max_examples=200, deadline=None)
@given(text=HOSTILE_TEXT | any_text(200))
def test_highlighter_on_hostile_text(text: str) -> None:
    assert_spans_well_formed(text, find_spans(text))
    cleaned = clean_text(text)  # what it sees in the app
    assert_spans_well_formed(cleaned, find_spans(cleaned))


@pytest.fixture(scope="module")
def hostile_articles(hostile) -> list[Article]:  # noqa: ANN001 - the conftest fixture
    return Corpus.load([hostile.root]).articles


def test_highlighter_over_the_hostile_corpus(hostile_articles: list[Article]) -> None:
    """Every hostile article, with a name index built over them all, as the app does it.

    The long capitalised run and the glued token once took minutes each (cubic and
    quadratic); a regression shows here as a test that does not finish.
    """
    index = NameIndex.build(hostile_articles)
    for article in hostile_articles:
        for text in (article.title, article.body):
            assert_spans_well_formed(text, find_spans(text, index))
