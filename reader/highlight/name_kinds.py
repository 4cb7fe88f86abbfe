"""Kinds of names from evidence: votes for person, organisation, place, product and other."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.config import NAME_KINDS
from reader.highlight import lexicon as lx
from reader.highlight.name_shapes import INTERNAL_CAP_RE, PLACE_HEADS, is_acronym, person_shaped

if TYPE_CHECKING:
    from reader.highlight.known_names import KnownNames
    from reader.highlight.name_runs import Chunk
    from reader.highlight.name_shapes import Vocab

# Kind evidence is a list of five weights, in this order; "other" also wins when none does.
PERSON, ORG, PLACE, PRODUCT, OTHER = range(5)


def no_votes() -> list[float]:
    return [0.0, 0.0, 0.0, 0.0, 0.0]


def add_votes(total: list[float], votes: list[float]) -> None:
    for position in range(5):
        total[position] += votes[position]


def votes_to_kind(votes: list[float]) -> str:
    best = max(votes)
    return NAME_KINDS[votes.index(best)] if best > 0 else "other"


def vote(chunk: Chunk, text: str, vocab: Vocab | None = None) -> list[float]:
    """Evidence for the kind of one mention: [person, org, place, product, other] weights.

    `vocab` tells ordinary words from names ("Time Warner" is no one's name: "time" is a
    word); without it only the word lists do.
    """
    if chunk.evidence is not None:
        return chunk.evidence
    words = chunk.words
    several = len(words) > 1
    static, settled = word_votes(chunk.text, len(words), chunk.person_hint, chunk.place_hint)
    votes = list(static)
    chunk.evidence = votes
    if settled:
        return votes  # a title, a company suffix or an event's settles it
    # Can this be someone's name? One word may be a surname; a longer one must look like a
    # full name whose first word is no ordinary word ("Time Warner", "United Nations").
    personal = not several or (
        person_shaped(chunk.text) and not (vocab is not None and _ordinary(words[0], vocab))
    )
    if votes[PERSON] == 0.5 and not personal:
        votes[PERSON] = 0.0
    end = chunk.end
    after = text[end : end + 30]
    possessive = False
    if after[:1] == " ":  # the common case, "Smith said": no possessive, no "-based"
        next_word = after[1:].lstrip(" ,\u00a0").split(" ", 1)[0].strip(".,;:")
    else:
        if after.startswith("-based"):
            votes[PLACE] += 2
        possessive = after.startswith(("'s ", "’s ", "' ", "’ "))
        rest = after[after.index(" ") :] if possessive else after
        next_word = rest.lstrip(" ,\u00a0").split(" ", 1)[0].strip(".,;:")
    says = False
    if possessive or next_word in _NEXT_WORDS:  # most words after a name say nothing
        says = next_word in lx.PERSON_VERBS
        if next_word in _TEAM_MEMBERS:
            votes[ORG] += 5  # "Bath prop Matt Stevens", "England captain": a side, not a place
        elif possessive:
            if next_word in _ORG_POSSESSIONS:
                votes[ORG] += 1
            elif next_word in _PERSONAL_POSSESSIONS:
                votes[PERSON] += 2  # "Presley's birth", "Smith's wife"
            elif _SCORE_RE.match(next_word):
                votes[ORG] += 3  # "Real's 3-0 win": a side
        elif next_word in lx.TITLE_ACRONYMS or next_word in _ORG_POSSESSIONS:
            votes[ORG] += 2  # "Meta CEO Mark ...", "Acme spokesperson ..."
        elif next_word in _MEMBERS:
            votes[ORG] += 2  # "Westlife star Brian McFadden": a band, a club
        elif says and several:
            # Companies speak too: only what may be a full name is a person by "said"; what
            # cannot be ("Time Warner said") is a body.
            votes[PERSON if personal else ORG] += 1
        if next_word in lx.PRODUCT_NOUNS:
            votes[PRODUCT] += 1
    if after.startswith(", "):
        if _AGE_OR_WHO_RE.match(after, 2) and personal:
            # "Lee, 27," is a person; "Acme, who ..." usually is too, though firms get "who".
            votes[PERSON] += 2 if after[2].isdigit() else 0.5
        elif after.startswith(", which "):
            votes[ORG] += 0.5
    start = chunk.start
    before = text[start - 40 if start > 40 else 0 : start]
    previous = before.rstrip(" ,\u00a0").rsplit(" ", 1)[-1].lower()
    if previous not in _PREVIOUS_WORDS:  # likewise most words before one
        if ("like" in before or "such as" in before or "including" in before) and (
            _ORG_LIST_RE.search(before)
        ):
            votes[ORG] += 1
    elif previous in lx.PERSON_ROLES or previous in ("said", "says"):
        if personal:
            votes[PERSON] += 1
    elif previous in _WORK_NOUNS:
        votes[PRODUCT] += 2  # "the album Encore", "the comedy Sideways"
    elif (
        previous in _ORG_NOUNS
        or previous in _JOINING
        or ("like" in before or "such as" in before or "including" in before)
        and _ORG_LIST_RE.search(before)
    ):
        votes[ORG] += 1
    elif previous in _OPPONENT_WORDS:
        votes[ORG] += 2  # "beat Bath", "against Leicester": a side
    elif previous == "in" and _STAKE_RE.search(before):
        votes[ORG] += 1.5  # "a stake in Google", "investors in Tesco"
    elif previous in ("in", "from", "near", "across") and not several and not possessive:
        votes[PLACE] += 0.5
    elif previous == "the" and says:
        # "the X said": people take no article, places say nothing; a body spoke.
        votes[ORG] += 1
    return votes


def _ordinary(word: str, vocab: Vocab) -> bool:
    """An ordinary English word, not a given name: "Time", "Age", "Band"."""
    return word not in lx.FIRST_NAMES and vocab.is_word(word.lower())


@lru_cache(maxsize=32768)
def word_votes(
    name: str, count: int, person_hint: bool, place_hint: bool
) -> tuple[tuple[float, ...], bool]:
    """The votes a name's own words give (`count` of them), and whether they settle its kind."""
    votes = no_votes()
    parts = name.split()
    first, last = parts[0], parts[-1]
    if person_hint:
        votes[PERSON] += 3
    if place_hint or name in lx.PLACES:
        votes[PLACE] += 4
    if count > 1:
        if last in _EVENT_SUFFIXES:
            votes[OTHER] += 3  # "Champions League", "World Cup", "European Championships"
        elif last in _PARTIES:
            votes[ORG] += 3  # "Liberal Democrats"
        elif is_club(name):
            votes[ORG] += 3  # "Manchester City", "Derby County", "Real Madrid", "Inter Milan"
        elif last in lx.ORG_SUFFIXES:
            votes[ORG] += 3
        elif last in lx.PLACE_SUFFIXES:
            votes[PLACE] += 3
        elif is_acronym(first) and first not in lx.PLACES:
            votes[ORG] += 1  # "BBC Sport", "ICM Research"
        elif first in lx.PLACES and name not in lx.PLACES:
            votes[PLACE] += 1  # "London Heathrow"
        if first in lx.FIRST_NAMES and not first.isupper():
            votes[PERSON] += 2
        if " of " in name or " for " in name:
            votes[PLACE if first in PLACE_HEADS else ORG] += 2
    elif last in lx.ORG_SUFFIXES and last != "AI":
        votes[ORG] += 1
    elif name in lx.PARTIES:
        votes[ORG] += 2  # "Labour", "Tory"
    if name[0] == "i" and name[1:2].isupper():
        votes[PRODUCT] += 2  # "iPod", "iTunes"
    elif (not last.istitle() and INTERNAL_CAP_RE.search(last)) or ".AI" in name or ".com" in name:
        votes[ORG] += 1
    elif is_acronym(last) and name not in lx.PLACES:
        votes[ORG] += 1
    if max(votes) >= 3 and not (count == 1 and votes[PLACE] >= 3 and not person_hint):
        # A gazetteer place alone stays open to its context: "England captain" is a side.
        return tuple(votes), True
    if (
        not max(votes)
        and 2 <= count <= 3
        and first not in lx.PLACES
        and first not in lx.DEMONYMS
        and last not in lx.PLACES
        and person_shaped(name)
    ):
        votes[PERSON] += 0.5  # "Keely Hodgkinson": two plain capitalised words, likely a person
    return tuple(votes), False


