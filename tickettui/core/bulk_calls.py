"""The calls a system may offer for many tickets at once, in typed form.

A system declares which it has in ``Capabilities.bulk_calls`` and implements ``BulkCalls``;
the bulk engine (``core.bulk``) uses a call only when both say so, never by probing attributes.
The app's wrappers (cache, deferred start) implement ``BulkCalls`` by passing each call on, so
``Capabilities.bulk_calls`` is what decides.

A server may still lack a call the system's API documents (an older NetServer, a gateway that
does not route it): the call then raises ``BulkCallMissing`` (the server answered 404 or 405),
the system remembers that for the rest of the session, and the engine goes ticket by ticket.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from tickettui.core.domain import BulkCall, FieldValue
from tickettui.core.errors import TicketTuiError

__all__ = ["BulkCall", "BulkCallMissing", "BulkCalls", "bulk_calls_of"]


class BulkCallMissing(TicketTuiError):
    """The server does not offer this call (404/405): nothing was done; go ticket by ticket."""


@runtime_checkable
class BulkCalls(Protocol):
    """Calls over many tickets. Each raises BulkCallMissing when the server lacks it, and the
    typed errors of ``core.errors`` otherwise (OutcomeUnknown: the answer to a write was lost)."""

    async def mark_read_many(self, ticket_ids: Sequence[int], read: bool) -> Sequence[int]:
        """Mark the tickets read (or unread); the ids the server says it updated."""
        ...

    async def take_many(self, ticket_ids: Sequence[int]) -> None:
        """Make the signed-in agent the owner of every ticket."""
        ...

    async def field_values(self, ticket_ids: Sequence[int], key: str) -> Mapping[int, FieldValue]:
        """The edit form's value of ``key`` (``"status"``, ``"owner"``...) for each ticket, as
        ``Backend.edit_form`` would give it, read in as few requests as the system allows.
        Tickets the server does not return are left out."""
        ...

    async def patch_field(
        self, ticket_id: int, key: str, expected: FieldValue, value: FieldValue
    ) -> None:
        """Set ``key`` to ``value`` in one request, only if it still is ``expected``.

        Raises Conflict when it is not (nothing changed), BulkCallMissing when the server
        cannot patch this field (nothing changed either)."""
        ...


def bulk_calls_of(backend: object, call: str) -> BulkCalls:
    """``backend`` as BulkCalls, for a wrapper passing ``call`` on; BulkCallMissing when the
    backend behind it has none (its Capabilities.bulk_calls should not have said so)."""
    if isinstance(backend, BulkCalls):
        return backend
    raise BulkCallMissing(f"This system has no {call} over many tickets")
