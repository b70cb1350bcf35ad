"""SuperOffice priorities carry the tenant's own order: a queue row's rank comes from the
``ticketpriority`` list (its sort order), a ticket's from its TicketPriorityEntity, against the
local server (Low 1, Medium 2, High 3, Critical 4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tickettui.core.columns import COLUMNS, DEFAULT_COLUMNS, sort_tickets
from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS

ALL_ACTIVE = next(s for s in DEFAULT_SECTIONS if s.key == "all-active")
SERVER_RANKS = {"Low": 1, "Medium": 2, "High": 3, "Critical": 4}


async def test_queue_rows_carry_the_tenants_priority_order(
    so_backend_factory: Callable[[], Any],
) -> None:
    backend = so_backend_factory()
    try:
        tickets = await backend.list_tickets(ALL_ACTIVE, DEFAULT_COLUMNS)
        detail = await backend.ticket(next(t.id for t in tickets if t.priority))
    finally:
        await backend.aclose()
    named = [t for t in tickets if t.priority]
    assert {t.priority for t in named} == set(SERVER_RANKS)
    assert all(t.priority_rank == SERVER_RANKS[t.priority] for t in named)
    assert detail.summary.priority_rank == SERVER_RANKS[detail.summary.priority]

    order = sort_tickets(tickets, COLUMNS["priority"])
    shown = list(dict.fromkeys(tickets[i].priority for i in order if tickets[i].priority))
    assert shown == ["Low", "Medium", "High", "Critical"]  # was Critical, High, Low, Medium
