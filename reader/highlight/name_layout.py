"""Where a word stands in a text: mid-sentence, opening a sentence, or in a heading."""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.highlight.name_shapes import SMALL_WORDS

# Positions that may open a sentence: after . ! ? : ; or a line break, past opening quotes,
# bullets, markdown marks and list markers. Layout.context looks closer at these few.
_MAYBE_START_RE = re.compile(
    r"[\n.!?:;…](?:(?<=\n)|[\"'”’)\]*_]*[ \t\u00a0]+)"
    r"(?:[ \t\u00a0\"“”‘’'(\[*_#>•·|–—-]+|\d{1,3}[.)][ \t]+|[a-z][.)][ \t]+)*"
)
_SENTENCE_BREAKS = frozenset("\n.!?:;…")
# Spaces, closing marks after an end mark and opening marks before a first word.
_MARKS_AROUND_STARTS = frozenset(" \t\u00a0\"'”’)]*_“‘([#>•·|–—-")
# What may stand just before a sentence's first word: a line break, a space or an opening
# mark; and before that space, an end mark, a closing mark or more space.
BEFORE_OPENING = frozenset(" \t\u00a0\n\"“”‘’'([*_#>•·|–—-")
BEFORE_SPACE = frozenset(" \t\u00a0\n.!?:;…\"'”’)]*_“‘([#>•·|–—-")
_TEXT_START_RE = re.compile(
    r"(?:[ \t\u00a0\"“”‘’'(\[*_#>•·|–—-]+|\d{1,3}[.)][ \t]+|[a-z][.)][ \t]+)*"
)
_LIST_MARKER_RE = re.compile(r"[ \t]*(?:\d{1,3}[.)]|[a-z][.)])")
_SKIP_BEFORE = " \t\r\n\u00a0\"“”‘’'([*_#>•·|–—-"
_SENTENCE_END = ".!?:;…"
# Words after which a period does not end the sentence.
_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr St Prof Gov Sen Rep Gen Lt Col Capt Sgt Rev Jr Sr vs etc Mt No Inc Corp "
    "Ltd Co e.g i.e".split()
)
_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")
# A wire dateline: "PORTO ALEGRE, Brazil (Wire) - ...".
_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*)(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)*)?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([^)\n]{1,40}\))?[ \u00a0]?[-–—]+[ \u00a0]",
    re.M,
)


class Layout:
    """The lines of one text: which are Title Case headings, which open with a dateline."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.text_start = _TEXT_START_RE.match(text).end()  # type: ignore[union-attr]
        self.sentence_starts: set[int] = set()  # known to open a sentence (after a dateline)
        title_starts: list[int] = []
        title_ends: list[int] = []
        capital_lines: list[int] = []  # lines opening with a capital, maybe a dateline
        position = 0
        for line in text.split("\n"):
            end = position + len(line)
            if len(line) < 200 and looks_like_title(line):
                title_starts.append(position)
                title_ends.append(end)
            if "A" <= line[:1] <= "Z":
                capital_lines.append(position)
            position = end + 1
        self._capital_lines = capital_lines
        self.title_starts, self.title_ends = title_starts, title_ends
        self.has_headings = bool(title_starts)

    def datelines(self) -> list[tuple[int, int, str]]:
        """(start, end, place) of each dateline; the text after one opens a sentence."""
        found = []
        for line_start in self._capital_lines:
            match = _DATELINE_RE.match(self.text, line_start)
            if match is not None:
                start, end = match.span("place")
                found.append((start, end, match.group("place")))
                self.sentence_starts.add(match.end())
        return found

    def context(self, start: int) -> str:
        """'title' (a heading or bold lead-in), 'start' (opens a sentence) or 'mid'."""
        if self.title_starts:
            i = bisect_right(self.title_starts, start) - 1
            if i >= 0 and start <= self.title_ends[i]:
                return "title"
        if start in self.sentence_starts:
            return "start"
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        if not self._maybe_start(start, line_start):
            return "mid"
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

    def quick_context(self, start: int) -> str:
        """context(start), answering 'mid' at once where no sentence can open (most words)."""
        if self.title_starts or start < 2:
            return self.context(start)
        text = self.text
        before = text[start - 1]
        if before == " ":
            return self.context(start) if text[start - 2] in BEFORE_SPACE else "mid"
        return self.context(start) if before in BEFORE_OPENING else "mid"

    def _maybe_start(self, start: int, line_start: int) -> bool:
        """Whether `start` may open a sentence: a _MAYBE_START_RE match ends there.

        Such a match begins at the last end mark before `start` with only spaces and opening
        or closing marks between, so it is tried there alone. Only a list marker ("a) ",
        "1) ") hides that mark, and then the stretch of the line before `start` is searched.
        """
        if start <= self.text_start:
            return start == self.text_start
        text = self.text
        position = start - 1
        while position >= 0 and text[position] in _MARKS_AROUND_STARTS:
            position -= 1
        if position < 0:
            return False
        mark = text[position]
        if mark in _SENTENCE_BREAKS:
            match = _MAYBE_START_RE.match(text, position)
            return match is not None and match.end() == start
        if not mark.isalnum():
            return False
        window = max(line_start - 1, start - 100, 0)
        return any(m.end() == start for m in _MAYBE_START_RE.finditer(text, window, start))


def looks_like_title(line: str) -> bool:
    """A heading or headline in Title Case: most content words start with a capital."""
    stripped = line.strip().lstrip("#*>-–—•· \t").strip("*_ \t")
    if not stripped or len(stripped) > 160 or stripped.endswith("."):
        return False
    words = [w for w in _TITLE_WORD_RE.findall(stripped) if w.lower() not in SMALL_WORDS]
    if not words:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    if len(words) == 1:
        return capitals == 1
    return capitals >= 2 and capitals >= 0.75 * len(words)
