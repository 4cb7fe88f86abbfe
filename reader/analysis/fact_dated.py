"""The thing a month or a date is of, when a participle ties it to a noun.

`rules issued last December` and `rule changes made in January` date one thing (rules) with two
verbs: a reduced relative clause, a noun followed by a past participle and the time, says when
that noun's thing was done, whatever the verb. `fact_match.same_thing` compares two such months
or dates when their nouns share a word, as it compares two of one verb.

General English only. A noun phrase right after a determiner, a pronoun, a conjunction or at the
start of a clause is more likely a subject whose verb is in the past tense (`the company issued
in January`): it is not read, so only the objects of a verb or a preposition are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.analysis.fact_model import FigureFact

__all__ = ["dated_thing", "dated_things_meet"]

# Past participles that do not end in -ed.
_IRREGULAR = frozenset(
    """made taken given written sent set done built paid sold brought found put held kept
    begun broken chosen drawn driven laid led left lost met read run seen shown spent struck
    told thought won""".split()
)
# The time after the participle: `issued last December`, `made in January`, `signed on May 4`.
_TIME_LEAD = re.compile(r"\s+(?:(?:in|on|last|this|early|late|since)\s+)?$", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words before the noun phrase that make it a subject (or no noun at all).
_NOT_BEFORE = frozenset(
    """the a an this that these those its his her their our my your he she it they we i who
    which and or but then also was were is are be been had has have""".split()
)
# Words that are no noun of the phrase.
_NOT_NOUNS = _NOT_BEFORE | frozenset(
    "of to for by with from at as in on into under over about after before during not no any "
    "all some new".split()
)
_PHRASE = 2  # nouns read before the participle: `rule changes`


def _stem(word: str) -> str:
    word = word.lower().rstrip("'’")
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def dated_thing(fact: FigureFact) -> frozenset[str]:
    """The nouns (stems) a month or date is of, through `NOUN PARTICIPLE [in|last] TIME`."""
    return _dated(fact)[1]


def _dated(fact: FigureFact) -> tuple[str, frozenset[str]]:
    """The head noun (the word before the participle) and the phrase's nouns, as stems."""
    if fact.measure not in ("month", "date"):
        return ("", frozenset())
    return _dated_in(fact.sentence_text, fact.text)


# Fact matching asks this of each month or date once per fact it is weighed against (some
# 370 times a comparison of two 5,000-word articles, 2% of a cold one): kept by sentence.
@lru_cache(maxsize=4096)
def _dated_in(text: str, figure: str) -> tuple[str, frozenset[str]]:
    """`_dated` of a month or date written `figure` in the sentence `text`."""
    none: tuple[str, frozenset[str]] = ("", frozenset())
    at = text.find(figure)
    if at < 0:
        return none
    lead = _TIME_LEAD.search(text[max(0, at - 12) : at])
    before = text[: at - len(lead.group(0))] if lead else text[:at]
    clause = re.split(r"[,;:()\u2014]|\s-\s", before[-80:])[-1]
    words = _WORD.findall(clause)
    if len(words) < 2:
        return none
    participle = words[-1]
    if participle != participle.lower() or not (
        (participle.endswith("ed") and len(participle) >= 5) or participle in _IRREGULAR
    ):
        return none
    nouns: list[str] = []
    k = len(words) - 2
    while k >= 0 and len(nouns) < _PHRASE:
        word = words[k]
        if word != word.lower() or word in _NOT_NOUNS or word.endswith("ly"):
            break
        nouns.append(word)
        k -= 1
    if not nouns or k < 0:
        return none  # the phrase opens its clause: a subject
    opener = words[k]
    if opener != opener.lower() or opener in _NOT_BEFORE:
        return none  # `the company issued in January`: a subject and its verb
    return _stem(nouns[0]), frozenset(_stem(w) for w in nouns)


def dated_things_meet(a: FigureFact, b: FigureFact) -> bool:
    """Two months or dates of one thing done (`rules issued`, `rule changes made`): the head
    noun of one side is in the other side's phrase."""
    head_a, things_a = _dated(a)
    head_b, things_b = _dated(b)
    return bool(head_a and head_b) and (head_a in things_b or head_b in things_a)
