"""Times on screen (issue 19): the detail shows a ticket's times in the agent's local zone by
default and names that zone once in its header; a profile's timezone_display shows them in
another zone. Against the local SuperOffice server (tenant zone Europe/Oslo), the machine's zone
set to UTC."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual import events

from tests.pilot import screen_text, settle, wait_for
from tests.ui.queue_helpers import listing
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen

pytestmark = pytest.mark.usefixtures("utc")  # tests/ui/conftest.py
TICKET = 7


class OneTicketApp(TicketApp):
    def __init__(self, factory: Callable[[], Any], **options: Any) -> None:
        super().__init__(factory, **options)

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()
        self.push_screen(DetailScreen(TICKET))


async def times_of(factory: Callable[[], Any]) -> tuple[datetime, datetime]:
    """When the ticket was created, and when its first message was written (aware both)."""
    backend = factory()
    try:
        created = (await backend.ticket(TICKET)).summary.created
        first = (await backend.messages(TICKET))[0].created
    finally:
        await backend.aclose()
    assert created is not None and created.tzinfo is not None
    assert first is not None and first.tzinfo is not None
    return created, first


async def test_local_zone_by_default_named_once(so_backend_factory: Callable[[], Any]) -> None:
    created, _ = await times_of(so_backend_factory)
    app = OneTicketApp(so_backend_factory)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert f"Created {created.astimezone(ZoneInfo('UTC')):%Y-%m-%d %H:%M}" in text
    assert text.count("Times in") == 1 and "Times in local (UTC)" in text


async def test_the_profiles_zone(so_backend_factory: Callable[[], Any]) -> None:
    created, first = await times_of(so_backend_factory)
    app = OneTicketApp(so_backend_factory, timezone_display="America/New_York")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        text = screen_text(app)
    in_new_york = created.astimezone(ZoneInfo("America/New_York"))
    assert f"Created {in_new_york:%Y-%m-%d %H:%M}" in text
    assert re.search(r"Times in America/New_York \(E[SD]T\)", text)
    # The thread's times are in the same zone as the header's.
    new_york = ZoneInfo("America/New_York")
    assert f"· {first.astimezone(new_york):%Y-%m-%d %H:%M}" in text


async def test_the_queues_preview_in_the_profiles_zone(
    so_backend_factory: Callable[[], Any],
) -> None:
    """The preview beside the list shows the ticket's last change in the same zone as the
    detail, not the machine's (UTC here)."""
    app = TicketApp(so_backend_factory, timezone_display="America/New_York")
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: listing(app).cursor_ticket is not None, "the queue's rows")
        ticket = listing(app).cursor_ticket
        assert ticket is not None and ticket.last_changed is not None
        changed = ticket.last_changed.astimezone(ZoneInfo("America/New_York"))
        text = screen_text(app)
    assert re.search(rf"Changed\s+{changed:%Y-%m-%d %H:%M}", text), text
