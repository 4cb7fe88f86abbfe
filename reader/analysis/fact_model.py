"""Facts for compare: each figure in a text tied to what it is about.

In: an article body (plain text). Out: `FigureFact`s, one per figure, with its measure (a
count of some noun, an age, a sum of money, a weekday, a distance ...), its value in the
measure's base unit (40 miles and 64 km are both metres), the counted noun and the role of
what is counted (people killed, injured, arrested ...), a hedge (about, nearly, at least),
the content words and names of its clause (what it is about), the time markers of its
sentence (its scope: "last year", "in September") and the sentence itself as evidence.

Numbers written in words (five, a dozen, twenty-three, twice), weekdays and ages are read too.
A figure that says nothing about what it counts (a bare "11") is not a fact.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from reader.analysis.fact_a_duration import A_DURATION, FRAME_WORDS, read_a_duration
from reader.analysis.fact_clock import read_clock
from reader.analysis.fact_dateline import written_on
from reader.analysis.fact_frame import (
    FRAMED,
    frame_words,
    measured_event,
    rate_after,
    verb_behind_participle,
)
from reader.analysis.fact_markers import scope_markers as _scope_markers
from reader.analysis.fact_phrases import after_height
from reader.analysis.fact_reading import Reading as _Reading
from reader.analysis.fact_reading import (
    Value,
    hedge_before,
    near_names,
    owner_before,
    read_elapsed,
    read_number,
    read_ordinal,
    verb_before,
    word_before,
)
from reader.analysis.fact_tokens import CLAUSE_MARKS as _CLAUSE_MARKS
from reader.analysis.fact_tokens import Tok as _Tok
from reader.analysis.fact_tokens import name_key, noun_key, split_sentences, stem, tokenize
from reader.analysis.fact_words import (
    DETERMINERS,
    EVENT_ENDINGS,
    EVENT_SYNONYMS,
    IRREGULAR_PAST,
    MONTH_INDEX,
    MOVES,
    NOT_ABOUT,
    NOT_EVENTS,
    NUMBER_WORDS,
    ORDINALS,
    PERSON_NOUNS,
    ROLE_NOUNS,
    STOPWORDS,
    TIMES_WORDS,
    UNITS,
    WEEKDAY_INDEX,
)
from reader.highlight.span import SpanLike

# Measures whose value is a point in time: their scope is the value itself.
CALENDAR = frozenset({"weekday", "month", "date"})


@dataclass(slots=True)
class FigureFact:
    """One figure read as a fact: how much of what, about whom, when, and where it is said."""

    start: int  # the figure as written, with its unit or counted noun
    end: int
    text: str
    measure: str  # count | times | age | money | percent | record | magnitude | calibre |
    # weekday | month | date | clock | length | mass | duration | speed | area | volume | temperature
    value: Value | str
    unit: str = ""  # money: the currency; otherwise "" (values are in the base unit)
    unit_word: str = ""  # the unit as written, in the singular ("hour", "mile")
    noun: str = ""  # counts: the counted noun's stem ("rifl"), "person" for people
    role: str = ""  # counts: what happened to them (killed, injured, seized ...)
    other: bool = False  # "three other rifles": not the same rifles as "seven rifles"
    kinds: frozenset[str] = frozenset()  # capitalised words before the noun ("Yemeni", "AK")
    hedge: str = ""  # "" | about | nearly | least | under | further | vague
    precision: float = 0.0  # the rounding step of the value as written (12.4 -> 0.1)
    words: frozenset[str] = frozenset()  # content stems of its clause
    close: frozenset[str] = frozenset()  # those within three words of it, moves aside
    # money, percent: the words the figure is attached to ("a $27bn tax bill", "$20bn in
    # damages", "valuation reached $14bn"), as stems; what such a figure is about
    frame: frozenset[str] = frozenset()
    whole: str = ""  # percent: the name it is a share of ("a 56% stake in Ferrari")
    rate: bool = False  # "793,000 barrels per day": a rate, never a story's lone total
    forms: dict[str, str] = field(default_factory=dict)  # close stems as written (longest)
    event: str = ""  # the stem of the verb or event noun nearest to it in its clause
    event_form: str = ""  # that word as written (lower case)
    owner: frozenset[str] = frozenset()  # names it belongs to ("Smith, 61", "Smith's $5m")
    near: frozenset[str] = frozenset()  # ages, records: names earlier in the clause
    scope: frozenset[str] = frozenset()  # months and past markers of its sentence
    days: frozenset[str] = frozenset()  # weekdays named in its sentence
    sentence: tuple[int, int] = (0, 0)
    sentence_text: str = ""  # the sentence, spaces collapsed
    field: str = "body"  # the field of the article the offsets are in: title | body
    spellings: tuple[str, ...] = ()  # the figure alone, and with its noun, as written
    written: str = ""  # ages: the date the article was written on (fact_dateline), ISO


# --- the whole text -------------------------------------------------------------------------

_WINDOW = 8
# "by Saturday", "until Monday": a bound, not the day something happened.
_BOUNDS = frozenset("by until till before after since through from".split())
_MONTH_LEADS = frozenset("in since until by of early late mid during from last".split())
_PAST_PHRASES = frozenset("previous previously earlier formerly ago prior".split())
# A sentence opening with these speaks of what the one before spoke of (its time too).
_ANAPHORA = frozenset("it that this they those these".split())
# Figure kinds of the highlighter's figure finder that the fact model takes as they are.
_TAKEN_KINDS = frozenset({"money", "percent", "date"})


def read_article_facts(
    title: str, body: str, body_figures: Sequence[SpanLike] | None = None
) -> list[FigureFact]:
    """The facts of an article's title, then of its body (offsets are within each field);
    `body_figures` are the highlighter's figure spans of the body when already found."""
    # A title's dates and weekdays are often when it was updated, not when things happened.
    title_facts = [
        f for f in read_facts(title, field="title") if f.measure not in CALENDAR | {"clock"}
    ]
    if body_figures is None:
        from reader.highlight import find_figures

        body_figures = find_figures(body)
    facts = [*title_facts, *read_facts(body, figures=body_figures)]
    written = written_on(body, body_figures)
    if not written:
        return facts
    # An age is as of the day the article was written (fact_subject weighs two such days).
    return [replace(f, written=written) if f.measure == "age" else f for f in facts]


