"""Figures in text (money, percentages, dates, years, quantities) with normalised values."""

from __future__ import annotations

import re

from reader.highlight.figure_values import (
    CODES,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    MONTH,
    NUM,
    SCALE_ABBR,
    SCALE_LETTER,
    SCALE_WORD,
    fresh,
    known_value,
)
from reader.highlight.lexicon import MONTHS
from reader.highlight.span import Span

# --- building blocks ----------------------------------------------------------------------

# A number must not continue a word, a decimal, a path or a code such as "COVID-19".
_NUM_START = r"(?<![\w.,/#@:$£€¥₹\\])(?<![A-Z]-)"
_END = r"(?![^\W_])"
# Measures may be negative: "-163C". A minus counts only after a space or bracket.
_SIGNED = rf"(?:(?<=[\s(])[-−](?=\d)|{_NUM_START})"

_SCALE = rf"(?:[ \u00a0]?{SCALE_WORD}|[ \u00a0]?{SCALE_ABBR}|{SCALE_LETTER}){_END}"


_PREFIX = (
    "(?:"
    + "|".join(re.escape(p) for p in sorted(CURRENCY_PREFIXES, key=len, reverse=True))
    + "|(?:"
    + "|".join(CODES)
    + r")[ \u00a0]?)"
)
_SUFFIX_WORDS = "|".join(sorted([*CURRENCY_WORDS, *CODES], key=len, reverse=True))

# A proper fraction with a usual denominator ("9/11", "24/7" are no fractions).
_FRAC = r"[1-9]\d?/(?:2|3|4|5|8|10|16|32|64)(?![\d/])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|2100)"

# Units that measure; "m" alone is metres unless a counted noun follows (then it is millions).
_UNITS_ATTACHED = (
    r"km/h|km|kg|MP|C|cm|mm|m|ft|lb|lbs|mph|kph|km/h|g|GB|MB|TB|KB|Gb|Mb|Mbps|Gbps|GHz|MHz|MW|GW|kW|kWh|"
    r"TWh|mAh|°C|°F|°|bpd|ml|l|oz|sec|secs|s|hrs|hr|h|mins|min|yds|in"
)
_UNITS_SPACED = (
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|decades?|centuries|"
    r"century|kilometres?|kilometers?|km/h|km|miles?|metres?|meters?|centimetres?|centimeters?|cm|"
    r"millimetres?|millimeters?|mm|feet|foot|ft|inches|inch|yards?|kilograms?|kg|kilos?|grams?|"
    r"tonnes?|tons?|lbs?|ounces?|oz|litres?|liters?|gallons?|barrels?|bpd|mph|km/h|kph|knots?|"
    r"degrees?|°C|°F|GB|MB|TB|Mbps|Gbps|GHz|MHz|MW|GW|kW|kWh|TWh|watts?|volts?|acres?|hectares?|"
    r"square (?:feet|metres|meters|miles|kilometres|kilometers)|sq ft|calories|points?|pts|goals?|"
    r"runs?|wickets?|laps?|seats?|votes?|storeys?|stories|floors?|pages?|words?|megapixels|"
    r"pixels|times|percentage points?|basis points?|min|sets?|games?|matches|shots?|yards?"
)
_HYPHEN_UNITS = (
    r"megapixel|inch|nit|year|month|week|day|hour|minute|second|mile|metre|meter|km|kilometre|point|man|woman|"
    r"member|seat|storey|story|game|match|page|inch|foot|yard|acre|bed|room|strong|times"
)
# Plural nouns that follow a count: "5,000 employees", "2.5m users". Some words end in "s"
# without being plural nouns, so they are excluded.
_NOT_COUNTED = (
    r"was|is|has|this|its|his|as|us|yes|less|unless|plus|thus|across|perhaps|whereas|news|"
    r"always|towards|afterwards|besides|sometimes|does|goes|hers|ours|yours|theirs|whose|"
    r"means|per|percent|pence|cents|dollars|pounds|euros|francs|rupees|pesos|roubles|rubles|"
    r"yens|series|species|ago|since|was|seems|makes|takes|gets|gives|comes|looks|says|adds|"
    r"remains|includes|becomes|helps|shows|needs|wants|lets|keeps|runs|sits|stands|holds|"
    r"leads|pays|puts|sets|tells|asks|uses|costs|falls|rises|grows|lies|dies|tries|owns|"
    r"earns|hits|wins|loses|sells|buys|opens|closes|ends|starts|begins|follows|marks|reaches"
)
_COUNTED = (
    rf"(?!(?:{_NOT_COUNTED})\b)"
    r"(?:[a-z][a-z'-]*[a-rt-z][a-z]*?(?<![su'])s|people|men|women|children|staff|police|"
    r"personnel|cattle|sheep|fish|deer|aircraft|data|media|crew|youth|feet|[A-Z]{2,}s)(?![\w'’-])"
)
# Strict list for four-digit numbers, which are usually years ("the 2003 results").
_YEARLIKE_COUNTED = (
    r"(?:people|employees|workers|jobs|staff|users|customers|subscribers|members|fans|homes|"
    r"houses|students|pupils|children|patients|troops|soldiers|cases|deaths|votes|voters|"
    r"companies|firms|shops|stores|branches|cars|vehicles|units|copies|tickets|sites|schools|"
    r"acres|residents|passengers|miles|metres|meters|km|pounds|dollars|euros|tonnes|words)\b"
)

