"""Keliweb times are aware (issue 19): WHMCS sends its server's wall clock with no zone, taken as
Europe/Rome (Keliweb is Italian; assumed, NOTES 3.4), so a ticket opened at 12:44 in Rome is
11:44 UTC in winter. Against the local Keliweb server, which stores Rome's wall clock."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tests.keliweb_fixtures import TICKETS, kw_factory, start
from tickettui.core.columns import DEFAULT_COLUMNS

ROME = ZoneInfo("Europe/Rome")


async def test_times_are_romes_moments(tmp_path: Path) -> None:
    with start(tmp_path) as server:
        backend = kw_factory(server)()
        try:
            section = (await backend.sections())[0]
            tickets = await backend.list_tickets(section, DEFAULT_COLUMNS)
            first = tickets[0]
            detail = await backend.ticket(first.id)
            thread = await backend.messages(first.id)
        finally:
            await backend.aclose()
    with sqlite3.connect(tmp_path / "kw.sqlite") as db:
        (date,) = db.execute("SELECT date FROM ticket WHERE id = ?", (first.id,)).fetchone()
    assert len(tickets) <= TICKETS
    assert first.created == datetime.fromisoformat(date).replace(tzinfo=ROME)
    assert detail.summary.created == first.created
    moments: list[Any] = [t.created for t in tickets] + [m.created for m in thread]
    assert all(m is not None and m.tzinfo is ROME for m in moments)
