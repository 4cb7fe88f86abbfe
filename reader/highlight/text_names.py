"""Names in one text: candidates checked against the text's and the corpus's evidence."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from operator import attrgetter

from reader.highlight import lexicon as lx
from reader.highlight.known_names import KnownNames
from reader.highlight.name_forms import canonical_map, surname_map
from reader.highlight.name_kinds import (
    ORG,
    OTHER,
    PERSON,
    PLACE,
    PRODUCT,
    add_votes,
    is_club,
    no_votes,
    person_like,
    share_kinds_in_lists,
    vote,
    votes_to_kind,
    winner,
)
from reader.highlight.name_layout import Layout
from reader.highlight.name_runs import Chunk, find_chunks
from reader.highlight.name_shapes import (
    COMMON_ENDINGS,
    GLUE_RE,
    VERSION_RE,
    Vocab,
    is_strong,
    person_shaped,
    shouted,
    token_spans,
)
from reader.highlight.span import Span

_CHUNK_TEXT = attrgetter("text")
# Longer pieces are never taken as one name, and longer words never as one name's word.
_MAX_NAME_TOKENS = 12
_MAX_WORD_CHARS = 64


class TextNames:
    """Finds the names of one text, using its own evidence and an optional NameIndex."""

    def __init__(
        self,
        text: str,
        index: KnownNames | None,
        taken: list[tuple[int, int]],
        words: set[str] | None = None,
    ) -> None:
        self.text = text
        self.index = index
        self.vocab = Vocab(text, index._lower if index else None, words)
        self.never = index._never if index else frozenset()
        self.taken = taken  # sorted (start, end) regions no name may overlap: figures, URLs
        self.mid_known: set[str] = set()
        self.surnames: dict[str, str] = {}
        self.full_names: set[str] = set()
        self.person_words: set[str] = set()
        self._mid_cache: dict[str, bool] = {}
        self.unsure: list[str] = []  # rejected for want of evidence; the corpus may know them
        self.votes: dict[str, list[float]] = {}

    def chunks(self) -> list[Chunk]:
        """Candidate names, each with its context (see reader.highlight.name_runs)."""
        vocab = self.vocab
        return find_chunks(
            self.text, Layout(self.text), self.never, lambda word: shouted(word, vocab)
        )

    # -- decisions -------------------------------------------------------------------------

    def accepted(self) -> list[Chunk]:
        """Chunks that are names, after in-text and corpus evidence."""
        chunks = self.chunks()
        if self.taken:
            taken = self.taken
            taken_starts = [start for start, _ in taken]
            kept = []
            for chunk in chunks:
                i = bisect_left(taken_starts, chunk.end)
                if not (i and taken[i - 1][1] > chunk.start):
                    kept.append(chunk)
            chunks = kept
        # Glued table cells ("WangScale") can only sit inside a capitalised run.
        glued = {name for name in {chunk.text for chunk in chunks} if GLUE_RE.search(name)}
        has_glue = bool(glued)
        mid_known: set[str] = set()
        plain = not self.never
        for chunk in chunks:
            if chunk.ctx != "mid" or chunk.text in mid_known:
                continue
            name = chunk.text
            if plain and not chunk.person_hint and not chunk.place_hint:
                verdict = _PLAIN_MID.get(name)
                if verdict is None:
                    verdict = _mid_verdict(name, len(chunk.words) > 1, False, False)
                    if verdict is None:
                        verdict = self._mid_is_name(chunk)
                    else:
                        _remember_plain_mid(name, verdict)
            else:
                verdict = self._mid_is_name(chunk)
            if verdict and not (has_glue and name in glued):
                mid_known.add(name)
        self.mid_known = mid_known
        self.surnames = surname_map(mid_known, [name for name in mid_known if " " in name])
        if has_glue:
            chunks = [
                piece
                for chunk in chunks
                for piece in (self._unglue(chunk) if chunk.text in glued else (chunk,))
            ]
            for chunk in chunks:
                if chunk.ctx == "mid" and chunk.text not in mid_known and self._mid_is_name(chunk):
                    mid_known.add(chunk.text)
        # Longer names first: "Kwame Mensah" opening a sentence teaches that "Mensah" is a name.
        resolved: dict[int, list[Chunk]] = {}
        several: list[Chunk] = []
        for position, chunk in enumerate(chunks):
            if len(chunk.words) > 1:
                several.append(chunk)
                if chunk.ctx != "mid":
                    resolved[position] = self._resolve_unsure(chunk)
        longer = {p.text for pieces in resolved.values() for p in pieces if len(p.words) > 1}
        names = mid_known
        if longer - mid_known:
            names = mid_known | longer
            self.surnames = surname_map(names, [name for name in names if " " in name])
        self.full_names = person_like(several, names, self.text, self.vocab)
        # Words of the full names of people here: "Lula" opening a sentence is a name.
        self.person_words = {
            word
            for chunk in several
            if chunk.text in self.full_names or (chunk.person_hint and chunk.text in mid_known)
            for word in chunk.words
            if word[0].isupper() and len(word) > 2
        }
        mentions = Counter(map(_CHUNK_TEXT, chunks))
        result: list[Chunk] = []
        append = result.append
        index = self.index
        for position, chunk in enumerate(chunks):
            if chunk.ctx == "mid":
                if chunk.text in mid_known:
                    words = chunk.words
                    # A one-off run may be two names; only if its last word is one by itself.
                    if (
                        len(words) > 1
                        and mentions[chunk.text] == 1
                        and (
                            words[-1] in mid_known
                            or words[-1] in lx.PLACES
                            or (index is not None and index._is_known(words[-1]))
                        )
                    ):
                        result.extend(self._split_compound(chunk, mentions))
                    else:
                        append(chunk)
            elif position in resolved:
                result.extend(resolved[position])
            else:
                pieces = self._resolve_unsure(chunk)
                if not pieces and self._listed_with_a_name(chunk, chunks, position):
                    pieces = [chunk]
                result.extend(pieces)
        return self._joined_by_and(result)

    def _listed_with_a_name(self, chunk: Chunk, chunks: list[Chunk], position: int) -> bool:
        """ "Dido, Robbie Williams and Chris Martin": the first of a list of names is one."""
        if position + 1 >= len(chunks) or len(chunk.words) > 1:
            return False
        following = chunks[position + 1]
        if following.text not in self.mid_known or self._looks_common(chunk.text):
            return False
        gap = self.text[chunk.end : following.start]
        if gap == ", ":
            # "Elsewhere, Keely Hodgkinson won": a list needs a third name after the second.
            return self.text.startswith((", ", " and "), following.end)
        return gap == " and "

    def _joined_by_and(self, chunks: list[Chunk]) -> list[Chunk]:
        """ "Department for Education and Skills", "Airbus Defence and Space": one name.

        A name and one more word joined by "and" are one name when the words on both sides
        of it are ordinary words ("defence", "space"), or the name is a body "of" or "for"
        something ordinary. "Blair and Brown", "Nokia and Samsung", "Bank of England and
        Wales", "the Ministry of Defence and Foreign Office" stay apart.
        """
        text = self.text
        joined: list[Chunk] = []
        for chunk in chunks:
            left = joined[-1] if joined else None
            if (
                left is not None
                and chunk.start - left.end == 5
                and text.startswith(" and ", left.end)
                and self._and_inside(left, chunk)
            ):
                words = [*left.words, "and", *chunk.words]
                name = text[left.start : chunk.end]
                joined[-1] = Chunk(left.start, chunk.end, words, left.ctx, left.person_hint, name)
                continue
            joined.append(chunk)
        return joined

    def _and_inside(self, left: Chunk, right: Chunk) -> bool:
        """Whether "and" joins `left` and `right` into one name (see _joined_by_and)."""
        words = right.words
        if len(words) > 3 or len(left.words) > 8:
            return False
        body = " of " in left.text or " for " in left.text
        if len(words) == 1 and self._ordinary(left.words[-1]):
            if self._ordinary(words[0]) or body:
                return True
        if body:
            # "Department of Health and Human Services", "University of the X and Islands".
            last = left.words[-1]
            return (
                len(words) <= 2
                and words[-1] not in _BODY_HEADS
                and last not in lx.PLACES
                and last not in lx.FIRST_NAMES
                and not last.isupper()
                and all(_plain(word) for word in words)
            )
        if len(left.words) == 1 and len(words) >= 2 and words[-1] in _BODY_HEADS:
            # "Food and Drug Administration", "Victoria and Albert Museum".
            first = left.words[0]
            if first in lx.FIRST_NAMES:
                return words[0] in lx.FIRST_NAMES
            return _plain(first) and _plain(words[0])
        return False

    def _ordinary(self, word: str) -> bool:
        """A capitalised ordinary word ("Education"), not a given name or an acronym."""
        return (
            word[0].isupper()
            and not word.isupper()
            and word not in lx.FIRST_NAMES
            and word not in lx.PLACES
            and self.vocab.is_word(word.lower())
        )

    def _unglue(self, chunk: Chunk) -> list[Chunk]:
        """A flattened table glues cells: "Alexandr WangScale AI" -> "Alexandr Wang", "Scale AI"."""
        text = self.text
        if not GLUE_RE.search(chunk.text) or self._known(chunk.text):
            return [chunk]
        cuts = []
        for match in GLUE_RE.finditer(text, chunk.start, chunk.end):
            cut = match.start() + 1
            # The words either side of the cut, looked for near it only: slicing from the
            # chunk's ends made one long glued token ("AbAbAb...") quadratic.
            left = text[max(chunk.start, cut - _MAX_WORD_CHARS) : cut].rsplit(None, 1)[-1]
            right = text[cut : min(chunk.end, cut + _MAX_WORD_CHARS)].split(None, 1)[0]
            if self._known_word(left) and self._known_word(right, first=True):
                cuts.append(cut)
        if not cuts:
            if len(GLUE_RE.findall(chunk.text)) > 1:
                return []  # "LeaderRoleImpact": a glued table header, not a name
            return [chunk]
        pieces = []
        for start, end in zip([chunk.start, *cuts], [*cuts, chunk.end], strict=True):
            piece = text[start:end]
            part = Chunk(start, end, piece.split(), "title", chunk.person_hint, piece)
            pieces.extend(self._known_pieces(part, allow_strong=False))
        for known_piece in pieces:
            known_piece.ctx = "mid" if self._known(known_piece.text) else known_piece.ctx
        return pieces

    def _known_word(self, word: str, first: bool = False) -> bool:
        """A word seen in a name of this text ("Wang" in "Alexandr Wang")."""
        for name in self.mid_known:
            words = name.split()
            if word == (words[0] if first else words[-1]):
                return True
        return False

    def _split_compound(self, chunk: Chunk, mentions: Counter[str]) -> list[Chunk]:
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

    def _mid_is_name(self, chunk: Chunk) -> bool:
        name = chunk.text
        if self.never and name.lower() in self.never:
            return False
        verdict = _mid_verdict(name, len(chunk.words) > 1, chunk.person_hint, chunk.place_hint)
        if verdict is None:
            # An all-capital word: an acronym if this text or the corpus vouches for it.
            verdict = self._mid_cache.get(name)
            if verdict is None:
                verdict = self._mid_cache[name] = self._known(name) or is_strong(name, self.vocab)
        return verdict

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

    def _resolve_unsure(self, chunk: Chunk) -> list[Chunk]:
        """A chunk at a sentence start or in a heading: keep the parts shown to be names."""
        if chunk.text.lower() in self.never:
            return []
        if self._known(chunk.text) or chunk.text in lx.PLACES or is_club(chunk.text):
            return [chunk]
        words = chunk.words
        if (chunk.person_hint and len(words) <= 3) or (
            len(words) in (2, 3)
            and words[0] in lx.FIRST_NAMES
            and all(w[0].isupper() and not w.isupper() for w in words)
        ):
            return [chunk]
        if len(words) == 1 and (chunk.text in lx.PARTIES or chunk.text in self.person_words):
            return [
                chunk
            ]  # "Labour backbenchers ...", "Lula said" after "President Luiz Inacio Lula"
        if (
            chunk.ctx == "start"
            and len(words) in (3, 4)
            and words[1] in lx.FIRST_NAMES
            and (
                self._looks_common(words[0])
                # "Curator Helen Marsh said": a role, written as a title.
                or words[0].lower() in lx.PERSON_ROLES
                or words[0].endswith(("ator", "ist", "ian", "eer"))
            )
            and all(w[0].isupper() and not w.isupper() for w in words[1:])
        ):
            # "Featuring Cliff Richard and ...": an ordinary word, then a full name.
            tokens = token_spans(chunk.text)
            if len(tokens) > 1:
                start = chunk.start + tokens[1][0]
                rest = self.text[start : chunk.end]
                return [Chunk(start, chunk.end, words[1:], "mid", chunk.person_hint, rest)]
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
            or (lower.endswith(COMMON_ENDINGS) and word not in lx.FIRST_NAMES)
        )

    def _known_pieces(
        self, chunk: Chunk, allow_strong: bool = True, whole: bool = True, strict: bool = False
    ) -> list[Chunk]:
        """Greedy longest known pieces: "Why Scale AI Matters" -> "Scale AI"."""
        text = self.text
        if len(chunk.words) == 1 and whole:
            # One word: known, or shaped like a name, or a place; else nothing.
            word = chunk.text
            known = self._known_alone(word, "") if strict else self._known(word)
            if word in lx.COMMON_ACRONYMS or not (
                known or (allow_strong and is_strong(word, self.vocab)) or word in lx.PLACES
            ):
                return []
            return [chunk]
        offset = chunk.start
        tokens = [(offset + start, offset + end) for start, end in token_spans(chunk.text)]
        pieces: list[Chunk] = []
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
                    and ((allow_strong and is_strong(piece, self.vocab)) or piece in lx.PLACES)
                ):
                    if piece not in lx.COMMON_ACRONYMS:
                        words = piece.split()
                        pieces.append(Chunk(start, end, words, chunk.ctx, chunk.person_hint, piece))
                    i = j
                    break
            else:
                i += 1
        return pieces

    # -- spans -----------------------------------------------------------------------------

    def spans(self) -> list[Span]:
        """A name Span (its value the canonical name) for every name in the text, in order."""
        chunks = self.accepted()
        text = self.text
        by_text: dict[str, list[float]] = {}
        mentions: dict[str, int] = {}
        ends: list[int] = []
        listed: list[tuple[str, str]] = []  # names side by side in a list: "X, Y and Z"
        left_end, left_name = -10, ""
        for chunk in chunks:
            name = chunk.text
            if chunk.start - left_end <= 6 and text[left_end : chunk.start] in _LIST_JOINS:
                # "X, Y" is a list if more follows ("X, Y and Z") or it ends there ("X, Y.");
                # "Liam Fox, Tory co-chairman" is a man and his party.
                if chunk.start - left_end != 2 or text.startswith(_LIST_ENDS, chunk.end):
                    listed.append((left_name, name))
            left_end, left_name = chunk.end, name
            votes = by_text.get(name)
            if votes is None:
                votes = by_text[name] = no_votes()
                seen = 0
            else:
                seen = mentions[name]
            end = chunk.end
            if text[end + 1 : end + 2].isdigit():
                version = VERSION_RE.match(text, end)
                if version and not name.isupper() and name not in lx.PLACES:
                    end = version.end(1)
                    votes[PRODUCT] += 2
            if seen < 4:  # a few mentions tell the kind; the rest cost time
                evidence = vote(chunk, text, self.vocab)
                votes[0] += evidence[0]
                votes[1] += evidence[1]
                votes[2] += evidence[2]
                votes[3] += evidence[3]
                votes[4] += evidence[4]
            mentions[name] = seen + 1
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
            and votes[PERSON] >= max(votes[ORG], votes[PLACE], votes[PRODUCT], votes[OTHER])
        }
        canon = canonical_map(self.text, chunks, people, mentions, self.index)
        for short in list(canon):
            votes = by_text.get(short) or no_votes()
            if votes[PERSON] + 2 <= max(votes[ORG], votes[PLACE], votes[PRODUCT], votes[OTHER]):
                del canon[short]  # "Meta" seen as a company is not the surname of "X Y Meta"
        if canon:
            pooled: dict[str, list[float]] = {}
            for name, votes in by_text.items():
                total = pooled.get(canon.get(name, name))
                if total is None:
                    pooled[canon.get(name, name)] = list(votes)
                else:
                    add_votes(total, votes)
        else:
            pooled = by_text
        for name in self.person_words.intersection(pooled):
            pooled[name][PERSON] += 2  # "Lula", a word of "Luiz Inacio Lula da Silva"
        if listed:
            share_kinds_in_lists(listed, canon, pooled)
        self.votes = pooled
        if index is None:
            kinds = {name: votes_to_kind(votes) for name, votes in pooled.items()}
        else:
            kinds = {name: winner(votes, index, name) for name, votes in pooled.items()}
        result: list[Span] = []
        append = result.append
        for chunk, end in zip(chunks, ends, strict=True):
            name = canon.get(chunk.text, chunk.text)
            # A product's version is part of what it is: "Llama 4" is not "Llama".
            value = name + text[chunk.end : end] if end > chunk.end else name
            append(Span(chunk.start, end, "name", kinds[name], value))
        return result


# _mid_verdict of names with no hints, by far the most asked: a plain dict is cheaper to ask
# than the lru cache. Cleared when it grows large, as a long session reads many articles.
_PLAIN_MID: dict[str, bool] = {}


def _remember_plain_mid(name: str, verdict: bool) -> None:
    if len(_PLAIN_MID) > 32_768:
        _PLAIN_MID.clear()
    _PLAIN_MID[name] = verdict


@lru_cache(maxsize=32768)
def _mid_verdict(name: str, several: bool, person_hint: bool, place_hint: bool) -> bool | None:
    """Whether a capitalised run seen mid-sentence is a name, by its words alone.

    None when only the text can tell: an all-capital word may be an acronym or a shout.
    """
    if place_hint:
        return True
    words = name.split()
    if all(part in lx.DEMONYMS for word in words for part in word.split("-")):
        return False  # "British", "Palestinian-Israeli"
    if several:
        return not all(w in lx.COMMON_ACRONYMS or w in lx.MONTHS for w in words)
    if name in lx.GROUP_MEMBERS:
        return False
    if name in lx.COMMON_ACRONYMS or name in lx.NEVER_ALONE or name in lx.FUNCTION_WORDS:
        return person_hint and name not in lx.COMMON_ACRONYMS
    if name.isupper() and len(name) > 1 and name not in lx.PLACES:
        return None
    return True


# Words that end the name of a body: after "and", they start a second body ("the Ministry of
# Defence and Foreign Office") unless what precedes "and" is one ordinary word.
_BODY_HEADS = frozenset(
    "Office Department Ministry Agency Commission Committee Council Bureau Board Authority "
    "Bank University College Institute Administration Museum Gallery Association Society "
    "Foundation Federation Trust Service".split()
)


def _plain(word: str) -> bool:
    """A capitalised word that is no place, given name or acronym ("Health", "Drug")."""
    return (
        word[:1].isupper()
        and not word.isupper()
        and word not in lx.PLACES
        and word not in lx.FIRST_NAMES
        and word not in lx.DEMONYMS
    )


_LIST_JOINS = frozenset((", ", " and ", " or ", ", and ", ", or "))
_LIST_ENDS = (", ", " and ", " or ", ".", ";", ":", ")")