def is_club(name: str) -> bool:
    """A football club by its shape: a place with "City" or "Town", or "Real" and a place."""
    first, _, rest = name.partition(" ")
    head, _, last = name.rpartition(" ")
    if not rest or name in lx.PLACES:
        return False
    return (last in _CLUB_SUFFIXES and head in lx.PLACES) or (
        first in _CLUB_PREFIXES and rest in lx.PLACES
    )


_AGE_OR_WHO_RE = re.compile(r"(?:\d{1,2}|who|whose)\b")
_SCORE_RE = re.compile(r"\d{1,2}-\d{1,2}$")
_STAKE_RE = re.compile(r"\b(?:stakes?|shares|investors?|investments?|holdings?) in\s$")
_ORG_NOUNS = frozenset(
    "company firm giant startup start-up rival group retailer bank carrier maker operator owner "
    "subsidiary brand network broadcaster publisher airline club insurer lender supermarket "
    "chain newspaper agency regulator watchdog manufacturer developer studio label conglomerate "
    "outlet website platform charity union party band".split()
)
# "joined Google", "left Chelsea": people join organisations.
_JOINING = frozenset("joined joining joins".split())
_ORG_POSSESSIONS = frozenset(
    "CEO chief boss shares stock board founder founders co-founder investors customers "
    "employees staff headquarters subsidiary revenue revenues profit profits sales valuation "
    "division chairman spokesman spokeswoman spokesperson parent stake acquisition "
    "competitors rivals products platform platforms services website workforce users "
    "subscribers earnings executives executive shareholders".split()
)
# After a possessive, what only people have: "Presley's birth", "Brown's wife".
_PERSONAL_POSSESSIONS = frozenset(
    "birth death wife husband son sons daughter daughters mother father brother sister family "
    "children parents career funeral girlfriend boyfriend widow fiancee fiance birthday "
    "lawyer lawyers agent autobiography memoirs".split()
)
# After a band's or club's name: its members.
_MEMBERS = frozenset("star stars singer frontman guitarist drummer bassist member members".split())
# Words after a side's name: its players, staff and supporters.
_TEAM_MEMBERS = frozenset(
    "side squad team boss manager coach striker midfielder defender goalkeeper keeper winger "
    "captain skipper prop hooker lock flanker fly-half scrum-half full-back centre forward "
    "tight-head loose-head fans supporters".split()
)
# Words before a side's name in a match report.
_OPPONENT_WORDS = frozenset("beat beating v vs versus against".split())
# Works with titles: "the album Encore", "the comedy Sideways". Nouns that are verbs too
# ("hit", "play", "show") would make "hit Radcliffe hard" a title.
_WORK_NOUNS = frozenset(
    "album albums single song songs film films movie movies novel musical opera comedy drama "
    "farce sitcom documentary series programme".split()
)
# Last words of competitions, prizes, events and laws, which are neither people nor bodies.
_EVENT_SUFFIXES = frozenset(
    "Cup Championship Championships Trophy Olympics Open Prix League Awards Award Prize "
    "Tournament Marathon Festival Election Elections Summit Bill Act Treaty Directive "
    "Convention Accord Protocol".split()
)
_PARTIES = frozenset(
    "Democrats Republicans Conservatives Tories Socialists Liberals Greens Unionists "
    "Nationalists Communists".split()
)
# "Manchester City", "Ipswich Town": a place's name with one of these is a football club.
_CLUB_SUFFIXES = frozenset("City Town County".split())
_CLUB_PREFIXES = frozenset(
    "Real Inter Atletico Athletic Dynamo Dinamo Sporting Olympique Borussia Bayern Racing "
    "Deportivo Lokomotiv Spartak".split()
)
_ORG_LIST_RE = re.compile(
    r"\b(?:companies|firms|giants|rivals|competitors|startups|start-ups|clients|brands|banks|"
    r"labs|platforms|groups|networks|manufacturers|makers|operators|retailers|carriers|"
    r"broadcasters|publishers|airlines|clubs|insurers|lenders|supermarkets|chains|charities|"
    r"agencies|organisations|organizations|newspapers|studios|labels|developers|stores|shops)"
    r"\b[^.!?;:]{0,12}\b(?:like|such as|including)\b[^.!?;:]*$"
)


