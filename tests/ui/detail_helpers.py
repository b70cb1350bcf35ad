"""The ticket detail screen on its own, shared by the tests that open a ticket: an app that opens
one ticket, typing text as keys, and what the server holds of a thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual import events
from textual.screen import Screen

from tickettui.core.domain import Message
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen

__all__ = ["KEY_NAMES", "NOW", "SIZE", "DetailApp", "keys", "server_messages"]

SIZE = (120, 36)
NOW = datetime(2026, 11, 20, 9, 0, 0)  # the seed's reference moment


class DetailApp(TicketApp):
    """Opens one ticket over a blank screen (so esc has somewhere to go); records edits."""

    def __init__(
        self, factory: Callable[[], Any], ticket_id: int, now: Callable[[], datetime] = lambda: NOW
    ) -> None:
        super().__init__(factory)
        self.ticket_id = ticket_id
        self.now = now
        self.edited: list[int | None] = []

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()  # instead of TicketApp.on_mount's QueueScreen()
        self.push_screen(Screen())
        self.push_screen(DetailScreen(self.ticket_id, now=self.now))

    def edit_ticket(self, ticket_id: int | None) -> None:
        self.edited.append(ticket_id)


KEY_NAMES = {" ": "space", ",": "comma", ".": "full_stop", "!": "exclamation_mark"}


def keys(text: str) -> list[str]:
    return [KEY_NAMES.get(char, char) for char in text]


async def server_messages(factory: Callable[[], Any], ticket_id: int) -> list[Message]:
    backend = factory()
    try:
        return list(await backend.messages(ticket_id))
    finally:
        await backend.aclose()
