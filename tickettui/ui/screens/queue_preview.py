"""The queue's preview pane: where it goes for the terminal's size, and what it shows for the
ticket under the cursor.

The detail comes from the first of: this session's memory, a prefetch of a moment ago, an
earlier run (shown at once and asked again), or the server (the loader's preview worker,
"loading…" meanwhile). The customer's latest message comes the same way: what the preview's
message worker fetched, else the cache's thread (an open or a prefetch fetched it: shown at
once and asked again), else the server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.cache import LRUCache

from tickettui.core.backend import Backend, HeadStart
from tickettui.core.domain import TicketSummary
from tickettui.core.safe_text import inert, inert_line
from tickettui.ui.widgets.preview_message import latest_from_customer

if TYPE_CHECKING:
    from tickettui.core.domain import Message, TicketDetail
    from tickettui.ui.widgets.preview import TicketPreview


WIDE_SCREEN = 140  # from this width the preview sits beside the list, else below it
TALL_ENOUGH = 32  # below this height (and not wide) the preview starts hidden


def preview_layout(width: int, height: int, choice: bool | None) -> tuple[bool, bool]:
    """``(wide, shown)``: whether the preview sits beside the list, and whether it is shown
    (``choice``: the agent's, with ``v``; None: decided by the terminal's size)."""
    wide = width >= WIDE_SCREEN
    shown = choice if choice is not None else wide or height >= TALL_ENOUGH
    return wide, shown


def _ask_nothing(ticket_id: int) -> None:
    """Where the cursor is only passing: what is at hand is shown, the server is not asked."""


class PreviewFeed:
    """Feeds ``pane`` the detail of the ticket under the cursor and its customer's latest
    message; ``load(ticket_id)`` and ``load_message(ticket_id)`` ask the server (the answers
    come back through ``landed``/``failed`` and ``message_landed``/``message_failed``)."""

    def __init__(
        self,
        pane: Callable[[], TicketPreview],
        backend: Callable[[], Backend],
        load: Callable[[int], None],
        load_message: Callable[[int], None] = lambda ticket_id: None,
    ) -> None:
        self._pane = pane
        self._backend = backend
        self._load = load
        self._load_message = load_message
        self._details: LRUCache[int, TicketDetail] = LRUCache(256)
        # The customer's latest message as the server gave it (a tuple: None is an answer).
        self._latest: LRUCache[int, tuple[Message | None]] = LRUCache(256)

    def show(self, ticket: TicketSummary | None, reload: bool = True, fetch: bool = True) -> None:
        """Show ``ticket``; ``reload``: ask the server again even if the pane shows it;
        ``fetch=False``: show what memory and the cache have, ask the server nothing."""
        pane = self._pane()
        if ticket is None:
            pane.show(None)
            return
        load = self._load if fetch else _ask_nothing
        with pane.one_paint():  # the ticket and its message: one render, one repaint
            self._show_detail(pane, ticket, reload, load)
            self._show_message(pane, ticket, self._load_message if fetch else _ask_nothing)

    def _show_message(
        self, pane: TicketPreview, ticket: TicketSummary, load: Callable[[int], None]
    ) -> None:
        known = self._latest.get(ticket.id)
        if known is not None:
            pane.show_message(ticket.id, known[0])
            return
        backend = self._backend()
        thread = backend.cached_messages(ticket.id) if isinstance(backend, HeadStart) else None
        if thread is not None:  # shown at once; the server is asked again all the same
            pane.show_message(ticket.id, latest_from_customer(thread))
        load(ticket.id)

    def message_landed(self, ticket_id: int, message: Message | None) -> None:
        """The customer's latest message on ``ticket_id``, from the server."""
        self._latest[ticket_id] = (message,)
        pane = self._pane()
        if pane.ticket_id == ticket_id:
            pane.show_message(ticket_id, message)

    def message_failed(self, ticket_id: int, error: Exception) -> None:
        pane = self._pane()
        if pane.ticket_id == ticket_id:
            pane.show_message(ticket_id, None, failed=inert_line(str(error)))

    def _show_detail(
        self,
        pane: TicketPreview,
        ticket: TicketSummary,
        reload: bool,
        load: Callable[[int], None],
    ) -> None:
        detail = self._details.get(ticket.id)
        backend = self._backend()
        if detail is None and isinstance(backend, HeadStart):
            detail = backend.fresh_ticket(ticket.id)  # prefetched a moment ago
        if detail is None and isinstance(backend, HeadStart):
            earlier = backend.cached_ticket(ticket.id)
            if earlier is not None:  # from an earlier run: shown at once, then asked again
                stale = reload or pane.ticket_id != ticket.id
                pane.show(ticket, earlier)
                if stale:
                    load(ticket.id)
                return
        if detail is not None:
            pane.show(ticket, detail)
        elif reload or pane.ticket_id != ticket.id:
            pane.show(ticket, note="loading…")
            load(ticket.id)
        else:
            pane.show(ticket, note="loading…")

    def landed(
        self, ticket_id: int, detail: TicketDetail, current: TicketSummary | None, shown: bool
    ) -> None:
        """The server's detail of ``ticket_id``; ``current``: the ticket under the cursor now."""
        self._details[ticket_id] = detail
        if current is not None and current.id == ticket_id and shown:
            self._pane().show(current, detail)

    def failed(self, ticket_id: int, error: Exception, current: TicketSummary | None) -> None:
        if current is not None and current.id == ticket_id:
            self._pane().show(current, note=f"Could not load the detail: {inert(str(error))}")

    def forget(self, ticket_id: int | None = None) -> None:
        """Ask the server again next time, for ``ticket_id`` (None: every ticket)."""
        if ticket_id is None:
            self._details.clear()
            self._latest.clear()
        else:
            self._details.discard(ticket_id)
            self._latest.discard(ticket_id)
