"""FittingFooter: a compact footer that shows whole keys only, and always quit and help."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Shown whatever the width: how to leave, and how to find the other keys.
ESSENTIAL_IDS = ("app.quit", "app.help")
# "▏^p palette" docked on the right (a border cell, the key, a space, the word).
PALETTE_CELLS = 11


class _Item(NamedTuple):
    binding: Binding
    enabled: bool
    tooltip: str


class FittingFooter(Footer):
    """Textual's compact footer, except that keys which do not fit are left out whole (never
    cut mid-word), screen keys first in their order, and quit and help always stay."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._laid_out_for = 0

    def _items(self) -> list[_Item]:
        items: list[_Item] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            items.append(_Item(binding, enabled, tooltip))
        return items

    def _cost(self, item: _Item) -> int:
        # Compact: "key description" and one cell of margin after it.
        key = self.app.get_key_display(item.binding)
        return cell_len(key) + 1 + cell_len(item.binding.description) + 1

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        items = self._items()
        essentials = [item for item in items if item.binding.id in ESSENTIAL_IDS]
        others = [item for item in items if item.binding.id not in ESSENTIAL_IDS]
        active = self.screen.active_bindings
        palette = (
            self.show_command_palette
            and self.app.ENABLE_COMMAND_PALETTE
            and self.app.COMMAND_PALETTE_BINDING in active
        )
        used = sum(self._cost(item) for item in essentials)
        budget = width - (PALETTE_CELLS if palette else 0)
        if used > budget:
            palette, budget = False, width
        chosen: list[_Item] = []
        for item in others:
            cost = self._cost(item)
            if used + cost > budget:
                break  # the rest are less important; a cut word helps nobody
            chosen.append(item)
            used += cost
        for item in chosen + essentials:
            binding = item.binding
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not item.enabled,
                tooltip=item.tooltip,
            ).data_bind(compact=Footer.compact)
        if palette:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)