def read_facts(
    text: str, *, field: str = "body", figures: Sequence[SpanLike] | None = None
) -> list[FigureFact]:
    """The figures of `text` as facts, in order of appearance (see the module docstring).

    `figures`: the highlighter's spans of `text` (figures and names) when already found; its
    money, percentages and dates are taken as they are."""
    if figures is None:
        from reader.highlight import find_figures

        figures = find_figures(text)
    figures = sorted(
        (f for f in figures if f.kind in _TAKEN_KINDS and getattr(f, "cls", "figure") == "figure"),
        key=lambda f: f.start,
    )
    facts: list[FigureFact] = []
    figure_index = 0
    lowered = text.lower()
    all_markers = _scope_markers(text, lowered)
    marker_starts = [at for at, _ in all_markers]
    previous_scope: frozenset[str] = frozenset()
    for sentence_start, sentence_end in split_sentences(text):
        opening = _FIRST_WORD.match(text, sentence_start)
        anaphoric = bool(opening) and opening.group().casefold() in _ANAPHORA  # type: ignore[union-attr]
        inherited = previous_scope if anaphoric else frozenset()
        markers = all_markers[
            bisect_left(marker_starts, sentence_start) : bisect_left(marker_starts, sentence_end)
        ]
        previous_scope = frozenset(m for _, m in markers) or inherited
        sentence_figures = []
        while figure_index < len(figures) and figures[figure_index].start < sentence_end:
            if figures[figure_index].start >= sentence_start:
                sentence_figures.append(figures[figure_index])
            figure_index += 1
        if not sentence_figures and not _may_state_figures(text, sentence_start, sentence_end):
            continue  # most sentences state no figure: no need to read them word by word
        tokens = tokenize(text, sentence_start, sentence_end)
        if not tokens:
            continue
        readings = _sentence_readings(tokens, sentence_figures, text)
        sentence = _Sentence(
            (sentence_start, sentence_end),
            " ".join(text[sentence_start:sentence_end].split()),
            markers,
            inherited,
        )
        for reading in readings:
            fact = _fact(text, tokens, reading, sentence)
            facts.append(fact if field == "body" else replace(fact, field=field))
    return facts


