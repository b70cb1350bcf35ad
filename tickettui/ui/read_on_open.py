"""Opening an unread ticket marks it read, as SuperOffice's own client does for its owner.

Only where the system keeps read state (``Capabilities.read_status``) and can set it
(``QuickAction.MARK_READ``), only when the profile asks for it (``mark_read_on_open``, on by
default), and only for the agent's own tickets and tickets nobody owns: read state is the
owner's, so a colleague's red dot stays theirs until they open the ticket.

It is quiet: no toast, nothing for `u` to take back (`M` marks it unread again). A failure is
logged, and said once per session as a warning, so an agent whose tickets stay red knows why
without a toast on every open over a flaky link. The work runs on the app, not on the detail
screen, so going back at once does not cancel it; when it lands, every screen that shows the
ticket's read state (the queue) hears of it.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from tickettui.core.domain import QuickAction, ReadStatus, TicketDetail

if TYPE_CHECKING:
    from textual.worker import Worker

    from tickettui.ui.app import TicketApp

__all__ = ["ShowsReadState", "mark_read_on_open", "read_now"]

log = logging.getLogger(__name__)

NOT_READ = frozenset({ReadStatus.UNREAD, ReadStatus.NEW_INFO})

# Apps that have said once that marking read failed (a session is one app).
_told: weakref.WeakSet[TicketApp] = weakref.WeakSet()


@runtime_checkable
class ShowsReadState(Protocol):
    """A screen showing tickets' read state, told when one was marked read on open."""

    def ticket_marked_read(self, ticket_id: int) -> None: ...


def read_now(detail: TicketDetail) -> TicketDetail:
    """``detail`` as it is once marked read."""
    return replace(detail, summary=replace(detail.summary, read_status=ReadStatus.READ))


def wanted(app: TicketApp, detail: TicketDetail) -> bool:
    """Whether opening ``detail`` should mark it read (the owner is checked later)."""
    capabilities = app.capabilities
    return (
        app.mark_read_on_open
        and capabilities.read_status
        and QuickAction.MARK_READ in capabilities.quick_actions
        and detail.summary.read_status in NOT_READ
    )


def mark_read_on_open(
    app: TicketApp, detail: TicketDetail, on_read: Callable[[int], None] | None = None
) -> bool:
    """Mark ``detail``'s ticket read in the background if the agent's settings and the system
    say so; True when it was started. ``on_read(ticket_id)`` is called once it is read."""
    if not wanted(app, detail):
        return False
    summary = detail.summary

    async def mark() -> None:
        try:
            if summary.owner:
                me = await app.backend.current_user()
                if summary.owner.casefold() != me.casefold():
                    return  # a colleague's ticket: its read state is theirs
            await app.backend.quick_action(summary.id, QuickAction.MARK_READ)
        except Exception as error:
            _failed(app, summary.display_number, error)
            return
        if on_read is not None:
            on_read(summary.id)
        for screen in app.screen_stack:
            if isinstance(screen, ShowsReadState):
                screen.ticket_marked_read(summary.id)

    # A callable, not a coroutine: a worker cancelled before it starts leaves nothing behind.
    work: Callable[[], Coroutine[None, None, None]] = mark
    _: Worker[None] = app.run_worker(
        work, group=f"mark-read-{summary.id}", exclusive=True, exit_on_error=False
    )
    return True


def _failed(app: TicketApp, number: str, error: BaseException) -> None:
    log.warning("marking ticket %s read on open failed: %r", number, error)
    if app in _told:
        return
    _told.add(app)
    app.notify(
        f"Ticket {number} could not be marked read ({error}). m marks a ticket read; "
        "this is not said again this session.",
        severity="warning",
        timeout=8,
    )
