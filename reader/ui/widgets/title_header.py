"""TitleHeader: Textual's Header whose title line repaints without a layout of the screen.

Textual's header title is a Static sized by its text, so each new title (a count in the list's
sub-title) asks for a layout of the whole screen: a reflow and a repaint of every widget, the
largest share of the 22-46 ms of UI-thread CPU the list's swap from its first page to the whole
list cost one key at 100,000 articles. Here the title fills the header's line whatever it
says (it was already as wide as the header, its text cut with an ellipsis), so a new title is
only drawn again. It looks the same as Textual's Header: icon, title, the clock's space.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType

# Textual's own header parts: this header is that header with its title fixed in size.
from textual.widgets._header import Header, HeaderClockSpace, HeaderIcon, HeaderTitle

from reader.ui.widgets.same_frame import paint_in_next_frame

__all__ = ["TitleHeader"]


class FixedTitle(HeaderTitle):
    """The header's title, as tall and as wide as the header: a new text needs no layout."""

    DEFAULT_CSS = """
    FixedTitle {
        height: 100%;
    }
    """

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(content, layout=False)


class TitleHeader(Header):
    """The screen's title and sub-title on the top line; changing them draws that line only."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield FixedTitle()
        yield HeaderClockSpace()

    def show_title(self) -> None:
        """Draw the screen's title and sub-title again (after `Screen.set_reactive` changed
        them without the screen's own repaint)."""
        title = self.query_one(FixedTitle)
        title.update(self.format_title())
        paint_in_next_frame(title)  # with whatever else the handler changed