@dataclass(frozen=True, slots=True)
class _Sentence:
    span: tuple[int, int]
    text: str
    markers: list[tuple[int, str]]  # (offset, time marker) in the sentence
    inherited: frozenset[str]  # the time of the sentence before, for one opening with "It"


_FIRST_WORD = re.compile(r"\W*([^\W\d_]+)")
# Words that may be or start a figure: number words, weekdays and months (with a capital).
_CANDIDATE_WORDS = frozenset(
    [
        *(
            w
            for word in set(NUMBER_WORDS) - {"zero"} | set(TIMES_WORDS) | set(ORDINALS)
            for w in (word, word.title())
        ),
        *(name.title() for name in WEEKDAY_INDEX),
        *(name.title() for name in MONTH_INDEX),
    ]
)
_DIGIT = re.compile(r"[0-9]")
_LETTERS = re.compile(r"[A-Za-z]+")


def _may_state_figures(text: str, start: int, end: int) -> bool:
    """Whether a sentence has a digit, a number word, a weekday or a month: a sentence
    without any states no figure and is not read word by word."""
    if _DIGIT.search(text, start, end):
        return True
    words = _LETTERS.findall(text, start, end)
    if not _CANDIDATE_WORDS.isdisjoint(words):
        return True
    # "a week before": searched only where a word of its frame is; searched in every such
    # sentence, reading the 462 dev articles' facts cost 3-4% more (433 against 417 ms)
    return not FRAME_WORDS.isdisjoint(words) and bool(A_DURATION.search(text, start, end))


# The words `_sentence_readings` may read a figure from (with numbers).
_READ_WORDS = frozenset(
    [*NUMBER_WORDS, *ORDINALS, *TIMES_WORDS, *WEEKDAY_INDEX, *MONTH_INDEX, "a", "an"]
)


def _sentence_readings(tokens: list[_Tok], figures: list[Any], text: str) -> list[_Reading]:
    """The figures of one sentence's tokens, the highlighter's money, percent and dates first."""
    first, stop = 0, len(tokens)
    readings: list[_Reading] = []
    skip_to = [0] * stop  # where reading resumes inside a highlighter figure
    starts = [t.start for t in tokens] if figures else []
    ends = [t.end for t in tokens] if figures else []
    for figure in figures:
        span = _token_range(starts, ends, figure.start, figure.end)
        if span is None:
            continue
        for k in range(span[0], span[1]):
            skip_to[k] = span[1]
        reading = _reading_of_figure(tokens, span, first, stop, figure.kind, figure.value)
        if reading is not None:
            readings.append(reading)
    index = first
    while index < stop:
        if skip_to[index]:
            index = skip_to[index]
            continue
        token = tokens[index]
        if (
            token.lower not in _READ_WORDS
            and token.kind not in ("num", "numunit")
            and not token.text.isdigit()
        ):
            index += 1  # most words: none of the cases below
            continue
        reading = read_clock(tokens, index, first, stop) if token.text[:1].isdigit() else None
        if reading is not None:
            pass  # "at about 3:30 p.m."
        elif token.text.isdigit() and index + 1 < stop and tokens[index + 1].text == ":":
            reading = read_elapsed(tokens, index, stop)  # "at the 2:15 mark"
        elif token.kind in ("num", "numunit") or token.lower in NUMBER_WORDS:
            if token.lower != "one" or _one_counts(tokens, index, stop):
                reading = read_number(tokens, index, first, stop, text)
        elif token.lower in ("a", "an"):
            reading = read_a_duration(tokens, index, first, stop)  # "a week before"
        elif token.lower in ORDINALS:
            reading = read_ordinal(tokens, index, first, stop)
        elif token.lower in TIMES_WORDS:
            verb = verb_before(tokens, index, first)
            if verb:
                reading = _Reading(index, index + 1, float(TIMES_WORDS[token.lower]))
                reading.measure, reading.noun = "times", verb
        elif (
            token.lower in WEEKDAY_INDEX
            and token.text[:1].isupper()
            and word_before(tokens, index, first) not in _BOUNDS
            and not (  # "before next Tuesday"
                word_before(tokens, index, first) in ("next", "last", "this")
                and word_before(tokens, index - 1, first) in _BOUNDS
            )
        ):
            reading = _Reading(index, index + 1, float(WEEKDAY_INDEX[token.lower]))
            reading.measure = "weekday"
        elif (
            token.lower in MONTH_INDEX
            and token.text[:1].isupper()
            and word_before(tokens, index, first) in _MONTH_LEADS
            and (token.lower != "may" or word_before(tokens, index, first) == "in")
        ):
            reading = _Reading(index, index + 1, float(MONTH_INDEX[token.lower]))
            reading.measure = "month"
        if reading is None:
            index += 1
            continue
        if readings and not reading.owner and _follows(tokens, readings[-1].last, index):
            reading.owner = set(readings[-1].owner)  # "Smith, 53-3, 47 KOs"
        readings.append(reading)
        index = max(index + 1, reading.last if reading.measure != "times" else index + 1)
    readings.sort(key=lambda r: r.first)
    return readings


