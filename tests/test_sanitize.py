"""The sanitiser removes everything a terminal would act on, and nothing a reader needs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.corpus import clean_line, clean_text


def test_escape_sequences_are_removed() -> None:
    assert clean_text("a\x1b[31mred\x1b[0m b") == "ared b"
    assert clean_text("x\x1b]0;new title\x07y") == "xy"
    assert clean_text("x\x1b]52;c;aGVsbG8=\x07y") == "xy"
    assert clean_text("x\x1b]8;;http://e.example\x1b\\link\x1b]8;;\x1b\\y") == "xlinky"
    assert clean_text("x\x1b[2J\x1b[Hy") == "xy"
    assert clean_text("x\x1b7\x1b8y") == "xy"


def test_c1_and_bidi_and_zero_width_are_removed() -> None:
    assert clean_text("a\x9b31mb\x9d0;t\x07c") == "a31mb0;tc"
    assert clean_text("abc\u202edcb\u2066x\u2069") == "abcdcbx"
    assert clean_text("in\u200bvisible\ufeff") == "invisible"


def test_text_a_reader_needs_is_kept() -> None:
    text = "Café — “quoted” 49% £1.13bn 日本 emoji 👍\n\tindented [b]markup[/b]"
    assert clean_text(text) == text


def test_line_endings_are_normalised() -> None:
    assert clean_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"


def test_clean_line_folds_whitespace() -> None:
    assert clean_line("  A\n title\t here ") == "A title here"


@given(st.text())
def test_no_controls_survive(text: str) -> None:
    cleaned = clean_text(text)
    assert all(ch in "\n\t" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) for ch in cleaned)
    assert "\x1b" not in cleaned
    assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in cleaned)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert clean_text(text) == text
