"""What names look like: capitalised tokens and runs, word shapes, words that are no names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from reader.highlight import lexicon as lx

# --- tokens and runs ----------------------------------------------------------------------

# Latin capitals, including accented ones, so "Ángel" and "Łódź" start names too.
UP = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_TOKEN = (
    rf"[{UP}]\.(?:[{UP}a-z]\.)+(?![^\W_])"  # U.S., J.K., S.p.A.
    rf"|[{UP}]\.(?=[ \u00a0][{UP}][a-z])"  # a middle initial: George W. Bush
    rf"|(?:[{UP}]|[ie](?=[{UP}]))[^\W_]*(?:['’][{UP}][^\W_]*)?(?:-[{UP}][^\W_]*)*"
    # A given name's short lower-case part after the family name: "Kim Dae-sung", "Jong-un".
    rf"(?:-(?!(?:era|led|run|ish|born|based|backed|like|style)(?![^\W_]))[a-z]{{2,4}}(?![^\W_]))?"
    rf"(?:&[{UP}][^\W_]*)*(?:\.(?:AI|ai|com|io|net|org)(?![^\W_]))?"
)
# Particles always join ("da Vinci"); "of"/"for" join only after a head word ("Bank of").
_PARTICLES = "de|du|da|di|do|dos|das|del|della|der|den|van|von|le|la|al|bin|ibn|upon"
_GAP = (
    rf"(?:[ \u00a0]|[ \u00a0](?:of|for|{_PARTICLES})(?:[ \u00a0]the)?[ \u00a0]|[ \u00a0]&[ \u00a0])"
)
# The first token is written out with its first character in front, so the regex engine can
# skip ahead to capitals instead of trying the whole pattern at every character. A lower-case
# "i" or "e" opening a name ("iPhone", "eBay") is looked back at from the capital after it, so
# the scan need not stop at every "i" and "e": such a match starts one character early.
_FIRST_TOKEN = (
    rf"[{UP}](?:(?<![\w@#/.\\].)(?<![^\W_]['’].)|(?<=(?<![\w@#/.\\])(?<![^\W_]['’])[ie].))"
    rf"(?:(?<![ie].)\.(?:[{UP}]\.)+(?![^\W_])"
    rf"|(?<![ie].)\.(?=[ \u00a0][{UP}][a-z])"
    rf"|[^\W_]*(?:['’][{UP}][^\W_]*)?(?:-[{UP}][^\W_]*)*"
    rf"(?:&[{UP}][^\W_]*)*(?:\.(?:AI|ai|com|io|net|org)(?![^\W_]))?)"
)
# A run of capitalised tokens joined by spaces and particles: "Bank of England", "Ángel Di".
RUN_RE = re.compile(rf"{_FIRST_TOKEN}(?:{_GAP}(?:{_TOKEN}))*")
TOKEN_RE = re.compile(_TOKEN)
LOWER_WORD_RE = re.compile(r"[a-z](?<![^\W_].)[a-z'’-]*")
INTERNAL_CAP_RE = re.compile(rf"[a-z][{UP}]")
_ACRONYM_RE = re.compile(rf"[{UP}][{UP}\d&]+s?")
# A version after a product name: "Llama 4", "iPhone 16 Pro" (not a score, "Rovers 2-1").
VERSION_RE = re.compile(
    r"[ \u00a0](\d{1,3}(?:\.\d{1,2})?(?:[ \u00a0](?:Pro|Max|Plus|Ultra|Mini|Air|Lite|SE|XL))*)"
    r"(?![\d,%-]|\.\d|[^\W\d_]|[ \u00a0]?(?:%|per\b))"
)
# Lower-to-upper inside a word: "WangScale". Real names have it too ("DeepSeek"), so a glued
# word is split only where both sides are known names.
GLUE_RE = re.compile(rf"[a-z][{UP}][a-z]")
# "Bank of England (BoE)": an acronym defined right after a name.
ACRONYM_DEF_RE = re.compile(r"[ \u00a0]\(([A-Z][A-Z&]{1,7})\)")


@lru_cache(maxsize=32768)
def token_spans(run: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each token of a run of capitalised words, within the run."""
    return tuple(match.span() for match in TOKEN_RE.finditer(run))


