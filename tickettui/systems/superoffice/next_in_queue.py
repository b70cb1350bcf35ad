"""Next in queue on SuperOffice (TRIAGE-CALLS §2).

What "the queue" is:

- **No section** (``tickettui next`` without ``--section``): SuperOffice's own queue,
  ``POST Agents/Ticket/GetNextInQueue`` (no body): the server picks by its own rules (only
  statuses with ``UsedInQueue``, most likely the agent's categories), assigns the ticket to the
  caller and answers its TicketEntity.
- **A section** (the queue's tab, ``--section KEY``): the oldest ticket by creation among the
  section's own filter that nobody owns and is active:
  ``(<section filter>) and ownedBy equals 0 and status equals 1``, ``$orderBy=createdAt asc``,
  ``$top=1``; then ``AcceptTickets`` makes the caller its owner. GetNextInQueue takes no
  category, so a section's queue has to be found this way. A section of the agent's own
  tickets ("My open") has none nobody owns: its queue is empty, and says so.

An empty queue may come back from GetNextInQueue as ``null``, as 204 No Content or as an entity
with ``TicketId`` 0 (which one is UNCONFIRMED): all three mean "nothing waiting".

Between the archive read and AcceptTickets another agent may take the same ticket; the ticket
is read again after accepting, and if it has another owner by then the next one is tried
(a few times), so the agent never gets a ticket someone else holds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tickettui.core.domain import Section, TicketDetail
from tickettui.core.errors import UnexpectedResponse
from tickettui.core.next_ticket import TakenTicket, queue_name
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.models import TicketEntity

__all__ = ["next_in_queue"]

UNOWNED_ACTIVE = "ownedBy equals 0 and status equals 1"
ATTEMPTS = 3  # tickets tried when others take them first


async def get_next_in_queue(client: SuperOfficeClient) -> TicketEntity | None:
    """``Agents/Ticket/GetNextInQueue``: the ticket the server assigned, None for an empty
    queue (null, 204 or TicketId 0). Not retried: each call may assign another ticket."""
    path = "Agents/Ticket/GetNextInQueue"
    data: Any = await client._call("POST", path, changes_data=True)
    if data is None or data == "" or data == {}:
        return None
    if not isinstance(data, dict):
        raise UnexpectedResponse(f"GetNextInQueue answered {type(data).__name__}, not a ticket")
    entity = client._model(TicketEntity, data, "POST", path)
    return entity if entity.TicketId else None


async def next_in_queue(
    client: SuperOfficeClient,
    section: Section | None,
    me: Callable[[], Awaitable[int]],
    detail: Callable[[TicketEntity], Awaitable[TicketDetail]],
) -> TakenTicket:
    """Take the next ticket (see the module docstring); ``me`` is the caller's associate id."""
    name = queue_name(section)
    if section is None:
        entity = await get_next_in_queue(client)
        if entity is None or not entity.TicketId:
            return TakenTicket(None, queue=name)
        return TakenTicket(await detail(entity), assigned=True, queue=name)
    query = section.query.strip()
    restriction = f"({query}) and {UNOWNED_ACTIVE}" if query else UNOWNED_ACTIVE
    mine = await me()
    skipped: set[int] = set()
    for _ in range(ATTEMPTS):
        page = await client.archive_page(
            "Ticket",
            ["ticketId", "createdAt"],
            filter=restriction,
            order_by="createdAt asc",
            top=1 + len(skipped),
        )
        waiting = [row.primary_key for row in page.value if row.primary_key not in skipped]
        if not waiting:
            return TakenTicket(None, queue=name)
        ticket_id = waiting[0]
        await client.accept_tickets([ticket_id])
        entity = await client.get_ticket_entity(ticket_id)
        owner = entity.OwnedBy.AssociateId if entity.OwnedBy else None
        if owner in (None, mine):
            return TakenTicket(await detail(entity), assigned=True, queue=name)
        skipped.add(ticket_id)  # someone else's by now: the next one
    return TakenTicket(None, queue=name, note="other agents took every ticket tried")
