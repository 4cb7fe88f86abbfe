"""Figures one story tells in two ways: how long before an act, hits told as bullets.

`fact_match.same_thing` links two facts of one measure, one scope and one event. Writers tell
some quantities in two forms that rule keeps apart; general English only:

- **how long before an act**: `a heart attack three weeks before her death` and `a heart
  attack about two weeks ago` (or `nine days earlier`) both say how long before the story's
  own event something happened. The one with `ago`/`earlier` carries a past marker in its
  sentence and the other does not, so their scopes differ; `durations_before_meet` lets them
  meet when the one without the marker is followed by `before`/`prior to` and their scopes are
  otherwise the same (the event word is still checked by `same_thing`);
- **hits told as bullets**: `was shot 11 times` and `hit by seven bullets` count one thing,
  the shots that struck (`times` of a verb of shooting, a count of bullets or shots with no
  role of its own, whose verb is one of hitting): `hits_as_times` makes both one `times`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.analysis.fact_model import FigureFact

__all__ = ["SHOT", "durations_before_meet", "hits_as_times"]

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


# Verbs of a bullet striking someone, and the nouns of what strikes: "hit by seven bullets".
_HITTING = frozenset({"hit", "struck", "strike", "wound"})
_BULLETS = frozenset({"bullet", "gunshot"})
# "shot 11 times", "hit 11 times", "struck seven times": one count of hits.
_SHOT_VERBS = frozenset({"shot", "shoot", "hit", "struck", "strike"})
SHOT = "shot"


def hits_as_times(facts: Sequence[FigureFact]) -> Sequence[FigureFact]:
    """A side's facts with hits told as bullets made `times` of one verb of shooting: a count
    of bullets whose verb is one of hitting (`hit by seven bullets`, not `fired seven
    bullets`) and `shot`/`hit`/`struck N times` all count the shots that struck, so they meet
    as one `times` (`shot 11 times` / `hit by seven bullets`)."""
    if not any(_hit_count(f) or _shot_times(f) for f in facts):
        return facts  # most texts: nothing to change
    return [
        replace(f, measure="times", noun=SHOT, event=SHOT, role="")
        if _hit_count(f)
        else replace(f, noun=SHOT, event=SHOT)
        if _shot_times(f)
        else f
        for f in facts
    ]


def _hit_count(fact: FigureFact) -> bool:
    return (
        fact.measure == "count"
        and fact.noun in _BULLETS
        and fact.event in _HITTING
        and not fact.other
        and not fact.kinds
    )


def _shot_times(fact: FigureFact) -> bool:
    return fact.measure == "times" and fact.noun in _SHOT_VERBS and fact.event != SHOT
