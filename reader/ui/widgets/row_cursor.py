"""RowCursor: the cursor of a line-API table with a one-line header (the list, the stories),
and the cache of the table's drawn lines.

Moving it repaints only the two rows it left and reached (a full refresh sends every row's
strip through the compositor again: twice the time a key takes, measured in a pty), and
scrolls just enough to keep it in view. A scroll of a few rows styles again only the rows it
brings into view and the two cursor rows (the others are Textual's styled lines moved up or
down), and the scrollbar is drawn again only when its thumb moves by at least an eighth of
a cell (at 100,000 rows, once every few hundred rows).
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from textual import events
from textual.cache import LRUCache
from textual.geometry import Region
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

__all__ = ["HEADER_LINES", "RowCursor"]

HEADER_LINES = 1


class RowCursor(ScrollView):
    """Cursor keys, paging and scrolling over `row_total` rows below a header line."""

    # repaint=False: watch_cursor repaints only the rows that change.
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    def __init__(
        self,
        *,
        cached_lines: int,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        # Drawn lines by what they show (row, width, cursor, ...): cleared when styles change.
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(cached_lines)

    def _cached(self, key: tuple[object, ...], make: Callable[[], Strip]) -> Strip:
        strip = self._lines.get(key)
        if strip is None:
            strip = make()
            self._lines[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def on_focus(self) -> None:
        self.refresh()  # the cursor row is drawn differently with and without focus

    def on_blur(self) -> None:
        self.refresh()

    @property
    def row_total(self) -> int:
        """How many rows there are (below the header)."""
        raise NotImplementedError

    @property
    def page_rows(self) -> int:
        return max(1, self.size.height - HEADER_LINES - 1)

    def row_at(self, y: int) -> int | None:
        """The row at line `y` of the widget (None on the header or past the last row)."""
        index = round(self.scroll_y) + y - HEADER_LINES
        return index if y >= HEADER_LINES and 0 <= index < self.row_total else None

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, self.row_total - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        top = round(self.scroll_y)
        styled = self._styled_lines()
        self._scroll_to_cursor()
        moved = round(self.scroll_y) - top
        if moved:
            # Scrolled: every row moved on screen, but most only moved.
            if styled is None or not self._move_styled_lines(styled, moved, (old, new)):
                self.refresh()
            return
        for index in (old, new):
            line = HEADER_LINES + index - top
            if HEADER_LINES <= line < self.size.height:
                self.refresh(Region(0, line, self.size.width, 1))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # ScrollView's watcher, but the scrollbar is repainted only when its look changes:
        # one row of a long list moves its thumb by far less than the eighth of a cell it
        # can show, and a repaint of the bar is a quarter of a scrolling key's time.
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            position = bar.validate_position(new_value)
            if _same_thumb(bar, bar.position, position):
                bar.set_reactive(ScrollBar.position, position)
            else:
                bar.position = position
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def _styled_lines(self) -> tuple[dict[int, Strip], set[int]] | None:
        """Textual's styled lines of this widget by y, and those it must style again (a copy,
        taken before a scroll marks them all), or None where a scroll must draw every line
        (a border or padding above or below the rows)."""
        gutter = self.styles.gutter
        cache = self._styles_cache
        if gutter.top or gutter.bottom or self.show_horizontal_scrollbar:
            return None
        lines = getattr(cache, "_cache", None)
        dirty = getattr(cache, "_dirty_lines", None)
        if not isinstance(lines, dict) or not isinstance(dirty, set):
            return None  # another Textual: draw it all
        return dict(lines), set(dirty)

    def _move_styled_lines(
        self, styled: tuple[dict[int, Strip], set[int]], moved: int, rows: tuple[int, int]
    ) -> bool:
        """After a scroll by `moved` rows, keep the styled rows that are still in view at
        their new lines: only the rows scrolled into view and the cursor's old and new rows
        are styled again. The whole list still reaches the terminal (its rows moved). False
        when the scroll went past a screenful (nothing to keep)."""
        height = self.size.height
        if abs(moved) >= height - HEADER_LINES:
            return False
        lines, dirty = styled
        kept: dict[int, Strip] = {}
        for y in range(height):
            source = y if y < HEADER_LINES else y + moved
            if HEADER_LINES <= source < height or y == source:
                strip = lines.get(source)
                if strip is not None and source not in dirty:
                    kept[y] = strip
        top = round(self.scroll_y)
        restyle = {y for y in range(height) if y not in kept}
        restyle.update(HEADER_LINES + row - top for row in rows)
        self.refresh(self.size.region)  # every line goes to the terminal again
        cache = self._styles_cache
        cache._cache.clear()
        cache._cache.update(kept)
        cache._dirty_lines.clear()
        cache._dirty_lines.update(y for y in restyle if 0 <= y < height)
        return True

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.size.height - HEADER_LINES)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True, force=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True, force=True)

    def _update_virtual_size(self) -> None:
        raise NotImplementedError

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._scroll_to_cursor()

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_first(self) -> None:
        self.cursor = 0

    def action_cursor_last(self) -> None:
        self.cursor = self.row_total - 1

    def action_page_down(self) -> None:
        self.cursor += self.page_rows

    def action_page_up(self) -> None:
        self.cursor -= self.page_rows


def _same_thumb(bar: ScrollBar, before: float, after: float) -> bool:
    """Whether `bar` looks the same at both positions (as Textual draws it)."""
    height, width = bar.size.height, bar.size.width
    if before == after:
        return True
    if not height or not width:
        return False
    virtual = bar.window_virtual_size
    window = bar.window_size if bar.window_size < virtual else 0

    def look(position: float) -> list[object]:
        drawn = bar.renderer.render_bar(
            size=height,
            virtual_size=ceil(virtual),
            window_size=ceil(window),
            position=position,
            thickness=width,
            vertical=True,
        )
        return list(drawn.segments)

    return look(before) == look(after)
