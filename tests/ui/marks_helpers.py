"""What the marks and bulk tests share: the queue's marks, the status line, the footer, and
what a server holds for some tickets (read by a backend of its own)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tests.ui.queue_helpers import listing
from tickettui.core.domain import StatusKind
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.queue import QueueScreen
from tickettui.ui.widgets.key_bar import KeyBar

__all__ = ["footer", "marked", "shown_ids", "status", "status_kinds", "under"]


def under(app: TicketApp) -> QueueScreen:
    """The queue, also under a dialog (the confirm, the summary)."""
    return next(s for s in reversed(app.screen_stack) if isinstance(s, QueueScreen))


def marked(app: TicketApp) -> list[int]:
    return under(app).marks.ids


def shown_ids(app: TicketApp) -> list[int]:
    rows = listing(app).rows
    return [rows.tickets[index].id for index in rows.view]


def status(app: TicketApp) -> str:
    return str(under(app).query_one("#queue-status").render())


def footer(app: TicketApp) -> str:
    return app.screen.query_one(KeyBar).line_text()


async def status_kinds(
    factory: Callable[[], Any], ticket_ids: Iterable[int]
) -> dict[int, StatusKind]:
    """Each ticket's kind of status on the server, read afresh."""
    backend = factory()
    try:
        return {i: (await backend.ticket(i)).summary.status_kind for i in ticket_ids}
    finally:
        await backend.aclose()
