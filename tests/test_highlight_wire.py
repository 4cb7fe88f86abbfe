"""Newswire shapes (issue 17): company names, titles, datelines, quoted works, fractions,
centuries, and numbers written in words."""

from __future__ import annotations

import pytest

from reader.highlight import find_number_words, find_spans


def names(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text) if s.cls == "name"]


def figures(text: str) -> list[tuple[str, str, object]]:
    return [(text[s.start : s.end], s.kind, s.value) for s in find_spans(text) if s.cls == "figure"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shares of Harlow Industries Inc. fell on Tuesday.", "Harlow Industries Inc."),
        ("MILAN - Fiat S.p.A. said profit rose.", "Fiat S.p.A."),
        ("Shares in Tanaka Electric Company, Ltd. closed lower.", "Tanaka Electric Company, Ltd."),
        ("Analysts at Kemper, Dunn & Co. cut their estimates.", "Kemper, Dunn & Co."),
        ("Rivals include McDonald's Corp. and others.", "McDonald's Corp."),
        ("The warehouse was owned by Pacific Trading Co. The firm said", "Pacific Trading Co."),
    ],
)
def test_company_names_keep_their_legal_form(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A Food and Drug Administration panel voted on Tuesday.", "Food and Drug Administration"),
        (
            "The Securities and Exchange Commission is reviewing it.",
            "Securities and Exchange Commission",
        ),
        (
            "The Department of Health and Human Services said so.",
            "Department of Health and Human Services",
        ),
        ("It goes on show at the Victoria and Albert Museum in May.", "Victoria and Albert Museum"),
    ],
)
def test_and_inside_the_name_of_a_body(text: str, name: str) -> None:
    assert name in names(text)


def test_bodies_joined_by_and_stay_apart() -> None:
    found = names(
        "Officials from the Ministry of Defence and Foreign Office met Nokia and Samsung."
    )
    assert "Ministry of Defence" in found and "Foreign Office" in found
    assert "Nokia" in found and "Samsung" in found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("It was signed by Vice Minister of Commerce Wang Lin on Monday.", "Wang Lin"),
        ("Ruiz and Secretary of State Maria Ruiz agreed.", "Maria Ruiz"),
        ("WASHINGTON -- Justice Anna Reyes will retire.", "Anna Reyes"),
    ],
)
def test_a_title_is_not_part_of_the_name(text: str, person: str) -> None:
    spans = {text[s.start : s.end]: s.kind for s in find_spans(text) if s.cls == "name"}
    assert spans.get(person) == "person"


def test_wire_style_weekdays_abbreviations_and_compass_adjectives() -> None:
    text = (
        "Kim told reporters in Seoul Monday. It is the largest plant in the U.S. The plant "
        "opens soon. A North Korean envoy met South African diplomats. Sheffield Wednesday won."
    )
    found = names(text)
    assert "Seoul" in found and "U.S." in found
    assert not any(name.startswith(("North", "South")) for name in found)
    assert "Sheffield Wednesday" in found  # a club's name keeps its weekday


def test_quoted_titles_of_works_keep_their_small_words() -> None:
    text = 'Props from "Gone with the Wind" and a gown from "Pride and Prejudice" were shown.'
    spans = [s for s in find_spans(text) if s.cls == "name"]
    assert [(text[s.start : s.end], s.kind) for s in spans] == [
        ("Gone with the Wind", "product"),
        ("Pride and Prejudice", "product"),
    ]
    assert names('"We hope for progress," Kim said.') == ["Kim"]


def test_money_after_a_name_is_not_a_version() -> None:
    text = "The settlement earned Fiat 1.55bn euros last year."
    assert "Fiat" in names(text)
    assert figures(text) == [("1.55bn euros", "money", {"amount": 1550000000, "currency": "EUR"})]


def test_things_that_only_look_like_names() -> None:
    assert names("For more information, please see our Comments FAQ") == []
    assert names("Meta's recent Llama AI models were shown by Meta.") == ["Meta", "Llama", "Meta"]


def test_fractions_centuries_and_quarters() -> None:
    assert figures("The rate rose to 7 3/4% and shares to $88 7/8.") == [
        ("7 3/4%", "percent", 7.75),
        ("$88 7/8", "money", {"amount": 88.875, "currency": "USD"}),
    ]
    assert figures("It was shut for 12 1/2 months; about 2/3 of seats sold.") == [
        ("12 1/2 months", "quantity", 12.5),
        ("2/3", "quantity", 0.667),
    ]
    assert figures("costumes of the 19th century") == [("19th century", "year", [1801, 1900])]
    assert figures("net income fell in the 1990 first quarter") == [
        ("1990 first quarter", "date", "1990-Q1")
    ]


def test_numbers_in_words_are_there_for_the_analysis_only() -> None:
    text = "The fire killed five people and injured a dozen others. One person is missing."
    assert figures(text) == []  # the reader view marks digits only
    found = [(text[s.start : s.end], s.value) for s in find_number_words(text)]
    assert found == [("five people", 5), ("a dozen others", 12), ("One person", 1)]


def test_number_words_inside_names_or_as_pronouns_are_not_counts() -> None:
    text = "Formula One returns. The one that got away was one of them; two-thirds of seats."
    found = [(text[s.start : s.end], s.value) for s in find_number_words(text)]
    assert found == [("two-thirds", 0.667)]