# URLs, e-mail addresses, hashtags/handles and paths: neither figures nor names inside.
_URL = r"(?:https?://|ftp://|www\.)[^\s<>()\[\]\"']+"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_TAG = r"(?<![\w&/])[#@][^\W_][\w-]*"
_PATH = r"(?<![\w)\]])/(?:[\w.%-]+/)+[\w.%-]*"

_PATTERNS = [
    # Regions whose digits are never figures; matched first so they are consumed whole.
    ("protect", _URL),
    ("protect", _EMAIL),
    ("protect", _TAG),
    ("protect", _PATH),
    ("skip", r"\[\d+\]"),
    ("skip", r"\b[Nn]o\.?[ \u00a0]?\d+\b"),
    ("skip", r"\d+(?:\.\d+){2,}"),
    # Money.
    (
        "money_range",
        rf"{_NUM_START}{_PREFIX}{NUM}[ \u00a0]?(?:-|–|to)[ \u00a0]?{NUM}(?:{_SCALE})",
    ),
    ("money_prefix", rf"{_NUM_START}{_PREFIX}{NUM}(?:{_SCALE}|{_END})"),
    (
        "money_suffix",
        rf"{_NUM_START}{NUM}(?:[ \u00a0]?(?:{SCALE_WORD}|{SCALE_ABBR})|{SCALE_LETTER})?"
        rf"[ \u00a0](?:US[ \u00a0])?(?:{_SUFFIX_WORDS})(?:[ \u00a0]sterling)?{_END}",
    ),
    ("money_sub", rf"{_NUM_START}\d+(?:\.\d+)?(?:[ \u00a0](?:cents?|pence)|p){_END}"),
    ("money_vague", r"(?i:\b(?:multi-?)?(?:million|billion|trillion)-(?:dollar|pound|euro)\b)"),
    # Percentages.
    (
        "percent",
        rf"{_NUM_START}{NUM}(?:[ \u00a0]?%|[ \u00a0](?:per[ \u00a0]?cent|percent|pc){_END})",
    ),
    # Dates, longest forms first.
    ("date_iso", r"(?<![\w/.-])\d{4}-\d{2}-\d{2}(?![\w/-])"),
    ("date_slash", r"(?<![\w/.-])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\w/])"),
    (
        "date_range",
        rf"{_NUM_START}{_DAY}[ \u00a0]?[-–][ \u00a0]?{_DAY}[ \u00a0]{MONTH}(?:,?[ \u00a0]\d{{4}}(?!\d))?",
    ),
    ("date_mdy", rf"\b{MONTH}[ \u00a0]{_DAY}(?:,?[ \u00a0]\d{{4}}(?!\d))?(?![\d%,]\d)"),
    (
        "date_dmy",
        rf"{_NUM_START}{_DAY}[ \u00a0](?:of[ \u00a0])?{MONTH}(?:,?[ \u00a0]\d{{4}}(?!\d))?",
    ),
    ("date_my", rf"\b{MONTH}[ \u00a0]{_YEAR}(?!\d)"),
    # Years and ranges ("2022-2023", "2004/05"); a year-month ("2025-06") reads as a date.
    ("year_range", rf"{_NUM_START}{_YEAR}[ \u00a0]?[-–—/][ \u00a0]?(?:{_YEAR}|\d{{2}})(?![\w%])"),
    ("decade", rf"{_NUM_START}(?:1[5-9]|20)\d0s{_END}"),
    # Ages and compound measures: "27-year-old", "a 10-year deal".
    ("hyphen_unit", rf"{_NUM_START}\d+(?:\.\d+)?-(?:{_HYPHEN_UNITS})(?:-olds?)?{_END}"),
    (
        "age",
        rf"{_NUM_START}\d{{1,3}}[ \u00a0-](?:years?|yrs?|months?)[ \u00a0-](?:olds?|of age){_END}",
    ),
    ("age_group", rf"(?<![\w-])(?:over|under)-\d{{1,3}}s{_END}"),
    # Counts with a scale and what they count ("2.5m users", "1.2 million people").
    (
        "count_scaled",
        rf"{_NUM_START}{NUM}(?:[ \u00a0]?(?:{SCALE_WORD}|{SCALE_ABBR})|{SCALE_LETTER})"
        rf"[ \u00a0]{_COUNTED}",
    ),
    (
        "scaled_unit",
        rf"{_NUM_START}{NUM}[ \u00a0]?(?:{SCALE_WORD}|{SCALE_ABBR})[ \u00a0](?:{_UNITS_SPACED}){_END}",
    ),
    ("duration", r"(?<![\w.:])\d{1,2}:\d{2}\.\d{1,3}(?![\w.:])"),
    ("unit_spaced", rf"{_SIGNED}{NUM}[ \u00a0](?:{_UNITS_SPACED}){_END}"),
    ("unit_attached", rf"{_SIGNED}{NUM}(?:{_UNITS_ATTACHED})(?![\w°])"),
    ("scaled", rf"{_NUM_START}{NUM}(?:[ \u00a0]?(?:{SCALE_WORD}|{SCALE_ABBR})){_END}"),
    ("count", rf"{_NUM_START}{NUM}[ \u00a0]{_COUNTED}"),
    ("score", r"(?<![\w.,/-])\d{1,2}-\d{1,2}(?![\w%/-]|\.\d)"),
    # Times of day and ordinals are not figures here; consuming them keeps them unmarked.
    (
        "skip",
        r"(?<![\w.])\d{1,2}(?:[:.]\d{2}(?::\d{2})?[ \u00a0]?(?:[ap]\.?m\.?|GMT|BST|ET|PT)"
        r"|:\d{2}(?::\d{2})?|[ \u00a0]?[ap]\.?m\.?)(?!\w)",
    ),
    ("skip", r"\d+(?:st|nd|rd|th)\b"),
    ("year", rf"{_NUM_START}{_YEAR}(?![\w%]|[.,]\d)"),
    ("bare", rf"{_NUM_START}{NUM}(?![\w%]|[.,]\d)"),
]


