"""Keliweb (WHMCS) priorities are three fixed words, ranked Low < Medium < High, in the queue
and on a ticket, against the local Keliweb server."""

from __future__ import annotations

from typing import Any

from tests.keliweb_fixtures import kw_factory, kw_server
from tickettui.core.columns import COLUMNS, DEFAULT_COLUMNS, sort_tickets
from tickettui.systems.keliweb.mapping import PRIORITY_RANKS

__all__ = ["kw_server"]


async def test_priorities_rank_low_medium_high(kw_server: Any) -> None:
    backend = kw_factory(kw_server)()
    try:
        section = (await backend.sections())[0]
        tickets = await backend.list_tickets(section, DEFAULT_COLUMNS)
        detail = await backend.ticket(tickets[0].id)
    finally:
        await backend.aclose()
    assert {t.priority for t in tickets} == {"Low", "Medium", "High"}
    assert all(t.priority_rank == PRIORITY_RANKS[t.priority.lower()] for t in tickets)
    assert detail.summary.priority_rank == tickets[0].priority_rank
    order = sort_tickets(tickets, COLUMNS["priority"], reverse=True)
    shown = list(dict.fromkeys(tickets[i].priority for i in order))
    assert shown == ["High", "Medium", "Low"]
