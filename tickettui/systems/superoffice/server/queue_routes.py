"""``Agents/Ticket/GetNextInQueue`` (TRIAGE-CALLS §2; AcceptTickets is in bulk_routes.py).

GetNextInQueue takes no body: the oldest active ticket nobody owns whose user status is used
in the queue (``UsedInQueue``) becomes the caller's and comes back as a TicketEntity. What a
real tenant answers for an empty queue is UNCONFIRMED (null, 204 or TicketId 0); this server
answers ``null`` unless the database's ``meta`` row ``empty_queue_answer`` says ``204`` or
``zero`` (so a client can be tried against all three).

The ticket taken turns red (a new owner has not read it) and its ``LastChanged`` is stamped, as
a save that changes the owner.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tickettui.systems.superoffice.server import enums, wire
from tickettui.systems.superoffice.server.auth import authenticate
from tickettui.systems.superoffice.server.dates import to_stored
from tickettui.systems.superoffice.server.errors import JsonResponse

__all__ = ["routes"]

EMPTY_ANSWER_KEY = "empty_queue_answer"


def _assign(conn: sqlite3.Connection, ticket_id: int, caller: int, now: datetime) -> None:
    conn.execute(  # one statement: atomic in autocommit
        "UPDATE ticket SET owned_by = ?, read_status = ?, read_by_owner = NULL, "
        "first_read_by_owner = NULL, last_changed = ? WHERE ticket_id = ?",
        (caller, enums.RED, to_stored(now), ticket_id),
    )


def _empty_answer(request: Request, conn: sqlite3.Connection, caller: int) -> Response:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (EMPTY_ANSWER_KEY,)).fetchone()
    kind = row[0] if row else "null"
    if kind == "204":
        return Response(status_code=204)
    if kind == "zero":
        from tickettui.systems.superoffice.server.app import _context

        return JsonResponse(wire.default_ticket_entity(_context(request), caller))
    return JsonResponse(None)


async def get_next_in_queue(request: Request) -> Response:
    from tickettui.systems.superoffice.server.app import _state, _ticket_entity

    state = _state(request)
    caller = authenticate(request.headers, state.lookups)
    found = state.conn.execute(
        "SELECT t.ticket_id FROM ticket t JOIN ticket_status s ON s.status_id = t.status_id "
        "WHERE t.owned_by = 0 AND t.base_status = ? AND s.used_in_queue = 1 "
        "ORDER BY t.created_at, t.ticket_id LIMIT 1",
        (enums.ACTIVE,),
    ).fetchone()
    if found is None:
        return _empty_answer(request, state.conn, caller)
    _assign(state.conn, found[0], caller, state.clock())
    return JsonResponse(_ticket_entity(request, found[0]))


def routes(v1: str) -> list[BaseRoute]:
    return [
        Route(f"{v1}/Agents/Ticket/GetNextInQueue", get_next_in_queue, methods=["POST"]),
    ]
