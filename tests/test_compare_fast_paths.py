"""Compare's fast paths answer what the plain computations answer: kept fact keys, word
look-ups in a long text, paragraph terms read without slicing, hedges looked for only before
a word that ends one. A wrong shortcut would change the facts listing, the alignment or a
disagreement."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence

import pytest

from reader.analysis import fact_markers
from reader.analysis import facts as facts_module
from reader.analysis.fact_reading import hedge_before
from reader.analysis.fact_tokens import Tok, split_sentences, tokenize
from reader.analysis.fact_words import HEDGE_LONGEST, HEDGES
from reader.analysis.paragraphs import STOPWORDS, WORD, paragraph_terms, split_paragraphs, stem
from reader.config import seeds_dir
from reader.corpus import Corpus
from reader.highlight import find_spans, name_shapes, name_wire
from reader.highlight.span import Span, SpanLike


def seed_bodies() -> list[str]:
    return [article.body for article in Corpus.load([seeds_dir()]).articles]


# --- fact keys -----------------------------------------------------------------------------


def plain_value_key(value: object) -> str:
    return json.dumps(facts_module._normalise(value), sort_keys=True, ensure_ascii=False)


VALUES: list[object] = [
    1,
    1.0,
    True,
    False,
    None,
    49,
    49.0,
    49.5,
    14_000_000_000,
    1.4e10,
    "2024-06-12",
    "1",
    math.inf,
    {"amount": 14_000_000_000, "currency": "USD"},
    [1, 2],
]


def test_kept_value_keys_are_the_computed_ones() -> None:
    for _ in range(2):  # the second round answers from what the first kept
        for value in VALUES:
            assert facts_module.value_key(value) == plain_value_key(value), value
    # 1 and True are equal as dict keys; their keys are not ("1" and "true").
    assert facts_module.value_key(1) != facts_module.value_key(True)
    assert facts_module.value_key(math.nan) == plain_value_key(math.nan)


# --- word look-ups in a long text ----------------------------------------------------------


def test_a_long_text_answers_the_same_scanned_or_indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(seed_bodies()) * 3
    assert len(text) > name_shapes._INDEX_MIN_CHARS
    words = sorted(set(WORD.findall(text.lower())))[:400]
    asked = [*words, "scal", "xyz", "ai's", "wang’s", "meta-owned", "billio", "stake"]

    def answers() -> list[bool]:
        vocab = name_shapes.Vocab(text, None)
        return [vocab.is_word(word) for word in asked]

    scanned = answers()
    monkeypatch.setattr(name_shapes, "_INDEX_AFTER_CHARS", 0)  # indexed after 32 words
    indexed = answers()
    assert scanned == indexed
    assert scanned == [name_shapes._contains_word(text, word) for word in asked]
    assert any(scanned) and not all(scanned)


# --- paragraph terms ------------------------------------------------------------------------


def sliced_terms(text: str, spans: Sequence[SpanLike]) -> list[str]:
    """paragraph_terms as it was written: the text cut at every span."""

    def words(part: str) -> list[str]:
        return [
            stem(word)
            for word in map(str.casefold, WORD.findall(part))
            if len(word) > 1 and word not in STOPWORDS
        ]

    terms: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < position:
            continue
        terms.extend(words(text[position : span.start]))
        terms.append("\x00" + "\x00".join(facts_module.fact_key(span)))
        position = span.end
    terms.extend(words(text[position:]))
    return terms


def test_paragraph_terms_are_those_of_the_text_cut_at_its_spans() -> None:
    checked = 0
    for body in seed_bodies():
        for paragraph in split_paragraphs(body):
            text = paragraph.text(body)
            spans = find_spans(text)
            assert paragraph_terms(text, spans) == sliced_terms(text, spans)
            checked += bool(spans)
    assert checked > 10
    # A word cut by a span ("Meta" of "Metaverse" marked as a name) is cut the same way.
    text = "Metaverse plans: Zuckerberg's Meta-owned lab, its 49% stake."
    odd = [Span(0, 4, "name", "org", "Meta"), Span(30, 34, "name", "org", "Meta")]
    assert paragraph_terms(text, odd) == sliced_terms(text, odd)


# --- hedges ---------------------------------------------------------------------------------


def plain_hedge_before(tokens: list[Tok], index: int, first: int) -> tuple[str, int]:
    """hedge_before as it was written: every hedge length tried before every figure."""
    for length in range(HEDGE_LONGEST, 0, -1):
        start = index - length
        if start < first:
            continue
        words = tuple(tokens[k].lower for k in range(start, index))
        if words in HEDGES:
            return HEDGES[words], start
    if index - 2 >= first and tokens[index - 1].lower == "than":
        return "vague", index - 2
    return "", index


def test_hedges_are_found_before_every_word_as_before() -> None:
    hedged = " ".join(f"{' '.join(words)} 12 people" for words in HEDGES)
    texts = [*seed_bodies(), hedged, "Longer than eight years. More than 300 died."]
    found = 0
    for text in texts:
        for start, end in split_sentences(text):
            tokens = tokenize(text, start, end)
            for index in range(len(tokens) + 1):
                for first in (0, 1):
                    expected = plain_hedge_before(tokens, index, first)
                    assert hedge_before(tokens, index, first) == expected
                    found += bool(expected[0])
    assert found > len(HEDGES)


# --- whole words in a text (wire names) -----------------------------------------------------


def test_a_word_is_found_in_a_text_as_the_pattern_finds_it() -> None:
    text = "\n\n".join(seed_bodies()) + "\nU.S. superintelligence; a+b _scale x-ai"
    asked = [
        *sorted(set(WORD.findall(text.lower())))[:200],
        "superintelligence",
        "semitron",
        "u.s",
        "u.s.",
        "a+b",
        "scale",
        "ai",
        "x-ai",
        "zzz",
    ]
    for word in asked:
        expected = re.search(rf"(?<![^\W_]){word}(?![^\W_])", text) is not None
        assert name_wire._lower_word_in(word, text) == expected, word


def test_a_company_short_name_is_found_where_the_pattern_finds_it() -> None:
    text = (
        "\n\n".join(seed_bodies())
        + "\nScale's Scale\u00a0AI xScale Scale_ Scale9 (Scale) Meta-Scale"
    )
    after = r"(?![^\W_]|[ \u00a0][A-Z])"
    for short in ["Scale", "Meta", "Wang", "AI", "Zuckerberg", "Absent", "U.S."]:
        plain = re.compile(rf"(?<![^\W_]){re.escape(short)}{after}")
        fast = name_wire._whole_word(re.escape(short), after)
        found = [m.span() for m in fast.finditer(text)]
        assert found == [m.span() for m in plain.finditer(text)], short


# --- time markers ---------------------------------------------------------------------------


def test_time_markers_are_found_where_the_plain_pattern_finds_them() -> None:
    plain = re.compile(fact_markers._MARKER.pattern.removeprefix("(?=[adefjlmnopstw])"))
    assert plain.pattern != fact_markers._MARKER.pattern
    words = (
        "previous previously earlier former formerly ago prior last year last night "
        "january february march april june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday jan. feb. apr. aug. sep. "
        "sept. oct. nov. dec. mayday xlast lastly"
    )
    for text in [*seed_bodies(), words, words.title()]:
        lowered = text.lower()
        found = [(m.span(), m.lastgroup) for m in fact_markers._MARKER.finditer(lowered)]
        assert found == [(m.span(), m.lastgroup) for m in plain.finditer(lowered)]
    assert len(list(fact_markers._MARKER.finditer(words))) >= 30
