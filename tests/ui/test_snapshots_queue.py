"""What the queue looks like at 80x24 and at 160x50, against the seeded local server.

The seed is deterministic (fixed reference date); what the list calls "today" is frozen to the
seed's reference moment, and times are shown in UTC, so the pictures do not drift.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tickettui.ui.app import TicketApp
from tickettui.ui.screens.queue import QueueScreen

NOW = datetime(2026, 11, 20, 9, 0, 0)  # the seed's REFERENCE_DATE


class FrozenApp(TicketApp):
    """The app with the queue's clock stopped at ``NOW``."""

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()  # instead of TicketApp.on_mount's QueueScreen()
        self.push_screen(QueueScreen(now=lambda: NOW))


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def settle(pilot: Pilot[Any]) -> None:
    app = pilot.app
    for _ in range(100):
        await pilot.pause(0.05)
        if all(worker.is_finished for worker in app.workers):
            await pilot.pause()
            if all(worker.is_finished for worker in app.workers):
                return
        # An exclusive worker replaced by a newer one counts as cancelled: wait for the newer.
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
    raise AssertionError("workers still running")


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
