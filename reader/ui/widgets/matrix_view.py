"""CoverageMatrix: facts down, articles across, with a cell cursor and fixed headers.

A line-API `ScrollView` (a story across 200 articles has thousands of facts): only visible
rows are rendered and rendered rows are cached. The first line (column headers) and the
first columns (fact and source count) stay put; article columns scroll sideways a whole
column at a time, and the header says how many columns are out of sight on either side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.present import MatrixRow

HEADER_LINES = 1
MIN_COLUMN = 5
MAX_COLUMN = 14
# Spare room widens columns up to this, so more of each source's name shows.
WIDE_COLUMN = 22
MIN_LABEL = 12
MAX_LABEL = 34
SEPARATOR = "│"
MORE_LEFT = "◀"
MORE_RIGHT = "▶"


@dataclass(frozen=True)
class _Geometry:
    """Where things go across a line: the fact column, the article columns in sight."""

    label: int  # width of the fact column
    fixed: int  # cells before the first article column
    widths: list[int]  # every article column's width
    visible: range  # the article columns in sight


def fit(text: str, width: int, align: str = "left") -> str:
    """`text` on one line, padded or cut (with a visible ellipsis) to exactly `width`."""
    text = " ".join(text.split())
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    pad = width - cell_len(text)
    if align == "right":
        return " " * pad + text
    if align == "center":
        return " " * (pad // 2) + text + " " * (pad - pad // 2)
    return text + " " * pad


class CoverageMatrix(ScrollView, can_focus=True):
    """Rows of facts by columns of articles; Enter on a cell posts `CellChosen`."""

    HELP_TITLE = "Moving in the matrix"

    BINDINGS = [
        Binding("j,down", "move(0, 1)", "Down", show=False, id="coverage.down", tooltip="Next row"),
        Binding("k,up", "move(0, -1)", "Up", show=False, id="coverage.up", tooltip="Previous row"),
        Binding(
            "l,right",
            "move(1, 0)",
            "Right",
            show=False,
            id="coverage.right",
            tooltip="Next article (column)",
        ),
        Binding(
            "h,left",
            "move(-1, 0)",
            "Left",
            show=False,
            id="coverage.left",
            tooltip="Previous article (column)",
        ),
        Binding("g,home", "first", "First", show=False, id="coverage.first", tooltip="First row"),
        Binding("G,end", "last", "Last", show=False, id="coverage.last", tooltip="Last row"),
        Binding(
            "pageup", "page(-1)", "Page up", show=False, id="coverage.page_up", tooltip="Page up"
        ),
        Binding(
            "pagedown",
            "page(1)",
            "Page down",
            show=False,
            id="coverage.page_down",
            tooltip="Page down",
        ),
        Binding(
            "enter",
            "choose",
            "Open",
            id="coverage.open",
            tooltip="Read this article at its first mention",
        ),
    ]

    COMPONENT_CLASSES = {
        "coverage-matrix--header",
        "coverage-matrix--more",
        "coverage-matrix--separator",
        "coverage-matrix--summary",
        "coverage-matrix--section",
        "coverage-matrix--figure",
        "coverage-matrix--name",
        "coverage-matrix--disputed",
        "coverage-matrix--count",
        "coverage-matrix--value",
        "coverage-matrix--absent",
        "coverage-matrix--sources",
        "coverage-matrix--cursor",
        "coverage-matrix--cursor-blurred",
        "coverage-matrix--cursor-row",
        "coverage-matrix--empty",
    }

    class CursorMoved(Message):
        """The cell cursor moved (or the rows changed under it)."""

    class CellChosen(Message):
        """Enter on a cell: `row` of the rows shown, `column` an article index."""

        def __init__(self, matrix: CoverageMatrix, row: MatrixRow, column: int) -> None:
            super().__init__()
            self.matrix = matrix
            self.row = row
            self.column = column

        @property
        def control(self) -> CoverageMatrix:
            return self.matrix

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.rows: list[MatrixRow] = []
        self.columns: list[str] = []
        self.row = 0
        self.column = 0
        self.first_column = 0
        self.empty_message = ""
        self._base_widths: list[int] = []
        self._geometry_cache: dict[tuple[int, int, int], _Geometry] = {}
        self._label_width = MIN_LABEL
        self._sources_width = 3
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._generation = 0

    # --- data --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[MatrixRow], columns: Sequence[str]) -> None:
        """Show new rows (and column labels); the cursor stays on the same fact if shown."""
        keep = self.current_row.identity if self.current_row is not None else None
        self.rows = list(rows)
        self.columns = list(columns)
        self._generation += 1
        self._strips.clear()
        self._measure()
        target = next(
            (i for i, row in enumerate(self.rows) if keep is not None and row.identity == keep),
            None,
        )
        if target is None:
            # The first fact or disagreement: the summary rows are there to be read.
            body = next((i for i, row in enumerate(self.rows) if row.kind != "summary"), 0)
            target = self._selectable_from(body, 1) or self._selectable_from(0, 1)
        self.row = target if target is not None else 0
        self.column = min(self.column, max(0, len(self.columns) - 1))
        self._update_virtual_size()
        self._reveal()
        self.refresh()
        self.post_message(self.CursorMoved())

    @property
    def current_row(self) -> MatrixRow | None:
        if 0 <= self.row < len(self.rows):
            return self.rows[self.row]
        return None

    def select(self, row: int, column: int | None = None) -> None:
        """Move the cursor to a row (and column) of the rows shown."""
        if not self.rows:
            return
        self.row = max(0, min(row, len(self.rows) - 1))
        if column is not None:
            self.column = max(0, min(column, len(self.columns) - 1))
        self._cursor_moved()

    def _measure(self) -> None:
        labels = [cell_len(row.label) for row in self.rows if row.kind != "section"]
        self._label_width = max(MIN_LABEL, min(MAX_LABEL, max(labels, default=MIN_LABEL)))
        self._sources_width = max(3, max((cell_len(row.sources) for row in self.rows), default=3))
        widths = []
        for index, label in enumerate(self.columns):
            cells = [cell_len(row.cells[index].text) for row in self.rows if row.cells]
            wanted = max([min(cell_len(label), 8), *cells])
            widths.append(max(MIN_COLUMN, min(MAX_COLUMN, wanted)))
        self._base_widths = widths
        self._geometry_cache.clear()

    # --- geometry ----------------------------------------------------------------------

    @property
    def line_width(self) -> int:
        """Cells a line can use: the width less the vertical scrollbar, when shown."""
        return self.scrollable_content_region.width or 80

    def geometry(self) -> _Geometry:
        """Widths and the columns in sight, for the current width and horizontal scroll.

        Cached: every rendered line asks, and working it out walks all the columns.
        """
        width = self.line_width
        key = (width, self.first_column, self._generation)
        found = self._geometry_cache.get(key)
        if found is None:
            found = self._geometry_cache[key] = self._work_out_geometry(width)
        return found

    def _work_out_geometry(self, width: int) -> _Geometry:
        # The fact column: up to a third of the screen, enough for the longest fact.
        label = max(MIN_LABEL, min(self._label_width, width // 3))
        fixed = 1 + label + 1 + self._sources_width + 2  # " label " + "sources" + " │"
        widths = list(self._base_widths)
        # When every column fits with room to spare, the room goes to the columns whose
        # labels are cut, a cell at a time.
        room = width - fixed - 1 - sum(w + 2 for w in widths)
        wanted = [min(WIDE_COLUMN, cell_len(text)) for text in self.columns[: len(widths)]]
        while room > 0:
            grew = False
            for index, now in enumerate(widths):
                if room > 0 and now < wanted[index]:
                    widths[index] += 1
                    room -= 1
                    grew = True
            if not grew:
                break
        last = self._last_fitting(widths, width - fixed - 1)  # 1: the "▶" gutter
        if last < len(widths):
            # Columns are out of sight on the right: leave room for the whole " N▶" hint,
            # so the count is never cut to a lone digit.
            hint = 2 + len(str(len(widths) - self.first_column))
            last = self._last_fitting(widths, width - fixed - hint)
        return _Geometry(label, fixed, widths, range(self.first_column, last))

    def _last_fitting(self, widths: list[int], room: int) -> int:
        """The end of the run of columns from `first_column` that fits `room` cells (at least
        one column, cut if need be)."""
        last = self.first_column
        used = 0
        while last < len(widths) and used + widths[last] + 2 <= room:
            used += widths[last] + 2
            last += 1
        if last == self.first_column and last < len(widths):
            last += 1
        return last

    def visible_columns(self) -> range:
        """The article columns that fit, from `first_column` on."""
        return self.geometry().visible

    @property
    def hidden_left(self) -> int:
        return self.first_column

    @property
    def hidden_right(self) -> int:
        return len(self.columns) - self.visible_columns().stop

    # --- cursor ------------------------------------------------------------------------

    def _selectable_from(self, start: int, step: int) -> int | None:
        index = start
        while 0 <= index < len(self.rows):
            if self.rows[index].selectable:
                return index
            index += step
        return None

    def action_move(self, columns: int, rows: int) -> None:
        if not self.rows:
            return
        if rows:
            target = self._selectable_from(self.row + rows, 1 if rows > 0 else -1)
            if target is not None:
                self.row = target
        if columns and self.columns:
            self.column = max(0, min(self.column + columns, len(self.columns) - 1))
        self._cursor_moved()

    def action_first(self) -> None:
        target = self._selectable_from(0, 1)
        if target is not None:
            self.row = target
            self._cursor_moved()

    def action_last(self) -> None:
        target = self._selectable_from(len(self.rows) - 1, -1)
        if target is not None:
            self.row = target
            self._cursor_moved()

    def action_page(self, pages: int) -> None:
        step = max(1, self.size.height - HEADER_LINES - 1) * pages
        target = max(0, min(self.row + step, len(self.rows) - 1))
        found = self._selectable_from(target, 1 if pages > 0 else -1)
        if found is None:
            found = self._selectable_from(target, -1 if pages > 0 else 1)
        if found is not None:
            self.row = found
            self._cursor_moved()

    def action_choose(self) -> None:
        row = self.current_row
        if row is not None and row.selectable and self.columns:
            self.post_message(self.CellChosen(self, row, self.column))

    def _cursor_moved(self) -> None:
        self._reveal()
        self.refresh()
        self.post_message(self.CursorMoved())

    def _reveal(self) -> None:
        """Scroll so the cursor's row and column are in sight."""
        visible_rows = max(1, self.size.height - HEADER_LINES)
        top = round(self.scroll_y)
        if self.row < top:
            self.scroll_to(y=self.row, animate=False, immediate=True, force=True)
        elif self.row >= top + visible_rows:
            self.scroll_to(y=self.row - visible_rows + 1, animate=False, immediate=True, force=True)
        if self.column < self.first_column:
            self.first_column = self.column
        while self.first_column < self.column and self.column >= self.visible_columns().stop:
            self.first_column += 1

    def on_click(self, event: events.Click) -> None:
        if event.y < HEADER_LINES or not self.rows:
            return
        index = round(self.scroll_y) + event.y - HEADER_LINES
        if not (0 <= index < len(self.rows)) or not self.rows[index].selectable:
            return
        self.row = index
        geometry = self.geometry()
        x = geometry.fixed
        for column in geometry.visible:
            width = geometry.widths[column] + 2
            if x <= event.x < x + width:
                self.column = column
                break
            x += width
        self._cursor_moved()

    # --- rendering ---------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self._update_virtual_size()
        self._reveal()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + HEADER_LINES)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.line_width
        geometry = self.geometry()
        columns = geometry.visible
        layout = (width, columns.start, columns.stop, self._generation)
        if y < HEADER_LINES:
            key: tuple[object, ...] = ("header", *layout)
            strip = self._strips.get(key)
            if strip is None:
                strip = self._strips[key] = self._render_header(width, geometry)
            return strip
        index = round(self.scroll_y) + y - HEADER_LINES
        if not self.rows:
            if y == HEADER_LINES and self.empty_message:
                style = self.get_component_rich_style("coverage-matrix--empty")
                return Strip([Segment(fit(" " + self.empty_message, width), style)], width)
            return Strip.blank(width, self.rich_style)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        on_row = index == self.row
        cursor = (self.column, self.has_focus) if on_row else None
        key = ("row", index, *layout, cursor)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._render_row(self.rows[index], width, geometry, cursor)
        return strip.apply_offsets(0, index)

    def _render_header(self, width: int, geometry: _Geometry) -> Strip:
        columns = geometry.visible
        style = self.get_component_rich_style("coverage-matrix--header")
        more = self.get_component_rich_style("coverage-matrix--more")
        segments = [
            Segment(" " + fit("fact", geometry.label) + " ", style),
            Segment(fit("src", self._sources_width, "right"), style),
            Segment(" ", style),
            Segment(
                MORE_LEFT if columns.start > 0 else SEPARATOR, more if columns.start else style
            ),
        ]
        for column in columns:
            label = fit(self.columns[column], geometry.widths[column], "center")
            segments.append(Segment(f" {label} ", style))
        used = sum(segment.cell_length for segment in segments)
        if columns.stop < len(self.columns):
            hint = f" {len(self.columns) - columns.stop}{MORE_RIGHT}"
            if used + cell_len(hint) > width:
                # One column wider than the screen: cut it, not the count.
                strip = Strip(segments).crop(0, max(0, width - cell_len(hint)))
                segments = list(strip)
                used = strip.cell_length
            segments.append(Segment(" " * max(0, width - used - cell_len(hint)), style))
            segments.append(Segment(hint, more))
        return Strip(segments).adjust_cell_length(width, style)

    def _render_row(
        self,
        row: MatrixRow,
        width: int,
        geometry: _Geometry,
        cursor: tuple[int, bool] | None,
    ) -> Strip:
        # Full component styles: resolved against the widget's background, so theme colours
        # like `$text-muted` stay readable in dark and light themes.
        component = self.get_component_rich_style
        base = self.rich_style
        if row.kind == "section":
            style = component("coverage-matrix--section")
            text = " " + fit(row.label, width - 1)
            return Strip([Segment(text, style)]).adjust_cell_length(width, base)
        row_style = component("coverage-matrix--cursor-row") if cursor else None
        fill = base + row_style if row_style else base
        label_style = component(f"coverage-matrix--{row.role}")
        if row_style:
            label_style += Style(bgcolor=row_style.bgcolor)
        separator = component("coverage-matrix--separator")
        if row_style:
            separator += Style(bgcolor=row_style.bgcolor)
        sources = component("coverage-matrix--sources")
        if row_style:
            sources += Style(bgcolor=row_style.bgcolor)
        segments = [
            Segment(" ", fill),
            Segment(fit(row.label, geometry.label), label_style),
            Segment(" ", fill),
            Segment(fit(row.sources, self._sources_width, "right"), sources),
            Segment(" ", fill),
            Segment(SEPARATOR, separator),
        ]
        for column in geometry.visible:
            cell = row.cells[column] if column < len(row.cells) else None
            text = cell.text if cell else ""
            role = cell.role if cell else "absent"
            if row.kind == "disagreement" and role == "value":
                role = "disputed"
            style = component(f"coverage-matrix--{role}")
            if cursor is not None and cursor[0] == column:
                style = component(
                    "coverage-matrix--cursor" if cursor[1] else "coverage-matrix--cursor-blurred"
                )
            elif row_style:
                style += Style(bgcolor=row_style.bgcolor)
            segments.append(Segment(" ", fill))
            segments.append(Segment(fit(text, geometry.widths[column], "center"), style))
            segments.append(Segment(" ", fill))
        return Strip(segments).adjust_cell_length(width, fill)
