"""Names seen across a corpus: short forms, kinds, mention counts, and names the user declares."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from reader.highlight import lexicon as lx
from reader.highlight.figures import scan_figures
from reader.highlight.name_kinds import add_votes, no_votes, votes_to_kind
from reader.highlight.name_shapes import LOWER_WORD_RE
from reader.highlight.names import TextNames

NAME_KINDS = ("person", "org", "place", "product", "other")


@dataclass(frozen=True)
class NameSpec:
    """A name the user declares (config `names:`): always marked, with its kind and aliases."""

    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()


class NameIndex:
    """Names seen across a corpus: short forms, kinds and mention counts."""

    def __init__(self) -> None:
        self._known: Counter[str] = Counter()  # reliable (mid-sentence) mentions per name
        self._lower: Counter[str] = Counter()  # lower-case words, to spot common words
        self._short: dict[str, str] = {}
        self._fulls: set[str] = set()  # full person names that short forms point to
        self._aliases: dict[str, str] = {}
        self._kinds: dict[str, str] = {}
        self._declared_kinds: dict[str, str] = {}
        self._counts: Counter[str] = Counter()
        self._never: frozenset[str] = frozenset()
        self._declared_re: re.Pattern[str] | None = None

    @classmethod
    def build(
        cls, articles: Iterable[object], names: Iterable[NameSpec] = (), never: Iterable[str] = ()
    ) -> NameIndex:
        """Index the names of `articles` (objects with .title and .body)."""
        index = cls()
        index._never = frozenset(word.strip().lower() for word in never if word.strip())
        index._declare(names)
        texts = [f"{article.title}\n\n{article.body}" for article in articles]  # type: ignore[attr-defined]
        # Lower-case words by the number of texts using them (counted once per text).
        vocabularies = [set(LOWER_WORD_RE.findall(text)) for text in texts]
        for words in vocabularies:
            index._lower.update(words)
        votes: dict[str, list[float]] = {}
        fulls: dict[str, Counter[str]] = defaultdict(Counter)
        mentions: list[list[str]] = []
        unsure: list[list[str]] = []
        for text, words in zip(texts, vocabularies, strict=True):
            _, protected = scan_figures(text, with_figures=False)
            finder = TextNames(text, index, protected, words)
            finder.index = None  # first pass: evidence from each text alone
            finder.vocab.corpus = index._lower
            found = finder.spans()
            for name in finder.mid_known:
                index._known[name] += 1
            for name in finder.full_names:
                fulls[name.rsplit(" ", 1)[1]][name] += 1
            for name, evidence in finder.votes.items():
                total = votes.get(name)
                if total is None:
                    votes[name] = list(evidence)
                else:
                    add_votes(total, evidence)
            mentions.append([span.value for span in found])
            unsure.append(finder.unsure)
        for short, counter in fulls.items():
            (best, best_count), total = counter.most_common(1)[0], sum(counter.values())
            if short in lx.PLACES or short in index._declared_kinds:
                continue  # "London" is a city before it is anyone's surname
            evidence = votes.get(short)
            if evidence and votes_to_kind(evidence) not in ("person", "other"):
                continue  # a company or place by itself, whatever "X Y Short" once was
            if votes_to_kind(votes.get(best, no_votes())) != "person":
                continue  # "Universal Music" is no one's full name
            if best_count >= 0.75 * total:
                index._short[short] = best
                index._fulls.add(best)
        canonical = index.canonical
        merged: dict[str, list[float]] = {}
        for name, evidence in votes.items():
            key = canonical(name)
            total = merged.get(key)
            if total is None:
                merged[key] = list(evidence)
            else:
                add_votes(total, evidence)
        for name, evidence in merged.items():
            index._kinds.setdefault(name, votes_to_kind(evidence))
        mentioned = Counter(name for found_names in mentions for name in found_names)
        for name, count in mentioned.items():
            index._counts[canonical(name)] += count
        # Sentence starts and headings the texts alone could not vouch for, now known.
        for candidates in unsure:
            for name in candidates:
                if index._is_known(name):
                    index._counts[index.canonical(name)] += 1
        return index

    def _declare(self, names: Iterable[NameSpec]) -> None:
        forms: list[str] = []
        for spec in names:
            kind = spec.kind if spec.kind in NAME_KINDS else "other"
            self._declared_kinds[spec.name] = kind
            self._kinds[spec.name] = kind
            forms.append(spec.name)
            for alias in spec.aliases:
                self._aliases[alias] = spec.name
                forms.append(alias)
        forms = [form for form in forms if form.strip()]
        if forms:
            alternatives = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
            self._declared_re = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")

    def _declared_spans(self, text: str) -> list[tuple[int, int, str, str]]:
        if self._declared_re is None:
            return []
        spans = []
        for match in self._declared_re.finditer(text):
            canonical = self._aliases.get(match.group(), match.group())
            spans.append((match.start(), match.end(), self._declared_kinds[canonical], canonical))
        return spans

    def _is_known(self, name: str) -> bool:
        if name in self._declared_kinds or name in self._aliases or name in self._short:
            return True
        if name in self._fulls:
            return True
        seen = self._known.get(name, 0)
        if not seen:
            return False
        if " " in name:
            return True
        # A single word must be capitalised mid-sentence more often than written in lower case.
        lower = self._lower.get(name.lower(), 0)
        return (seen >= 2 and seen >= lower) or (seen == 1 and lower == 0)

    def canonical(self, name: str) -> str:
        """The full form of a name ("Wang" -> "Alexandr Wang"), else the name itself."""
        return self._aliases.get(name) or self._short.get(name) or name

    def kind(self, name: str) -> str | None:
        """The kind most often seen for this name, or None if the corpus never showed it."""
        return self._kinds.get(self.canonical(name))

    def counts(self) -> dict[str, int]:
        """Canonical name -> mentions across the corpus."""
        return dict(self._counts)
