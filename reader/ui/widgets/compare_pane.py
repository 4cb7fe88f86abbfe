"""One side of the compare screen: an article body as pre-wrapped lines (Textual's line API)."""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.analysis import Pair
from reader.present import ROLES, PaneLayout, strength_glyph

# Gutter classes by match strength (lowest first); a paragraph with no match gets "only".
GUTTER_LEVELS = ((0.0, "weak"), (0.25, "fair"), (0.4, "strong"))
ONLY_MARK = "┃"


class ComparePane(ScrollView, can_focus=True):
    """An article body laid out by `reader.present.compare_layout`, with a gutter on the inner edge
    showing how strongly each paragraph matches the other side (a bar for paragraphs only
    this side has)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"compare-pane--{role}" for role in ROLES),
        "compare-pane--gap",
        "compare-pane--gutter-only",
        *(f"compare-pane--gutter-{level}" for _, level in GUTTER_LEVELS),
    }
    DEFAULT_CSS = """
    ComparePane {
        overflow-y: scroll;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
    }
    """

    class Scrolled(Message):
        """The pane's top line changed (by the user or by code)."""

        def __init__(self, pane: ComparePane) -> None:
            super().__init__()
            self.pane = pane

    class Resized(Message):
        """The pane changed size: its lines must be wrapped again."""

    def __init__(self, side: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.side = side
        self.layout_lines: PaneLayout = PaneLayout([], {})
        self.pairs: list[Pair] = []
        self.placeholder = "Comparing…"
        self.complete = True  # every line is laid out (else a worker is laying out the rest)
        self._to_end = False  # End was pressed before the rest was laid out
        self._cache: OrderedDict[int, Strip] = OrderedDict()

    # --- what the screen tells us --------------------------------------------------------

    def role_styles(self) -> dict[str, Style]:
        """Rich styles for the highlight roles, from this widget's CSS (so themes apply)."""
        return {
            role: self.get_component_rich_style(f"compare-pane--{role}", partial=True)
            for role in ROLES
        }

    @property
    def text_width(self) -> int:
        """Cells available for text: the content width less the gutter and its space."""
        return max(10, self.scrollable_content_region.width - 2)

    def show(self, layout: PaneLayout, pairs: list[Pair], complete: bool = True) -> None:
        """Show `layout` (all the lines, or the first part when not `complete`)."""
        self.layout_lines = PaneLayout(list(layout.lines), dict(layout.blocks))
        self.pairs = pairs
        self.complete = complete
        self._to_end = False
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(layout.lines))
        self.refresh()

    def extend(self, part: PaneLayout, complete: bool) -> None:
        """More lines of the layout shown, below the others (which stay as they are)."""
        self.layout_lines.lines.extend(part.lines)
        self.layout_lines.blocks.update(part.blocks)
        self.complete = complete
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.layout_lines.lines))
        if complete and self._to_end:
            self._to_end = False
            self.scroll_end(animate=False, immediate=True)
        self.refresh()

    def action_scroll_end(self) -> None:
        """End: the last line, also of the lines still being laid out (once they come)."""
        super().action_scroll_end()
        self._to_end = not self.complete

    @property
    def heading_for_end(self) -> bool:
        """End was pressed and the last line is not laid out yet."""
        return self._to_end

    def head_for_end(self) -> None:
        """Go to the end as End does (again after a relayout, which forgets it)."""
        self.scroll_end(animate=False, immediate=True)
        self._to_end = not self.complete

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            if new_value < old_value:
                self._to_end = False  # scrolled back up: no longer bound for the end
            self.post_message(self.Scrolled(self))

    # --- rendering ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        base = self.rich_style
        lines = self.layout_lines.lines
        if not lines:
            if y == 0:
                return Strip([Segment(f" {self.placeholder}", base)]).adjust_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        if index >= len(lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None or strip.cell_length != width:
            strip = self._render_index(index, width, base)
            self._cache[index] = strip
            if len(self._cache) > 2000:
                self._cache.popitem(last=False)
        return strip

    def _render_index(self, index: int, width: int, base: Style) -> Strip:
        line = self.layout_lines.lines[index]
        text_width = max(1, width - 2)
        if line.filler:
            gap = self.get_component_rich_style("compare-pane--gap")
            body = list(line.text.render(self.app.console)) if line.text.plain else []
            body = list(Segment.adjust_line_length(body, text_width, base + gap))
            body = list(Segment.apply_style(body, base + gap))
        else:
            body = list(line.text.render(self.app.console))
            body = list(Segment.adjust_line_length(body, text_width, base))
            body = list(Segment.apply_style(body, base))
        gutter = self._gutter(line.pair, line.filler)
        if self.side == "left":
            segments = [*body, Segment(" ", base), gutter]
        else:
            segments = [gutter, Segment(" ", base), *body]
        return Strip(segments).adjust_cell_length(width, base)

    def _gutter(self, pair_index: int | None, filler: bool) -> Segment:
        base = self.rich_style
        if pair_index is None or filler:
            return Segment(" ", base)
        pair = self.pairs[pair_index]
        if pair.left is None or pair.right is None:
            return Segment(
                ONLY_MARK, base + self.get_component_rich_style("compare-pane--gutter-only")
            )
        level = "weak"
        for floor, name in GUTTER_LEVELS:
            if pair.score >= floor:
                level = name
        style = self.get_component_rich_style(f"compare-pane--gutter-{level}")
        return Segment(strength_glyph(pair.score), base + style)

    def pair_at(self, line: int) -> int | None:
        """The pair shown at a line of this pane (None on a separator)."""
        lines = self.layout_lines.lines
        if 0 <= line < len(lines):
            return lines[line].pair
        return None

    def plain_lines(self) -> list[str]:
        """The pane's text lines as plain strings (for tests and debugging)."""
        return [line.text.plain for line in self.layout_lines.lines]
