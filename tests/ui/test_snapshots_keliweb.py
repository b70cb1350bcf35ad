"""What the Keliweb queue and a Keliweb ticket look like at 80x24, against the seeded local
Keliweb server (deterministic seed, clock stopped at the seed's reference moment, UTC)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import settle
from tests.ui.snapshot_helpers import FrozenDetailApp, FrozenQueueApp
from tickettui.systems.keliweb.server import LocalKeliweb

__all__ = ["kw_server"]  # fixture, imported for pytest

# The first ticket of "All active" in the seed (seed 7, 120 tickets): customer messages,
# staff replies and an internal note.
TICKET = 40287

pytestmark = pytest.mark.usefixtures("utc")  # tests/ui/conftest.py


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
