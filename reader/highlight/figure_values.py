"""Reading a figure's value: money (amount and currency), percentages, dates, years and
quantities, normalised from the text a pattern matched; and a value's magnitude."""

from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache

from reader.highlight.lexicon import MONTHS

# --- what figures are written with ------------------------------------------------------------

NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"

_SCALES = {
    "thousand": 10**3,
    "k": 10**3,
    "K": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "M": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "b": 10**9,
    "B": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
    "T": 10**12,
}
SCALE_WORD = r"(?:[Tt]rillion|[Bb]illion|[Mm]illion|[Tt]housand)"
SCALE_ABBR = r"(?:bn|mn|tn|trn|bln|mln)"
SCALE_LETTER = r"(?:k|m|b|K|M|B|T)"

CURRENCY_PREFIXES = {
    "US$": "USD",
    "U.S.$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
}
CODES = (
    "USD GBP EUR JPY CNY RMB CHF AUD CAD INR HKD SGD NZD SEK NOK DKK RUB BRL ZAR KRW MXN".split()
)
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "franc": "CHF",
    "francs": "CHF",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "peso": "MXN",
    "pesos": "MXN",
}
_SUBUNITS = {"cent": "USD", "cents": "USD", "pence": "GBP", "p": "GBP"}

_FULL_MONTHS = sorted((m for m in MONTHS if len(m) > 4 or m in ("May", "June", "July")), key=len)
_SHORT_MONTHS = sorted(set(MONTHS) - set(_FULL_MONTHS), key=len)
# Full month names, or abbreviations that may carry a dot before the day ("Aug. 10").
MONTH = (
    f"(?:(?:{'|'.join(reversed(_FULL_MONTHS))})"
    f"|(?:{'|'.join(reversed(_SHORT_MONTHS))})(?:\\.(?=[ \u00a0]\\d))?)(?![a-z])"
)

_NUMBER_RE = re.compile(NUM)
_SCALE_RE = re.compile(rf"({SCALE_WORD}|{SCALE_ABBR}|{SCALE_LETTER})(?![^\W_])")
_MONTH_RE = re.compile(MONTH)
_LETTERS_RE = re.compile(r"[A-Za-z]+")
_NOT_UNIT_RE = re.compile(r"[\d.,\s\u00a0]")
_DIGIT_RUN_RE = re.compile(r"\d+")
_PREFIXES_LONGEST_FIRST = sorted(CURRENCY_PREFIXES, key=len, reverse=True)


# --- values ---------------------------------------------------------------------------------


def to_number(digits: str) -> int | float:
    """'1,234.50' -> 1234.5; whole numbers come back as int."""
    value = float(digits.replace(",", ""))
    return int(value) if value.is_integer() else value


def _scaled(number: int | float, scale: int) -> int | float:
    # round() keeps 1.13 * 10**9 from becoming 1129999999.9999998.
    value = round(number * scale, 6)
    return int(value) if float(value).is_integer() else value


def _scale_after(text: str) -> int:
    match = _SCALE_RE.search(text)
    if not match:
        return 1
    word = match.group(1)
    return _SCALES[word.lower() if len(word) > 1 else word]


def _currency(text: str) -> str:
    for prefix in _PREFIXES_LONGEST_FIRST:
        if text.startswith(prefix):
            return CURRENCY_PREFIXES[prefix]
    code = text[:3]
    if code in CODES:
        return "CNY" if code == "RMB" else code
    words: list[str] = _LETTERS_RE.findall(text)
    for word in reversed(words):
        if word in CODES:
            return word
        if word.lower() in CURRENCY_WORDS:
            return CURRENCY_WORDS[word.lower()]
    return "USD"


def _money_value(kind: str, text: str) -> dict[str, object] | None:
    if kind == "money_vague":
        lowered = text.lower()
        currency = CURRENCY_WORDS[lowered.rsplit("-", 1)[1]]
        if lowered.startswith("multi"):
            return {"amount": None, "currency": currency}
        return {"amount": _SCALES[lowered.split("-")[0]], "currency": currency}
    numbers = _NUMBER_RE.findall(text)
    if not numbers:
        return None
    if kind == "money_sub":
        unit = _NOT_UNIT_RE.sub("", text)
        return {"amount": _scaled(to_number(numbers[0]), 1) / 100, "currency": _SUBUNITS[unit]}
    tail = text[text.rfind(numbers[-1]) + len(numbers[-1]) :]
    scale = _scale_after(tail)
    currency = _currency(text)
    if kind == "money_range":
        low, high = (_scaled(to_number(n), scale) for n in numbers[:2])
        return {"amount": [low, high], "currency": currency}
    return {"amount": _scaled(to_number(numbers[0]), scale), "currency": currency}


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    try:
        date(year or 2000, month, day or 1)  # 2000 is a leap year, so 29 Feb passes
    except ValueError:
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date_value(kind: str, text: str) -> str | list[str] | None:
    numbers = [int(n) for n in _DIGIT_RUN_RE.findall(text)]
    if kind == "date_iso":
        return _iso(numbers[0], numbers[1], numbers[2])
    if kind == "date_range":
        month = MONTHS[_first(_MONTH_RE, text).rstrip(".")]
        range_year = numbers[2] if len(numbers) > 2 else None
        opening, closing = _iso(range_year, month, numbers[0]), _iso(range_year, month, numbers[1])
        return [opening, closing] if opening and closing else None
    if kind == "date_slash":
        first, second, year = numbers
        if year < 100:
            year += 2000 if year < 50 else 1900
        # Day first (British and most of the world) unless that cannot be a date.
        day, month = (second, first) if second > 12 >= first else (first, second)
        return _iso(year, month, day)
    month_match = _MONTH_RE.search(text)
    if not month_match:
        return None
    month = MONTHS[month_match.group(0).rstrip(".")]
    if kind == "date_my":
        return _iso(numbers[0], month, None)
    day = numbers[0]
    stated_year = numbers[1] if len(numbers) > 1 else None
    return _iso(stated_year, month, day)