# Rarer shapes, tried only where a figure the big pattern found may go on into one (see
# _longer): fractions as wire copy writes prices and rates ("$88 7/8", "7 3/4%", "12 1/2",
# "2/3"), centuries ("the 19th century") and quarters ("the 1990 first quarter").
_EXTRA_PATTERNS = [
    ("money_fraction", rf"{_NUM_START}{_PREFIX}\d+[ \u00a0]{_FRAC}"),
    (
        "percent_fraction",
        rf"{_NUM_START}(?:\d+[ \u00a0])?{_FRAC}(?:[ \u00a0]?%|[ \u00a0](?:per[ \u00a0]?cent|percent){_END})",
    ),
    (
        "fraction",
        rf"{_NUM_START}(?:\d+[ \u00a0])?{_FRAC}(?:[ \u00a0](?:{_UNITS_SPACED}){_END}|[ \u00a0]{_COUNTED})?",
    ),
    ("century", rf"{_NUM_START}(?:[1-9]|1\d|2[01])(?:st|nd|rd|th)[ \u00a0-]century{_END}"),
    (
        "date_quarter",
        rf"{_NUM_START}{_YEAR}[ \u00a0](?:first|second|third|fourth)[ \u00a0](?:quarter|half){_END}",
    ),
]


def _compile(
    patterns: list[tuple[str, str]] = _PATTERNS,
) -> tuple[re.Pattern[str], dict[str, str]]:
    parts, group_kinds = [], {}
    for index, (kind, pattern) in enumerate(patterns):
        group = f"g{index}"
        group_kinds[group] = kind
        parts.append(f"(?P<{group}>{pattern})")
    return re.compile("|".join(parts)), group_kinds


