"""Figure parsing: normalised values agree across spellings; traps stay unmarked."""

from __future__ import annotations

import pytest

from reader.highlight import find_figures, parse_date, parse_money, parse_percent


def figures(text: str) -> list[tuple[str, str, object]]:
    return [(text[f.start : f.end], f.kind, f.value) for f in find_figures(text)]


def test_same_money_written_two_ways() -> None:
    assert (
        parse_money("$14B")
        == parse_money("$14 billion")
        == {
            "amount": 14_000_000_000,
            "currency": "USD",
        }
    )


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$14.3 billion", 14_300_000_000, "USD"),
        ("£1.13bn", 1_130_000_000, "GBP"),
        ("US$5m", 5_000_000, "USD"),
        ("€2 million", 2_000_000, "EUR"),
        ("$639m", 639_000_000, "USD"),
        ("£600m", 600_000_000, "GBP"),
        ("5 million euros", 5_000_000, "EUR"),
        ("50p", 0.5, "GBP"),
        ("A$3bn", 3_000_000_000, "AUD"),
    ],
)
def test_money_values(text: str, amount: object, currency: str) -> None:
    assert parse_money(text) == {"amount": amount, "currency": currency}


def test_whole_amounts_are_ints() -> None:
    assert isinstance(parse_money("£1.13bn")["amount"], int)  # type: ignore[index]


def test_multibillion_dollar_is_money_without_amount() -> None:
    assert figures("a multibillion-dollar deal") == [
        ("multibillion-dollar", "money", {"amount": None, "currency": "USD"})
    ]


@pytest.mark.parametrize("text", ["49%", "49 percent", "49 per cent", "49 %"])
def test_percent_spellings_agree(text: str) -> None:
    assert parse_percent(text) == 49.0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("June 11, 2025", "2025-06-11"),
        ("Jun 11, 2025", "2025-06-11"),
        ("11/06/2025", "2025-06-11"),
        ("2025-06-13", "2025-06-13"),
        ("11 June 2025", "2025-06-11"),
        ("March 2024", "2024-03"),
        ("Aug. 10, 2021", "2021-08-10"),
        ("18 February", "--02-18"),
        ("06/25/2025", "2025-06-25"),  # cannot be day-first, so month-first
    ],
)
def test_date_formats(text: str, value: str) -> None:
    assert parse_date(text) == value


def test_impossible_dates_are_not_dates() -> None:
    assert parse_date("31/02/2025") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Founded in 2016.", [("2016", "year", 2016)]),
        (
            "in 2022-2023 and 2004/05",
            [("2022-2023", "year", [2022, 2023]), ("2004/05", "year", [2004, 2005])],
        ),
        ("at 19 years old", [("19 years old", "quantity", 19)]),
        ("at just 27, he", [("27", "quantity", 27)]),
        ("hired 5,000 employees", [("5,000 employees", "quantity", 5000)]),
        ("has 2.5m users", [("2.5m users", "quantity", 2_500_000)]),
        ("ran the 100m in", [("100m", "quantity", 100)]),
        ("a 27-year-old engineer", [("27-year-old", "quantity", 27)]),
        ("won 3-1 at home", [("3-1", "quantity", [3, 1])]),
        ("restated its 2003 results", [("2003", "year", 2003)]),
    ],
)
def test_years_and_quantities(text: str, expected: list[tuple[str, str, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1. First point\n2. Second point\n  3. Third",
        "(1) first item",
        "see https://example.com/news/2025/06/11/story-14 today",
        "www.example.org/page2",
        "mail press2025@example.com now",
        "#Android15 and #1 and @user2025",
        "## Heading with **bold** text",
        "/assets/images/meta_14_billion_2025.jpg",
        "COVID-19 and the F-16",
        "at 10:30am, 3.30pm or 14:00 GMT",
        "the 4th quarter and 21st place",  # centuries are figures (issue 17)
        "version 3.0.1",
        "world No 1 and No. 2",
    ],
)
def test_traps_are_not_figures(text: str) -> None:
    assert figures(text) == []


def test_figures_inside_markdown_are_found_without_the_markup() -> None:
    assert figures("a near **$14 billion stake**") == [
        ("$14 billion", "money", {"amount": 14_000_000_000, "currency": "USD"})
    ]
