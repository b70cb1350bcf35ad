"""What the Keliweb queue and a Keliweb ticket look like at 80x24, against the seeded local
Keliweb server (deterministic seed, clock stopped at the seed's reference moment, UTC)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import settle
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.queue import QueueScreen

__all__ = ["kw_server"]  # fixture, imported for pytest

NOW = datetime(2026, 11, 20, 9, 0, 0)  # the Keliweb seed's REFERENCE_DATE
# The first ticket of "All active" in the seed (seed 7, 120 tickets): customer messages,
# staff replies and an internal note.
TICKET = 40287

pytestmark = pytest.mark.usefixtures("utc")  # tests/ui/conftest.py


class FrozenQueueApp(TicketApp):
    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()
        self.push_screen(QueueScreen(now=lambda: NOW))


class FrozenDetailApp(TicketApp):
    def __init__(self, factory: Callable[[], Any], ticket_id: int) -> None:
        super().__init__(factory)
        self.ticket_id = ticket_id

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()
        self.push_screen(DetailScreen(self.ticket_id, now=lambda: NOW))


def test_keliweb_queue_at_80x24(snap_compare: Any, kw_server: LocalKeliweb) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)

    assert snap_compare(
        FrozenQueueApp(kw_factory(kw_server)), terminal_size=(80, 24), run_before=run_before
    )


def test_keliweb_ticket_at_80x24(snap_compare: Any, kw_server: LocalKeliweb) -> None:
    assert snap_compare(
        FrozenDetailApp(kw_factory(kw_server), TICKET), terminal_size=(80, 24), run_before=settle
    )
