"""StoryTable: the stories screen's rows (title, sources, articles, dates), instant at 30,000.

A line-API `ScrollView` like `ArticleTable`: only the visible rows are drawn, each from plain
text (never markup: titles come from the files). A `DataTable` measured every cell of every
row as Rich markup, which took 40 s for the 31,522 stories of 100,000 articles on a busy
machine. The first line is a fixed column header; rows start on the second line.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.strip import Strip

from reader.ui.widgets.article_table import fit
from reader.ui.widgets.row_cursor import HEADER_LINES, RowCursor

# Label, width (None: what the others leave) and alignment of each column.
COLUMNS: tuple[tuple[str, int | None, str], ...] = (
    ("Story", None, "left"),
    ("Sources", 7, "right"),
    ("Articles", 8, "right"),
    ("Dates", 23, "left"),
)
# A space before the first column and after every column.
_FIXED = sum(width or 0 for _, width, _ in COLUMNS) + len(COLUMNS) + 1

Row = tuple[str, str, str, str]


def column_widths(width: int) -> list[int]:
    """Each column's width in cells at `width`: the title takes what the others leave."""
    return [size if size is not None else max(8, width - _FIXED) for _, size, _ in COLUMNS]


class StoryTable(RowCursor, can_focus=True):
    """Rows of four cells, one under the cursor; the owner acts on `cursor`."""

    DEFAULT_CSS = """
    StoryTable {
        height: 1fr;
        background: $background;
        color: $text;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;

        & > .story-table--header {
            color: $text-muted;
            text-style: bold;
            background: $surface;
        }
        & > .story-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .story-table--cursor-blurred {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .story-table--meta {
            color: $text-muted;
        }
    }
    """

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="stories.down", tooltip="Next"),
        Binding("k,up", "cursor_up", "Up", show=False, id="stories.up", tooltip="Previous"),
        Binding("g,home", "cursor_first", "First", show=False, id="stories.first", tooltip="First"),
        Binding("G,end", "cursor_last", "Last", show=False, id="stories.last", tooltip="Last"),
        Binding("pageup", "page_up", "Page up", show=False, id="stories.page_up", tooltip="Up"),
        Binding(
            "pagedown", "page_down", "Page down", show=False, id="stories.page_down", tooltip="Down"
        ),
    ]

    COMPONENT_CLASSES = {
        "story-table--header",
        "story-table--cursor",
        "story-table--cursor-blurred",
        "story-table--meta",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cached_lines=512)
        self._rows: Sequence[Row] = ()

    # --- data --------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show `rows` (title, sources, articles, dates), the cursor on the first."""
        self._rows = rows
        self._lines.clear()
        self._update_virtual_size()
        self.cursor = 0
        self.refresh()

    def get_row_at(self, index: int) -> list[str]:
        """The cells of row `index` as shown (the title cut to its column)."""
        title, *rest = self._rows[index]
        shown = fit(title, column_widths(self.size.width)[0]).rstrip()
        return [shown, *rest]

    def move_cursor(self, *, row: int) -> None:
        self.cursor = row

    # --- cursor (RowCursor) -----------------------------------------------------------

    @property
    def row_total(self) -> int:
        return len(self._rows)

    def on_click(self, event: events.Click) -> None:
        index = self.row_at(event.y)
        if index is not None:
            self.cursor = index

    # --- rendering ---------------------------------------------------------------------

    def _update_virtual_size(self) -> None:
        # The title column stretches to the widget: nothing scrolls sideways.
        self.virtual_size = Size(self.size.width, len(self._rows) + HEADER_LINES)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y < HEADER_LINES:
            return self._cached(("header", width), lambda: self._header(width))
        index = round(self.scroll_y) + y - HEADER_LINES
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        cursor = ""
        if index == self.cursor:
            cursor = "focused" if self.has_focus else "blurred"
        key = (index, width, cursor)
        strip = self._cached(key, lambda: self._row(self._rows[index], width, cursor))
        return strip.apply_offsets(0, index)

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("story-table--header")
        cells = [label for label, _, _ in COLUMNS]
        return self._strip(cells, width, style, style, style)

    def _row(self, row: Row, width: int, cursor: str) -> Strip:
        component = self.get_component_rich_style
        base = self.rich_style
        meta = component("story-table--meta")
        title = base
        if cursor:
            on = component(
                "story-table--cursor" if cursor == "focused" else "story-table--cursor-blurred"
            )
            base, title, meta = on, on, meta + on
        return self._strip(list(row), width, base, title, meta)

    def _strip(
        self, cells: list[str], width: int, base: Style, first: Style, others: Style
    ) -> Strip:
        segments = [Segment(" ", base)]
        for number, (cell, size, (_, _, align)) in enumerate(
            zip(cells, column_widths(width), COLUMNS, strict=True)
        ):
            segments.append(Segment(fit(cell, size, align), first if number == 0 else others))
            segments.append(Segment(" ", base))
        return Strip(segments).adjust_cell_length(width, base)
