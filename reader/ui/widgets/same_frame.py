"""paint_in_next_frame: widgets a handler changed are painted in the screen's next frame."""

from __future__ import annotations

from textual import messages
from textual.widget import Widget

__all__ = ["paint_in_next_frame"]


def paint_in_next_frame(*widgets: Widget) -> None:
    """Have each widget's screen paint it in its next frame, with whatever else is due.

    A widget asks its screen for a repaint from its own message loop, once that loop is
    idle; the screen paints a frame as soon as its own loop is idle. A filter key reaches
    the screen after the filter box has already asked for its echo, so the screen painted
    the echo alone right after the handler, and the list, the scrollbar and the status
    line (asked for a moment later) waited for the next frame: at least 1/60 s later
    (Textual paints at most 60 frames a second), more on a busy machine, and a second pass
    through the compositor. Asked here, from the handler (on the screen's own loop), they
    are queued before the screen goes idle: one frame answers the key. The widgets' own
    requests still come, and find nothing left to paint.
    """
    for widget in widgets:
        if widget.is_mounted and widget.display:
            widget.screen.post_message(messages.Update(widget))
