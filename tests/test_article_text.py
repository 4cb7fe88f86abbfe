"""Laying out an article: markdown structure, inline styles, and wrapping with offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.present import body_blocks, build_document, parse_inline, wrap_offsets


def test_inline_emphasis_code_and_links_lose_their_markers() -> None:
    text, styles = parse_inline("a **bold** and *it* `code` [link](http://x.org) ![pic](p.png)")
    assert text == "a bold and it code link [image: pic]"
    assert (2, 6, "bold") in styles
    assert (11, 13, "italic") in styles
    assert (14, 18, "code") in styles
    assert (19, 23, "link") in styles


def test_underscores_inside_words_and_lone_stars_stay() -> None:
    text, styles = parse_inline("snake_case_name costs 2*3*4 and 5 * 6 * 7")
    assert text == "snake_case_name costs 2*3*4 and 5 * 6 * 7"
    assert styles == []


def test_markup_like_text_is_kept_verbatim() -> None:
    text, _ = parse_inline("[b]bold?[/b] [@click=app.quit]x[/]")
    assert text == "[b]bold?[/b] [@click=app.quit]x[/]"


def test_blocks_headings_lists_quotes_rules() -> None:
    blocks = body_blocks("# Big\n## Small\n- one\n- two\n1. first\n> quoted\n---\nplain")
    kinds = [(b.kind, b.marker, b.text) for b in blocks]
    assert kinds == [
        ("h1", "", "Big"),
        ("h2", "", "Small"),
        ("item", "•", "one"),
        ("item", "•", "two"),
        ("item", "1.", "first"),
        ("quote", "", "quoted"),
        ("rule", "", ""),
        ("paragraph", "", "plain"),
    ]
    # A tight list stays together; other blocks get a blank line before them.
    assert [b.gap_before for b in blocks] == [False, True, True, False, False, True, True, True]


def test_hard_wrapped_paragraphs_are_joined_back() -> None:
    body = (
        "This paragraph was wrapped by an editor at a fixed width and it goes\n"
        "on over the next line.\n\nA second paragraph."
    )
    blocks = body_blocks(body)
    assert [b.text for b in blocks] == [
        "This paragraph was wrapped by an editor at a fixed width and it goes on over the next line.",
        "A second paragraph.",
    ]


def test_one_paragraph_per_line_files_keep_their_lines() -> None:
    blocks = body_blocks("First paragraph that is quite long, as long as many are.\nSecond one.")
    assert [b.text for b in blocks] == [
        "First paragraph that is quite long, as long as many are.",
        "Second one.",
    ]


def test_document_offsets_point_at_block_texts() -> None:
    document = build_document("Title", "Source · 2 min read", "https://x.org", "Hello **world**")
    for block in document.blocks:
        assert document.text[block.start : block.start + len(block.text)] == block.text
    assert document.text[document.body_start :] == "Hello world"


def test_wrap_breaks_at_spaces_and_cuts_long_words() -> None:
    assert wrap_offsets("hello world again", 11) == [(0, 11), (12, 17)]
    assert wrap_offsets("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]
    assert wrap_offsets("", 10) == [(0, 0)]


def test_wrap_counts_wide_characters_as_two_cells() -> None:
    text = "日本語のテキスト"
    for start, end in wrap_offsets(text, 5):
        assert cell_len(text[start:end]) <= 5


@given(st.text(alphabet="ab 日\u0301-", max_size=60), st.integers(2, 30))
def test_wrap_covers_every_word_within_width(text: str, width: int) -> None:
    lines = wrap_offsets(text, width)
    previous_end = 0
    for start, end in lines:
        assert previous_end <= start <= end <= len(text)
        assert cell_len(text[start:end]) <= width
        assert text[previous_end:start].strip() == ""  # only spaces fall between lines
        previous_end = end
    assert text[previous_end:].strip() == ""