_FIGURE_RE, _GROUP_KINDS = _compile()
_EXTRA_RE, _EXTRA_KINDS = _compile(_EXTRA_PATTERNS)
_LONGER_WORDS = (" first ", " second ", " third ", " fourth ", " century", "-century")


def _longer(text: str, start: int, end: int) -> re.Match[str] | None:
    """A fraction, century or quarter that a figure found at `start` (ending at `end`) opens."""
    after = text[end : end + 5]
    if not after:
        return None
    if (
        after[0] == "/"
        or (after[0] in " \u00a0" and "/" in after[2:4])
        or text.startswith(_LONGER_WORDS, end)
    ):
        return _EXTRA_RE.match(text, start)
    return None


_COUNTED_TAIL_RE = re.compile(rf"[ \u00a0]{_YEARLIKE_COUNTED}")


def parse_money(text: str) -> dict[str, object] | None:
    """'$14B' -> {'amount': 14000000000, 'currency': 'USD'}; None when it is not money."""
    figures = find_figures(text)
    if len(figures) == 1 and figures[0].kind == "money":
        value = figures[0].value
        return dict(value) if isinstance(value, dict) else None
    return None


def parse_date(text: str) -> str | None:
    """'June 11, 2025', '11/06/2025', '2025-06-11' -> '2025-06-11'; 'March 2024' -> '2024-03'."""
    figures = find_figures(text)
    if len(figures) == 1 and figures[0].kind == "date":
        return str(figures[0].value)
    return None


def parse_percent(text: str) -> float | None:
    """'49 percent', '49%', '76 per cent' -> 49.0 / 76.0."""
    figures = find_figures(text)
    if len(figures) == 1 and figures[0].kind == "percent":
        return float(figures[0].value)  # type: ignore[arg-type]
    return None


def find_figures(text: str) -> list[Span]:
    """All figures in `text`, sorted and non-overlapping."""
    return scan_figures(text)[0]


