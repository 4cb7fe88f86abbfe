"""Property tests: the highlighter never raises and its spans are always well formed."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.highlight import NameIndex, find_spans, spans_to_json

# Text rich in the characters the patterns care about, plus anything at all.
PIECES = list("AaBbMmUSJune0123456789 ,.-–/%$£€:#@*()'’\n") + [
    "billion",
    "per cent",
    " of ",
    "Mr ",
    "U.S.",
    "AI",
    "http://",
    "bn",
    "m ",
    "June ",
    "**",
    # Words the name rules turn on: lists, joins, parties, sides, lone capitals, i-names.
    " and ",
    ", ",
    "'s ",
    " said",
    "the ",
    "Y ",
    "iPod",
    "Labour",
    "Green",
    "Austrian",
    "Real ",
    "Madrid",
    " City",
    " prop",
    "Featuring ",
]
NEWSY = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY)


def check(text: str, spans: list) -> None:
    previous_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        assert span.cls in ("figure", "name")
        previous_end = span.end
    for row in spans_to_json("body", text, spans):
        assert row["text"] == text[row["start"] : row["end"]]


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
@example(":A0,")  # a name right after a comma at the very start (found by hypothesis)
def test_find_spans_never_raises_and_spans_are_well_formed(text: str) -> None:
    check(text, find_spans(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(ANY_TEXT, min_size=1, max_size=4), ANY_TEXT)
def test_with_an_index_too(bodies: list[str], text: str) -> None:
    class Doc:
        def __init__(self, body: str) -> None:
            self.title, self.body = body[:20], body

    index = NameIndex.build([Doc(body) for body in bodies], never=["x"])
    check(text, find_spans(text, index))
