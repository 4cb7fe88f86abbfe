"""Story features of one article: weighted terms, names, figures, years and a text sketch.

In: title and text (plain strings). Out: `TermCounts` (term -> weighted count, before IDF),
which of those terms the title and lead hold (the news itself, as against background), the
years the article is about, and a bottom-k sketch of its word 5-grams for spotting wire
copies. Pure functions, standard library only.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import repeat
from typing import Any
from zlib import crc32

__all__ = [
    "CountCodes",
    "TextFeatures",
    "extract",
    "sketch_similarity",
    "text_date",
]

# How much of a body is read: a story is told in its first paragraphs, and a bound keeps
# 100,000 articles fast.
BODY_CHARS = 2500
LEAD_CHARS = 400
TITLE_WEIGHT = 3
LEAD_WEIGHT = 2
# Extra weight of a capitalised (name-like) word in mid-sentence, and of a number.
NAME_BOOST = 1.6
NUMBER_BOOST = 1.3
SKETCH_SIZE = 32
SHINGLE = 5
SKETCH_CHARS = 400

STOPWORDS = frozenset(
    """
a about above after again against all almost along already also although always am among an
and another any anyone anything are around as at away back be became because become been
before being below between both but by can cannot could did do does doing done down during
each either else enough even ever every few for from further get gets getting got had has
have having he her here hers herself him himself his how however i if in including into is
it its itself just least less like likely made make many may me might more most much must my
myself near nearly neither never no nor not now of off often on once one only onto or other
others otherwise our ours ourselves out over own per perhaps put rather really said same say
says see seem seemed seems several shall she should since so some something still such than
that the their theirs them themselves then there these they this those though through thus to
together too toward towards under until up upon us use used very via was way we well were what
whatever when whenever where whether which while who whom whose why will with within without
would yet you your yours yourself yourselves told tell tells according report reported reports
reporting news new time times day days week weeks today yesterday tomorrow year years ago
last first next later earlier early late s t re ve ll d m don didn doesn isn wasn aren weren
won wouldn couldn shouldn hasn haven hadn mr mrs ms dr st am pm et al http https www com html
htm org net co uk php url image photo video story stories article read more click here share
comment comments update updated published posted copyright rights reserved associated press
""".split()
)
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun".split()
)
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds "
    "thousand thousands million millions billion billions".split()
)

_FRONT_MATTER = re.compile(r"\A\s*---\s*\n.*?\n---\s*\n", re.S)
_PUNCTUATION = "\"'“”‘’()[]{}<>.,;:!?*$£€¥#@/\\|_=+~`^&–—-"
_SENTENCE_END = re.compile(r"[.!?]['\"’”)]*\s+|\n\s*\n|:\s")
# A year not glued to a figure before or after it. The look-behind sits after the first
# digit (same matches) so that the search skips to a 1 or 2 at C speed: 3-4 times faster.
_YEAR = re.compile(r"(?:1(?<![\d.,$£€]1)[89]|2(?<![\d.,$£€]2)0)\d\d(?![\d%])")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_TEXT_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_NAMES})\.?,?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))\b",
    re.I,
)


class TextFeatures:
    """What grouping needs to know of one article's text."""

    __slots__ = ("counts", "years", "sketch", "text_day", "lead")

    def __init__(
        self,
        counts: dict[str, float],
        years: tuple[int, ...],
        sketch: tuple[int, ...],
        text_day: int | None,
        lead: int = 0,
    ) -> None:
        self.counts = counts
        self.years = years
        self.sketch = sketch
        self.text_day = text_day
        # Bit i set: the i-th term of `counts` is in the title or the lead (see `lead_bits`).
        self.lead = lead


