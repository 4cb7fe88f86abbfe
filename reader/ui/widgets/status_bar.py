"""StatusBar: a screen's one-line status, counts on the left and its mode on the right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

# The parts' padding (`.status-left`, `.status-right` in styles/reader.tcss); the room the
# right part is given beyond its text when it starts being held (a filter of up to about 20
# letters), as far as the left part's text leaves it; the steps its room grows in after.
PADDING = 2
HELD_ROOM = 24
HELD_WIDTH_STEP = 8


class StatusBar(Horizontal):
    """Two Statics in a `.status-bar`: `left_id` takes the room `right_id` leaves."""

    def __init__(self, left_id: str, right_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="status-bar")
        self._ids = (left_id, right_id)
        self._held: int | None = None
        # The right part's width as last shown without `hold` (None before the first show).
        self._width: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id=self._ids[0], classes="status-left")
        yield Static(id=self._ids[1], classes="status-right")

    @property
    def parts(self) -> tuple[Static, Static]:
        """The left and the right part."""
        left, right = (self.query_one(f"#{id_}", Static) for id_ in self._ids)
        return left, right

    def show(self, left: Content, right: Content, *, hold: bool = False) -> None:
        """Show both parts. With `hold` (while the user types a filter, say) the right part
        is given room for more text at once (what the left part's text leaves of
        HELD_ROOM), grows in steps beyond it and does not shrink, so most changes need no
        layout of the screen (a reflow and repaint of every widget); without it, the right
        part is as wide as its text again, and lays the screen out only when that width
        changes (the list's counts and sort change every few keys; its width rarely)."""
        left_widget, right_widget = self.parts
        # The left part's size never follows its text.
        left_widget.update(left, layout=False)
        width = right.cell_length + PADDING
        if not hold:
            if self._held is not None:
                self._held = None
                self._width = None
                right_widget.styles.width = None  # the stylesheet's `auto` again
                right_widget.styles.text_align = None
            right_widget.update(right, layout=width != self._width)
            self._width = width
        elif self._held is not None and width <= self._held:
            right_widget.update(right, layout=False)
        else:
            if self._held is None:
                spare = self.size.width - left.cell_length - PADDING
                self._held = max(width, min(width + HELD_ROOM, spare))
            else:
                self._held = -(-width // HELD_WIDTH_STEP) * HELD_WIDTH_STEP
            right_widget.styles.width = self._held
            right_widget.styles.text_align = "right"
            right_widget.update(right)
