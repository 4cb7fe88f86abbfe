"""The floor: a bare Textual app with one label, started like reader, answering one key."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Label


class FloorApp(App):
    """Shows one label; `j` changes it, `q` quits."""

    BINDINGS = [("j", "bump", "Bump"), ("q", "quit", "Quit")]
    moves = 0

    def compose(self) -> ComposeResult:
        yield Label("floor ready", id="label")

    def action_bump(self) -> None:
        label = self.query_one("#label", Label)
        self.moves += 1
        label.update(f"floor moved {self.moves}")


if __name__ == "__main__":
    FloorApp().run()