# Words this close to a figure say what it is ("turnout reached 93.87 percent").
_CLOSE = 3
_COORDINATION = frozenset({"and", "but", "or", "while", "whereas", ";"})
_POSSESSIVE = ("'s", "’s")


def _follows(tokens: list[_Tok], end: int, index: int) -> bool:
    """Whether only commas or "with"/"and" stand between two figures."""
    return 0 <= index - end <= 2 and all(
        tokens[k].text in (",", "with", "and", "(") for k in range(end, index)
    )


def _one_counts(tokens: list[_Tok], index: int, stop: int) -> bool:
    """ "one" is a figure only before a person, a unit or a role ("one person", "1 Wounded")."""
    if index + 1 >= stop:
        return False
    following = tokens[index + 1].lower
    return (
        following in PERSON_NOUNS
        or following in UNITS
        or following in ROLE_NOUNS
        or (following in ("person", "man", "woman", "child"))
    )


def _token_range(
    starts: list[int], ends: list[int], start: int, end: int
) -> tuple[int, int] | None:
    """The tokens [a, b) of a sentence covering the characters [start, end), given the
    tokens' start and end offsets."""
    a = bisect_right(ends, start)
    b = bisect_left(starts, end, a)
    return (a, b) if a < b else None


_CLOCK = frozenset("am pm a.m p.m gmt est edt pst pdt bst hrs ist".split())
_CLOCK_PARTS = _CLOCK | {"a", "p", "m"}  # "7:15 a.m." is cut into 7 : 15 a . m .


def _dateline(tokens: list[_Tok], a: int, b: int, first: int, stop: int) -> bool:
    """A date opening a sentence and running on into the next one without a stop ("Published:
    April 10, 2007 A man who ..."): when the text was posted, not when anything happened."""
    if a - first > 3 and not all(
        tokens[k].kind in ("num", "numunit", "punct")
        or tokens[k].text.isdigit()
        or tokens[k].lower in _CLOCK_PARTS
        for k in range(first, a)
    ):
        return False  # "7:15 a.m. Dec. 7, 2009 A convicted ...": a clock time before it
    k = b
    while k < stop and (
        tokens[k].kind in ("num", "numunit")
        or tokens[k].lower in _CLOCK
        or tokens[k].text in (":", ".")
    ):
        k += 1
    return k < stop and tokens[k].kind == "word" and tokens[k].text[:1].isupper()


