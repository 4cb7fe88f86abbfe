"""Names by general rules: how runs are cut and joined, and the evidence that gives kinds."""

from __future__ import annotations

import pytest

from reader.highlight import Span, find_spans
from reader.highlight.name_index import NameIndex


def kinds(text: str) -> dict[str, str]:
    """Name -> kind for the names marked in `text` (no NameIndex: the text's evidence only)."""
    return {text[s.start : s.end]: s.kind for s in find_spans(text) if s.cls == "name"}


def test_a_lone_capital_opens_a_longer_name() -> None:
    found = kinds("Some 600 schools signed up for the Y Vote Mock Elections run by Ann Hale.")
    assert found["Y Vote Mock Elections"] == "other"  # an event, not "Vote Mock Elections"
    assert "Y" not in found and "I" not in kinds("Yesterday I met Ann Hale in Leeds.")


def test_and_inside_a_name_of_ordinary_words() -> None:
    text = (
        "Pupils need skills and a good education, the Department for Education and Skills said. "
        "The Ministry of Defence and Foreign Office disagreed, as did Nokia and Samsung."
    )
    found = kinds(text)
    assert found["Department for Education and Skills"] == "org"
    # Two bodies, and two companies, stay two names each.
    assert {"Ministry of Defence", "Foreign Office", "Nokia", "Samsung"} <= found.keys()


def test_a_nationality_before_a_party_is_not_part_of_it() -> None:
    found = kinds("Eva Lichtenberg, an Austrian Green member of the European Parliament, spoke.")
    assert found == {"Eva Lichtenberg": "person", "Green": "org", "European Parliament": "org"}


def test_sides_in_a_match_report_are_organisations() -> None:
    found = kinds(
        "Bath prop Matt Stevens will start, and the England captain is fit. Real Madrid won."
    )
    assert found["Bath"] == "org"  # a city in the gazetteer, but "Bath prop ..." is a side
    assert found["England"] == "org"
    assert found["Real Madrid"] == "org"
    assert found["Matt Stevens"] == "person"


def test_events_laws_and_works_are_not_bodies() -> None:
    text = (
        "Chelsea reached the Champions League final. The Hunting Act came into force. "
        "The comedy Sideways beat the album Encore to the prize."
    )
    found = kinds(text)
    assert found["Champions League"] == "other"
    assert found["Hunting Act"] == "other"
    assert found["Sideways"] == "product"
    assert found["Encore"] == "product"


def test_said_makes_a_person_only_of_what_could_be_a_full_name() -> None:
    text = (
        "For the first time, Time Warner said profits rose. Keely Hodgkinson said she was "
        "delighted. Critics of the Foxglove said it was wrong."
    )
    found = kinds(text)
    assert found["Time Warner"] == "org"  # "time" is an ordinary word, so no one's first name
    assert found["Keely Hodgkinson"] == "person"
    assert found["Foxglove"] == "org"  # "the X said": a body spoke


def test_what_only_people_have() -> None:
    assert kinds("Fans marked Presley's birth with a party.")["Presley"] == "person"


def test_names_opening_a_sentence_in_a_list_or_after_an_ordinary_word() -> None:
    found = kinds("Dido, Robbie Williams and Chris Martin sang. Featuring Cliff Richard, it sold.")
    assert found["Dido"] == "person"  # the first of a list of people
    assert found["Cliff Richard"] == "person"
    assert "Featuring" not in " ".join(found)


def test_a_list_shares_its_kind_but_an_apposition_does_not() -> None:
    found = kinds("Flights go from London Heathrow to Jeddah and Riyadh in Saudi Arabia.")
    assert found["Jeddah"] == "place"
    found = kinds("Liam Fox, Tory co-chairman, said the return was welcome.")
    assert found["Liam Fox"] == "person"
    assert found["Tory"] == "org"


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("In 2004, and (1999).", [("2004", "year"), ("1999", "year")]),
        ("It rose 17. Then 3.5.", [("17", "quantity"), ("3.5", "quantity")]),
        ("COVID-19. v2. x19,", []),
        ("Sales: 1,000, or 2004.", [("1,000", "quantity"), ("2004", "year")]),
    ],
)
def test_plain_numbers_before_punctuation(text: str, figures: list[tuple[str, str]]) -> None:
    found = [(text[s.start : s.end], s.kind) for s in find_spans(text) if s.cls == "figure"]
    assert found == figures


def test_a_span_is_an_immutable_record() -> None:
    span = Span(0, 4, "name", "person", "Jane Doe")
    assert (span.start, span.end, span.cls, span.kind, span.value) == (
        0,
        4,
        "name",
        "person",
        "Jane Doe",
    )
    assert Span(0, 4, "figure", "year").value is None
    with pytest.raises(AttributeError):
        span.kind = "org"  # type: ignore[misc]


def test_a_name_index_build_stops_when_asked_between_texts() -> None:
    """Quitting while the corpus name index is being learnt must not wait for it (1.4 s
    over the BBC corpus): the build asks between texts and ends there."""

    class Counted:
        reads = 0

        def __init__(self, number: int) -> None:
            self.title = f"Story {number}"
            self._body = f"Maria Keller of Northwind Holdings spoke on day {number}."

        @property
        def body(self) -> str:
            Counted.reads += 1
            return self._body

    articles = [Counted(number) for number in range(200)]
    asked = 0

    def after_five() -> bool:
        nonlocal asked
        asked += 1
        return asked > 5

    NameIndex.build(articles, should_stop=after_five)
    assert Counted.reads == 5  # not the other 195 bodies, nor any name found in them
    Counted.reads = 0
    whole = NameIndex.build(articles)
    assert Counted.reads == 200 and whole.kind("Maria Keller") == "person"
