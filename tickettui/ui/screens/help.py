"""`?`: the live bindings of the screen underneath, as the user has mapped them."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self._under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._table(), id="help-table")
            yield Static("esc closes · ctrl+p opens the command palette", classes="help-footer")

    def _table(self) -> Text:
        text = Text()
        text.append(
            f"Keys on {self._under.__class__.__name__.removesuffix('Screen').lower()}\n\n",
            style="bold",
        )
        seen: set[tuple[str, str]] = set()
        # active_bindings reflects the app's keymap, the focused widget and the screen.
        for key, active in self._under.active_bindings.items():
            binding = active.binding
            if not binding.description or (binding.action, key) in seen:
                continue
            seen.add((binding.action, key))
            display = self.app.get_key_display(binding)
            text.append(f"{display:>12}  ", style="bold")
            text.append(binding.description)
            if binding.id:
                text.append(f"   [{binding.id}]", style="dim")
            text.append("\n")
        return text
