"""The queue screen, shared by the tests that start on it: its size, the screen's list and status
line, an app that records where the queue sends the agent, and what the server counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.queue import QueueScreen
from tickettui.ui.widgets.ticket_list import TicketList

__all__ = ["SIZE", "RecordingApp", "listing", "queue", "server_counts", "status_text"]

SIZE = (120, 36)


def queue(app: TicketApp) -> QueueScreen:
    screen = app.screen
    assert isinstance(screen, QueueScreen)
    return screen


def listing(app: TicketApp) -> TicketList:
    return queue(app).query_one(TicketList)


class RecordingApp(TicketApp):
    """Records where the queue sends the agent instead of opening those screens."""

    def __init__(self, factory: Callable[[], Any], **options: Any) -> None:
        super().__init__(factory, **options)
        self.opened: list[int] = []
        self.edited: list[int | None] = []

    def open_ticket(self, ticket_id: int) -> None:
        self.opened.append(ticket_id)

    def edit_ticket(self, ticket_id: int | None) -> None:
        self.edited.append(ticket_id)


def status_text(screen: QueueScreen) -> str:
    return str(screen.query_one("#queue-status").render())


async def server_counts(factory: Callable[[], Any]) -> dict[str, int]:
    backend = factory()
    try:
        return {
            s.title: len(await backend.list_tickets(s, DEFAULT_COLUMNS))
            for s in await backend.sections()
        }
    finally:
        await backend.aclose()
