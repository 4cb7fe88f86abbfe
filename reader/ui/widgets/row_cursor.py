"""RowCursor: the cursor of a line-API table with a one-line header (the list, the stories),
and the cache of the table's drawn lines.

Moving it repaints only the two rows it left and reached (a full refresh sends every row's
strip through the compositor again: twice the time a key takes, measured in a pty), and
scrolls just enough to keep it in view.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.cache import LRUCache
from textual.geometry import Region
from textual.reactive import reactive
from textual.scroll_view import ScrollView
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
        self._scroll_to_cursor()
        if round(self.scroll_y) != top:
            self.refresh()  # scrolled: every row moved
            return
        for index in (old, new):
            line = HEADER_LINES + index - top
            if HEADER_LINES <= line < self.size.height:
                self.refresh(Region(0, line, self.size.width, 1))

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
