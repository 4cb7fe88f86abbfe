"""Tolls and ages said as phrases, for the figure reader (`fact_reading.read_number`).

The reader takes "12 people were killed" and "Smith, 44," from the words next to a number.
Writers say the same things in a few set phrases this module reads, general English only:

- a **death toll**: "the death toll rose to 12", "a toll of 40", "bringing the toll to 40":
  a count of people killed;
- **the dead as nouns**: "claimed 12 lives" (lives lost, not saved), "12 deaths", "12
  fatalities": people killed;
- **ages**: "at the age of 44", "44 years of age", "Smith, who is 44,", "the suspect, 45,"
  (a person described, not named);
- **a body's weight**: "5-foot-8, 135 pounds", "6 feet tall and 180 pounds": pounds after a
  height in the sentence weigh, they are no sum of money.
"""

from __future__ import annotations

from reader.analysis.fact_tokens import Tok
from reader.analysis.fact_tokens import name_key as _name_key

__all__ = ["after_height", "age_phrase", "killed_noun", "toll_before"]

# Verbs and little words between "toll" and its figure: "the death toll rose to 12".
_TOLL_LINKS = frozenset(
    """to at of is was has had have now stood stands stand rose rises risen climbed climbs
    reached reaches hit hits jumped increased increases grew grown mounted stands
    officially already""".split()
)
_TOLL_REACH = 8  # words from "toll" to the figure
_RISING = frozenset(
    "rose rises risen climbed climbs reached reaches hit hits jumped increased increases "
    "grew grown mounted".split()
)
# Verbs that take lives away ("claimed 12 lives"), against "saved 12 lives".
_LIVES_LOST = frozenset(
    "claimed claiming claim claims cost costing costs took taking take takes lost losing".split()
)
_DEAD_NOUNS = frozenset("deaths fatalities dead".split())
# Singular nouns for one person: "the suspect, 45, was ..." gives the suspect's age.
_ONE_PERSON = frozenset(
    """man woman boy girl teenager teen youth suspect victim driver passenger gunman
    father mother son daughter husband wife brother sister grandmother grandfather officer
    deputy soldier worker resident student pilot owner actor actress singer player fighter
    boxer coach manager director chief executive""".split()
)


def toll_before(tokens: list[Tok], index: int, first: int) -> str:
    """What the number at `index` counts when it is a death toll's figure ("toll" a few
    linking words before it, not a road's toll): "person" ("a toll of 40"), or "toll" when
    the toll is said to have risen ("the death toll rose to 12"): a running tally at the
    time of writing, compared only with another toll, not with a first day's "three
    killed". Else ""."""
    k = index - 1
    rising = False
    while k >= first and index - k <= _TOLL_REACH:
        lower = tokens[k].lower
        if lower == "toll":
            if k - 1 >= first and tokens[k - 1].lower in ("road", "bridge", "motorway"):
                return ""
            return "toll" if rising else "person"
        if tokens[k].kind != "word" or (lower not in _TOLL_LINKS and not _phrase_word(tokens, k)):
            return ""
        rising = rising or lower in _RISING
        k -= 1
    return ""


def _phrase_word(tokens: list[Tok], k: int) -> bool:
    """A word of a phrase between "toll" and its verb ("the toll from the landslide")."""
    return tokens[k].lower in ("from", "in", "the", "a", "an", "this", "last") or (
        k >= 2 and tokens[k - 1].lower in ("the", "a") and tokens[k - 2].lower in ("from", "in")
    )


def killed_noun(tokens: list[Tok], noun_index: int, hedge_start: int, first: int) -> bool:
    """Whether a count's noun names the dead: "12 deaths", "12 fatalities", or "12 lives"
    after a verb that takes them ("claimed 12 lives", not "saved 12 lives")."""
    noun = tokens[noun_index].lower
    if noun in _DEAD_NOUNS:
        return True
    if noun != "lives":
        return False
    k = hedge_start - 1
    while k >= first and tokens[k].lower in ("a", "an", "the", "some", "about", "at", "least"):
        k -= 1
    return k >= first and tokens[k].lower in _LIVES_LOST


def age_phrase(
    tokens: list[Tok], index: int, end: int, hedge_start: int, first: int, stop: int
) -> tuple[int, set[str]] | None:
    """(the token after the phrase, its owner's names) when the number at `index` (ending at
    `end`) is an age said as a phrase; else None. The number is below 120 (checked by the
    caller)."""
    before = [tokens[k].lower for k in range(max(first, hedge_start - 3), hedge_start)]
    closed = end >= stop or tokens[end].text in (",", ")", ";", ".")
    # "at the age of 44", "aged ... age of 44"
    if before[-2:] == ["age", "of"]:
        return end, set()
    # "44 years of age"
    if (
        end + 2 < stop
        and tokens[end].lower in ("years", "year")
        and tokens[end + 1].lower == "of"
        and tokens[end + 2].lower == "age"
    ):
        return end + 3, set()
    # "Smith, who is 44," : the name before "who" owns it
    if closed and before[-2:] in (["who", "is"], ["who", "was"]):
        at = hedge_start - 3
        if at - 1 >= first and tokens[at].text == "," and tokens[at - 1].text[:1].isupper():
            return end, {_name_key(tokens[at - 1].text)}
        return end, set()
    # "the suspect, 45, was ...": a person described
    if (
        closed
        and end < stop
        and tokens[end].text == ","
        and len(before) >= 2
        and before[-1] == ","
        and before[-2] in _ONE_PERSON
    ):
        return end, set()
    return None


_HEIGHT_WORDS = frozenset("feet foot ft inches inch tall".split())
_HEIGHT_REACH = 6


def after_height(tokens: list[Tok], index: int, first: int) -> bool:
    """Whether a height (words of feet and inches, or "tall") is given right before token
    `index`, with only figures, marks or "and" between: "pounds" after it are a weight
    ("5-foot-8, 135 pounds"), not a price ("a 6-foot statue sold for 200 pounds")."""
    for k in range(index - 1, max(first, index - _HEIGHT_REACH) - 1, -1):
        token = tokens[k]
        if token.lower in _HEIGHT_WORDS:
            return True
        if token.kind == "word" and not token.text.isdigit() and token.lower != "and":
            return False
    return False