# --- word lists ---------------------------------------------------------------------------

# Titles that, before another capitalised word, mark a person and are not part of the name.
TITLES = frozenset(
    "Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Baroness Baron Rev Reverend "
    "President Chancellor Senator Sen Rep Representative Congressman Congresswoman Governor Gov "
    "Mayor Judge Pope Cardinal Archbishop Rabbi Imam Sheikh Gen Colonel Col Captain Capt "
    "Lieutenant Lt Sergeant Sgt Admiral Coach Inspector Detective Commissioner Ambassador "
    "Minister Secretary Speaker Chairman Chairwoman Chairperson Councillor Councilor King Queen "
    "Prince Princess Duke Duchess Earl Premier Executive Officer Director Founder Editor Chief "
    "Head Manager Vice Deputy Boss Presenter Analyst Spokesman Spokeswoman Spokesperson Leader "
    "Whip Justice".split()
)
# Capitalised words dropped at once, before anything else is asked ("The", "He", "Monday").
NEVER_A_NAME_ALONE = (
    lx.FUNCTION_WORDS | lx.NEVER_ALONE | lx.WEEKDAYS | frozenset(lx.MONTHS) | lx.TITLE_ACRONYMS
) - lx.PLACES
# One-word runs that are no name by themselves ("Chancellor", "British", "May").
NOT_A_NAME_ALONE = (
    lx.TITLE_ACRONYMS | TITLES | lx.DEMONYMS | lx.NEVER_ALONE | lx.WEEKDAYS | frozenset(lx.MONTHS)
) - lx.PLACES
# Words that cut a run: titles, weekdays, months and the like.
SPLIT_WORDS = (
    TITLES | lx.TITLE_ACRONYMS | lx.WEEKDAYS | frozenset(lx.MONTHS) | lx.NEVER_ALONE
) - lx.PLACES
PLACE_HEADS = frozenset(
    "Isle Isles Gulf Bay Sea City County Province State States Republic Kingdom Cape Mount "
    "Lake River Strait Straits Port Land Valley Islands Coast Emirate Emirates".split()
)
# Endings of ordinary adjectives, participles and abstract nouns; names rarely end so.
COMMON_ENDINGS = tuple(
    "ed ing ive ous ful less ness ment tion sion ity ance ence ism ize ise ical able ible".split()
)
SMALL_WORDS = frozenset(
    "a an the of in on at to for and or but by with from vs as is are via nor per into than "
    "over up its it be".split()
)

# --- shapes -------------------------------------------------------------------------------


class Vocab:
    """Lower-case words seen in the text (and the corpus), to tell 'Financial' from 'Google'.

    The text is searched only for the few words asked about, not split into a word set. Once
    a long text has been asked about many words, its word starts are indexed by their first
    three characters, so each further word costs the places it could be, not the whole text
    (80,000 distinct tokens such as "ABCD1" took 18 s one scan each).
    """

    __slots__ = ("text", "words", "corpus", "_seen", "_starts")

    def __init__(
        self, text: str, corpus: Counter[str] | None, words: set[str] | None = None
    ) -> None:
        self.text = text
        self.words = words
        self.corpus = corpus
        self._seen: dict[str, bool] = {}
        self._starts: dict[str, list[int]] | None = None

    def is_word(self, lower: str, here_only: bool = False) -> bool:
        # Acronyms ask about this text only: "bbc" in some corpus URL does not make BBC a word.
        if not here_only and self.corpus and self.corpus.get(lower, 0) > 0:
            return True
        if self.words is not None:
            return lower in self.words
        seen = self._seen.get(lower)
        if seen is None:
            seen = self._seen[lower] = self._contains(lower)
        return seen

    def _contains(self, lower: str) -> bool:
        text = self.text
        indexed = len(lower) >= _KEY and _WORD_CHAR.match(lower) is not None
        if (
            not indexed
            or len(text) < _INDEX_MIN_CHARS
            or len(self._seen) < _INDEX_AFTER_WORDS
            or len(self._seen) * len(text) < _INDEX_AFTER_CHARS
        ):
            return _contains_word(text, lower)
        if self._starts is None:
            self._starts = _word_starts(text)
        size = len(lower)
        for position in self._starts.get(lower[:_KEY], ()):
            if text.startswith(lower, position) and _ends_word(text, position + size):
                return True
        return False


