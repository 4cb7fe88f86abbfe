"""Figures one story tells in two ways: how long before an act or how long it lasts, hits
told as bullets.

`fact_match.same_thing` links two facts of one measure, one scope and one event. Writers tell
some quantities in two forms that rule keeps apart; general English only:

- **how long before an act**: `a heart attack three weeks before her death` and `a heart
  attack about two weeks ago` (or `nine days earlier`) both say how long before the story's
  own event something happened. The one with `ago`/`earlier` carries a past marker in its
  sentence and the other does not, so their scopes differ; `durations_before_meet` lets them
  meet when the one without the marker is followed by `before`/`prior to` and their scopes are
  otherwise the same (the event word is still checked by `same_thing`); two such durations,
  one without a verb of its own (`had`), meet when two content words near both name the act
  (`had a heart attack three weeks before` / `suffered a heart attack two weeks ago`:
  `acts_before_meet`);
- **how long an act lasts**, written before its noun (`a 10-year marriage`, `a 12-year
  prison sentence`) or after its verb (`married for 12 years`, `sentenced to 10 years`): the
  compound's head noun is the act, one of a few of one person (marriage, sentence, ban ...;
  not offers or deals, often two parties'), and the other side says it with its verb
  (`durations_of_one_act`); not after a modal or `faces` (`should be followed by a six-month
  ban`, `faces a 10-year sentence`: a rule or a maximum, not the act);
- **a distance along a street** counted in buildings, houses or doors (`five buildings away`,
  `three houses away`, `two doors down`): one count (`one_thing_counts`);
- **hits told as bullets**: `was shot 11 times` and `hit by seven bullets` count one thing,
  the shots that struck (`times` of a verb of shooting, a count of bullets or shots with no
  role of its own, whose verb is one of hitting): `one_thing_counts` makes both one `times`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.analysis.fact_tokens import stem
from reader.analysis.fact_words import EVENT_SYNONYMS, STOPWORDS

if TYPE_CHECKING:
    from reader.analysis.fact_model import FigureFact

__all__ = [
    "SHOT",
    "acts_before_meet",
    "durations_before_meet",
    "durations_of_one_act",
    "one_thing_counts",
    "lasting_act",
]

# What follows a duration that counts back from an act: "three weeks before her death".
_BEFORE = re.compile(r"\s*(?:before|prior to)\b", re.IGNORECASE)
# What follows one that counts back from the time of writing: "two weeks ago", "earlier".
_BACK = re.compile(r"\s*(?:ago|earlier|before|previously)\b", re.IGNORECASE)


def _after(fact: FigureFact) -> str:
    """The sentence's text right after the figure (its spaces collapsed as the sentence's)."""
    at = fact.sentence_text.find(fact.text)
    return fact.sentence_text[at + len(fact.text) :] if at >= 0 else ""


def durations_before_meet(a: FigureFact, b: FigureFact) -> bool:
    """Whether two durations whose scopes differ only by a past marker both say how long
    before an act something happened: one `N before <the act>`, the other `N ago`/`N
    earlier` (the marker's), and no other time named differently."""
    if a.measure != "duration" or b.measure != "duration":
        return False
    if a.scope ^ b.scope != {"past"}:
        return False
    plain, marked = (a, b) if "past" in b.scope else (b, a)
    return bool(_BEFORE.match(_after(plain))) and bool(_BACK.match(_after(marked)))


# Words about time that two such durations share without sharing their act.
_TIME_WORDS = frozenset({"ago", "earlier", "before", "prior", "previously", "week", "day", "month"})
_SHARED_ACT = 2  # content words near both figures: "a heart attack", not "the house" alone


def acts_before_meet(a: FigureFact, b: FigureFact) -> bool:
    """Whether two durations counted back from an act or from the time of writing (`before`,
    `ago`, `earlier` right after each) measure one act told once without a verb of its own:
    `had a heart attack three weeks before her death` / `suffered a heart attack about two
    weeks ago`. Two content words near both figures name the act (`heart`, `attack`); two
    different verbs are two acts (`sold` / `bought` the house)."""
    if a.measure != "duration" or b.measure != "duration" or a.event == b.event:
        return False
    if a.event and b.event:
        return False  # "sold the house ... before" / "bought the house ... ago": two acts
    if a.scope != b.scope and a.scope ^ b.scope != {"past"}:
        return False
    if not (_BACK.match(_after(a)) and _BACK.match(_after(b))):
        return False
    return len((a.close & b.close) - _TIME_WORDS) >= _SHARED_ACT


# Verbs of a bullet striking someone, and the nouns of what strikes: "hit by seven bullets".
_HITTING = frozenset({"hit", "struck", "strike", "wound"})
_BULLETS = frozenset({"bullet", "gunshot"})
# "shot 11 times", "hit 11 times", "struck seven times": one count of hits.
_SHOT_VERBS = frozenset({"shot", "shoot", "hit", "struck", "strike"})
SHOT = "shot"


# Nouns that measure a distance along a street ("five buildings away", "three doors down").
_STREET_UNITS = frozenset({"house", "home", "building", "door"})
_ALONG = re.compile(r"\s*(?:away|down|up)\b", re.IGNORECASE)
BUILDINGS_AWAY = "buildings away"
BUILDING = "building"
_CHANGED_NOUNS = _BULLETS | _SHOT_VERBS | _STREET_UNITS


def one_thing_counts(facts: Sequence[FigureFact]) -> Sequence[FigureFact]:
    """A side's facts with counts that two outlets tell with two nouns made one:

    - hits told as bullets: a count of bullets whose verb is one of hitting (`hit by seven
      bullets`, not `fired seven bullets`) and `shot`/`hit`/`struck N times` all count the
      shots that struck, so they meet as one `times` (`shot 11 times` / `hit by seven
      bullets`);
    - buildings, houses or doors away along a street (`five buildings away`, `three houses
      away`): one distance, counted in buildings.

    Called for every pair compared: the list is only copied when a fact changes (5 of the 462
    development articles), and the nouns are checked before any text."""
    out: list[FigureFact] | None = None
    for k, fact in enumerate(facts):
        noun = fact.noun
        if noun not in _CHANGED_NOUNS:
            continue
        changed = (
            replace(fact, measure="times", noun=SHOT, event=SHOT, role="")
            if _hit_count(fact)
            else replace(fact, noun=SHOT, event=SHOT)
            if _shot_times(fact)
            else replace(fact, noun=BUILDING, role=BUILDINGS_AWAY)
            if _street_distance(fact)
            else None
        )
        if changed is not None:
            if out is None:
                out = list(facts)
            out[k] = changed
    return facts if out is None else out


def _street_distance(fact: FigureFact) -> bool:
    return (
        fact.measure == "count"
        and fact.noun in _STREET_UNITS
        and not fact.role
        and bool(_ALONG.match(_after(fact)))
    )


def _hit_count(fact: FigureFact) -> bool:
    return (
        fact.measure == "count"
        and fact.noun in _BULLETS
        and fact.event in _HITTING
        and not fact.other
        and not fact.kinds
    )


def _shot_times(fact: FigureFact) -> bool:
    """`shot N times`; `hit`/`struck N times` only with a gun or a bullet in its clause (`hit
    him twice with a bat` is no shot)."""
    if fact.measure != "times" or fact.noun not in _SHOT_VERBS or fact.event == SHOT:
        return False
    return fact.noun in ("shot", "shoot") or bool(fact.words & _GUN_WORDS)


_GUN_WORDS = frozenset(
    stem(w) for w in "bullet bullets gun guns gunfire gunshot gunman pistol rifle revolver".split()
)


_WORD = re.compile(r"[A-Za-z]+")
_VERB_ENDINGS = ("ed", "ing", "ly")
# Acts of one person that last, as nouns, with the event word of their verb (`married`,
# `sentenced`, `banned`). Not offers, deals or contracts: two "N-year offers" of a story are
# often two parties' (on the development set, the only such reports were of that kind).
_LASTING = {
    "marriage": EVENT_SYNONYMS["married"],
    "sentence": stem("sentenced"),
    "ban": stem("banned"),
    "suspension": stem("suspended"),
    "imprisonment": EVENT_SYNONYMS["imprisoned"],
    "reign": stem("reigned"),
    "exile": stem("exiled"),
}
_COMPOUND = 3  # words after "N-year" that may still be its noun: "a 10-year prison sentence"


def lasting_act(fact: FigureFact) -> str:
    """The act a length written before its noun lasts (`a 10-year marriage`, `a 12-year prison
    sentence`): the head noun of that compound as an event word, so that it meets `married
    for 12 years` and `sentenced to 10 years`. "" for other figures."""
    if fact.measure != "duration" or not fact.noun or "-" not in fact.text:
        return ""
    words = _WORD.findall(_after(fact))[:_COMPOUND]
    head = ""
    for word in words:
        lower = word.lower()
        if lower in STOPWORDS or word[:1].isupper() or len(lower) < 3:
            break
        if head and lower.endswith(_VERB_ENDINGS):
            break  # "a 10-year marriage ended": the verb after the noun
        head = lower
    return _LASTING.get(head, "")


_MODAL = re.compile(
    r"\b(?:should|would|could|can|may|might|must|shall|faces?|facing|up to)\b", re.IGNORECASE
)
_MODAL_REACH = 60  # characters before the figure in its sentence


def _modal_before(fact: FigureFact) -> bool:
    """Whether a modal or a bound comes shortly before the figure ("could face a 10-year
    sentence", "should be followed by a six-month ban"): what may be, not what is."""
    at = fact.sentence_text.find(fact.text)
    return at >= 0 and bool(_MODAL.search(fact.sentence_text[max(0, at - _MODAL_REACH) : at]))


def durations_of_one_act(a: FigureFact, b: FigureFact) -> bool:
    """Whether two durations last one act, one of them written before its noun (`a 10-year
    marriage` / `married for 12 years`; `a 10-year prison sentence` / `sentenced to 12
    years`), the other after its verb."""
    if a.measure != "duration" or not (a.noun or b.noun):
        return False  # most pairs: no length written before a noun
    lasting_a, lasting_b = lasting_act(a), lasting_act(b)
    if bool(lasting_a) == bool(lasting_b):
        return False  # two "N-year offers" may be two parties' offers: the verb's event decides
    if _modal_before(a) or _modal_before(b):
        return False  # "an offence should be followed by a six-month ban": a rule, not a ban
    return (lasting_a or a.event) == (lasting_b or b.event)
