"""A compare paragraph's Markdown as the reader view shows it, with a map of the source offsets.

Compare highlights figures and names by their offsets in the article body; once `## `, `**`
and `[text](url)` are gone those offsets move. `render_paragraph` reads the paragraph with the
reader view's own block and inline rules (`article_text.body_blocks`) and maps every source
character to where it is shown (or to nothing, for markup that is not shown).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.present.article_text import IMAGE, body_blocks

# Style names besides the inline ones of article_text (bold, italic, code, link, image).
HEADING = "heading"
MARKER = "marker"
# Blocks of these kinds start on a line of their own (a paragraph wrapped by its writer
# continues on the same line).
# How far ahead of the last matched source character the next shown one is sought (past a
# link's address, say); beyond, it is taken as not from the source.
_SEARCH = 2048
_OWN_LINE = frozenset({"h1", "h2", "h3", "item", "quote", "code", "rule"})


# Tabs and other breaks inside a line become spaces (one character for one).
_FLATTEN = str.maketrans({"\r": " ", "\t": " ", "\v": " ", "\f": " "})


@dataclass
class RenderedParagraph:
    """Shown text, its styles [(start, end, name)], and for each source offset (and the end)
    the offset in `text` it is shown at (-1: markup, not shown)."""

    text: str
    styles: list[tuple[int, int, str]]
    offsets: list[int]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the source range [start, end) is shown, if its ends are shown."""
        first = next((self.offsets[k] for k in range(start, end) if self.offsets[k] >= 0), -1)
        last = next(
            (self.offsets[k] + 1 for k in range(end - 1, start - 1, -1) if self.offsets[k] >= 0),
            -1,
        )
        if first < 0 or last <= first:
            return None
        return first, last


def render_paragraph(source: str) -> RenderedParagraph:
    """`source` (one paragraph of a body) with its Markdown rendered: headings without `#`
    (styled as headings), list items with a bullet, emphasis and links as styles; line
    breaks inside a paragraph become spaces, between blocks new lines."""
    pieces: list[tuple[str, bool]] = []  # (text, whether it comes from the source)
    styles: list[tuple[int, int, str]] = []
    length = 0
    previous_kind = ""
    for block in body_blocks(source):
        if block.kind == "rule":
            continue
        if pieces:
            own = block.kind in _OWN_LINE or previous_kind in _OWN_LINE
            pieces.append(("\n" if own else " ", False))
            length += 1
        previous_kind = block.kind
        if block.kind == "item":
            marker = f"{block.marker} "
            pieces.append((marker, False))
            styles.append((length, length + len(block.marker), MARKER))
            length += len(marker)
        images = [(s, e) for s, e, name in block.styles if name == IMAGE]
        position = 0
        for start, end in images:  # an image's "[image: alt]" is not source text
            pieces.append((block.text[position:start], True))
            pieces.append((block.text[start:end], False))
            position = end
        pieces.append((block.text[position:], True))
        styles.extend((length + s, length + e, name) for s, e, name in block.styles)
        if block.kind in ("h1", "h2", "h3"):
            styles.append((length, length + len(block.text), HEADING))
        length += len(block.text)
    text = "".join(piece for piece, _ in pieces).translate(_FLATTEN)
    return RenderedParagraph(text, styles, _offsets(source, pieces))


def _offsets(source: str, pieces: list[tuple[str, bool]]) -> list[int]:
    """Source offset -> shown offset: the shown source text is a subsequence of the source
    (markup removed, line breaks shown as spaces), matched greedily in order."""
    offsets = [-1] * (len(source) + 1)
    cursor = 0
    shown = 0
    for piece, from_source in pieces:
        if not from_source:
            shown += len(piece)
            continue
        for char in piece:
            probe = cursor
            stop = min(len(source), cursor + _SEARCH)
            while probe < stop and not _same(source[probe], char):
                probe += 1
            if probe < stop:
                offsets[probe] = shown
                cursor = probe + 1
            shown += 1
    offsets[len(source)] = shown
    return offsets


def _same(source_char: str, shown_char: str) -> bool:
    return source_char == shown_char or (source_char.isspace() and shown_char.isspace())
