"""The ticket detail screen on its own, shared by the tests that open a ticket: an app that opens
one ticket, typing text as keys, sending a reply or note, every seeded ticket read once (to find
one that fits a story), what the server holds of a thread, the screen's header and thread as
text, and backends for the demo agent (also on a port where nothing listens)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import SecretStr
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen

from tests.pilot import wait_for
from tickettui.core.domain import Message, Section, TicketDetail, TicketSummary
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.compose import ComposeScreen
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.widgets.thread import ThreadView
from tickettui.ui.widgets.ticket_header import TicketHeader

__all__ = [
    "EVERYTHING",
    "KEY_NAMES",
    "NOW",
    "SIZE",
    "DetailApp",
    "Seeded",
    "detail_screen",
    "factory_for",
    "header_lines",
    "keys",
    "read_everything",
    "send",
    "server_messages",
    "thread_lines",
    "unreachable_factory",
]

SIZE = (120, 36)
NOW = datetime(2026, 11, 20, 9, 0, 0)  # the seed's reference moment
EVERYTHING = Section("everything", "Everything", "")  # no filter: every ticket


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


async def send(pilot: Pilot[Any], key: str, text: str) -> None:
    """Open the reply (``r``) or note (``i``) on the open ticket, type ``text``, send it."""
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ComposeScreen)
    await pilot.press(*keys(text))
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, ComposeScreen), "the send")


Seeded = list[tuple[TicketSummary, TicketDetail, list[Message]]]


async def read_everything(factory: Callable[[], Any]) -> Seeded:
    """Every ticket the backend has, with its detail and whole thread, in id order."""
    backend = factory()
    gate = asyncio.Semaphore(8)

    async def read(row: TicketSummary) -> tuple[TicketSummary, TicketDetail, list[Message]]:
        async with gate:
            detail, messages = await asyncio.gather(
                backend.ticket(row.id), backend.messages(row.id)
            )
            return row, detail, messages

    try:
        rows = await backend.list_tickets(EVERYTHING, ["title", "status", "owner"])
        return list(await asyncio.gather(*(read(r) for r in sorted(rows, key=lambda r: r.id))))
    finally:
        await backend.aclose()


def detail_screen(app: TicketApp) -> DetailScreen:
    screen = app.screen
    assert isinstance(screen, DetailScreen), screen
    return screen


def header_lines(app: TicketApp) -> list[str]:
    return detail_screen(app).query_one(TicketHeader).plain_lines()


def thread_lines(app: TicketApp) -> list[str]:
    return detail_screen(app).query_one(ThreadView).plain_lines()


def factory_for(url: str) -> Callable[[], Any]:
    """A SuperOffice backend factory for the server at ``url``, as the demo agent."""
    from tests.conftest import superoffice_factory
    from tickettui.systems.superoffice.server import accounts
    from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

    return superoffice_factory(
        SuperOfficeSettings(
            url=url,
            auth=AuthScheme.BASIC,
            user=accounts.DEMO_USER,
            password=SecretStr(accounts.DEMO_PASSWORD),
        )
    )


def unreachable_factory() -> Callable[[], Any]:
    return factory_for("http://127.0.0.1:9/SuperOffice/api")  # discard port: nothing listens
