"""FittingFooter: a compact footer that shows whole keys only, and always quit and help."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
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


class _Key(NamedTuple):
    """One key as the footer shows it: what a recomposition would make again."""

    key: str
    display: str
    description: str
    action: str
    disabled: bool
    tooltip: str
    palette: bool

    @classmethod
    def of(cls, display: str, item: _Item, palette: bool = False) -> _Key:
        binding = item.binding
        return cls(
            binding.key,
            display,
            binding.description,
            binding.action,
            not item.enabled,
            item.tooltip,
            palette,
        )


class FittingFooter(Footer):
    """Textual's compact footer, except that keys which do not fit are left out whole (never
    cut mid-word), screen keys first in their order, and quit and help always stay."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._laid_out_for = 0
        self._composed: tuple[_Key, ...] | None = None

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

    def _plan(self) -> tuple[_Key, ...]:
        """The keys to show at the current width, in order (the palette key last)."""
        width = self.size.width or self.app.size.width
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
        keys = [_Key.of(self.app.get_key_display(item.binding), item) for item in chosen]
        keys += [_Key.of(self.app.get_key_display(item.binding), item) for item in essentials]
        if palette:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            tooltip = binding.tooltip or binding.description
            item = _Item(binding, enabled, tooltip)
            keys.append(_Key.of(self.app.get_key_display(binding), item, palette=True))
        return tuple(keys)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._laid_out_for = self.size.width or self.app.size.width
        self._composed = self._plan()
        for key in self._composed:
            widget = FooterKey(
                key.key,
                key.display,
                key.description,
                key.action,
                classes="-command-palette" if key.palette else "",
                disabled=key.disabled,
                tooltip=key.tooltip,
            )
            yield widget if key.palette else widget.data_bind(compact=Footer.compact)

    def bindings_changed(self, screen: Screen) -> None:
        """Textual recomposes the footer on every change of bindings (each screen switch,
        each refresh of a key's state): ten key widgets made, styled and mounted again, a
        third of the main thread's time on Enter and back. Here only when a key changed."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:  # its screen was closed meanwhile
            return
        if self._composed is None or self._plan() != self._composed:
            await self.recompose()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)