# Where a figure or a protected region can begin. The big pattern is tried only there, never
# at every character: at each run of digits (after looking back for a month, a currency code,
# "over-" or a minus sign that belongs to it), at currency symbols, and at URLs, tags, paths.
_SYMBOL_RE = re.compile(r"[$£€¥₹₩₽@#/\[]")
# Written as one character class first, so the regex engine can skip ahead fast.
_TRIGGER_RE = re.compile(r"[0-9$£€¥₹₩₽@#/\[](?:(?<=[0-9])[0-9]*)?")
_LEAD_RE = re.compile(
    "(?<![^\\W_])(?:"
    + "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
    + ")\\.?[ \u00a0]$"
    + "|(?<![^\\W_])(?:"
    + "|".join(CODES)
    + ")[ \u00a0]?$"
    + "|(?<![^\\W_])(?:over|under)-$"
    + "|(?<=[\\s(])[-−]$"
    + "|(?P<rank>(?<![^\\W_])[Nn]o\\.?[ \u00a0]?)$"
)
_LETTER_PREFIX_RE = re.compile(r"(?<![^\W_])(?:US|U\.S\.|AU|CA|NZ|HK|A|C|S|R)$")
_URL_START_RE = re.compile(r"(?:https?|ftp)://|www\.")
_VAGUE_RE = re.compile(r"(?i)(?<![^\W_])(?:multi-?)?(?:m|b|tr)illion-")
_PROTECT_ONLY_RE = re.compile("|".join((_URL, _TAG, _PATH)))
_EMAIL_RE = re.compile(_EMAIL)
_LIST_MARKER_RE = re.compile(r"(?:\d{1,3}[.)]|\(\d{1,3}\))(?=[ \t])")


def _triggers(text: str) -> list[int]:
    # One scan finds digit runs and symbols, already in order.
    positions = [m.start() for m in _TRIGGER_RE.finditer(text)]
    extra = False
    if "://" in text or "www." in text:
        positions += [m.start() for m in _URL_START_RE.finditer(text)]
        extra = True
    if "illion-" in text or "ILLION-" in text:
        positions += [m.start() for m in _VAGUE_RE.finditer(text)]
        extra = True
    if extra:
        positions.sort()
    return positions


def _lead(text: str, position: int) -> re.Match[str] | None:
    """A month, currency code, "over-", minus sign or rank written just before a number."""
    window = text[max(0, position - 12) : position]
    # Each lead has a capital, "no" or a dash; most numbers follow lower-case words only.
    if window.islower() and "no" not in window and window[-1] not in "-−":
        return None
    return _LEAD_RE.search(text, max(0, position - 12), position)


def _email_start(text: str, at: int) -> int:
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
        start -= 1
    return start


def _list_marker_end(text: str, position: int) -> int:
    """End of a list marker ("1.", "(2)") opening a line at `position`, else 0."""
    if position and text[position - 1] == "(":
        position -= 1
    match = _LIST_MARKER_RE.match(text, position)
    if not match:
        return 0
    line_start = text.rfind("\n", 0, position) + 1
    return 0 if text[line_start:position].strip(" \t") else match.end()


