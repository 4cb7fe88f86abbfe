"""ArticleView: one article as styled, wrapped lines with figures, names and find matches.

The article's blocks (`reader.present.article_text`) are wrapped into lines for the current
width, and only the visible lines are styled and rendered (line API), so a long article
scrolls as fast as a short one. An ordinary article is laid out at once; a huge one (millions
of lines) a slice at a time between keys, its blocks read as the layout reaches them, so it
opens at once and keys never wait: End follows the end as it grows. Styles are the widget's
component classes, so every colour follows the theme.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content, Span
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from reader.highlight.span import Marked
from reader.present import Document
from reader.present.article_lines import LineLayout, ScreenLine

# The comfortable reading measure, in cells.
MEASURE = 80


# What the view needs of a span (read-only): reader.highlight.Span and Highlight fit.
HighlightSpan = Marked


class Highlight(NamedTuple):
    """A highlight in document offsets (what the app hands the view)."""

    start: int
    end: int
    cls: str


_BLOCK_STYLE = {
    "title": ".article-view--title",
    "meta": ".article-view--meta",
    "url": ".article-view--url",
    "h1": ".article-view--h1",
    "h2": ".article-view--h2",
    "h3": ".article-view--h3",
    "quote": ".article-view--quote",
    "code": None,
}
# Styles that sit inside other styles (bold in a heading) add only what they set; every
# other class is resolved in full against the view's background, which is what turns theme
# colours like `$text-muted` ("auto 60%") into a readable colour in dark and light themes.
# So inline classes must use opaque colours in the stylesheet.
_INLINE_CLASSES = {
    f"article-view--{name}"
    for name in ("bold", "italic", "code", "link", "image", "figure", "name")
}
_HIGHLIGHT_STYLE = {"figure": ".article-view--figure", "name": ".article-view--name"}

# Layout works in slices of at most this long (seconds), a key answered between two. An
# ordinary article is laid out in one slice, at once.
SLICE_SECONDS = 0.008


class ArticleView(ScrollView, can_focus=True):
    """A scrolling, highlighted view of one article's text."""

    HELP_TITLE = "Scrolling the article"

    BINDINGS = [
        Binding(
            "j,down", "line_down", "Down", show=False, id="article.down", tooltip="Scroll down"
        ),
        Binding("k,up", "line_up", "Up", show=False, id="article.up", tooltip="Scroll up"),
        Binding(
            "space,pagedown",
            "page_down",
            "Page down",
            show=False,
            id="article.page_down",
            tooltip="One page down",
        ),
        Binding(
            "b,pageup",
            "page_up",
            "Page up",
            show=False,
            id="article.page_up",
            tooltip="One page up",
        ),
        Binding(
            "g,home", "top", "Top", show=False, id="article.top", tooltip="Start of the article"
        ),
        Binding(
            "G,end",
            "bottom",
            "Bottom",
            show=False,
            id="article.bottom",
            tooltip="End of the article",
        ),
    ]

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--meta",
        "article-view--url",
        "article-view--rule",
        "article-view--h1",
        "article-view--h2",
        "article-view--h3",
        "article-view--bold",
        "article-view--italic",
        "article-view--code",
        "article-view--link",
        "article-view--image",
        "article-view--quote",
        "article-view--marker",
        "article-view--figure",
        "article-view--name",
        "article-view--current",
        "article-view--match",
        "article-view--match-current",
    }

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.document: Document | None = None
        self.highlights: list[HighlightSpan] = []
        self._layout: LineLayout | None = None  # the lines for the current width
        self._layout_width = -1
        self._layout_generation = 0
        # End was pressed while the layout grows: stay at the end (while at this line).
        self._following_end: int | None = None
        # Figure and name styles by start offset, and the longest one's length.
        self._marks: list[tuple[int, int, str]] = []
        self._mark_starts: list[int] = []
        self._mark_reach = 0
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(512)
        self._overlay_generation = 0
        self._figures: list[tuple[int, int]] = []
        self.current_figure: int | None = None
        self.matches: list[tuple[int, int]] = []
        self.current_match: int | None = None
        # A saved reading position to go to once the view knows its size.
        self._pending_offset: int | None = None
        # A span another screen sent the reader to (a mention), marked until the next
        # article; revealed once the view knows its size.
        self.pointed: tuple[int, int] | None = None
        self._pending_reveal: int | None = None

    # --- content -----------------------------------------------------------------------

    def show(self, document: Document, highlights: Sequence[HighlightSpan] = ()) -> None:
        """Display a laid-out article from its top; highlight offsets are document offsets."""
        self.document = document
        self.matches, self.current_match = [], None
        self.current_figure = None
        self._pending_offset = None
        self.pointed = self._pending_reveal = None
        self._set_highlights(highlights)
        self._layout_width = -1
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def restore(self, offset: int) -> None:
        """Go back to a saved position (now, or as soon as the view has a size and the
        layout reaches it)."""
        if self._line_starts and self.size.height:
            self.scroll_to_offset(offset)
        else:
            self._pending_offset = offset

    def point_at(self, start: int, end: int) -> None:
        """Mark document offsets [start, end) and scroll them into view (a third of the way
        down), now or as soon as the view has a size."""
        self.pointed = (start, end)
        self._overlays_changed()
        if self._line_starts and self.size.height:
            self._pending_reveal = None
            self.reveal(start)
        else:
            self._pending_reveal = start

    def set_highlights(self, highlights: Sequence[HighlightSpan]) -> None:
        """Replace the figure and name highlights, keeping the reading position (they do
        not change the layout)."""
        self.current_figure = None
        self._set_highlights(highlights)
        self._strips.clear()
        self.refresh()

    def _set_highlights(self, highlights: Sequence[HighlightSpan]) -> None:
        self.highlights = sorted(highlights, key=lambda span: (span.start, span.end))
        self._figures = [(s.start, s.end) for s in self.highlights if s.cls == "figure"]
        self._marks = [
            (span.start, span.end, _HIGHLIGHT_STYLE[span.cls])
            for span in self.highlights
            if span.cls in _HIGHLIGHT_STYLE and 0 <= span.start < span.end
        ]
        self._mark_starts = [start for start, _, _ in self._marks]
        self._mark_reach = max((end - start for start, end, _ in self._marks), default=0)

    def _piece(self, line: ScreenLine) -> Content:
        """One line's text with its styles: its block's, its inline ones, then highlights
        (in that order, so a highlight shows over the block's style)."""
        if line.blank or line.start == line.end or self.document is None:
            return Content("")
        block = self.document.built[line.block]
        start, end = line.start, line.end
        spans: list[Span] = []

        def clip(span_start: int, span_end: int, style: str) -> None:
            if span_start < end and span_end > start and span_end > span_start:
                spans.append(
                    Span(max(span_start, start) - start, min(span_end, end) - start, style)
                )

        style = _BLOCK_STYLE.get(block.kind)
        if style and block.text:
            clip(block.start, block.start + len(block.text), style)
        for span_start, span_end, name in block.styles:
            clip(block.start + span_start, block.start + span_end, f".article-view--{name}")
        first = bisect_left(self._mark_starts, start - self._mark_reach)
        for number in range(first, bisect_left(self._mark_starts, end)):
            clip(*self._marks[number])
        text = block.text[start - block.start : end - block.start]
        # The text was sanitised when it was loaded; Content never parses it as markup.
        return Content(text, spans, strip_control_codes=False)

    # --- layout ------------------------------------------------------------------------

    @property
    def measure(self) -> int:
        return max(10, min(MEASURE, self.size.width - 2))

    @property
    def margin(self) -> int:
        return max(1, (self.size.width - self.measure) // 2)

    def on_resize(self, event: events.Resize) -> None:
        offset = self.top_offset if self._pending_offset is None else self._pending_offset
        self._relayout()
        if self._line_starts and self.size.height:
            self._pending_offset = None
            self.scroll_to_offset(offset)
            if self._pending_reveal is not None:
                reveal, self._pending_reveal = self._pending_reveal, None
                self.reveal(reveal)

    def _relayout(self) -> None:
        """Lay the document out again from its top, at the current width: at once for an
        ordinary article, else its first slice now and the rest in later slices."""
        width = self.measure
        if self.document is None or width == self._layout_width or not self.size.width:
            self._update_virtual_size()
            return
        self._layout_width = width
        self._layout_generation += 1
        self._layout = LineLayout(self.document, width)
        self._following_end = None
        self._strips.clear()
        self._lay_out_slice(first=True)
        self.refresh()

    def _lay_out_slice(self, *, first: bool = False) -> None:
        """Lay out blocks for up to SLICE_SECONDS (reading more of the document as needed);
        if some are left, come back for them after the keys that are waiting."""
        if self._layout is None:
            return
        self._layout.extend(SLICE_SECONDS)
        self._update_virtual_size(growing=not first)
        if not first:  # after the first, whoever laid out again puts the view in place
            self._settle_position()
        if not self._layout.done:
            generation = self._layout_generation
            self.set_timer(0.001, lambda: self._next_slice(generation), name="layout")

    def _next_slice(self, generation: int) -> None:
        if generation == self._layout_generation and self.is_mounted:
            self._lay_out_slice()

    @property
    def laid_out(self) -> bool:
        """Whether the whole article is laid out (a huge one takes a while, between keys)."""
        return self._layout is None or self._layout.done

    @property
    def _line_starts(self) -> Sequence[int]:
        return self._layout.starts if self._layout is not None else ()

    def _reached(self, offset: int) -> bool:
        """Whether the layout has reached document offset `offset`."""
        return self._layout is None or self._layout.reached(offset)

    def _settle_position(self) -> None:
        """After a slice: follow the end, or go where a position waited for the layout."""
        if not self.size.height or not self._line_starts:
            return
        if self._following_end is not None:
            if round(self.scroll_y) == self._following_end:
                self.action_bottom()
            else:
                self._following_end = None  # the reader scrolled away
        if self._pending_offset is not None and self._reached(self._pending_offset):
            offset, self._pending_offset = self._pending_offset, None
            self.scroll_to_offset(offset)
        if self._pending_reveal is not None and self._reached(self._pending_reveal):
            reveal, self._pending_reveal = self._pending_reveal, None
            self.reveal(reveal)

    def _update_virtual_size(self, *, growing: bool = False) -> None:
        size = Size(self.size.width, len(self._line_starts))
        if growing and size.width == self.virtual_size.width:
            # More lines laid out: only the scroll range changes, the screen needs no new
            # layout (which would cost a slice's worth of time for every slice).
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # --- positions ---------------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        """The screen line showing document offset `offset`."""
        if not self._line_starts:
            return 0
        return max(0, bisect_right(self._line_starts, offset) - 1)

    @property
    def top_offset(self) -> int:
        """Document offset of the first visible line (a width-independent position)."""
        if not self._line_starts:
            return 0
        top = min(round(self.scroll_y), len(self._line_starts) - 1)
        return self._line_starts[top]

    def scroll_to_offset(self, offset: int) -> None:
        """Put the line holding `offset` at the top (a blank line before a block included);
        an offset the layout has not reached yet is gone to when it does."""
        if not self._reached(offset):
            self._pending_offset = offset
            return
        line = bisect_left(self._line_starts, offset)
        if line >= len(self._line_starts) or self._line_starts[line] != offset:
            line = self.line_of(offset)
        self.scroll_to(y=line, animate=False, immediate=True, force=True)

    def reveal(self, offset: int) -> None:
        """Scroll so the line with `offset` is visible, a third of the way down if it was not
        (when the layout reaches it)."""
        if not self._reached(offset):
            self._pending_reveal = offset
            return
        line = self.line_of(offset)
        top = round(self.scroll_y)
        if not top <= line < top + self.size.height:
            self.scroll_to(
                y=max(0, line - self.size.height // 3), animate=False, immediate=True, force=True
            )

    @property
    def percent(self) -> int:
        scrollable = self.max_scroll_y
        if scrollable <= 0:
            return 100
        return round(100 * self.scroll_y / scrollable)

    # --- figures -----------------------------------------------------------------------

    @property
    def figure_count(self) -> int:
        return len(self._figures)

    def jump_figure(self, step: int) -> tuple[int, int] | None:
        """Move to the next (step 1) or previous (-1) highlighted figure; None if none."""
        if not self._figures:
            return None
        if self.current_figure is None or not self._on_screen(
            self._figures[self.current_figure][0]
        ):
            # Start from what is on screen, not from a figure the reader scrolled away from.
            top = self.top_offset
            starts = [start for start, _ in self._figures]
            index = bisect_left(starts, top) if step > 0 else bisect_left(starts, top) - 1
            if step > 0 and self.current_figure is None and top == 0:
                index = 0
        else:
            index = self.current_figure + step
        if not 0 <= index < len(self._figures):
            return None
        self.current_figure = index
        self._overlays_changed()
        start, end = self._figures[index]
        self.reveal(start)
        return start, end

    def _on_screen(self, offset: int) -> bool:
        line = self.line_of(offset)
        top = round(self.scroll_y)
        return top <= line < top + self.size.height

    # --- find --------------------------------------------------------------------------

    def find(self, query: str) -> int:
        """Highlight every case-insensitive occurrence of `query`; go to the first one after
        the top of the screen. Returns the number of matches."""
        self.matches = []
        self.current_match = None
        if query.strip() and self.document is not None:
            pattern = re.compile(re.escape(query), re.IGNORECASE)
            self.matches = [m.span() for m in pattern.finditer(self.document.text)]
        if self.matches:
            top = self.top_offset
            index = bisect_left([start for start, _ in self.matches], top)
            self.current_match = index if index < len(self.matches) else 0
            self.reveal(self.matches[self.current_match][0])
        self._overlays_changed()
        return len(self.matches)

    def step_match(self, step: int) -> int | None:
        """Go to the next or previous match (wrapping around); its index, or None."""
        if not self.matches:
            return None
        current = -1 if self.current_match is None else self.current_match
        self.current_match = (current + step) % len(self.matches)
        self.reveal(self.matches[self.current_match][0])
        self._overlays_changed()
        return self.current_match

    def clear_find(self) -> None:
        self.matches, self.current_match = [], None
        self._overlays_changed()

    def _overlays_changed(self) -> None:
        self._overlay_generation += 1
        self.refresh()

    # --- actions -----------------------------------------------------------------------

    def action_line_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True, force=True)

    def action_line_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False, immediate=True, force=True)

    def action_page_down(self) -> None:
        self.scroll_to(
            y=self.scroll_y + max(1, self.size.height - 2),
            animate=False,
            immediate=True,
            force=True,
        )

    def action_page_up(self) -> None:
        self.scroll_to(
            y=self.scroll_y - max(1, self.size.height - 2),
            animate=False,
            immediate=True,
            force=True,
        )

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)
        # Still laying out: stay at the end as it grows, until the reader scrolls away.
        self._following_end = None if self.laid_out else round(self.scroll_y)

    # --- rendering ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = round(self.scroll_y) + y
        base = self.rich_style
        if not 0 <= index < len(self._line_starts):
            return Strip.blank(width, base)
        key = (index, width, self._layout_width, self._overlay_generation)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_text_line(index, width)
            self._strips[key] = strip
        return strip.apply_offsets(0, index)

    def _render_text_line(self, index: int, width: int) -> Strip:
        assert self._layout is not None
        line = self._layout.line(index)
        base_style = self.get_visual_style()
        rich_base = self.rich_style
        segments = [Segment(" " * self.margin, rich_base)]
        if line.prefix == "rule":
            style = (base_style + self._style(".article-view--rule")).rich_style
            segments.append(Segment("─" * self.measure, style))
            return Strip(segments).adjust_cell_length(width, rich_base)
        if line.prefix:
            style = (base_style + self._style(line.prefix_style)).rich_style
            segments.append(Segment(line.prefix, style))
        piece = self._piece(line)
        overlays = self._overlays(line)
        if overlays:
            piece = piece.add_spans(overlays)
        for text, piece_style in piece.render(base_style, end="", parse_style=self._style):
            segments.append(Segment(text, piece_style.rich_style))
        return Strip(segments).adjust_cell_length(width, rich_base)

    def _overlays(self, line: ScreenLine) -> list[Span]:
        """Find matches and the current figure on this line, in line-relative offsets."""
        spans: list[Span] = []
        if line.start == line.end:
            return spans

        def clip(start: int, end: int, style: str) -> None:
            if start < line.end and end > line.start:
                spans.append(
                    Span(
                        max(start, line.start) - line.start, min(end, line.end) - line.start, style
                    )
                )

        if self.current_figure is not None:
            clip(*self._figures[self.current_figure], ".article-view--current")
        if self.pointed is not None:
            clip(*self.pointed, ".article-view--match-current")
        if self.matches:
            first = max(0, bisect_left(self.matches, (line.start, -1)) - 1)
            for number in range(first, len(self.matches)):
                start, end = self.matches[number]
                if start >= line.end:
                    break
                current = number == self.current_match
                clip(
                    start,
                    end,
                    ".article-view--match-current" if current else ".article-view--match",
                )
        return spans

    def _style(self, style: str | VisualStyle) -> VisualStyle:
        """Resolve a `.component-class` style name against this widget's styles."""
        if isinstance(style, VisualStyle):
            return style
        name = style.lstrip(".")
        return component_style(self, name, partial=name in _INLINE_CLASSES)


def component_style(widget: Widget, name: str, *, partial: bool = True) -> VisualStyle:
    """A component class's style (colours, background, bold...) as a Content style.

    Built from the Rich style, which keeps an opaque background (Textual's partial visual
    style drops it). `partial=False` resolves `auto` text colours against the component's
    own background, for overlays that set both colours. Textual caches the Rich styles and
    clears them when the theme changes.
    """
    return VisualStyle.from_rich_style(widget.get_component_rich_style(name, partial=partial))
