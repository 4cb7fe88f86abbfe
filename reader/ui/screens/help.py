"""HelpScreen: the keys of the screen below, built from its bindings (so remaps show)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

KEY_COLUMN = 14
NAME_COLUMN = 14
# "  keys" + "name" + " ": where the description starts, and where its wrapped lines go.
DESCRIPTION_AT = 2 + KEY_COLUMN + NAME_COLUMN + 1
DIALOG_WIDTH = 90  # as in help.tcss
# The dialog's border and padding, and room for the scrollbar.
DIALOG_CHROME = 4 + 2


@dataclass
class HelpRow:
    """One action: the keys that trigger it, its name, and what it does."""

    keys: list[str]
    description: str
    tooltip: str


@dataclass
class HelpSection:
    title: str
    rows: list[HelpRow]


def help_sections(app: App, screen: Screen) -> list[HelpSection]:
    """The bindings active on `screen`, grouped by where they apply, most specific first.

    Keys of one action are shown together ("j / ↓"); keymap overrides are already applied.
    """
    by_node: dict[DOMNode, dict[str, HelpRow]] = {}
    for active in screen.active_bindings.values():
        binding: Binding = active.binding
        # Our bindings all have ids; Textual's own (focus, copy, sideways scrolling) do not.
        if binding.system or not binding.id:
            continue
        rows = by_node.setdefault(active.node, {})
        action_key = binding.id or binding.action
        display = app.get_key_display(binding)
        if action_key in rows:
            row = rows[action_key]
            if display not in row.keys:
                row.keys.append(display)
                # Letters first ("j / ↓"): they are what the reader's fingers are on.
                row.keys.sort(key=lambda shown: len(shown) > 1 or not shown.isalnum())
        else:
            rows[action_key] = HelpRow(
                [display], binding.description or binding.action, binding.tooltip or ""
            )
    by_node.setdefault(app, {})["command_palette"] = HelpRow(
        [app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette"))],
        "Commands",
        "Command palette: open an article by title, theme, sort, unread or starred only,"
        " mark all read, problems, Compare…, Coverage view",
    )
    sections = []
    for node, rows in by_node.items():
        sections.append(HelpSection(_section_title(node), list(rows.values())))
    # The focused widget's keys first, the app's last.
    sections.sort(key=lambda section: section.title == "Everywhere")
    return sections


def _section_title(node: DOMNode) -> str:
    if isinstance(node, App):
        return "Everywhere"
    title = getattr(node, "HELP_TITLE", None)
    return title or type(node).__name__


def render_sections(sections: Iterable[HelpSection], width: int | None = None) -> Content:
    """The help text: a heading per section, then `keys  name  what it does` rows; with a
    `width`, a long description wraps under itself rather than being cut or running back
    to the left edge."""
    parts: list[Content] = []
    for section in sections:
        if parts:
            parts.append(Content("\n"))
        parts.append(Content.styled(section.title, "bold $text-accent"))
        parts.append(Content("\n"))
        for row in section.rows:
            keys = " / ".join(row.keys)
            lines = [row.tooltip]
            if width is not None and width - DESCRIPTION_AT >= 12:
                lines = textwrap.wrap(row.tooltip, width - DESCRIPTION_AT) or [""]
            tooltip = ("\n" + " " * DESCRIPTION_AT).join(lines)
            parts.append(
                Content.assemble(
                    ("  " + keys.ljust(KEY_COLUMN), "bold $text-primary"),
                    (row.description.ljust(NAME_COLUMN), "bold"),
                    " ",
                    (tooltip, "$text-muted"),
                    "\n",
                )
            )
    # No trailing newline: an empty last line would make the dialog scroll for nothing.
    return Content("").join(parts).rstrip()


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close", tooltip="Close help"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down", tooltip="Scroll down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up", tooltip="Scroll up"),
    ]

    def __init__(self, sections: list[HelpSection]) -> None:
        super().__init__(id="help")
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(Content("Keys"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(render_sections(self.sections), id="help-text")
            yield Static(
                Content("Esc closes · ctrl+p: command palette · remap keys: keymap in config.yaml"),
                id="help-footer",
            )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def on_resize(self) -> None:
        # As tall as the text (title, keys, blank, footer, borders), never taller than the
        # terminal: the keys scroll when they do not fit.
        width = min(DIALOG_WIDTH, self.size.width) - DIALOG_CHROME
        text = render_sections(self.sections, width)
        self.query_one("#help-text", Static).update(text)
        wanted = len(text.plain.splitlines()) + 5
        self.query_one("#help-dialog").styles.height = max(6, min(wanted, self.size.height - 2))

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
