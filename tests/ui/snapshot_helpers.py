"""What the snapshot tests share: the seeds' reference moment as the screens' clock, the app
opened on the queue or on one ticket with that clock, and cursors that do not blink.

Both local servers' seeds are deterministic (fixed reference date); with the clock stopped at
it and times shown in UTC (the ``utc`` fixture), a picture is the same on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.queue import QueueScreen

NOW = datetime(2026, 11, 20, 9, 0, 0)  # both seeds' REFERENCE_DATE


class FrozenQueueApp(TicketApp):
    """The app with the queue's clock stopped at ``NOW``."""

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()  # instead of TicketApp.on_mount's QueueScreen()
        self.push_screen(QueueScreen(now=lambda: NOW))


class FrozenDetailApp(TicketApp):
    """The app opened straight on one ticket, its clock stopped at ``NOW``."""

    def __init__(self, factory: Callable[[], Any], ticket_id: int, **options: Any) -> None:
        super().__init__(factory, **options)
        self.ticket_id = ticket_id

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()
        self.push_screen(DetailScreen(self.ticket_id, now=lambda: NOW))


def still_cursors(pilot: Pilot[Any]) -> None:
    """Stop every cursor on the current screen blinking (a blink is a different picture)."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
