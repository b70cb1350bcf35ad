"""`?`: the keys of the screen underneath, as the user has mapped them, grouped and explained.

Only tickettui's own keys (each has an id); Textual's built-in ones that an agent never needs
here (copying a selection, scrolling left) are left out. The id of each key is shown dim, as
the name to remap it by in the profile's ``keymap``.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tickettui.ui.key_help import EXPLAINED, GROUPS, NAMED_BY_SYSTEM, group_of

SCREEN_NAMES = {
    "QueueScreen": "the queue",
    "DetailScreen": "a ticket",
    "EditScreen": "the edit form",
    "ComposeScreen": "a reply or note",
    "MergeScreen": "choosing between changes",
}


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
            yield Static(
                "esc closes · ctrl+p: the command palette (go to a ticket, sections, themes) · "
                'remap a key in the profile: keymap = { "queue.sort" = "o" }',
                classes="help-footer",
            )

    def _groups(self) -> dict[str, list[tuple[str, str, str]]]:
        """Heading -> (keys, what it does, id), in the order of GROUPS."""
        keys_of: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        # active_bindings reflects the app's keymap, the focused widget and the screen.
        for active in self._under.active_bindings.values():
            binding = active.binding
            if binding.id is None or not active.enabled:
                continue  # Textual's own, or not for this screen now
            labels[binding.id] = binding.description
            shown = keys_of.setdefault(binding.id, [])
            display = self.app.get_key_display(binding)
            if display not in shown:
                shown.append(display)
        order = {heading: n for n, heading in enumerate(dict.fromkeys(GROUPS.values()))}
        grouped: dict[str, list[tuple[str, str, str]]] = {}
        for binding_id, keys in keys_of.items():
            what = EXPLAINED.get(binding_id, binding_id)
            if binding_id in NAMED_BY_SYSTEM:
                what = f"{labels[binding_id]}: {what}"
            grouped.setdefault(group_of(binding_id), []).append((" ".join(keys), what, binding_id))
        return dict(sorted(grouped.items(), key=lambda item: order.get(item[0], len(order))))

    def _table(self) -> Text:
        """Keys right-aligned, what they do beside them, wrapped under itself (a hanging
        indent) at the help's width, so at 80 columns no line starts in the keys' column."""
        name = SCREEN_NAMES.get(type(self._under).__name__, "this screen")
        text = Text(f"Keys on {name}\n", style="bold")
        # The help box: 72 cells or 95% of the terminal, less its border, padding, scrollbar.
        room = min(72, self.app.size.width * 95 // 100) - 6
        for heading, rows in self._groups().items():
            text.append(f"\n{heading}\n", style="bold underline")
            width = max(len(keys) for keys, _, _ in rows)
            for keys, what, binding_id in rows:
                entry = Text(what)
                entry.append(f"  {binding_id}", style="dim")
                lines = entry.wrap(self.app.console, max(20, room - width - 4))
                for n, wrapped in enumerate(lines):
                    shown = keys if n == 0 else ""
                    text.append(f"  {shown:>{width}}  ", style="bold")
                    text.append_text(wrapped)
                    text.append("\n")
        return text
