"""Each fast path of article parsing (issue 19) answers exactly as the slow way it skips.

A front matter value read as another type, a date a day off or a byline left in the body
would change the list and the reading view; the slow way is the reference every time.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml
from dateutil import parser as date_parser
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus import clean_text, dates, load, metadata, read_limited, yaml_safe
from reader.corpus.flat_yaml import FlatReader

FULL_LOADER = yaml_safe._FAST_SAFE_LOADER or yaml_safe._SafeNoAliasLoader


def full_yaml(text: str) -> object:
    """What the YAML parser makes of `text`, or the exception class it raises."""
    try:
        return yaml.load(text, Loader=FULL_LOADER)  # noqa: S506 - the project's safe loader
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        return type(error)


def same_values(flat: object, full: object) -> bool:
    """Equal, with the same types all the way down (1 == 1.0 == True is not enough)."""
    if type(flat) is not type(full):
        return False
    if isinstance(flat, dict):
        assert isinstance(full, dict)
        return list(flat) == list(full) and all(same_values(flat[key], full[key]) for key in flat)
    if isinstance(flat, list):
        assert isinstance(full, list)
        return len(flat) == len(full) and all(map(same_values, flat, full))
    return flat == full or (flat != flat and full != full)  # NaN


# --- flat front matter --------------------------------------------------------------------

KEYS = ["title", "source", "tags", "date", "published", "yes", "No", "on", "null", "Null",
        "true", "y", "n", "x1", "a_b", "Title", "url"]  # fmt: skip
WORDS = ["plain", "Two words", "2024-05-01", "2024-02-30", "2024-05-01 10:00:00", "12", "-3",
         "1_000", "1:20", "0x1f", "0o17", "1.5", "1e5", ".inf", ".NaN", "yes", "Off", "~", "null",
         "=", "<<", "a: b", "a #b", "a#b", "ends:", "http://x.example/a?b=c#d", "It's", "[x]",
         "{y}", "*star", "&amp", "!tag", "|", ">", "%pct", "@at", "`tick", "-dash", "- x", "-", "?q", ":c",
         "'quoted'", "'it''s'", "'open", "\"dq\"", "\"esc\\n\"", "\"a'b\"", "é accent", "中文",
         "tab\there", "x\u2028y", "x\x85y", "\ufeffbom", "", " ", "a  b  "]  # fmt: skip
LISTS = ["[]", "[a, b]", "[a,b]", "[2024, yes, ~]", "[a b, c]", "['x, y', z]", "[a, [b]]",
         "[a: b]", "[a, b,]", "[ a , b ]", "[#x]", "[a] b", "[a", "[-1, 1.5]", "[\"q\", 'r']"]  # fmt: skip
VALUES = st.sampled_from(WORDS + LISTS) | st.text(
    alphabet=st.sampled_from("aZ0 9:-#'\"[]{},.\\&*!|>%@`?~_\t"), max_size=12
)
LINES = st.tuples(st.sampled_from(KEYS), st.sampled_from([": ", ":", ":  ", " : "]), VALUES)
DOCUMENTS = st.lists(LINES, min_size=1, max_size=6).map(
    lambda lines: "\n".join(f"{key}{colon}{value}" for key, colon, value in lines)
)


@settings(max_examples=1500, deadline=None)
@given(DOCUMENTS, st.sampled_from(["", "\n", "\n\n", " \n"]))
def test_flat_front_matter_reads_as_the_yaml_parser_reads_it(text: str, end: str) -> None:
    flat = yaml_safe._FLAT.read(text + end)
    if flat is not None:
        assert same_values(flat, full_yaml(text + end)), text


@pytest.mark.parametrize("value", WORDS + LISTS)
def test_each_kind_of_value_reads_as_the_yaml_parser_reads_it(value: str) -> None:
    text = f"title: {value}\nitem: {value}\n"
    flat = yaml_safe._FLAT.read(text)
    if flat is not None:
        assert same_values(flat, full_yaml(text)), value


def test_common_front_matter_takes_the_fast_path() -> None:
    """The shape most files have is read without the parser (else the path is useless)."""
    text = (
        "title: 'A title: with colon'\nsource: Morning Wire\nauthor: Wen Sato\n"
        "published: 2019-11-21\nurl: https://morningwire.example/290\ntags: [a, b]\n"
    )
    flat = yaml_safe._FLAT.read(text)
    assert flat is not None
    assert same_values(flat, full_yaml(text))


def test_the_pure_python_loader_reads_flat_front_matter_the_same() -> None:
    reader = FlatReader(yaml_safe._SafeNoAliasLoader)
    text = "title: x\ndate: 2024-02-30\nwhen: 2024-05-01\nn: 12\ntags: [a, 1]\n"
    flat = reader.read(text)
    assert flat is not None
    assert same_values(flat, yaml.load(text, Loader=yaml_safe._SafeNoAliasLoader))  # noqa: S506


# --- dates ---------------------------------------------------------------------------------

MONTH_NAMES = [*dates._MONTH_NUMBERS, "Sept", "june", "JUNE", "Mayo", "Junee", "Foo"]


def dateutil_date(text: str) -> object:
    try:
        return date_parser.parse(
            text, dayfirst=dates._looks_day_first(text), default=dates._DEFAULT_DATE
        )
    except (ValueError, OverflowError):
        return None


def test_common_dates_read_as_dateutil_reads_them() -> None:
    days = [*range(0, 33), 99]
    years = [1000, 1999, 2023, 2024, 2100, 9999]
    checked = 0
    for name, day, year in itertools.product(MONTH_NAMES, days, years):
        for text in (f"{name} {day}, {year}", f"{name} {day:02d}, {year}", f"{day} {name} {year}"):
            fast = dates._common_date(text)
            if fast is not None:
                assert fast == dateutil_date(text), text
                checked += 1
    for year, month, day in itertools.product(years, range(0, 14), days):
        text = f"{year}-{month:02d}-{day:02d}"
        fast = dates._common_date(text)
        if fast is not None:
            assert fast == dateutil_date(text), text
            checked += 1
    assert checked > 5000


# --- head lines ----------------------------------------------------------------------------

DATE_PIECES = st.sampled_from(
    ["By", "Ann", "Lee", "A.", "|", "•", "-", "—", ",", "Published", "Updated on:", "Mon,",
     "Wednesday,", "June", "Sept.", "11", "11th", "3,", "2024", "2024,", "at", "10:30", "9:05:59",
     "a.m.", "PM", "GMT", "utc", "2024-06-03", "2024-06-03T10:00", "2024-06-03T10:00:00.123Z",
     "+05:30", "11/06/2025", "x1", "said", "1,234", "5", "min", "read", "views", "Z", "z"]
)  # fmt: skip
HEAD_LINES = st.lists(DATE_PIECES, min_size=1, max_size=12).map(" ".join)


def matches_a_date_pattern(line: str) -> bool:
    return bool(metadata._DATE_LINE.match(line) or metadata._BYLINE_DATE.match(line))


@settings(max_examples=3000, deadline=None)
@given(HEAD_LINES | st.text(max_size=60))
def test_lines_ruled_out_hold_no_date(line: str) -> None:
    line = " ".join(line.split())
    if not metadata.could_hold_date(line):
        assert not matches_a_date_pattern(line), line


def test_the_longest_dates_are_not_ruled_out() -> None:
    for line in (
        "Wednesday, 11th September, 2024, at 10:00 a.m. GMT",
        "By Ann Lee | 11th September, 2024, at 10:00:59 P.M. CEST",
        "Updated on: 2024-06-03T10:00:00.123456+05:30, at 9:05 am UTC",
        "2024-06-03T10:00:00.123Z",
    ):
        assert matches_a_date_pattern(line), line
        assert metadata.could_hold_date(line), line


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Source: [A](https://a.example)", "  Via : [B b](u)  ",
                                 "x ](y", "Originally published at [C](d) x", "](", "", "text",
                                 "Source: [](x)", "source:[D](e)"]), max_size=8),
       st.integers(0, 3))  # fmt: skip
def test_source_lines_are_found_as_the_whole_text_search_finds_them(
    lines: list[str], first: int
) -> None:
    text = "\n".join(lines)
    start = sum(len(line) + 1 for line in lines[:first]) if first < len(lines) else 0
    found = [match.span() for match in metadata._source_lines(text, start)]
    assert found == [match.span() for match in metadata._SOURCE_LINES.finditer(text, start)]


# --- text, names and files -----------------------------------------------------------------


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_texts_are_cleaned_as_the_regexes_clean_them(text: str) -> None:
    expected = text
    if "\r" in text:
        expected = clean_text.__globals__["_LINE_SEPARATORS"].sub("\n", expected)
    if "\x1b" in expected:
        expected = clean_text.__globals__["_ESCAPE_SEQUENCE"].sub("", expected)
    expected = clean_text.__globals__["_UNSAFE_CHARS"].sub("", expected)
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    "relative",
    ["a.md", "a.b.md", ".md", "a.", "dir/a.txt", "dir.x/a", "d/e/.hidden", "d/a..md", "x y/é.md",
     "d/a\x1b.md", "d\n/a.md"],
)  # fmt: skip
@pytest.mark.parametrize("root", ["/tmp/corpus", "corpus", "/"])
def test_ids_and_folders_from_text_match_paths(relative: str, root: str) -> None:
    file, base = Path(root, relative), Path(root)
    path = load._relative(file, base)
    expected_folder = load.escape_controls(path.parent.as_posix()) if path.parent.parts else None
    expected_id = load.escape_controls(path.with_suffix("").as_posix())
    assert load._id_and_folder(file, base) == (expected_id, expected_folder)


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 70_000])
@pytest.mark.parametrize("limit", [1, 4096, 1 << 20])
def test_files_are_read_up_to_the_limit(tmp_path: Path, size: int, limit: int) -> None:
    path = tmp_path / "file.txt"
    content = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path.write_bytes(content)
    assert read_limited(path, limit) == (content[:limit], size)
