"""ArticleTable: a virtual list of articles that stays instant at 100,000 rows.

A line-API `ScrollView`: only the visible rows are rendered (`render_line`), rendered rows
are kept in an LRU cache, and the widget is fed a plain sequence of `Article` objects, so
whatever produces the rows (a sort, a filter, an index) can change without touching it.
The first line is a fixed column header; rows start on the second line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from reader.corpus import Article
from reader.present import format_date
from reader.ui.widgets.row_cursor import HEADER_LINES, RowCursor

UNREAD_MARK = "●"
STAR_MARK = "★"


@dataclass(frozen=True)
class Column:
    """One column: its key, header label, width in cells, and alignment."""

    key: str
    label: str
    width: int
    align: str = "left"


@lru_cache(maxsize=16)
def column_layout(width: int) -> tuple[Column, ...]:
    """The columns that fit `width` cells; the title takes whatever the others leave.

    Narrow terminals drop the author first, then the source, so the title stays readable.
    """
    marks = Column("marks", "", 5)
    date = Column("date", "Date", 10)
    length = Column("length", "Read", 6, "right")
    source = Column("source", "Source", 16 if width >= 100 else 14)
    author = Column("author", "Author", 18)
    chosen = [marks, source, author, date, length]
    if width < 100:
        chosen.remove(author)
    if width < 64:
        chosen.remove(source)
    if width < 44:
        chosen.remove(date)
    # A space before the first column and after every column, the title's included.
    spacing = len(chosen) + 2
    title = Column("title", "Title", max(8, width - spacing - sum(c.width for c in chosen)))
    chosen.insert(1, title)
    return tuple(chosen)


def fit(text: str, width: int, align: str = "left") -> str:
    """`text` padded or cut (with an ellipsis) to exactly `width` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    if align == "right":
        return " " * (width - cell_len(text)) + text
    return set_cell_size(text, width)


def article_date(article: Article) -> str:
    return format_date(article, missing="—")


def article_length(article: Article) -> str:
    """Reading time in the 6-cell Read column: minutes up to 99, then hours (`145 h`)."""
    minutes = article.reading_minutes
    if minutes < 100:
        return f"{minutes} min"
    hours = round(minutes / 60)
    return f"{hours} h" if hours < 10_000 else "long"


def _cell(article: Article, key: str) -> str:
    if key == "source":
        return _one_line(article.source or "")
    if key == "author":
        return _one_line(article.author or "")
    if key == "date":
        return article_date(article)
    return article_length(article)


def _blank_look(style: Style | None) -> tuple[object, ...] | None:
    """What a style shows on a space (its background and lines), or None when a space
    shows more (reversed, the foreground is painted as the background)."""
    if style is None:
        return ()
    if style.reverse:
        return None
    return (
        style.bgcolor,
        bool(style.underline),
        bool(style.underline2),
        bool(style.strike),
        bool(style.overline),
        style.link,
        style._meta,
    )


def fold_blanks(segments: list[Segment]) -> list[Segment]:
    """`segments` as they look, each run of spaces joined to a neighbour whose style paints
    a space the same (same background, no lines, not reversed).

    Each segment costs its own escape codes at the terminal (about 25 bytes even for one
    space) and its own steps through Textual's compositor: a row of the list was 17
    segments, about 520 bytes for 120 cells (20 KB a repaint of the list); folded, it is
    three or four.
    """
    folded: list[Segment] = []
    for segment in segments:
        text, style = segment.text, segment.style
        if folded:
            last_text, last_style = folded[-1].text, folded[-1].style
            look = _blank_look(style)
            if style == last_style or (
                not text.strip(" ") and look is not None and look == _blank_look(last_style)
            ):
                folded[-1] = Segment(last_text + text, last_style)
                continue
            if not last_text.strip(" ") and look is not None and look == _blank_look(last_style):
                folded[-1] = Segment(last_text + text, style)
                continue
        folded.append(segment)
    return folded


def _one_line(text: str) -> str:
    """Titles and names come from files: keep each on a single row whatever they contain."""
    return " ".join(text.split())