def _year_range(text: str) -> tuple[str, object] | None:
    first, second = _DIGIT_RUN_RE.findall(text)
    start = int(first)
    if len(second) == 2:
        end = start // 100 * 100 + int(second)
        if end <= start:
            # "2025-06" is a year and a month, not a range running backwards.
            month = int(second)
            if "-" in text and 1 <= month <= 12:
                return "date", _iso(start, month, None)
            return None
    else:
        end = int(second)
        if end <= start:
            return None
    return "year", [start, end]


def _first(pattern: re.Pattern[str], text: str) -> str:
    """The first match of `pattern` in text a figure pattern matched (so it is there)."""
    match = pattern.search(text)
    if match is None:
        raise ValueError(f"no {pattern.pattern!r} in {text!r}")
    return match.group(0)


_FRACTION_RE = re.compile(r"(?:(\d+)[ \u00a0])?([1-9]\d?)/(\d{1,2})")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def fraction_value(text: str) -> float | None:
    """'7 3/4' -> 7.75, '2/3' -> 0.667 (three places); None when not a proper fraction."""
    match = _FRACTION_RE.search(text)
    if match is None:
        return None
    whole, top, bottom = match.group(1), int(match.group(2)), int(match.group(3))
    if top >= bottom:
        return None
    return round((int(whole) if whole else 0) + top / bottom, 3)


def _fraction(kind: str, text: str) -> tuple[str, object] | None:
    number = fraction_value(text)
    if number is None:
        return None
    if kind == "money_fraction":
        currency = _currency(text[: text.index(next(c for c in text if c.isdigit()))])
        return "money", {"amount": number, "currency": currency}
    if kind == "percent_fraction":
        return "percent", float(number)
    return "quantity", number


def _value(kind: str, text: str) -> tuple[str, object] | None:
    """(public kind, normalised value) for a matched pattern kind, or None to drop it."""
    if kind.endswith("fraction"):
        return _fraction(kind, text)
    if kind == "century":
        nth = int(_first(_NUMBER_RE, text))
        return "year", [(nth - 1) * 100 + 1, nth * 100]
    if kind == "date_quarter":
        year, which, part = text.split()
        count = 4 if part == "quarter" else 2
        return "date", f"{year}-{'Q' if count == 4 else 'H'}{_ORDINALS[which]}"
    if kind.startswith("money"):
        value = _money_value(kind, text)
        return ("money", value) if value else None
    if kind == "percent":
        return "percent", float(_first(_NUMBER_RE, text).replace(",", ""))
    if kind.startswith("date"):
        when = _date_value(kind, text)
        return ("date", when) if when else None
    if kind == "year_range":
        return _year_range(text)
    if kind == "decade":
        start = int(text[:4])
        return "year", [start, start + 9]
    if kind == "year":
        return "year", int(text)
    if kind == "score":
        first, second = text.split("-")
        return "quantity", [int(first), int(second)]
    if kind == "duration":
        minutes, seconds = text.split(":")
        return "quantity", round(int(minutes) * 60 + float(seconds), 3)
    digits = _first(_NUMBER_RE, text)
    number = to_number(digits)
    if text[0] in "-−":
        number = -number
    if kind in ("count_scaled", "scaled", "scaled_unit"):
        number = _scaled(number, _scale_after(text[len(digits) :]))
    return "quantity", number


@lru_cache(maxsize=8192)
def known_value(kind: str, text: str) -> tuple[str, object] | None:
    """_value, remembered: the same figures ("2004", "5%", "£1m") come back again and again."""
    return _value(kind, text)


def fresh(value: object) -> object:
    """A copy of a remembered value that is a dict or list, so no caller shares it."""
    if isinstance(value, dict):
        return {key: list(item) if isinstance(item, list) else item for key, item in value.items()}
    if isinstance(value, list):
        return list(value)
    return value


def magnitude(value: object) -> float | None:
    """The size of a figure's value as one number: a quantity, a percentage or the amount of
    money (None for ranges, dates, vague sums and anything not finite)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    if isinstance(value, dict):
        return magnitude(value.get("amount"))
    return None
