"""What the ticket detail screen looks like at 80x24 and 160x50, against the seeded local server.

The seed is deterministic (fixed reference date). The screen's clock is frozen at that
reference moment, so "overdue by ..." does not drift, and times are shown in UTC.
Ticket 130 is an open, overdue ticket with customer messages, replies and a note;
ticket 4 carries a hostile title (Rich markup) and an HTML body with script and style.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.pilot import settle
from tests.ui.snapshot_helpers import FrozenDetailApp

OVERDUE_TICKET = 130
HOSTILE_TICKET = 4

pytestmark = pytest.mark.usefixtures("utc")  # tests/ui/conftest.py


def test_detail_at_80x24(snap_compare: Any, so_backend_factory: Callable[[], Any]) -> None:
    assert snap_compare(
        FrozenDetailApp(so_backend_factory, OVERDUE_TICKET),
        terminal_size=(80, 24),
        run_before=settle,
    )


def test_hostile_ticket_at_80x24(snap_compare: Any, so_backend_factory: Callable[[], Any]) -> None:
    assert snap_compare(
        FrozenDetailApp(so_backend_factory, HOSTILE_TICKET),
        terminal_size=(80, 24),
        run_before=settle,
    )


def test_detail_at_160x50(snap_compare: Any, so_backend_factory: Callable[[], Any]) -> None:
    assert snap_compare(
        FrozenDetailApp(so_backend_factory, OVERDUE_TICKET),
        terminal_size=(160, 50),
        run_before=settle,
    )


def test_internal_note_compose_at_80x24(
    snap_compare: Any, so_backend_factory: Callable[[], Any]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        area = pilot.app.screen.query_one(TextArea)
        area.cursor_blink = False
        await pilot.press(*"Escalated", "space", *"to", "space", *"2nd", "space", *"line")
        await pilot.pause()

    assert snap_compare(
        FrozenDetailApp(so_backend_factory, OVERDUE_TICKET),
        terminal_size=(80, 24),
        run_before=run_before,
    )
