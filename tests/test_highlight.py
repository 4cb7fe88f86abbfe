"""The highlighter's API: names, kinds, short forms, declared names and JSON output."""

from __future__ import annotations

from dataclasses import dataclass

from reader.highlight import NameIndex, NameSpec, Span, find_spans, spans_to_json


@dataclass
class Doc:
    title: str
    body: str


def marked(text: str, index: NameIndex | None = None) -> list[tuple[str, str, str]]:
    return [(text[s.start : s.end], s.cls, s.kind) for s in find_spans(text, index)]


def names(text: str, index: NameIndex | None = None) -> list[str]:
    return [t for t, cls, _ in marked(text, index) if cls == "name"]


def test_empty_text() -> None:
    assert find_spans("") == []


def test_spans_are_sorted_and_typed() -> None:
    text = "Acme Corp paid $5m to Jane Doe in Paris on 3 May 2024."
    spans = find_spans(text)
    assert all(isinstance(span, Span) for span in spans)
    assert spans == sorted(spans, key=lambda s: s.start)
    assert marked(text) == [
        ("Acme Corp", "name", "org"),
        ("$5m", "figure", "money"),
        ("Jane Doe", "name", "person"),
        ("Paris", "name", "place"),
        ("3 May 2024", "figure", "date"),
    ]


def test_name_shapes() -> None:
    text = (
        "Officials at the Department of Defense, the Bank of England, NovaMind, Quill.AI, "
        "Ahmad Al-Khatib's team, the U.S. and MIT met reporters from CNBC."
    )
    assert names(text) == [
        "Department of Defense",
        "Bank of England",
        "NovaMind",
        "Quill.AI",
        "Ahmad Al-Khatib",
        "U.S.",
        "MIT",
        "CNBC",
    ]


def test_common_acronyms_and_titles_are_not_names() -> None:
    text = "The CEO said AI and NLP help SEO, according to the Chancellor of the firm."
    assert names(text) == []


def test_title_is_not_part_of_the_name() -> None:
    assert marked("Talks ended, said Prime Minister Tony Blair.")[-1] == (
        "Tony Blair",
        "name",
        "person",
    )


def test_sentence_start_needs_evidence() -> None:
    text = "Financial markets fell. Orbitex shares rose after Orbitex won a contract."
    assert names(text) == ["Orbitex", "Orbitex"]


def test_title_case_heading_keeps_only_known_names() -> None:
    text = "Why Orbitex Matters Now\n\nAnalysts say Orbitex has doubled its sales."
    assert names(text) == ["Orbitex", "Orbitex"]


def test_surname_links_to_full_name_in_text() -> None:
    text = "Priya Raman founded the firm in 2019. Raman said growth was strong."
    spans = [s for s in find_spans(text) if s.cls == "name"]
    assert [(text[s.start : s.end], s.value, s.kind) for s in spans] == [
        ("Priya Raman", "Priya Raman", "person"),
        ("Raman", "Priya Raman", "person"),
    ]


def test_name_index_links_short_forms_across_the_corpus() -> None:
    docs = [
        Doc("Lena Okoye joins Brightwave", "The board hired Lena Okoye, who said she was ready."),
        Doc("Okoye speaks", "Okoye told staff about Brightwave's plans."),
    ]
    index = NameIndex.build(docs)
    assert index.canonical("Okoye") == "Lena Okoye"
    assert index.kind("Okoye") == "person"
    assert index.canonical("Nobody") == "Nobody"
    assert index.counts()["Lena Okoye"] >= 3
    # A heading alone gets the corpus's knowledge.
    heading = "Okoye Backs Brightwave Plan"
    assert [s.value for s in find_spans(heading, index) if s.cls == "name"][0] == "Lena Okoye"


def test_declared_names_and_never() -> None:
    docs = [Doc("Notes", "The Widget Guild met in Leeds. Leeds was sunny.")]
    index = NameIndex.build(
        docs,
        names=[
            NameSpec("Widget Guild", "org", aliases=("the Guild",)),
            NameSpec("zorb", "product"),
        ],
        never=["Leeds"],
    )
    text = "The Guild met. Widget Guild voted. zorb sold well in Leeds."
    spans = [(text[s.start : s.end], s.kind, s.value) for s in find_spans(text, index)]
    assert ("Widget Guild", "org", "Widget Guild") in spans
    assert ("zorb", "product", "zorb") in spans
    assert not any(t == "Leeds" for t, _, _ in spans)
    assert index.canonical("the Guild") == "Widget Guild"
    assert index.kind("the Guild") == "org"


def test_urls_emails_and_hashtags_hold_no_names() -> None:
    text = "Write to Press.Office@Example.com, see https://Example.com/Orbitex or #OpenSky."
    assert names(text) == []


def test_spans_to_json() -> None:
    text = "Shares of Orbitex rose after it raised $14B in 2024."
    rows = spans_to_json("body", text, find_spans(text))
    assert [row["text"] for row in rows] == ["Orbitex", "$14B", "2024"]
    assert rows[1] == {
        "field": "body",
        "start": 39,
        "end": 43,
        "text": "$14B",
        "class": "figure",
        "kind": "money",
        "value": {"amount": 14_000_000_000, "currency": "USD"},
    }
    assert all(row["text"] == text[row["start"] : row["end"]] for row in rows)


def test_highlight_modules_do_not_import_textual() -> None:
    import subprocess
    import sys

    code = "import sys, reader.highlight.find, reader.highlight.figures; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
