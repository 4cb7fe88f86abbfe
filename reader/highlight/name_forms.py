"""Which mentions in one text are one name: surnames, short forms without a company suffix,
acronyms defined in brackets, and the corpus's aliases and short forms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.highlight import lexicon as lx
from reader.highlight.known_names import KnownNames
from reader.highlight.name_shapes import ACRONYM_DEF_RE, initials_match, person_shaped

if TYPE_CHECKING:
    from reader.highlight.name_runs import Chunk


def canonical_map(
    text: str,
    chunks: list[Chunk],
    people: set[str],
    mentions: dict[str, int],
    index: KnownNames | None,
) -> dict[str, str]:
    """Short form -> the full name it stands for in `text`: surnames of its people, names
    without their company suffix, acronyms defined in brackets, and the corpus's aliases and
    short forms (unless this text names another holder of that word)."""
    canon: dict[str, str] = dict(surname_map(people))
    texts = mentions.keys()
    for short, full in short_forms(texts, mentions).items():
        canon.setdefault(short, full)
    brackets = bracket_positions(text)
    if brackets:
        for chunk in chunks:
            if chunk.end not in brackets:
                continue
            match = ACRONYM_DEF_RE.match(text, chunk.end)
            if match and initials_match(chunk.words, match.group(1)):
                canon[match.group(1)] = chunk.text
    if index is not None:
        holders: dict[str, set[str]] | None = None
        for form in texts:
            if form in index._aliases:
                canon[form] = index._aliases[form]
            elif form not in canon:
                long_form = index._short.get(form)
                if not long_form:
                    continue
                if holders is None:
                    holders = word_holders(texts)
                # The corpus's "Brown" is not this text's if it names another Brown.
                if not holders.get(form, set()) - {long_form}:
                    canon[form] = long_form
    return canon


def surname_map(names: set[str], among: Iterable[str] | None = None) -> dict[str, str]:
    """Last word -> full person-like name ("Wang" -> "Alexandr Wang"), when unambiguous.

    Full names are sought `among` the longer of `names` when the caller has them at hand.
    """
    fulls: dict[str, set[str]] = defaultdict(set)
    for name in names if among is None else among:
        if " " not in name or not person_shaped(name):
            continue
        head, last = name.rsplit(" ", 1)
        if head not in names:
            # "Ann Lee Smith" counts, but not "Ann Lee Acme" when "Ann Lee" is a name already.
            fulls[last].add(name)
    return {short: next(iter(full)) for short, full in fulls.items() if len(full) == 1}


def short_forms(texts: Iterable[str], counts: dict[str, int]) -> dict[str, str]:
    """ "Scale" -> "Scale AI" when the longer form with a company suffix is the usual one."""
    forms: dict[str, str] = {}
    for text in texts:
        head, _, suffix = text.rpartition(" ")
        if head and suffix in lx.COMPANY_SUFFIXES and counts.get(head, 0) < counts[text]:
            forms[head] = text
    return forms


def bracket_positions(text: str) -> set[int]:
    """Where " (" stands: an acronym may be defined there ("Office for National Statistics (ONS)")."""
    positions = set()
    position = text.find(" (")
    while position >= 0:
        positions.add(position)
        position = text.find(" (", position + 2)
    return positions


def word_holders(names: Iterable[str]) -> dict[str, set[str]]:
    """First and last word -> the longer names that open or end with it."""
    holders: dict[str, set[str]] = defaultdict(set)
    for name in names:
        first, space, _ = name.partition(" ")
        if space:
            holders[first].add(name)
            holders[name.rpartition(" ")[2]].add(name)
    return holders