def winner(votes: list[float], index: KnownNames | None, name: str) -> str:
    """The kind a name's pooled votes give, leaning on the corpus's verdict when they are weak."""
    if index is not None:
        declared = index._declared_kinds.get(name)
        if declared:
            return declared
        known = index._kinds.get(name)
        if known and known != "other" and max(votes) < 3:
            votes = list(votes)
            votes[NAME_KINDS.index(known)] += 2
    return votes_to_kind(votes)


# Every word after a name that is evidence of its kind, and every such word before one.
_NEXT_WORDS = (
    _TEAM_MEMBERS
    | _ORG_POSSESSIONS
    | _PERSONAL_POSSESSIONS
    | lx.TITLE_ACRONYMS
    | _MEMBERS
    | lx.PERSON_VERBS
    | lx.PRODUCT_NOUNS
)
_PREVIOUS_WORDS = (
    lx.PERSON_ROLES
    | _WORK_NOUNS
    | _ORG_NOUNS
    | _JOINING
    | _OPPONENT_WORDS
    | frozenset(("said", "says", "in", "from", "near", "across", "the"))
)


def person_like(chunks: list[Chunk], names: set[str], text: str, vocab: Vocab) -> set[str]:
    """Names among `names` with evidence of a person: a first name, a title, "said".

    Only chunks of two words or more can be full names; `chunks` may hold just those.
    """
    people: set[str] = set()
    checked: dict[str, int] = {}
    for chunk in chunks:
        name = chunk.text
        if len(chunk.words) < 2 or name in people or name not in names:
            continue
        seen = checked.get(name, 0)
        if seen >= 3:
            continue
        if not seen and (name.rsplit(" ", 1)[0] in names or not person_shaped(name)):
            checked[name] = 3  # "Ann Lee Acme" when "Ann Lee" is a name already
            continue
        checked[name] = seen + 1
        if chunk.person_hint or chunk.words[0] in lx.FIRST_NAMES:
            people.add(name)
            continue
        votes = vote(chunk, text, vocab)
        if votes[PERSON] >= 1 and votes[PERSON] >= max(votes[ORG], votes[PLACE]):
            people.add(name)
    return people


def share_kinds_in_lists(
    listed: list[tuple[str, str]], canon: dict[str, str], pooled: dict[str, list[float]]
) -> None:
    """Names listed together are of a kind: "Jeddah and Riyadh", "HMV, Virgin and Woolworths".

    A name with no evidence of its own takes a vote from a neighbour in the list that has some.
    """
    pairs = [(canon.get(left, left), canon.get(right, right)) for left, right in listed]
    for _ in range(2):  # twice, so a kind travels along a list of three
        for left, right in pairs:
            for weak, strong in ((left, right), (right, left)):
                votes, known = pooled[weak], pooled[strong]
                if max(votes) < 1 <= max(known):
                    votes[known.index(max(known))] += 1
