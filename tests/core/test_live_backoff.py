"""A live section whose server fails: each failed tick waits twice as long as the one before,
up to a cap; the rows and flags stay as they were; the first tick that works puts the interval
back. Against the local SuperOffice server, its archive failing on demand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.two_agents import backend_as
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.errors import TicketTuiError
from tickettui.core.live_policy import Backoff, LivePolicy, Notify, SectionLive
from tickettui.core.live_queue import LiveQueue
from tickettui.servers.faults import FaultPlan
from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS
from tickettui.systems.superoffice.server import LocalSuperOffice

SECTION = next(s for s in DEFAULT_SECTIONS if s.key == "all-active")


@pytest.fixture()
def flaky(tmp_path: Path) -> Iterator[tuple[LocalSuperOffice, FaultPlan]]:
    # Only the Ticket archive fails, and only once the test turns the rate up.
    plan = FaultPlan(rate=0.0, kinds=("503",), seed=1, match=r"^GET .*/v1/Ticket$")
    server = LocalSuperOffice.start(tickets=60, seed=7, db_path=tmp_path / "so.sqlite", faults=plan)
    yield server, plan
    server.stop()


async def test_failed_ticks_back_off_doubling_and_a_good_one_resets(
    flaky: tuple[LocalSuperOffice, FaultPlan],
) -> None:
    server, plan = flaky
    backend = backend_as(server)
    queue = LiveQueue(LivePolicy(SectionLive(60.0, Notify.BELL)))
    try:
        live = queue.loaded(SECTION.key, await backend.list_tickets(SECTION, DEFAULT_COLUMNS), 0.0)
        rows = list(live.tickets)
        assert queue.due(0.0) == [SECTION.key]  # at once: where the changes start
        queue.begin(SECTION.key)
        start = await backend.changes_since(SECTION, DEFAULT_COLUMNS, None, live.by_id())
        queue.landed(SECTION.key, start, 0.0)
        assert queue.due(59.0) == [] and queue.due(60.0) == [SECTION.key]

        plan.rate = 1.0
        delays = []
        now = 60.0
        for _ in range(3):
            assert queue.due(now) == [SECTION.key]
            queue.begin(SECTION.key)
            with pytest.raises(TicketTuiError):
                await backend.changes_since(SECTION, DEFAULT_COLUMNS, live.cursor, live.by_id())
            delays.append(queue.failed(SECTION.key, now))
            assert queue.due(now + delays[-1] - 1) == []
            now += delays[-1]
        assert delays == [120.0, 240.0, 480.0]
        assert queue.has_failed(SECTION.key)
        assert live.tickets == rows and live.unseen == 0  # nothing lost, nothing flagged

        plan.rate = 0.0
        queue.begin(SECTION.key)
        batch = await backend.changes_since(SECTION, DEFAULT_COLUMNS, live.cursor, live.by_id())
        tick = queue.landed(SECTION.key, batch, now)
        assert not tick.merged.anything and tick.notify is Notify.NONE
        assert not queue.has_failed(SECTION.key) and queue.delay(SECTION.key) == 60.0
    finally:
        await backend.aclose()


def test_backoff_stops_doubling_at_its_cap() -> None:
    backoff = Backoff(120.0, cap=600.0)
    assert [backoff.failed() for _ in range(5)] == [240.0, 480.0, 600.0, 600.0, 600.0]
    assert backoff.succeeded() == 120.0