# Indexing pays once a text is long and many words have been asked about: indexing a
# 30,000-character article costs about as much as 200 scans of it (a 5,000-word article is
# asked about 50 words or so, so it is scanned); a text of 500,000 characters of distinct
# codes is indexed after 32 scans.
_KEY = 3
_INDEX_MIN_CHARS = 20_000
_INDEX_AFTER_WORDS = 32
_INDEX_AFTER_CHARS = 6_000_000
_WORD_CHAR = re.compile(r"\w")
_WORD_START = re.compile(r"(?<!\w)\w")


def _word_starts(text: str) -> dict[str, list[int]]:
    """Where each word starts (a word character after none), by its first _KEY characters."""
    starts: dict[str, list[int]] = {}
    for match in _WORD_START.finditer(text):
        position = match.start()
        starts.setdefault(text[position : position + _KEY], []).append(position)
    return starts


def _ends_word(text: str, end: int) -> bool:
    after = text[end] if end < len(text) else " "
    return not (after.isalpha() or after in "'’-")


def _contains_word(text: str, word: str) -> bool:
    """Whether `word` occurs as a whole lower-case word (as LOWER_WORD_RE would cut it)."""
    position = text.find(word)
    size = len(word)
    while position >= 0:
        before = text[position - 1] if position else " "
        if not (before.isalnum() or before == "_") and _ends_word(text, position + size):
            return True
        position = text.find(word, position + 1)
    return False


def is_strong(word: str, vocab: Vocab) -> bool:
    """Shapes that are names by themselves: OpenAI, U.S., Character.AI, CNBC."""
    if INTERNAL_CAP_RE.search(word) or "." in word or "&" in word:
        return word not in lx.COMMON_ACRONYMS
    if is_acronym(word):
        # Long all-capital words are shouted words ("COMMENTS"), not acronyms.
        return (
            len(word) <= 5
            and word not in lx.COMMON_ACRONYMS
            and word not in lx.TITLE_ACRONYMS
            and not vocab.is_word(word.lower(), here_only=True)
        )
    return False


def is_acronym(word: str) -> bool:
    """Capitals (and digits, "&") throughout: "BBC", "AT&T", "B2B", "MPs"."""
    second = word[1:2]
    # Most words fail at their second letter ("Smith"); the pattern is asked about the rest.
    if not (second.isupper() or second.isdigit() or second == "&"):
        return False
    return _ACRONYM_RE.fullmatch(word) is not None


def shouted(word: str, vocab: Vocab) -> bool:
    """'NEVER', 'COMMENTS': a word in capitals for emphasis."""
    return word not in lx.PLACES and (
        len(word) > 5 or vocab.is_word(word.lower()) or word.capitalize() in lx.FUNCTION_WORDS
    )


@lru_cache(maxsize=32768)
def person_shaped(name: str) -> bool:
    """Two to four plain capitalised words, none a company or place suffix: "Keely Hodgkinson"."""
    words = name.split()
    if not 2 <= len(words) <= 4 or name in lx.PLACES:
        return False
    last = words[-1]
    if last in lx.ORG_SUFFIXES or last in lx.PLACE_SUFFIXES or last in lx.DEMONYMS:
        return False
    return all(w[0].isupper() and not w.isupper() and "." not in w[1:] for w in words) and not (
        any(w in lx.OF_HEADS or w in lx.FUNCTION_WORDS for w in words[:1])
    )


def initials_match(words: Sequence[str], acronym: str) -> bool:
    """Whether `acronym` is made of the initials of `words` ("National Health Service", NHS)."""
    initials = "".join(w[0] for w in words if w.lower() not in SMALL_WORDS)
    return initials.upper() == acronym.replace("&", "")
