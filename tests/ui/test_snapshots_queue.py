"""What the queue looks like at 80x24 and at 160x50, against the seeded local server.

The seed is deterministic (fixed reference date); what the list calls "today" is frozen to the
seed's reference moment, and times are shown in UTC, so the pictures do not drift.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.pilot import settle
from tests.ui.snapshot_helpers import FrozenQueueApp as FrozenApp
from tickettui.ui.screens.queue import QueueScreen

pytestmark = pytest.mark.usefixtures("utc")  # tests/ui/conftest.py


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
