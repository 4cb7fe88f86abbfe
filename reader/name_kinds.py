"""Kinds of names from evidence: votes for person, organisation, place and product."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from reader import lexicon as lx
from reader.name_shapes import INTERNAL_CAP_RE, PLACE_HEADS, is_acronym, person_shaped

if TYPE_CHECKING:
    from reader.name_index import NameIndex
    from reader.name_runs import Chunk

# Kind evidence is a list of four weights, in this order; "other" is what wins when none does.
PERSON, ORG, PLACE, PRODUCT = range(4)
VOTED_KINDS = ("person", "org", "place", "product")


def add_votes(total: list[float], votes: list[float]) -> None:
    for position in range(4):
        total[position] += votes[position]


def votes_to_kind(votes: list[float]) -> str:
    best = max(votes)
    return VOTED_KINDS[votes.index(best)] if best > 0 else "other"


def vote(chunk: Chunk, text: str) -> list[float]:
    """Evidence for the kind of one mention: [person, org, place, product] weights."""
    if chunk.evidence is not None:
        return chunk.evidence
    words = chunk.words
    static, settled = word_votes(chunk.text, len(words), chunk.person_hint, chunk.place_hint)
    votes = list(static)
    chunk.evidence = votes
    if settled:
        return votes  # a title, a gazetteer place or a company suffix settles it
    end = chunk.end
    after = text[end : end + 30]
    if after.startswith("-based"):
        votes[PLACE] += 2
    next_word = after.lstrip(" ,\u00a0'’s").split(" ", 1)[0].strip(".,;:")
    if after.startswith(("'s ", "’s ", "' ", "’ ")):
        if next_word in _ORG_POSSESSIONS:
            votes[ORG] += 1
    elif next_word in lx.TITLE_ACRONYMS or next_word in _ORG_POSSESSIONS:
        votes[ORG] += 2  # "Meta CEO Mark ...", "Acme spokesperson ..."
    elif next_word in lx.PERSON_VERBS:
        votes[PERSON] += 1
    if next_word in lx.PRODUCT_NOUNS:
        votes[PRODUCT] += 1
    if after.startswith(", ") and _AGE_OR_WHO_RE.match(after, 2):
        # "Lee, 27," is a person; "Acme, who ..." usually is too, though firms get "who" as well.
        votes[PERSON] += 2 if after[2].isdigit() else 0.5
    start = chunk.start
    before = text[start - 40 if start > 40 else 0 : start]
    previous = before.rstrip(" ,\u00a0").rsplit(" ", 1)[-1].lower()
    if previous in lx.PERSON_ROLES or previous in ("said", "says"):
        votes[PERSON] += 1
    elif (
        previous in _ORG_NOUNS
        or ("like" in before or "such as" in before or "including" in before)
        and _ORG_LIST_RE.search(before)
    ):
        votes[ORG] += 1
    elif previous in ("in", "from", "near", "across") and len(words) == 1:
        votes[PLACE] += 0.5
    return votes


@lru_cache(maxsize=16384)
def word_votes(
    name: str, count: int, person_hint: bool, place_hint: bool
) -> tuple[tuple[float, ...], bool]:
    """The votes a name's own words give (`count` of them), and whether they settle its kind."""
    votes = [0.0, 0.0, 0.0, 0.0]
    parts = name.split()
    first, last = parts[0], parts[-1]
    if person_hint:
        votes[PERSON] += 3
    if place_hint or name in lx.PLACES:
        votes[PLACE] += 4
    if count > 1:
        if last in lx.ORG_SUFFIXES:
            votes[ORG] += 3
        elif last in lx.PLACE_SUFFIXES:
            votes[PLACE] += 3
        if first in lx.FIRST_NAMES and not first.isupper():
            votes[PERSON] += 2
        if " of " in name or " for " in name:
            votes[PLACE if first in PLACE_HEADS else ORG] += 2
    elif last in lx.ORG_SUFFIXES and last != "AI":
        votes[ORG] += 1
    if (not last.istitle() and INTERNAL_CAP_RE.search(last)) or ".AI" in name or ".com" in name:
        votes[ORG] += 1
    elif is_acronym(last) and name not in lx.PLACES:
        votes[ORG] += 1
    if max(votes) >= 3:
        return tuple(votes), True
    if (
        not max(votes)
        and 2 <= count <= 3
        and first not in lx.PLACES
        and last not in lx.PLACES
        and person_shaped(name)
    ):
        votes[PERSON] += 0.5  # "Keely Hodgkinson": two plain capitalised words, likely a person
    return tuple(votes), False


_AGE_OR_WHO_RE = re.compile(r"(?:\d{1,2}|who|whose)\b")
_ORG_NOUNS = frozenset(
    "company firm giant startup start-up rival group retailer bank carrier maker operator owner "
    "subsidiary brand network broadcaster publisher airline club insurer lender supermarket "
    "chain newspaper agency regulator watchdog manufacturer developer studio label conglomerate "
    "outlet website platform charity union party".split()
)
_ORG_POSSESSIONS = frozenset(
    "CEO chief boss shares stock board founder founders co-founder investors customers "
    "employees staff headquarters subsidiary revenue revenues profit profits sales valuation "
    "division chairman spokesman spokeswoman spokesperson parent stake acquisition "
    "competitors rivals products platform platforms services website workforce users "
    "subscribers earnings executives executive shareholders".split()
)
_ORG_LIST_RE = re.compile(
    r"\b(?:companies|firms|giants|rivals|competitors|startups|start-ups|clients|brands|banks|"
    r"labs|platforms|groups)\b[^.!?;:]{0,12}\b(?:like|such as|including)\b[^.!?;:]*$"
)


def winner(votes: list[float], index: NameIndex | None, name: str) -> str:
    """The kind a name's pooled votes give, leaning on the corpus's verdict when they are weak."""
    if index is not None:
        declared = index._declared_kinds.get(name)
        if declared:
            return declared
        known = index._kinds.get(name)
        if known and known != "other" and max(votes) < 3:
            votes = list(votes)
            votes[VOTED_KINDS.index(known)] += 2
    return votes_to_kind(votes)