class ArticleTable(RowCursor, can_focus=True):
    """A keyboard-first list of articles with unread, star and compare marks."""

    HELP_TITLE = "Moving in the list"

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list.down", tooltip="Next row"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list.up", tooltip="Previous row"),
        Binding(
            "g,home", "cursor_first", "First", show=False, id="list.first", tooltip="First row"
        ),
        Binding("G,end", "cursor_last", "Last", show=False, id="list.last", tooltip="Last row"),
        Binding(
            "pageup", "page_up", "Page up", show=False, id="list.page_up", tooltip="One page up"
        ),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            show=False,
            id="list.page_down",
            tooltip="One page down",
        ),
        Binding(
            "enter,l", "choose", "Open", id="list.open", tooltip="Read the article under the cursor"
        ),
    ]

    COMPONENT_CLASSES = {
        "article-table--header",
        "article-table--cursor",
        "article-table--cursor-blurred",
        "article-table--unread",
        "article-table--read",
        "article-table--meta",
        "article-table--dot",
        "article-table--star",
        "article-table--mark",
        "article-table--empty",
    }

    class Chosen(Message):
        """The user picked an article to read (Enter, `l` or a click)."""

        def __init__(self, table: ArticleTable, article: Article) -> None:
            super().__init__()
            self.table = table
            self.article = article

        @property
        def control(self) -> ArticleTable:
            return self.table

    def __init__(
        self,
        articles: Sequence[Article] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, cached_lines=1024)
        self._articles: Sequence[Article] = articles
        # How the owner answers per-row questions; the table only draws the answers.
        self.is_read: Callable[[str], bool] = lambda _id: False
        self.is_starred: Callable[[str], bool] = lambda _id: False
        self.mark_of: Callable[[str], int | None] = lambda _id: None
        self.empty_message = "No articles"

    # --- data --------------------------------------------------------------------------

    @property
    def articles(self) -> Sequence[Article]:
        return self._articles

    @property
    def current_article(self) -> Article | None:
        if 0 <= self.cursor < len(self._articles):
            return self._articles[self.cursor]
        return None

    def set_articles(self, articles: Sequence[Article], keep: str | None = None) -> None:
        """Show `articles`; the cursor stays on article id `keep` when it is still listed.

        Only what changed on screen is repainted: typing a word letter by letter often
        leaves the rows in view as they were (the newest articles with "gover" are those
        with "govern"); then the list costs the frame only its cursor row and scrollbar.
        """
        top = round(self.scroll_y)
        shown = slice(top, top + max(0, self.size.height - HEADER_LINES))
        same_rows = (
            bool(articles)
            and self.size.height > HEADER_LINES
            and list(map(id, self._articles[shown])) == list(map(id, articles[shown]))
        )
        self._articles = articles
        self._update_virtual_size()
        index = 0
        if keep is not None:
            found = self.index_of(keep)
            index = 0 if found is None else found
        self.cursor = index  # repaints the rows it left and reached, or all if it scrolled
        if not same_rows or round(self.scroll_y) != top:
            self.refresh()

    def grow_to(self, articles: Sequence[Article]) -> None:
        """Show `articles`, which begin with the rows listed now in the same order (the whole
        list after its first page): the cursor, the scroll and the drawn rows stay as they
        are; only the scrollbar changes, and the rows below the old end if it was in view.
        """
        shown_end = round(self.scroll_y) + max(0, self.size.height - HEADER_LINES)
        grew_in_view = len(self._articles) < shown_end
        self._articles = articles
        self._update_virtual_size()
        if grew_in_view:
            self.refresh()

    def index_of(self, article_id: str) -> int | None:
        for index, article in enumerate(self._articles):
            if article.id == article_id:
                return index
        return None

    def select(self, article_id: str) -> bool:
        """Move the cursor to an article; False when it is not in the list."""
        index = self.index_of(article_id)
        if index is None:
            return False
        self.cursor = index
        return True

    def refresh_rows(self) -> None:
        """Redraw after marks changed (rows are re-rendered only if their marks differ)."""
        self.refresh()

    def forget_rendered(self) -> None:
        """Drop cached rows: articles were re-read, and an id may now have a new title."""
        self._lines.clear()
        self.refresh()

    # --- cursor (RowCursor) -----------------------------------------------------------

    @property
    def row_total(self) -> int:
        return len(self._articles)

    def action_choose(self) -> None:
        article = self.current_article
        if article is not None:
            self.post_message(self.Chosen(self, article))

    def on_click(self, event: events.Click) -> None:
        index = self.row_at(event.y)
        if index is not None:
            self.cursor = index
            self.action_choose()

    # --- rendering ---------------------------------------------------------------------

    def _update_virtual_size(self) -> None:
        # The width follows the widget: the title column stretches, nothing scrolls sideways.
        size = Size(self.size.width, len(self._articles) + HEADER_LINES)
        if size == self.virtual_size:
            return
        if self.is_mounted and size.width == self.virtual_size.width:
            # Only the length changed: no layout of the whole screen for it (the reactive's
            # layout=True costs a full reflow and repaint on every filter key), just the
            # scrollbar's new thumb. When the scrollbar appears or goes (an empty or short
            # list and a long one), that asks for the one layout it needs; the reactive's
            # own layout found the change only within that layout, and asked for a second.
            self.set_reactive(ArticleTable.virtual_size, size)
            self._scroll_update(size)
            return
        self.virtual_size = size

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y < HEADER_LINES:
            return self._render_header(width)
        index = round(self.scroll_y) + y - HEADER_LINES
        if not self._articles:
            if y == HEADER_LINES + 1:
                style = self.get_component_rich_style("article-table--empty")
                return Strip([Segment(fit(self.empty_message, width, "left"), style)], width)
            return Strip.blank(width, self.rich_style)
        if index >= len(self._articles):
            # Looked up here only: `rich_style` is costly, and most lines are rows.
            return Strip.blank(width, self.rich_style)
        article = self._articles[index]
        on_cursor = index == self.cursor
        cursor_kind = ("focused" if self.has_focus else "blurred") if on_cursor else ""
        key = (
            article.id,
            width,
            self.is_read(article.id),
            self.is_starred(article.id),
            self.mark_of(article.id),
            cursor_kind,
        )
        strip = self._cached(key, lambda: self._render_row(article, width, *key[2:]))
        return strip.apply_offsets(0, index)

    def _render_header(self, width: int) -> Strip:
        key = ("header", width)
        strip = self._lines.get(key)
        if strip is None:
            style = self.get_component_rich_style("article-table--header")
            segments = [Segment(" ", style)]
            for column in column_layout(width):
                segments.append(Segment(fit(column.label, column.width, column.align), style))
                segments.append(Segment(" ", style))
            strip = Strip(segments).adjust_cell_length(width, style)
            self._lines[key] = strip
        return strip

    def _render_row(
        self,
        article: Article,
        width: int,
        read: bool,
        starred: bool,
        mark: int | None,
        cursor_kind: str,
    ) -> Strip:
        # Full component styles: resolved against the table's background, so theme colours
        # such as `$text-muted` ("auto 60%") come out readable in dark and light themes.
        component = self.get_component_rich_style
        base = self.rich_style
        title_style = component("article-table--read" if read else "article-table--unread")
        meta_style = component("article-table--meta")
        cursor: Style | None = None
        if cursor_kind:
            cursor = component(
                "article-table--cursor"
                if cursor_kind == "focused"
                else "article-table--cursor-blurred"
            )
            base, title_style, meta_style = cursor, title_style + cursor, meta_style + cursor
            if read:
                title_style += Style(bold=False)
        segments = [Segment(" ", base)]
        for column in column_layout(width):
            if column.key == "marks":
                segments.extend(self._marks(read, starred, mark, cursor))
            elif column.key == "title":
                segments.append(Segment(fit(_one_line(article.title), column.width), title_style))
            else:
                value = _cell(article, column.key)
                segments.append(Segment(fit(value, column.width, column.align), meta_style))
            segments.append(Segment(" ", base))
        return Strip(fold_blanks(segments)).adjust_cell_length(width, base)

    def _marks(
        self, read: bool, starred: bool, mark: int | None, cursor: Style | None
    ) -> list[Segment]:
        component = self.get_component_rich_style
        blank = cursor or self.rich_style

        def glyph(text: str, name: str) -> Segment:
            style = component(name)
            if cursor is not None:
                # Marks keep their colour on the cursor row; only the background follows it.
                style += Style(bgcolor=cursor.bgcolor)
            return Segment(text, style)

        return [
            glyph(" " if read else UNREAD_MARK, "article-table--dot"),
            Segment(" ", blank),
            glyph(STAR_MARK if starred else " ", "article-table--star"),
            Segment(" ", blank),
            glyph(str(mark), "article-table--mark") if mark else Segment(" ", blank),
        ]
