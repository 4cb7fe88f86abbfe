"""FilterInput: the list's filter box, which answers a key without laying out the screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class FilterInput(Input):
    """An `Input` of fixed size whose text's width changes without a layout.

    `Input` sets its virtual width to the text's on every key, and `Widget.virtual_size`
    asks for a layout of the whole screen when it changes: at 100,000 articles that reflow
    and the full repaint after it were a good part of each filter key. A box whose size
    does not follow its text needs only a repaint (its scrolling reads the virtual size
    itself); one sized by its text still asks for the layout (`Input._watch_value`).
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
