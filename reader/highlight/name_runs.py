"""Candidate names: runs of capitalised words, cut at titles, job acronyms, weekdays and such."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.highlight import lexicon as lx
from reader.highlight.name_layout import BEFORE_OPENING, BEFORE_SPACE, Layout
from reader.highlight.name_shapes import (
    NEVER_A_NAME_ALONE,
    NOT_A_NAME_ALONE,
    RUN_RE,
    SPLIT_WORDS,
    TITLES,
    TOKEN_RE,
)


@dataclass(slots=True)
class Chunk:
    """A candidate name: a run of capitalised tokens after splitting off titles and the like."""

    start: int
    end: int
    words: Sequence[str]  # never changed once made; cached runs share theirs
    ctx: str  # "mid" (mid-sentence), "start" (sentence start), "title" (Title Case line)
    person_hint: bool = False
    text: str = ""
    place_hint: bool = False
    evidence: list[float] | None = None  # kind votes, once worked out


def find_chunks(
    text: str, layout: Layout, never: frozenset[str], shouted: Callable[[str], bool]
) -> list[Chunk]:
    """The candidate names of `text`, in order (datelines first).

    `never` holds words (lower case) that are never names; `shouted(word)` tells a word in
    capitals written for emphasis ("NEVER") from an acronym.
    """
    found: list[Chunk] = []
    append = found.append
    datelines = set()
    for start, end, place in layout.datelines():
        append(Chunk(start, end, place.split(), "mid", False, place, True))
        datelines.add(start)
    context = layout.context
    headings = layout.has_headings
    for run in RUN_RE.finditer(text):
        word = run.group()
        start, end = run.span()
        if start and text[start - 1] in "ie":
            start -= 1  # "iPhone": the match began at its capital
            word = text[start:end]
        if word in NEVER_A_NAME_ALONE:
            continue  # "The", "He", "Monday": most capitalised words, dropped cheaply
        if datelines and start in datelines:
            continue
        if " " in word or "\u00a0" in word:
            # Plain capitalised words ("Gordon Brown") have nothing to split off.
            words = None if never else _plain_run(word)
            if words is None:
                _add_pieces(text, start, word, layout, never, shouted, found)
                continue
        elif (
            # One word, the common case: the rules of _cut_run, without its bookkeeping.
            word in NOT_A_NAME_ALONE
            or (len(word) == 1 and word != "X")
            or (word.isupper() and len(word) > 3 and shouted(word))
            or (never and word.lower() in never)
        ):
            continue
        else:
            words = (word,)
        # Most runs cannot open a sentence (see Layout.quick_context), tested inline here.
        if headings or start < 2:
            ctx = context(start)
        elif text[start - 1] == " ":
            ctx = context(start) if text[start - 2] in BEFORE_SPACE else "mid"
        else:
            ctx = context(start) if text[start - 1] in BEFORE_OPENING else "mid"
        if ctx != "mid" and len(words) > 1 and words[0] in lx.FUNCTION_WORDS:
            _add_pieces(text, start, word, layout, never, shouted, found)
            continue
        append(Chunk(start, end, words, ctx, False, word))
    return found


def _add_pieces(
    text: str,
    start: int,
    run: str,
    layout: Layout,
    never: frozenset[str],
    shouted: Callable[[str], bool],
    found: list[Chunk],
) -> None:
    """Cut a run at `start` into pieces and add them, each with its own context."""
    pieces = None if never else _cut_run_alone(run)
    if pieces is None:
        pieces = _cut_run(run, shouted, never)
    for tokens, hint, words in pieces:
        first = start + tokens[0][0]
        ctx = layout.quick_context(first)
        if ctx != "mid" and words[0] in lx.FUNCTION_WORDS:
            # "The", "In", "But" open the sentence; what follows reads as mid-sentence.
            if len(tokens) == 1:
                continue
            words = words[1:]
            first = start + tokens[1][0]
            ctx = "mid" if ctx == "start" else ctx
        end = start + tokens[-1][1]
        found.append(Chunk(first, end, words, ctx, hint, text[first:end]))


_Token = tuple[int, int, str]  # start, end (within the run) and the word
_Piece = tuple[tuple[_Token, ...], bool, tuple[str, ...]]  # tokens, after a title?, words


def _cut_run(run: str, shouted: Callable[[str], bool], never: frozenset[str]) -> tuple[_Piece, ...]:
    """The pieces of a run that may be names, each with whether a title marked it a person.

    "Prime Minister Tony Blair" -> ["Tony Blair" (a person)]; "Meta CEO Mark Zuckerberg" ->
    ["Meta", "Mark Zuckerberg" (a person)]; "Bank of England" stays whole, but "Rise of Acme"
    is cut at "of" because "Rise" heads no such name.
    """
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(run)]
    pieces: list[_Piece] = []

    def flush(current: list[_Token], hint: bool) -> None:
        stripped = False
        while current and current[-1][2] in lx.DEMONYMS:
            current = current[:-1]
            stripped = True
        if stripped and current and current[-1][2] in _COMPASS:
            current = current[:-1]  # "North Korean", "South African": adjectives
        if current:
            pieces.append((tuple(current), hint, tuple(token[2] for token in current)))

    titled = _title_of_then_person(run, tokens)
    if titled is not None:
        # "Vice Minister of Commerce Wang Lin": the office, then a person.
        title_at, person_at = titled
        while title_at and tokens[title_at - 1][2] in _BEFORE_TITLE:
            title_at -= 1  # "Chinese Vice Minister of ...": no name before the title
        head = _cut_run(run[: tokens[title_at][0]].rstrip(), shouted, never) if title_at else ()
        rest = tuple(tokens[person_at:])
        return (*head, (rest, True, tuple(token[2] for token in rest)))

    current: list[_Token] = []
    hint = False
    count = len(tokens)
    for position, token in enumerate(tokens):
        start, end, word = token
        gap_after = run[end : tokens[position + 1][0]] if position + 1 < count else ""
        if current:
            gap = run[current[-1][1] : start]
            if len(gap) > 1 and gap.strip(" \u00a0").split()[0] in ("of", "for"):
                if current[-1][2] not in lx.OF_HEADS:
                    flush(current, hint)
                    current, hint = [], False
        if (
            word in lx.TITLE_ACRONYMS
            or word.lower() in never
            or (word in lx.WEEKDAYS and not current)
            # "in the U.S. The company": an abbreviation ended the sentence.
            or (current and current[-1][2].endswith(".") and word in lx.FUNCTION_WORDS)
            or (word.isupper() and len(word) > 3 and shouted(word))
        ):
            flush(current, hint)
            current, hint = [], word in lx.TITLE_ACRONYMS
            continue
        if (
            current
            and 2 <= count - position <= 3
            and word in lx.FIRST_NAMES
            and run[current[-1][1] : start] == " "
            and (
                current[-1][2] in lx.ORG_SUFFIXES
                or (current[-1][2] in lx.PLACES and current[-1][2] not in lx.FIRST_NAMES)
            )
            and all(t[2][0].isupper() and not t[2].isupper() for t in tokens[position:])
        ):
            # "Manchester United Wayne Rooney", "Ambassador to Chile Tom Bell": a body or a
            # place, then a person's full name.
            flush(current, hint)
            current, hint = [token], True
            continue
        if (
            word in TITLES
            and (gap_after == " " or not gap_after)
            # "Justice Department", "Chancellor Group": the word names a body here.
            and not (position + 1 < count and tokens[position + 1][2] in lx.ORG_SUFFIXES)
        ):
            before = [
                t
                for t in current
                if t[2] not in lx.TITLE_MODIFIERS and t[2] not in lx.FUNCTION_WORDS
            ]
            if gap_after == " " and (not before or position + 1 < count):
                # "Prime Minister Tony Blair", "Meta CEO Mark ..." : a title, then a person.
                flush(before, hint)
                current, hint = [], True
                continue
            if not before:
                current, hint = [], False  # a title alone ("the Chancellor") names no one
                continue
        if not current and (
            word in lx.MONTHS
            or word in lx.NEVER_ALONE
            # A lone capital opens a name only before more of it: "Y Vote", "E Street Band".
            or (len(word) == 1 and word != "X" and (word in "AIO" or gap_after != " "))
            # "an Austrian Green member": the nationality describes the party.
            or (
                word in lx.DEMONYMS
                and position + 1 < count
                and tokens[position + 1][2] in lx.PARTIES
            )
        ):
            hint = False
            continue
        current.append(token)
    flush(current, hint)
    # Tuples all through: cached, they cost the garbage collector nothing once it has seen them.
    return tuple(pieces)


_BEFORE_TITLE = lx.TITLE_MODIFIERS | TITLES | lx.DEMONYMS | lx.FUNCTION_WORDS
_COMPASS = frozenset(
    "North South East West Central Northeast Northwest Southeast Southwest".split()
)


def _title_of_then_person(run: str, tokens: list[_Token]) -> tuple[int, int] | None:
    """(title, person) token positions in "Secretary of State Maria Ruiz", else None."""
    count = len(tokens)
    for at, (_, end, word) in enumerate(tokens[: count - 3]):
        if word not in TITLES or run[end : tokens[at + 1][0]] not in (" of ", " for "):
            continue
        person = next((i for i in range(at + 2, count - 1) if tokens[i][2] in lx.FIRST_NAMES), None)
        if person is None and count - (at + 2) in (2, 3):
            person = at + 2
        if person is None or any(t[2] in lx.ORG_SUFFIXES for t in tokens[person:]):
            return None
        return at, person
    return None


def _shouted_alone(word: str) -> bool:
    """shouted() for the words it can judge without the text: long ones, function words."""
    return word not in lx.PLACES and (len(word) > 5 or word.capitalize() in lx.FUNCTION_WORDS)


@lru_cache(maxsize=32768)
def _cut_run_alone(run: str) -> tuple[_Piece, ...] | None:
    """_cut_run for runs whose cuts need nothing from the text, else None.

    Only a capital word of four or five letters ("NATO", "NEVER") may ask the text: an
    acronym or a shout.
    """
    for word in run.split():
        if word.isupper() and 3 < len(word) <= 5 and word not in lx.PLACES:
            if word.capitalize() not in lx.FUNCTION_WORDS:
                return None
    return _cut_run(run, _shouted_alone, frozenset())


@lru_cache(maxsize=32768)
def _plain_run(run: str) -> tuple[str, ...] | None:
    """The words of a run with nothing to split off ("Gordon Brown"), else None."""
    if "\u00a0" in run:
        return None
    words = tuple(run.split())
    if (
        words[-1] in lx.DEMONYMS
        or (words[0] in lx.DEMONYMS and words[1] in lx.PARTIES)
        or any(w in SPLIT_WORDS or not w[0].isupper() or w.isupper() or len(w) == 1 for w in words)
        or any(_body_then_person(words, i) for i in range(max(1, len(words) - 3), len(words) - 1))
    ):
        return None
    return words


def _body_then_person(words: Sequence[str], at: int) -> bool:
    """Whether a full name starts at `at` after a body or a place ("United Wayne Rooney")."""
    before = words[at - 1]
    return words[at] in lx.FIRST_NAMES and (
        before in lx.ORG_SUFFIXES or (before in lx.PLACES and before not in lx.FIRST_NAMES)
    )