def scan_figures(text: str, with_figures: bool = True) -> tuple[list[Span], list[tuple[int, int]]]:
    """Figures, plus the protected regions (URLs, e-mails, tags, paths) names must avoid."""
    figures: list[Span] = []
    protected: list[tuple[int, int]] = []
    if not with_figures:
        done = 0
        positions = [m.start() for m in _SYMBOL_RE.finditer(text) if text[m.start()] in "@#/"]
        if "://" in text or "www." in text:
            positions = sorted(positions + [m.start() for m in _URL_START_RE.finditer(text)])
        for position in positions:
            if position < done:
                continue
            if text[position] == "@":
                start = _email_start(text, position)
                match = _EMAIL_RE.match(text, start)
                if match and match.end() > position:
                    protected.append(match.span())
                    done = match.end()
                    continue
            match = _PROTECT_ONLY_RE.match(text, position)
            if match:
                protected.append(match.span())
                done = match.end()
        return figures, protected
    done = 0
    for position in _triggers(text):
        if position < done:
            continue
        char = text[position]
        starts: tuple[int, ...] = (position,)
        if char.isdigit():
            marker_end = _list_marker_end(text, position)
            if marker_end:
                done = marker_end
                continue
            lead = _lead(text, position) if position else None
            if lead:
                if lead.group("rank") is not None:
                    continue  # "No 1": a rank, not a figure
                starts = (lead.start(), position)
            else:
                plain = _plain_number(text, position)
                if plain is not None:
                    kind, end = plain
                    if kind:
                        done = end
                        matched = text[position:end]
                        typed = known_value(kind, matched)
                        if typed is not None:
                            figures.append(Span(position, end, "figure", typed[0], typed[1]))
                    continue
        elif char == "$":
            lead = _LETTER_PREFIX_RE.search(text, max(0, position - 4), position)
            if lead:
                starts = (lead.start(), position)
        elif char == "@":
            start = _email_start(text, position)
            email = _EMAIL_RE.match(text, start)
            if email and email.end() > position:
                protected.append(email.span())
                figures = [f for f in figures if f.end <= start]
                done = email.end()
                continue
        match = None
        for start in starts:
            if start >= done:
                match = _FIGURE_RE.match(text, start)
                if match:
                    break
        if match is None:
            continue
        kind = _GROUP_KINDS[match.lastgroup]  # type: ignore[index]
        longer = _longer(text, match.start(), match.end())
        if longer is not None and longer.end() > match.end():
            match, kind = longer, _EXTRA_KINDS[longer.lastgroup]  # type: ignore[index]
        done = match.end()
        if kind == "skip":
            continue
        if kind == "protect":
            protected.append(match.span())
            continue
        start, end = match.span()
        matched = match.group()
        if kind == "count" and _looks_like_year(matched):
            # "the 2003 results": a year, unless what follows is clearly counted.
            if not _COUNTED_TAIL_RE.match(matched, 4):
                kind, end, matched = "year", start + 4, matched[:4]
                done = end
        typed = known_value(kind, matched)
        if typed is not None:
            figures.append(Span(start, end, "figure", typed[0], fresh(typed[1])))
    return figures, protected


_ASCII_DIGITS_RE = re.compile(r"[0-9]+")
_CLOSING = frozenset(")\"'?!;\n”’")
_AFTER_FULL_STOP = frozenset(" \t\n\"'”’)")
_YEAR_DIGITS_RE = re.compile(_YEAR)


def _plain_number(text: str, position: int) -> tuple[str, int] | None:
    """A shortcut past the big pattern for a number that can only be a year or a bare number.

    That is a run of digits ("2004", "17") followed by a closing mark, a comma or a full stop
    that no digit follows, or the end: no unit, scale, currency or date can come after it.
    Returns (pattern kind, end), with an empty kind where no figure starts here, or None when
    the big pattern must decide.
    """
    end = _ASCII_DIGITS_RE.match(text, position).end()  # type: ignore[union-attr]
    after = text[end : end + 2]
    mark = after[:1]
    if mark in ("", ",") or mark in _CLOSING:
        if mark == "," and after[1:].isdecimal():
            return None  # "1,000"
    elif mark != "." or (after[1:] and after[1:] not in _AFTER_FULL_STOP):
        return None  # "3.5", "10.30", "4 million", "5%", "2003-04", ...
    # The big pattern's look back (_NUM_START): not inside a word, a decimal, a code or a path.
    if position:
        before = text[position - 1]
        if before.isalnum() or before in "_.,/#@:$£€¥₹\\":
            return "", end
        if before == "-" and position > 1 and "A" <= text[position - 2] <= "Z":
            return "", end
    if end - position == 4 and _YEAR_DIGITS_RE.fullmatch(text, position, end):
        return "year", end
    return "bare", end


def _looks_like_year(matched: str) -> bool:
    return (
        len(matched) > 4
        and matched[:4].isdigit()
        and not matched[4].isdigit()
        and (1500 <= int(matched[:4]) <= 2100)
    )