def _reading_of_figure(
    tokens: list[_Tok], span: tuple[int, int], first: int, stop: int, kind: str, value: object
) -> _Reading | None:
    """A highlighter figure (money, percent, date) as a reading; years are not facts."""
    a, b = span
    hedged = hedge_before(tokens, a, first)
    if kind == "money":
        if not isinstance(value, dict) or not isinstance(value.get("amount"), (int, float)):
            return None
        amount = float(value["amount"])
        currency = str(value.get("currency", ""))
        verb = word_before(tokens, hedged[1], first)
        if (
            currency == "GBP"
            and tokens[b - 1].lower in ("pound", "pounds")
            and (verb.startswith("weigh") or after_height(tokens, a, first))
        ):
            reading = _Reading(a, b, amount * UNITS["lb"][1], measure="mass")
            reading.precision = UNITS["lb"][1]
        else:
            reading = _Reading(a, b, amount, measure="money", unit=currency)
            reading.precision = 0.0  # sums of money are taken as exact ($14bn vs $14.3bn)
    elif kind == "percent" and isinstance(value, (int, float)):
        reading = _Reading(a, b, float(value), measure="percent")
        digits = tokens[a].text.replace(",", "")
        reading.precision = 10.0 ** -len(digits.split(".")[1]) if "." in digits else 1.0
    elif kind == "date" and isinstance(value, str):
        if _dateline(tokens, a, b, first, stop):
            return None
        reading = _Reading(a, b, value, measure="date")
    else:
        return None
    reading.hedge = hedged[0]
    if reading.measure in ("money", "percent") and b < stop:
        following = tokens[b]
        if (
            following.kind == "word"
            and following.text[:1].islower()
            and following.lower not in STOPWORDS
            and following.lower not in MOVES
        ):
            reading.noun = noun_key(following.lower)  # "$3 billion revenue", "a 20% stake"
            if (
                reading.measure == "percent"
                and b + 2 < stop
                and tokens[b + 1].lower in ("in", "of")
            ):
                reading.whole = _whole_name(tokens, b + 2, stop)  # "a 56% stake in Ferrari"
        elif reading.measure == "percent" and following.lower == "of":
            reading.whole = _whole_name(tokens, b + 1, stop)  # "51% of Yukos"
            reading.noun = _whole(tokens, b + 1, stop)  # "70% of its oil consumption"
    reading.owner = owner_before(tokens, hedged[1], first)
    return reading


def _whole_name(tokens: list[_Tok], index: int, stop: int) -> str:
    """The name a share is of when a name follows ("51% of Yukos", "a stake in Scale AI"):
    its first word, as a name key; else ""."""
    if index >= stop:
        return ""
    token = tokens[index]
    if token.kind != "word" or not token.text[:1].isupper() or token.lower in STOPWORDS:
        return ""
    return name_key(token.text)


def _whole(tokens: list[_Tok], index: int, stop: int) -> str:
    """The noun a percentage is of: the last lower-case word of the phrase after "of" (its
    determiners and adjectives, up to punctuation or a function word), or "" (a name)."""
    noun = ""
    while index < stop and index < len(tokens):
        token = tokens[index]
        if token.kind != "word" or (token.lower in STOPWORDS and token.lower not in DETERMINERS):
            break
        if token.text[:1].islower() and token.lower not in DETERMINERS:
            noun = noun_key(token.lower)
        index += 1
    return noun


