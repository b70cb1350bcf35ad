"""SuperOffice's calls over many tickets, behind ``core.bulk_calls.BulkCalls``.

- read/unread: ``Agents/Ticket/UpdateTicketsReadStatus`` ``{"TicketIds":[..],"NewStatus":
  "Green"|"Red"}`` -> the ids updated (TRIAGE-CALLS section 1, NOTES section 6);
- take: ``Agents/Ticket/AcceptTickets`` ``{"TicketIds":[..]}`` -> 204, the caller owns them;
- a field for many tickets: ``Agents/Ticket/GetTickets`` (flat carriers, ids as ints) reads
  the values in one request per 500 ids, then ``PATCH Ticket/{id}`` with a JSON Patch: a
  ``test`` of the value read and a ``replace`` (the server answers 409 and changes nothing if
  the field moved meanwhile). No TicketAgent method sets a status or owner for many tickets.

The nested-id patch paths (``/Status/TicketStatusId``...) are UNCONFIRMED for real tenants
(TRIAGE-CALLS section 1), so the answer is checked: a server that does not route PATCH (404,
405), refuses the patch (400, 415) or answers without the change has no field patch for the
rest of the session (``BulkCallMissing``; the engine then saves ticket by ticket, which reads
first, so a patch that did land is found, not sent again). The same memory for the two agent
calls: an older NetServer without them is asked once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC
from typing import Any, TypeVar

from tickettui.core.bulk_calls import BulkCallMissing
from tickettui.core.domain import FieldValue
from tickettui.core.errors import ApiError
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.edit_fields import UNASSIGNED, PickLists, values_of
from tickettui.systems.superoffice.models import Ticket

__all__ = ["SuperOfficeBulk"]

log = logging.getLogger("tickettui.systems.superoffice")

T = TypeVar("T")

NOT_OFFERED = frozenset({400, 404, 405, 415})  # the call (or this patch) is not there to use
BATCH = 500  # ids per GetTickets
# The edit form's key -> (the flat carrier's column, the entity's JSON Patch path).
PATCHABLE = {
    "status": ("TicketStatus", "/Status/TicketStatusId"),
    "priority": ("Priority", "/Priority/TicketPriorityId"),
    "category": ("Category", "/Category/TicketCategoryId"),
    "owner": ("OwnedByAssociateId", "/OwnedBy/AssociateId"),
}
READ_STATUS = "UpdateTicketsReadStatus"
ACCEPT = "AcceptTickets"
PATCH = "PATCH Ticket"


class SuperOfficeBulk:
    """The calls of ``core.bulk_calls.BulkCalls`` for one SuperOffice session."""

    def __init__(
        self, client: SuperOfficeClient, pick_lists: Callable[[], Awaitable[PickLists]]
    ) -> None:
        self._client = client
        self._pick_lists = pick_lists
        self._missing: set[str] = set()  # calls this server lacks, asked once per session

    async def _unless_missing(self, call: str, send: Callable[[], Awaitable[T]]) -> T:
        if call in self._missing:
            raise BulkCallMissing(f"The server does not offer {call}")
        try:
            return await send()
        except ApiError as error:
            if error.status not in NOT_OFFERED:
                raise
            self._missing.add(call)
            log.info("%s not offered (%s): ticket by ticket from now on", call, error.status)
            raise BulkCallMissing(f"The server does not offer {call} ({error.status})") from error

    async def mark_read_many(self, ticket_ids: Sequence[int], read: bool) -> Sequence[int]:
        status = "Green" if read else "Red"
        return await self._unless_missing(
            READ_STATUS, lambda: self._client.update_read_status(ticket_ids, status)
        )

    async def take_many(self, ticket_ids: Sequence[int]) -> None:
        await self._unless_missing(ACCEPT, lambda: self._client.accept_tickets(ticket_ids))

    async def field_values(self, ticket_ids: Sequence[int], key: str) -> Mapping[int, FieldValue]:
        if key not in PATCHABLE or PATCH in self._missing:
            raise BulkCallMissing(f"No batch read of {key}")
        column = PATCHABLE[key][0]
        carriers = await self._client.get_tickets(ticket_ids, select=["TicketId", column])
        return {c.TicketId: _carrier_value(c, key) for c in carriers if c.TicketId is not None}

    async def patch_field(
        self, ticket_id: int, key: str, expected: FieldValue, value: FieldValue
    ) -> None:
        if key not in PATCHABLE:
            raise BulkCallMissing(f"No field patch for {key}")
        path = PATCHABLE[key][1]
        operations: list[dict[str, Any]] = [
            {"op": "test", "path": path, "value": _wire_id(expected)},
            {"op": "replace", "path": path, "value": _wire_id(value)},
        ]
        if key == "status":
            # Status and BaseStatus must agree (NOTES section 8.5).
            status = (await self._pick_lists()).status(str(value))
            if status is not None and status.Status:
                operations.append({"op": "replace", "path": "/BaseStatus", "value": status.Status})

        async def send() -> None:
            entity = await self._client.patch_ticket(ticket_id, operations)
            if values_of(entity, {}, UTC).get(key) != value:
                # Answered 200 without the change: the server ignores this path.
                raise ApiError(f"the answer to {PATCH} lacks the change to {key}", status=400)

        await self._unless_missing(PATCH, send)


def _wire_id(value: FieldValue) -> int:
    text = str(value or UNASSIGNED)
    return int(text) if text.isdigit() else 0


def _carrier_value(carrier: Ticket, key: str) -> FieldValue:
    """The carrier's column as ``values_of`` gives it from the entity (ids as text)."""
    if key == "owner":
        owner = carrier.OwnedByAssociateId
        return UNASSIGNED if owner in (None, 0, 1) else str(owner)
    raw = {"status": carrier.TicketStatus, "priority": carrier.Priority}.get(key, carrier.Category)
    return None if raw is None else str(raw)
