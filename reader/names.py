"""Names in one text: capitalised runs, split, checked against evidence, given a kind."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reader import lexicon as lx

if TYPE_CHECKING:
    from reader.highlight import NameIndex

# --- token shapes -------------------------------------------------------------------------

# Latin capitals, including accented ones, so "Ángel" and "Łódź" start names too.
_UP = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_TOKEN = (
    rf"(?:[{_UP}]\.){{2,}}(?![^\W_])"  # U.S., J.K.
    rf"|[{_UP}]\.(?=[ \u00a0][{_UP}][a-z])"  # a middle initial: George W. Bush
    rf"|(?:[{_UP}]|[ie](?=[{_UP}]))[^\W_]*(?:['’][{_UP}][^\W_]*)?(?:-[{_UP}][^\W_]*)*"
    rf"(?:&[{_UP}][^\W_]*)*(?:\.(?:AI|ai|com|io|net|org)(?![^\W_]))?"
)
# Particles always join ("da Vinci"); "of"/"for" join only after a head word ("Bank of").
_PARTICLES = "de|du|da|di|do|dos|das|del|della|der|den|van|von|le|la|al|bin|ibn|upon"
_GAP = (
    rf"(?:[ \u00a0]|[ \u00a0](?:of|for|{_PARTICLES})(?:[ \u00a0]the)?[ \u00a0]|[ \u00a0]&[ \u00a0])"
)
# The first token is written out with its first character in front, so the regex engine can
# skip ahead to capitals instead of trying the whole pattern at every character.
_FIRST_TOKEN = (
    rf"[{_UP}ie](?<![\w@#/.\\].)(?<![^\W_]['’].)"
    rf"(?:(?<=[{_UP}])\.(?:[{_UP}]\.)+(?![^\W_])"
    rf"|(?<=[{_UP}])\.(?=[ \u00a0][{_UP}][a-z])"
    rf"|(?:(?<=[{_UP}])|(?<=[ie])(?=[{_UP}]))[^\W_]*(?:['’][{_UP}][^\W_]*)?(?:-[{_UP}][^\W_]*)*"
    rf"(?:&[{_UP}][^\W_]*)*(?:\.(?:AI|ai|com|io|net|org)(?![^\W_]))?)"
)
_SEQ_RE = re.compile(rf"{_FIRST_TOKEN}(?:{_GAP}(?:{_TOKEN}))*")
_TOKEN_RE = re.compile(_TOKEN)
LOWER_WORD_RE = re.compile(r"[a-z](?<![^\W_].)[a-z'’-]*")
_INTERNAL_CAP_RE = re.compile(rf"[a-z][{_UP}]")
_ACRONYM_RE = re.compile(rf"[{_UP}][{_UP}\d&]+s?")
_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")
# A version after a product name: "Llama 4", "iPhone 16 Pro" (not a score, "Rovers 2-1").
_VERSION_RE = re.compile(
    r"[ \u00a0](\d{1,3}(?:\.\d{1,2})?(?:[ \u00a0](?:Pro|Max|Plus|Ultra|Mini|Air|Lite|SE|XL))*)"
    r"(?![\d,%-]|\.\d|[ \u00a0]?(?:%|per\b))"
)
# Lower-to-upper inside a word: "WangScale". Real names have it too ("DeepSeek"), so a glued
# word is split only where both sides are known names.
# Longer pieces are never taken as one name, and longer words never as one name's word.
_MAX_NAME_TOKENS = 12
_MAX_WORD_CHARS = 64
_GLUE_RE = re.compile(rf"[a-z][{_UP}][a-z]")
_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*)(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)*)?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([^)\n]{1,40}\))?[ \u00a0]?[-–—]+[ \u00a0]",
    re.M,
)
_LIST_MARKER_RE = re.compile(r"[ \t]*(?:\d{1,3}[.)]|[a-z][.)])")
_ACRONYM_DEF_RE = re.compile(r"[ \u00a0]\(([A-Z][A-Z&]{1,7})\)")

# Words after which a period does not end the sentence.
_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr St Prof Gov Sen Rep Gen Lt Col Capt Sgt Rev Jr Sr vs etc Mt No Inc Corp "
    "Ltd Co e.g i.e".split()
)
# Titles that, before another capitalised word, mark a person and are not part of the name.
_TITLES = frozenset(
    "Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Baroness Baron Rev Reverend "
    "President Chancellor Senator Sen Rep Representative Congressman Congresswoman Governor Gov "
    "Mayor Judge Pope Cardinal Archbishop Rabbi Imam Sheikh Gen Colonel Col Captain Capt "
    "Lieutenant Lt Sergeant Sgt Admiral Coach Inspector Detective Commissioner Ambassador "
    "Minister Secretary Speaker Chairman Chairwoman Chairperson Councillor Councilor King Queen "
    "Prince Princess Duke Duchess Earl Premier Executive Officer Director Founder Editor Chief "
    "Head Manager Vice Deputy Boss Presenter Analyst Spokesman Spokeswoman Spokesperson Leader "
    "Whip".split()
)
_NEVER_A_NAME_ALONE = (
    lx.FUNCTION_WORDS | lx.NEVER_ALONE | lx.WEEKDAYS | frozenset(lx.MONTHS) | lx.TITLE_ACRONYMS
) - lx.PLACES
_NOT_A_NAME_ALONE = (
    lx.TITLE_ACRONYMS | _TITLES | lx.DEMONYMS | lx.NEVER_ALONE | lx.WEEKDAYS | frozenset(lx.MONTHS)
) - lx.PLACES
# Positions that may open a sentence: after . ! ? : ; or a line break, past opening quotes,
# bullets, markdown marks and list markers. _context looks closer at these few.
_MAYBE_START_RE = re.compile(
    r"[\n.!?:;…](?:(?<=\n)|[\"'”’)\]*_]*[ \t\u00a0]+)"
    r"(?:[ \t\u00a0\"“”‘’'(\[*_#>•·|–—-]+|\d{1,3}[.)][ \t]+|[a-z][.)][ \t]+)*"
)
_TEXT_START_RE = re.compile(
    r"(?:[ \t\u00a0\"“”‘’'(\[*_#>•·|–—-]+|\d{1,3}[.)][ \t]+|[a-z][.)][ \t]+)*"
)
# Words that make _split work: titles, weekdays, months and the like.
_SPLIT_WORDS = (
    _TITLES | lx.TITLE_ACRONYMS | lx.WEEKDAYS | frozenset(lx.MONTHS) | lx.NEVER_ALONE
) - lx.PLACES
_SKIP_BEFORE = " \t\r\n\u00a0\"“”‘’'([*_#>•·|–—-"
_SENTENCE_END = ".!?:;…"
_PLACE_HEADS = frozenset(
    "Isle Isles Gulf Bay Sea City County Province State States Republic Kingdom Cape Mount "
    "Lake River Strait Straits Port Land Valley Islands Coast Emirate Emirates".split()
)
# Endings of ordinary adjectives, participles and abstract nouns; names rarely end so.
_COMMON_ENDINGS = tuple(
    "ed ing ive ous ful less ness ment tion sion ity ance ence ism ize ise ical able ible".split()
)
_SMALL_WORDS = frozenset(
    "a an the of in on at to for and or but by with from vs as is are via nor per into than "
    "over up its it be".split()
)


def _is_strong(word: str, vocab: _Vocab) -> bool:
    """Shapes that are names by themselves: OpenAI, U.S., Character.AI, CNBC."""
    if _INTERNAL_CAP_RE.search(word) or "." in word or "&" in word:
        return word not in lx.COMMON_ACRONYMS
    if _ACRONYM_RE.fullmatch(word):
        # Long all-capital words are shouted words ("COMMENTS"), not acronyms.
        return (
            len(word) <= 5
            and word not in lx.COMMON_ACRONYMS
            and word not in lx.TITLE_ACRONYMS
            and not vocab.is_word(word.lower(), here_only=True)
        )
    return False


def _is_acronym(word: str) -> bool:
    return bool(_ACRONYM_RE.fullmatch(word))


class _Vocab:
    """Lower-case words seen in the text (and the corpus), to tell 'Financial' from 'Google'.

    The text is searched only for the few words asked about, not split into a word set.
    """

    __slots__ = ("text", "words", "corpus", "_seen")

    def __init__(
        self, text: str, corpus: Counter[str] | None, words: set[str] | None = None
    ) -> None:
        self.text = text
        self.words = words
        self.corpus = corpus
        self._seen: dict[str, bool] = {}

    def is_word(self, lower: str, here_only: bool = False) -> bool:
        # Acronyms ask about this text only: "bbc" in some corpus URL does not make BBC a word.
        if not here_only and self.corpus and self.corpus.get(lower, 0) > 0:
            return True
        if self.words is not None:
            return lower in self.words
        seen = self._seen.get(lower)
        if seen is None:
            seen = self._seen[lower] = _contains_word(self.text, lower)
        return seen


def _contains_word(text: str, word: str) -> bool:
    """Whether `word` occurs as a whole lower-case word (as LOWER_WORD_RE would cut it)."""
    position = text.find(word)
    size = len(word)
    while position >= 0:
        before = text[position - 1] if position else " "
        after = text[position + size] if position + size < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalpha() or after in "'’-"):
            return True
        position = text.find(word, position + 1)
    return False


# --- one text ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Chunk:
    """A candidate name: a run of capitalised tokens after splitting off titles and the like."""

    start: int
    end: int
    words: list[str]
    ctx: str  # "mid" (mid-sentence), "start" (sentence start), "title" (Title Case line)
    person_hint: bool = False
    text: str = ""
    place_hint: bool = False
    evidence: list[float] | None = None  # kind votes, once worked out


class TextNames:
    """Finds the names of one text, using its own evidence and an optional NameIndex."""

    def __init__(
        self,
        text: str,
        index: NameIndex | None,
        taken: list[tuple[int, int]],
        words: set[str] | None = None,
    ) -> None:
        self.text = text
        self.index = index
        self.vocab = _Vocab(text, index._lower if index else None, words)
        self.never = index._never if index else frozenset()
        self.taken = taken
        self.taken_starts = [start for start, _ in taken]
        self._title_lines: dict[int, bool] = {}
        self.mid_known: set[str] = set()
        self.surnames: dict[str, str] = {}
        self.full_names: set[str] = set()
        self.sentence_starts: set[int] = set()
        self._mid_cache: dict[tuple[str, bool, bool], bool] = {}
        self.unsure: list[str] = []  # rejected for want of evidence; the corpus may know them
        self.votes: dict[str, list[float]] = {}

    # -- candidates ------------------------------------------------------------------------

    def chunks(self) -> list[_Chunk]:
        text = self.text
        found: list[_Chunk] = []
        self._find_layout()
        datelines = self._datelines(found)
        for seq in _SEQ_RE.finditer(text):
            if datelines and seq.start() in datelines:
                continue
            word = seq.group()
            if word in _NEVER_A_NAME_ALONE:
                continue  # "The", "He", "Monday": most capitalised words, dropped cheaply
            if " " in word or "\u00a0" in word:
                words = word.split()
                if (
                    "\u00a0" not in word
                    and words[-1] not in lx.DEMONYMS
                    and not self.never
                    and not any(
                        w in _SPLIT_WORDS or not w[0].isupper() or w.isupper() or len(w) == 1
                        for w in words
                    )
                ):
                    # Plain capitalised words ("Gordon Brown"): nothing to split off.
                    start = seq.start()
                    context = self._context(start)
                    if context == "mid" or words[0] not in lx.FUNCTION_WORDS:
                        found.append(_Chunk(start, seq.end(), words, context, False, word))
                        continue
                tokens = [
                    (m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, *seq.span())
                ]
                self._split(tokens, found)
                continue
            # One word, the common case: the same rules as _split, without its bookkeeping.
            if (
                word in _NOT_A_NAME_ALONE
                or (len(word) == 1 and word != "X")
                or (word.isupper() and len(word) > 3 and self._shouted(word))
                or (self.never and word.lower() in self.never)
            ):
                continue
            start = seq.start()
            found.append(_Chunk(start, seq.end(), [word], self._context(start), False, word))
        return found

    def _datelines(self, found: list[_Chunk]) -> set[int]:
        """'PORTO ALEGRE, Brazil (Wire) - ...': the capitals are a place; what follows starts."""
        starts: set[int] = set()
        for match in _DATELINE_RE.finditer(self.text):
            start, end = match.span("place")
            words = match.group("place").split()
            found.append(_Chunk(start, end, words, "mid", False, match.group("place"), True))
            starts.add(start)
            self.sentence_starts.add(match.end())
        return starts

    def _split(self, tokens: list[tuple[int, int, str]], found: list[_Chunk]) -> None:
        text = self.text
        current: list[tuple[int, int, str]] = []
        hint = False
        count = len(tokens)
        for position, token in enumerate(tokens):
            start, end, word = token
            gap_after = text[end : tokens[position + 1][0]] if position + 1 < count else ""
            if current:
                gap = text[current[-1][1] : start]
                if len(gap) > 1 and gap.strip(" \u00a0").split()[0] in ("of", "for"):
                    if current[-1][2] not in lx.OF_HEADS:
                        hint = self._flush(current, hint, found)
                        current = []
            if (
                word in lx.TITLE_ACRONYMS
                or word.lower() in self.never
                or (word in lx.WEEKDAYS and not current)
                or (word.isupper() and len(word) > 3 and self._shouted(word))
            ):
                hint = self._flush(current, hint, found) or word in lx.TITLE_ACRONYMS
                current = []
                continue
            if word in _TITLES and (gap_after == " " or not gap_after):
                before = [
                    t
                    for t in current
                    if t[2] not in lx.TITLE_MODIFIERS and t[2] not in lx.FUNCTION_WORDS
                ]
                if gap_after == " " and (not before or position + 1 < count):
                    # "Prime Minister Tony Blair", "Meta CEO Mark ..." : a title, then a person.
                    self._flush(before, hint, found)
                    current, hint = [], True
                    continue
                if not before:
                    current, hint = [], False  # a title alone ("the Chancellor") names no one
                    continue
            if not current and (
                word in lx.MONTHS or word in lx.NEVER_ALONE or (len(word) == 1 and word != "X")
            ):
                hint = False
                continue
            current.append(token)
        self._flush(current, hint, found)

    def _shouted(self, word: str) -> bool:
        """'NEVER', 'COMMENTS': a word in capitals for emphasis."""
        return word not in lx.PLACES and (
            len(word) > 5
            or self.vocab.is_word(word.lower())
            or word.capitalize() in lx.FUNCTION_WORDS
        )

    def _flush(self, tokens: list[tuple[int, int, str]], hint: bool, found: list[_Chunk]) -> bool:
        while tokens and tokens[-1][2] in lx.DEMONYMS:
            tokens = tokens[:-1]
        if not tokens:
            return False
        start, end = tokens[0][0], tokens[-1][1]
        ctx = self._context(start)
        words = [t[2] for t in tokens]
        if ctx != "mid" and words[0] in lx.FUNCTION_WORDS:
            # "The", "In", "But" open the sentence; what follows reads as mid-sentence.
            tokens = tokens[1:]
            if not tokens:
                return False
            words = words[1:]
            start = tokens[0][0]
            ctx = "mid" if ctx == "start" else ctx
        found.append(_Chunk(start, end, words, ctx, hint, self.text[start:end]))
        return False

    def _find_layout(self) -> None:
        """Where sentences may start and which lines are Title Case headings, in two passes."""
        text = self.text
        self.maybe_starts = {match.end() for match in _MAYBE_START_RE.finditer(text)}
        self.maybe_starts.add(_TEXT_START_RE.match(text).end())
        title_starts: list[int] = []
        title_ends: list[int] = []
        position = 0
        for line in text.split("\n"):
            end = position + len(line)
            if len(line) < 200 and _looks_like_title(line):
                title_starts.append(position)
                title_ends.append(end)
            position = end + 1
        self.title_starts, self.title_ends = title_starts, title_ends

    def _context(self, start: int) -> str:
        if self.title_starts:
            i = bisect_right(self.title_starts, start) - 1
            if i >= 0 and start <= self.title_ends[i]:
                return "title"
        if start in self.sentence_starts:
            return "start"
        if start not in self.maybe_starts:
            return "mid"
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 40) : start]
        stripped = before.rstrip(_SKIP_BEFORE)
        if not stripped or _LIST_MARKER_RE.fullmatch(stripped):
            # A bold lead-in ("* **Faster Growth:** ...") is a small heading.
            return "title" if "**" in before or "__" in before else "start"
        last = stripped[-1]
        if last in _SENTENCE_END:
            if last == ".":
                word = stripped[:-1].rsplit(None, 1)[-1] if stripped[:-1].strip() else ""
                word = word.lstrip("(\"“‘'")
                if word in _ABBREVIATIONS or (len(word) <= 3 and "." in word):
                    return "mid"
            return "start"
        return "mid"

    def _is_title_line(self, line_start: int) -> bool:
        cached = self._title_lines.get(line_start)
        if cached is not None:
            return cached
        text = self.text
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        self._title_lines[line_start] = result = _looks_like_title(line)
        return result

    # -- decisions -------------------------------------------------------------------------

    def _overlaps_taken(self, start: int, end: int) -> bool:
        i = bisect_left(self.taken_starts, end)
        return i > 0 and self.taken[i - 1][1] > start

    def accepted(self) -> list[_Chunk]:
        """Chunks that are names, after in-text and corpus evidence."""
        chunks = self.chunks()
        if self.taken:
            chunks = [c for c in chunks if not self._overlaps_taken(c.start, c.end)]
        has_glue = _GLUE_RE.search(self.text) is not None
        mid_known: set[str] = set()
        for chunk in chunks:
            if (
                chunk.ctx == "mid"
                and chunk.text not in mid_known
                and self._mid_is_name(chunk)
                and not (has_glue and _GLUE_RE.search(chunk.text))
            ):
                mid_known.add(chunk.text)
        self.mid_known = mid_known
        self.surnames = _surname_map(mid_known)
        if has_glue:
            chunks = [piece for chunk in chunks for piece in self._unglue(chunk)]
            for chunk in chunks:
                if chunk.ctx == "mid" and chunk.text not in mid_known and self._mid_is_name(chunk):
                    mid_known.add(chunk.text)
        # Longer names first: "Kwame Mensah" opening a sentence teaches that "Mensah" is a name.
        resolved: dict[int, list[_Chunk]] = {}
        for position, chunk in enumerate(chunks):
            if chunk.ctx != "mid" and len(chunk.words) > 1:
                resolved[position] = self._resolve_unsure(chunk)
        longer = {p.text for pieces in resolved.values() for p in pieces if len(p.words) > 1}
        if longer - mid_known:
            self.surnames = _surname_map(mid_known | longer)
        self.full_names = _person_like(chunks, mid_known | longer, self.text)
        mentions = Counter(chunk.text for chunk in chunks)
        result: list[_Chunk] = []
        for position, chunk in enumerate(chunks):
            if chunk.ctx == "mid":
                if chunk.text in mid_known:
                    if len(chunk.words) > 1 and mentions[chunk.text] == 1:
                        result.extend(self._split_compound(chunk, mentions))
                    else:
                        result.append(chunk)
            elif position in resolved:
                result.extend(resolved[position])
            else:
                result.extend(self._resolve_unsure(chunk))
        return result

    def _unglue(self, chunk: _Chunk) -> list[_Chunk]:
        """A flattened table glues cells: "Alexandr WangScale AI" -> "Alexandr Wang", "Scale AI"."""
        text = self.text
        if not _GLUE_RE.search(chunk.text) or self._known(chunk.text):
            return [chunk]
        cuts = []
        for match in _GLUE_RE.finditer(text, chunk.start, chunk.end):
            cut = match.start() + 1
            # The words either side of the cut, looked for near it only: slicing from the
            # chunk's ends made one long glued token ("AbAbAb...") quadratic.
            left = text[max(chunk.start, cut - _MAX_WORD_CHARS) : cut].rsplit(None, 1)[-1]
            right = text[cut : min(chunk.end, cut + _MAX_WORD_CHARS)].split(None, 1)[0]
            if self._known_word(left) and self._known_word(right, first=True):
                cuts.append(cut)
        if not cuts:
            if len(_GLUE_RE.findall(chunk.text)) > 1:
                return []  # "LeaderRoleImpact": a glued table header, not a name
            return [chunk]
        pieces = []
        for start, end in zip([chunk.start, *cuts], [*cuts, chunk.end], strict=True):
            piece = text[start:end]
            part = _Chunk(start, end, piece.split(), "title", chunk.person_hint, piece)
            pieces.extend(self._known_pieces(part, allow_strong=False))
        for piece in pieces:
            piece.ctx = "mid" if self._known(piece.text) else piece.ctx
        return pieces

    def _known_word(self, word: str, first: bool = False) -> bool:
        """A word seen in a name of this text ("Wang" in "Alexandr Wang")."""
        for name in self.mid_known:
            words = name.split()
            if word == (words[0] if first else words[-1]):
                return True
        return False

    def _split_compound(self, chunk: _Chunk, mentions: Counter[str]) -> list[_Chunk]:
        """A one-off run of two known names ("Alexandr Wang Meta") is two names."""
        if len(chunk.words) < 2 or mentions[chunk.text] > 1:
            return [chunk]
        last = chunk.words[-1]
        index = self.index
        if not (
            last in self.mid_known
            or last in lx.PLACES
            or (index is not None and index._is_known(last))
        ):
            return [chunk]  # the cheap common case: the last word is no name by itself
        if index is not None and index._known.get(chunk.text, 0) > 1:
            return [chunk]
        pieces = self._known_pieces(chunk, allow_strong=False, whole=False, strict=True)
        covered = sum(len(piece.words) for piece in pieces)
        first = pieces[0] if pieces else None
        if (
            first is not None
            and len(pieces) > 1
            and covered == len(chunk.words)
            and len(first.words) > 1
            and (first.text in self.full_names or first.words[0] in lx.FIRST_NAMES)
        ):
            for piece in pieces:
                piece.ctx = "mid"
            return pieces
        return [chunk]

    def _mid_is_name(self, chunk: _Chunk) -> bool:
        key = (chunk.text, chunk.person_hint, chunk.place_hint)
        cached = self._mid_cache.get(key)
        if cached is None:
            cached = self._mid_cache[key] = self._decide_mid(chunk)
        return cached

    def _decide_mid(self, chunk: _Chunk) -> bool:
        words = chunk.words
        if chunk.text.lower() in self.never:
            return False
        if chunk.place_hint:
            return True
        if all(part in lx.DEMONYMS for word in words for part in word.split("-")):
            return False  # "British", "Palestinian-Israeli"
        if len(words) > 1:
            return not all(w in lx.COMMON_ACRONYMS or w in lx.MONTHS for w in words)
        word = words[0]
        if word in lx.GROUP_MEMBERS:
            return False
        if word in lx.COMMON_ACRONYMS or word in lx.NEVER_ALONE or word in lx.FUNCTION_WORDS:
            return chunk.person_hint and word not in lx.COMMON_ACRONYMS
        if word.isupper() and len(word) > 1 and word not in lx.PLACES:
            return self._known(word) or _is_strong(word, self.vocab)
        return True

    def _known(self, name: str) -> bool:
        if name in self.mid_known or name in self.surnames or name in self.full_names:
            return True
        index = self.index
        return index is not None and index._is_known(name)

    def _known_alone(self, name: str, within: str) -> bool:
        """Known by itself, not only as part of `within` ("Argyle" of "Plymouth Argyle")."""
        if name in lx.PLACES or (name in self.mid_known and name != within):
            return True
        return self.index is not None and self.index._is_known(name)

    def _resolve_unsure(self, chunk: _Chunk) -> list[_Chunk]:
        """A chunk at a sentence start or in a heading: keep the parts shown to be names."""
        if chunk.text.lower() in self.never:
            return []
        if self._known(chunk.text) or chunk.text in lx.PLACES:
            return [chunk]
        words = chunk.words
        if (chunk.person_hint and len(words) <= 3) or (
            len(words) in (2, 3)
            and words[0] in lx.FIRST_NAMES
            and all(w[0].isupper() and not w.isupper() for w in words)
        ):
            return [chunk]
        pieces = self._known_pieces(chunk)
        opens_with_name = bool(pieces) and pieces[0].start == chunk.start
        if pieces and not (chunk.ctx == "start" and opens_with_name):
            return pieces
        if chunk.ctx == "start" and len(words) > 1 and not self._looks_common(words[0]):
            return [chunk]  # "Goldman Sachs said ...", "UK Athletics said ..."
        if not pieces:
            self.unsure.append(chunk.text)
        return pieces

    def _looks_common(self, word: str) -> bool:
        """An ordinary English word that happens to open a sentence ("Accelerated", "Holy")."""
        lower = word.lower()
        return (
            word in lx.COMMON_ACRONYMS
            or word in lx.FUNCTION_WORDS
            or self.vocab.is_word(lower)
            or (lower.endswith(_COMMON_ENDINGS) and word not in lx.FIRST_NAMES)
        )

    def _known_pieces(
        self, chunk: _Chunk, allow_strong: bool = True, whole: bool = True, strict: bool = False
    ) -> list[_Chunk]:
        """Greedy longest known pieces: "Why Scale AI Matters" -> "Scale AI"."""
        text = self.text
        if len(chunk.words) == 1 and whole:
            # One word: known, or shaped like a name, or a place; else nothing.
            word = chunk.text
            known = self._known_alone(word, "") if strict else self._known(word)
            if word in lx.COMMON_ACRONYMS or not (
                known or (allow_strong and _is_strong(word, self.vocab)) or word in lx.PLACES
            ):
                return []
            return [chunk]
        tokens = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text, chunk.start, chunk.end)]
        pieces: list[_Chunk] = []
        i = 0
        while i < len(tokens):
            last = len(tokens) if whole or i else len(tokens) - 1
            # No name is longer than _MAX_NAME_TOKENS: trying every longer piece made a long
            # run of capitalised words cubic (minutes for a few thousand words).
            for j in range(min(last, i + _MAX_NAME_TOKENS), i, -1):
                start, end = tokens[i][0], tokens[j - 1][1]
                piece = text[start:end]
                known = self._known_alone(piece, chunk.text) if strict else self._known(piece)
                if known or (
                    j == i + 1
                    and ((allow_strong and _is_strong(piece, self.vocab)) or piece in lx.PLACES)
                ):
                    if piece not in lx.COMMON_ACRONYMS:
                        words = piece.split()
                        pieces.append(
                            _Chunk(start, end, words, chunk.ctx, chunk.person_hint, piece)
                        )
                    i = j
                    break
            else:
                i += 1
        return pieces

    # -- spans -----------------------------------------------------------------------------

    def spans(self) -> list[tuple[int, int, str, str]]:
        """(start, end, kind, canonical) for every name in the text."""
        chunks = self.accepted()
        text = self.text
        by_text: dict[str, list[float]] = {}
        mentions: Counter[str] = Counter()
        ends: list[int] = []
        for chunk in chunks:
            name = chunk.text
            votes = by_text.get(name)
            if votes is None:
                votes = by_text[name] = [0.0, 0.0, 0.0, 0.0]
            end = chunk.end
            if text[end + 1 : end + 2].isdigit():
                version = _VERSION_RE.match(text, end)
                if version and not name.isupper() and name not in lx.PLACES:
                    end = version.end(1)
                    votes[PRODUCT] += 2
            if mentions[name] < 4:  # a few mentions tell the kind; the rest cost time
                add_votes(votes, _vote(chunk, text))
            mentions[name] += 1
            ends.append(end)
        index = self.index
        people = {
            name
            for name, votes in by_text.items()
            if " " in name
            and person_shaped(name)
            and (
                votes[PERSON] >= 1
                or name.split()[0] in lx.FIRST_NAMES
                or (index is not None and index._kinds.get(name) == "person")
            )
            and votes[PERSON] >= max(votes[ORG], votes[PLACE], votes[PRODUCT])
        }
        canon = self._canonical_map(chunks, people, mentions)
        for short in list(canon):
            votes = by_text.get(short, [0.0] * 4)
            if votes[PERSON] + 2 <= max(votes[ORG], votes[PLACE], votes[PRODUCT]):
                del canon[short]  # "Meta" seen as a company is not the surname of "X Y Meta"
        if canon:
            pooled: dict[str, list[float]] = {}
            for name, votes in by_text.items():
                add_votes(pooled.setdefault(canon.get(name, name), [0.0] * 4), votes)
        else:
            pooled = by_text
        self.votes = pooled
        kinds = {name: _winner(votes, index, name) for name, votes in pooled.items()}
        result = []
        for chunk, end in zip(chunks, ends, strict=True):
            name = canon.get(chunk.text, chunk.text)
            # A product's version is part of what it is: "Llama 4" is not "Llama".
            value = name + text[chunk.end : end] if end > chunk.end else name
            result.append((chunk.start, end, kinds[name], value))
        return result

    def _canonical_map(
        self, chunks: list[_Chunk], people: set[str], mentions: Counter[str]
    ) -> dict[str, str]:
        canon: dict[str, str] = dict(_surname_map(people))
        texts = mentions.keys()
        for short, full in _short_forms(texts, mentions).items():
            canon.setdefault(short, full)
        for chunk in chunks:
            if not self.text.startswith(" (", chunk.end):
                continue
            match = _ACRONYM_DEF_RE.match(self.text, chunk.end)
            if match and _initials_match(chunk.words, match.group(1)):
                canon[match.group(1)] = chunk.text
        index = self.index
        if index is not None:
            for text in texts:
                if text in index._aliases:
                    canon[text] = index._aliases[text]
                elif text not in canon:
                    full = index._short.get(text)
                    # The corpus's "Brown" is not this text's if it names another Brown.
                    if full and not any(
                        other != full
                        and (other.endswith(" " + text) or other.startswith(text + " "))
                        for other in texts
                    ):
                        canon[text] = full
        return canon


def _looks_like_title(line: str) -> bool:
    """A heading or headline in Title Case: most content words start with a capital."""
    stripped = line.strip().lstrip("#*>-–—•· \t").strip("*_ \t")
    if not stripped or len(stripped) > 160 or stripped.endswith("."):
        return False
    words = [w for w in _TITLE_WORD_RE.findall(stripped) if w.lower() not in _SMALL_WORDS]
    if not words:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    if len(words) == 1:
        return capitals == 1
    return capitals >= 2 and capitals >= 0.75 * len(words)


def _person_like(chunks: list[_Chunk], names: set[str], text: str) -> set[str]:
    """Names among `names` with evidence of a person: a first name, a title, "said"."""
    people: set[str] = set()
    checked: Counter[str] = Counter()
    for chunk in chunks:
        name = chunk.text
        if len(chunk.words) < 2 or name in people or name not in names or checked[name] >= 3:
            continue
        if name.rsplit(" ", 1)[0] in names:
            checked[name] = 3  # "Ann Lee Acme" when "Ann Lee" is a name already
            continue
        if not checked[name] and not person_shaped(name):
            checked[name] = 3
            continue
        checked[name] += 1
        if chunk.person_hint or chunk.words[0] in lx.FIRST_NAMES:
            people.add(name)
            continue
        votes = _vote(chunk, text)
        if votes[PERSON] >= 1 and votes[PERSON] >= max(votes[ORG], votes[PLACE]):
            people.add(name)
    return people


def _surname_map(names: Iterable[str]) -> dict[str, str]:
    """Last word -> full person-like name ("Wang" -> "Alexandr Wang"), when unambiguous."""
    fulls: dict[str, set[str]] = defaultdict(set)
    names = set(names)
    for name in names:
        if " " not in name or not person_shaped(name):
            continue
        head, last = name.rsplit(" ", 1)
        if head not in names:
            # "Ann Lee Smith" counts, but not "Ann Lee Acme" when "Ann Lee" is a name already.
            fulls[last].add(name)
    return {short: next(iter(full)) for short, full in fulls.items() if len(full) == 1}


@lru_cache(maxsize=4096)
def person_shaped(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 4 or name in lx.PLACES:
        return False
    last = words[-1]
    if last in lx.ORG_SUFFIXES or last in lx.PLACE_SUFFIXES or last in lx.DEMONYMS:
        return False
    return all(w[0].isupper() and not w.isupper() and "." not in w[1:] for w in words) and not (
        any(w in lx.OF_HEADS or w in lx.FUNCTION_WORDS for w in words[:1])
    )


def _short_forms(texts: Iterable[str], counts: Counter[str]) -> dict[str, str]:
    """ "Scale" -> "Scale AI" when the longer form with a company suffix is the usual one."""
    forms: dict[str, str] = {}
    for text in texts:
        head, _, suffix = text.rpartition(" ")
        if head and suffix in lx.COMPANY_SUFFIXES and counts[head] < counts[text]:
            forms[head] = text
    return forms


def _initials_match(words: list[str], acronym: str) -> bool:
    initials = "".join(w[0] for w in words if w.lower() not in _SMALL_WORDS)
    return initials.upper() == acronym.replace("&", "")


# Kind evidence is a list of four weights, in this order; "other" is what wins when none does.
PERSON, ORG, PLACE, PRODUCT = range(4)
VOTED_KINDS = ("person", "org", "place", "product")


def add_votes(total: list[float], votes: list[float]) -> None:
    for position in range(4):
        total[position] += votes[position]


def votes_to_kind(votes: list[float]) -> str:
    best = max(range(4), key=votes.__getitem__)
    return VOTED_KINDS[best] if votes[best] > 0 else "other"


def _vote(chunk: _Chunk, text: str) -> list[float]:
    """Evidence for the kind of one mention: [person, org, place, product] weights."""
    if chunk.evidence is not None:
        return chunk.evidence
    votes = [0.0, 0.0, 0.0, 0.0]
    words = chunk.words
    name = chunk.text
    last = words[-1]
    if chunk.person_hint:
        votes[PERSON] += 3
    if chunk.place_hint or name in lx.PLACES:
        votes[PLACE] += 4
    if len(words) > 1:
        if last in lx.ORG_SUFFIXES:
            votes[ORG] += 3
        elif last in lx.PLACE_SUFFIXES:
            votes[PLACE] += 3
        if words[0] in lx.FIRST_NAMES and not words[0].isupper():
            votes[PERSON] += 2
        if " of " in name or " for " in name:
            votes[PLACE if words[0] in _PLACE_HEADS else ORG] += 2
    elif last in lx.ORG_SUFFIXES and last != "AI":
        votes[ORG] += 1
    if (not last.istitle() and _INTERNAL_CAP_RE.search(last)) or ".AI" in name or ".com" in name:
        votes[ORG] += 1
    elif _is_acronym(last) and name not in lx.PLACES:
        votes[ORG] += 1
    if max(votes) >= 3:
        chunk.evidence = votes  # a title, a gazetteer place or a company suffix settles it
        return votes
    if (
        not max(votes)
        and 2 <= len(words) <= 3
        and words[0] not in lx.PLACES
        and last not in lx.PLACES
        and person_shaped(name)
    ):
        votes[PERSON] += 0.5  # "Keely Hodgkinson": two plain capitalised words, likely a person
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
    before = text[max(0, chunk.start - 40) : chunk.start]
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
    chunk.evidence = votes
    return votes


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


def _winner(votes: list[float], index: NameIndex | None, name: str) -> str:
    if index is not None:
        declared = index._declared_kinds.get(name)
        if declared:
            return declared
        known = index._kinds.get(name)
        if known and known != "other" and max(votes) < 3:
            votes = list(votes)
            votes[VOTED_KINDS.index(known)] += 2
    return votes_to_kind(votes)
