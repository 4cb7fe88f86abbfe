"""The article list's keys: one Binding each, with the id a keymap names it by."""

from __future__ import annotations

from textual.binding import Binding, BindingType

__all__ = ["LIST_BINDINGS"]

LIST_BINDINGS: list[BindingType] = [
    # A priority binding runs as soon as the key arrives, before the keys typed after it
    # are handed out, so a fast "/word" lands in the filter box, not in the list.
    Binding(
        "slash",
        "filter",
        "Filter",
        id="list.filter",
        tooltip="Filter as you type",
        priority=True,
    ),
    Binding(
        "escape",
        "clear_filter",
        "Clear filter",
        show=False,
        id="list.clear_filter",
        tooltip="Show every article again",
    ),
    Binding(
        "o", "cycle_sort", "Sort", id="list.sort", tooltip="Sort by date, source, title, length"
    ),
    Binding("u", "toggle_read", "Read", id="list.read", tooltip="Mark read or unread"),
    Binding("asterisk", "toggle_star", "Star", id="list.star", tooltip="Star or unstar"),
    Binding(
        "space",
        "toggle_mark",
        "Mark",
        id="list.mark",
        tooltip="Mark for comparison (up to two)",
    ),
    Binding(
        "c",
        "app.compare",
        "Compare",
        id="list.compare",
        tooltip="Compare the two marked, or pick one",
    ),
    Binding(
        "v",
        "coverage",
        "Coverage",
        id="list.coverage",
        tooltip="Who reports what across the list",
    ),
    Binding(
        "U",
        "view('unread')",
        "Only unread",
        show=False,
        id="list.unread_only",
        tooltip="Show only unread articles (again: all)",
    ),
    Binding(
        "S",
        "view('starred')",
        "Only starred",
        show=False,
        id="list.starred_only",
        tooltip="Show only starred articles (again: all)",
    ),
    Binding(
        "A",
        "mark_all_read",
        "All read",
        show=False,
        id="list.mark_all_read",
        tooltip="Mark every article shown as read (z undoes)",
    ),
    Binding(
        "z",
        "undo",
        "Undo",
        show=False,
        id="list.undo",
        tooltip="Undo the last mark all read",
    ),
    Binding(
        "exclamation_mark",
        "app.problems",
        "Problems",
        show=False,
        id="list.problems",
        tooltip="Files that could not be read, or were read with a note",
    ),
    # Not in the footer (its room is taken); the help screen and the palette list it.
    Binding(
        "t",
        "app.stories",
        "Stories",
        show=False,
        id="list.stories",
        tooltip="The articles grouped into stories",
    ),
]