class CountCodes(dict[float, int]):
    """Weighted count -> its code, the number of distinct counts seen before it: a grouping
    keeps every article's counts as codes, 2 bytes each instead of 4 (counts are small sums of a
    few weights: 45 distinct on ECB+, 24 in 10,000 synthetic articles), and reads back the
    very floats it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.known: list[float] = []

    def __missing__(self, value: float) -> int:
        code = self[value] = len(self.known)
        self.known.append(value)
        return code

    def encode(self, counts: Sequence[float]) -> array[int]:
        """The codes of `counts`, 2 bytes each (4 once there are over 65,536 distinct)."""
        try:
            return array("H", map(self.__getitem__, counts))
        except OverflowError:
            return array("I", map(self.__getitem__, counts))

    def decode(self, codes: Iterable[int]) -> Iterator[float]:
        return map(self.known.__getitem__, codes)


def extract(title: str, text: str, leads: bool = True) -> TextFeatures:
    """Weighted term counts (title and lead heavier), years mentioned, duplicate sketch, and
    (when `leads`: grouping reads them for undated articles only) which terms are in the
    title or lead and the first full date written near the top (else `text_day` is None).

    `text` may repeat the title as its first line and may open with front matter; both are
    handled. Terms are lower-cased, lightly stemmed words, numbers, and `y:YYYY` for years.
    """
    body = text[: BODY_CHARS + 2000]
    if body.lstrip().startswith("---"):
        body = _FRONT_MATTER.sub("", body, count=1)
    body = body.lstrip()
    stripped_title = title.strip()
    if stripped_title and body.startswith(stripped_title):
        body = body[len(stripped_title) :].lstrip()
    body = body[:BODY_CHARS]
    lead_end = _lead_end(body)
    lead = body[:lead_end].split()
    # Integer weights: repeating a section's tokens weighs it, at C speed.
    tokens = body[lead_end:].split() + lead * LEAD_WEIGHT + title.split() * TITLE_WEIGHT
    counts = _counts(tokens)
    head = f"{title}\n{body[:lead_end]}"
    years = _years(head) or _years(body)
    if not leads:
        # A dated article's day is its published one: the date in its text is never read.
        return TextFeatures(counts, years, _sketch(body or title), None, 0)
    day = text_date(f"{title}\n{body[:300]}") if years else None
    bits = lead_bits(counts, head)
    return TextFeatures(counts, years, _sketch(body or title), day, bits)


def lead_bits(counts: dict[str, float], head: str) -> int:
    """Which terms of `counts` (bit i for the i-th, in the dict's order) occur in `head`, the
    title and lead: what the article reports, as against the background it recalls."""
    cache = _TERM_CACHE
    lead = set()
    for token in set(head.split()):
        entry = cache.get(token, _MISSING)
        if entry is _MISSING:
            entry = _term(token)
        if entry is not None:
            lead.add(entry[0])
    # One digit per term, read as a binary number at C speed (the first term the low bit).
    flags = bytes(map(lead.__contains__, counts)).translate(_BINARY_DIGITS)
    return int(flags[::-1], 2) if flags else 0


# Byte 0 -> "0", byte 1 -> "1".
_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def text_date(text: str) -> int | None:
    """The first full date written in `text` ("June 7, 2013", "7 June 2013"), as an ordinal."""
    for match in _TEXT_DATE.finditer(text):
        groups = match.groupdict()
        for m, d, y in (("m1", "d1", "y1"), ("m2", "d2", "y2"), ("m3", "d3", "y3")):
            if groups[y]:
                month_text = groups[m].lower()
                month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
                try:
                    return date(int(groups[y]), month, int(groups[d])).toordinal()
                except ValueError:
                    break
    return None


def sketch_similarity(left: tuple[int, ...], right: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two articles' word 5-gram sets (bottom-k sketches)."""
    if not left or not right:
        return 0.0
    size = min(SKETCH_SIZE, len(left), len(right))
    union = sorted(set(left) | set(right))[:size]
    shared = set(left) & set(right)
    return sum(1 for h in union if h in shared) / size


# --- internals ------------------------------------------------------------------------------


def _lead_end(body: str) -> int:
    """Where the lead (first two sentences, at most LEAD_CHARS-ish) of `body` ends."""
    end = 0
    for count, match in enumerate(_SENTENCE_END.finditer(body, 0, LEAD_CHARS * 2), start=1):
        end = match.end()
        if count >= 2 or end >= LEAD_CHARS:
            break
    return end or min(len(body), LEAD_CHARS)


def _counts(tokens: list[str]) -> dict[str, float]:
    """Weighted term counts of whitespace tokens; always-capitalised words (names) boosted."""
    counts: dict[str, float] = {}
    capitalised: set[str] = set()
    plain: set[str] = set()
    get = counts.get
    cache = _TERM_CACHE
    if len(cache) > _TERM_CACHE_SIZE:
        cache.clear()
    for token, n in Counter(tokens).items():
        entry = cache.get(token, _MISSING)
        if entry is _MISSING:
            entry = cache[token] = _term(token)
        if entry is None:
            continue
        term, factor, upper = entry
        counts[term] = get(term, 0.0) + n * factor
        if upper:
            capitalised.add(term)
        else:
            plain.add(term)
    for term in capitalised - plain:
        counts[term] *= NAME_BOOST
    return counts


# token -> _term(token): a plain dict (an lru_cache entry costs twice the memory), emptied
# when full.
_TERM_CACHE: dict[str, tuple[str, float, bool] | None] = {}
_TERM_CACHE_SIZE = 100_000
_MISSING: Any = object()


def _term(token: str) -> tuple[str, float, bool] | None:
    """(term, weight factor, capitalised) of one whitespace-separated token, or None."""
    word = token.strip(_PUNCTUATION)
    if not word:
        return None
    first = word[0]
    if first.isdigit():
        number = _number_term(word.split("-", 1)[0].lower())
        return None if number is None else (number, NUMBER_BOOST, False)
    if not first.isalpha():
        return None
    stem = _stem(word.lower())
    if stem is None:
        return None
    return (stem, 1.0, first.isupper() and not stem.startswith("month:"))


def _stem(lower: str) -> str | None:
    """A light stem of a lower-cased word, or None for stop words and noise."""
    lower = lower.replace("’", "'").strip("'-")
    if lower.endswith("'s"):
        lower = lower[:-2]
    if len(lower) < 2 or lower in STOPWORDS or lower in WEEKDAYS:
        return None
    if lower in MONTHS:
        return "month:" + str(MONTHS[lower])
    if len(lower) > 4:
        if lower.endswith("ies"):
            return lower[:-3] + "y"
        if lower.endswith(("sses", "shes", "ches", "xes")):
            return lower[:-2]
        if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
            return lower[:-1]
    return lower


def _number_term(word: str) -> str | None:
    digits = word.rstrip("%")
    if _YEAR.fullmatch(digits):
        return "y:" + digits
    unit = ""
    stripped = digits.rstrip("abcdefghijklmnopqrstuvwxyz")
    if stripped != digits:
        unit = digits[len(stripped) :]
        digits = stripped
    if word.endswith("%"):
        unit = "%"
    value = digits.replace(",", "")
    if not value or value in {"0", "1"}:
        return None
    if unit in ("st", "nd", "rd", "th"):
        return "ord:" + value
    return value + unit


def _years(text: str) -> tuple[int, ...]:
    found = Counter(map(int, _YEAR.findall(text)))
    return tuple(sorted(found, key=lambda y: (-found[y], -y))[:3])


def _sketch(text: str) -> tuple[int, ...]:
    # maps and zip, no Python loop per word: 32 -> 29 us an article (random-word corpus).
    words = list(map(str.strip, text[:SKETCH_CHARS].lower().split(), repeat(_PUNCTUATION)))
    if len(words) < SHINGLE:
        words = words + [""] * (SHINGLE - len(words))
    shingles = zip(*(words[start:] for start in range(SHINGLE)), strict=False)
    hashes = set(map(crc32, map(str.encode, map(" ".join, shingles))))
    return tuple(sorted(hashes)[:SKETCH_SIZE])


def top_terms(weights: Iterable[tuple[str, float]], limit: int) -> list[tuple[str, float]]:
    """The `limit` heaviest (term, weight) pairs, heaviest first, ties by term."""
    return sorted(weights, key=lambda tw: (-tw[1], tw[0]))[:limit]
