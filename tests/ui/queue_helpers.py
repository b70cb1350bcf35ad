"""The queue screen, shared by the tests that start on it: its size and the screen's list."""

from __future__ import annotations

from tickettui.ui.app import TicketApp
from tickettui.ui.screens.queue import QueueScreen
from tickettui.ui.widgets.ticket_list import TicketList

__all__ = ["SIZE", "listing", "queue"]

SIZE = (120, 36)


def queue(app: TicketApp) -> QueueScreen:
    screen = app.screen
    assert isinstance(screen, QueueScreen)
    return screen


def listing(app: TicketApp) -> TicketList:
    return queue(app).query_one(TicketList)