def _fact(text: str, tokens: list[_Tok], reading: _Reading, sentence: _Sentence) -> FigureFact:
    first, stop = 0, len(tokens)
    start = tokens[reading.first].start
    end = tokens[max(reading.first, reading.last - 1)].end
    said_from = start  # with its hedge: "at least seven people"
    if reading.hedge:
        hedge, hedge_start = hedge_before(tokens, reading.first, first)
        if hedge == reading.hedge:
            said_from = tokens[hedge_start].start
    figure_end = tokens[reading.first].end
    if reading.measure in ("count",) and reading.noun_index > reading.first:
        figure_end = (
            tokens[reading.noun_index - 1].end
            if reading.noun_index - 1 > reading.first
            else figure_end
        )
    # The clause: up to _WINDOW tokens either side, not across a clause mark.
    low = reading.first
    while (
        low > first and reading.first - low < _WINDOW and tokens[low - 1].text not in _CLAUSE_MARKS
    ):
        low -= 1
    high = reading.last
    while high < stop and high - reading.last < _WINDOW and tokens[high].text not in _CLAUSE_MARKS:
        high += 1
    words = set()
    close = set()
    forms: dict[str, str] = {}
    event = event_form = ""
    event_after = after_form = ""
    event_index = reading.first
    coordinated = False  # "... on November 11 and also sunk": the verb after is another's
    for k in range(low, high):
        if reading.first <= k < reading.last:
            continue
        token = tokens[k]
        lower = token.lower
        if k >= reading.last and lower in _COORDINATION:
            coordinated = True
        if token.kind != "word" or lower in NOT_ABOUT or len(lower) < 3:
            continue
        if (
            token.text[0].isupper()
            and lower not in MONTH_INDEX
            and (k or lower.endswith(_POSSESSIVE))
        ):
            continue  # a name: the clause's names are its owner, not what it is about
        if lower in MONTH_INDEX:
            continue
        word = stem(lower)
        words.add(word)
        if (reading.first - k <= _CLOSE or k - reading.last < _CLOSE) and lower not in MOVES:
            close.add(word)
            if len(lower) > len(forms.get(word, "")):
                forms[word] = lower
        # fact_words.is_event_word, written out: this loop runs for every word of a text
        if (lower in IRREGULAR_PAST or lower.endswith(EVENT_ENDINGS)) and (
            lower in IRREGULAR_PAST or (len(lower) >= 5 and lower not in NOT_EVENTS)
        ):
            if k < reading.first:
                event, event_form = EVENT_SYNONYMS.get(lower, word), lower  # the nearest
                event_index = k
            elif not event_after and not coordinated:
                event_after, after_form = EVENT_SYNONYMS.get(lower, word), lower
    if not event:
        event, event_form = event_after, after_form
    elif reading.measure in CALENDAR:  # "foiled an attack on ships sailing on Friday"
        main = verb_behind_participle(tokens, event_index, first)
        event, event_form = (
            (EVENT_SYNONYMS.get(main, stem(main)), main) if main else (event, event_form)
        )
    measured = measured_event(tokens, reading, stop)
    if measured:
        event, event_form = stem(measured), measured  # "30 hours of deliberation"
    frame = frame_words(tokens, reading, first, stop) if reading.measure in FRAMED else frozenset()
    own = (tokens[reading.first].start, tokens[reading.last - 1].end)
    marked = frozenset(m for at, m in sentence.markers if not own[0] <= at < own[1])
    days = marked & WEEKDAY_INDEX.keys()
    scope = (marked - days) or (sentence.inherited - WEEKDAY_INDEX.keys())
    spellings = (text[start:figure_end], text[start:end])
    return FigureFact(
        start=said_from,
        end=end,
        text=" ".join(text[said_from:end].split()),
        measure=reading.measure,
        value=reading.value,
        unit=reading.unit,
        unit_word=reading.unit_word,
        noun=reading.noun,
        role=reading.role,
        other=reading.other,
        kinds=frozenset(reading.kinds),
        hedge=reading.hedge,
        precision=reading.precision,
        words=frozenset(words),
        close=frozenset(close),
        frame=frame,
        whole=reading.whole,
        rate=reading.measure == "count" and rate_after(tokens, reading.last, stop),
        forms=forms,
        event=event,
        event_form=event_form,
        owner=frozenset(reading.owner),
        near=near_names(tokens, reading, first, event_index),
        scope=scope,
        days=days,
        sentence=sentence.span,
        sentence_text=sentence.text,
        spellings=tuple(dict.fromkeys(" ".join(s.split()) for s in spellings)),
    )
