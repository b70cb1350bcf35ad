"""What the queue looks like at 80x24 and at 160x50, against the seeded local server.

The seed is deterministic (fixed reference date); what the list calls "today" is frozen to the
seed's reference moment, and times are shown in UTC, so the pictures do not drift.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from tests.pilot import settle
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.queue import QueueScreen

NOW = datetime(2026, 11, 20, 9, 0, 0)  # the seed's REFERENCE_DATE

pytestmark = pytest.mark.usefixtures("utc")  # tests/ui/conftest.py


class FrozenApp(TicketApp):
    """The app with the queue's clock stopped at ``NOW``."""

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()  # instead of TicketApp.on_mount's QueueScreen()
        self.push_screen(QueueScreen(now=lambda: NOW))


def test_queue_at_80x24(snap_compare: Any, so_backend_factory: Callable[[], Any]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)

    assert snap_compare(
        FrozenApp(so_backend_factory), terminal_size=(80, 24), run_before=run_before
    )


def test_queue_at_80x24_filtering(snap_compare: Any, so_backend_factory: Callable[[], Any]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, QueueScreen)
        screen.filter_input.cursor_blink = False
        await pilot.press("3", "slash", *"print")
        await settle(pilot)

    assert snap_compare(
        FrozenApp(so_backend_factory), terminal_size=(80, 24), run_before=run_before
    )


def test_queue_at_160x50_with_preview_beside(
    snap_compare: Any, so_backend_factory: Callable[[], Any]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("3", "j", "j", "j")
        await settle(pilot)

    assert snap_compare(
        FrozenApp(so_backend_factory), terminal_size=(160, 50), run_before=run_before
    )
