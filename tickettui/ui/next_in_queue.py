"""`N` in the queue: take the next waiting ticket of the section on show and open it.

What "next" is belongs to the system (``core.next_ticket``); here it runs in a worker (the
screen never waits), says what was done in one line (or "No ticket waiting in <section>"),
and opens the ticket. Shown only where the system has it (``Capabilities.next_in_queue``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tickettui.core.domain import Section
from tickettui.core.next_ticket import next_taker, queue_name, taken_message

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp

__all__ = ["take_next_ticket"]


async def take_next_ticket(app: TicketApp, section: Section | None) -> int | None:
    """Take the next ticket of ``section`` and open it; its id, or None (none waiting, or an
    error, each said in one line)."""
    backend = app.backend
    try:
        taken = await next_taker(backend, backend.capabilities).take_next(section)
    except Exception as error:
        app.report_error(error, f"Next ticket from {queue_name(section)}")
        return None
    if taken.detail is None:
        app.notify(taken_message(taken), severity="warning", timeout=5)
        return None
    app.notify(taken_message(taken), timeout=6)
    ticket_id = taken.detail.summary.id
    app.open_ticket(ticket_id)
    return ticket_id
