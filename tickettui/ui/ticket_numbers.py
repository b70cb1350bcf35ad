"""The number users quote for a ticket (Keliweb's "616611"), not the backend's internal id.

Screens that know the ticket's summary use ``summary.display_number``; the others ask here for
what a cached copy already knows, without a request. Unknown means the screen waits for the
ticket to load before naming it (an internal id shown as the number misleads on Keliweb).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tickettui.core.backend import HeadStart

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["known_number", "ticket_words"]


def known_number(app: App[Any], ticket_id: int) -> str:
    """The ticket's display number from the backend's cache, or "" when nothing has it yet."""
    from tickettui.ui.app import TicketApp

    backend = app.backend if isinstance(app, TicketApp) else None
    detail = backend.cached_ticket(ticket_id) if isinstance(backend, HeadStart) else None
    return detail.summary.display_number if detail is not None else ""


def ticket_words(number: str, *, start: bool = False) -> str:
    """``ticket 616611``, or ``the ticket`` while its number is not known (capitalised to
    ``start`` a sentence)."""
    words = f"ticket {number}" if number else "the ticket"
    return words[:1].upper() + words[1:] if start else words
