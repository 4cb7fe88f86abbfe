"""What a corpus has taught about names: reliable mentions, short forms, aliases, kinds and
counts, and the names the user declares. NameIndex (name_index.py) learns it; the finders
of one text (text_names.py, name_kinds.py) consult it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from reader.config import NAME_KINDS, NameEntry

# A name the user declares (config.yaml `names:`): always marked, with its kind and aliases.
NameSpec = NameEntry

__all__ = ["NAME_KINDS", "KnownNames", "NameSpec"]


class KnownNames:
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
