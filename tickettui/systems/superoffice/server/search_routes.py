"""``POST Agents/CustomerService/FindTicketsByTitleOrId`` (TRIAGE-CALLS §5): the agent UI's
quick find.

Body ``{"TitleOrId": string, "MaxRows": int}``; the answer an array of ``{TicketId, Title,
OwnerName, CategoryName, PriorityName, TicketUrl, PersonName, ContactName}``. The docs
(``NSCustomerServiceAgent.FindTicketsByTitleOrId``): "the search string. If this is a number,
it will also search for a matching ticket id"; "maxRows: the maximum number of rows to be
returned". So: titles holding the text (SQL ``LIKE``, case-insensitive for every letter as
SQL Server's default collation, ``%`` and ``_`` as themselves), and the ticket whose id it is,
that one first; then the most recently changed. Deleted tickets are not found. What the real
server answers for MaxRows 0 or less is not documented: here, nothing.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.archive_filter import FOLD, install_fold
from tickettui.systems.superoffice.server.auth import authenticate
from tickettui.systems.superoffice.server.body import Body
from tickettui.systems.superoffice.server.errors import JsonResponse

__all__ = ["routes"]

_PERSON = (
    "TRIM(p.firstname || CASE WHEN p.middlename <> '' THEN ' ' || p.middlename ELSE '' END"
    " || ' ' || p.lastname)"
)
_FIND = (
    "SELECT t.ticket_id, t.title, ow.full_name AS owner, cat.fullname AS category, "  # noqa: S608
    f"pri.name AS priority, {_PERSON} AS person, c.name AS contact "
    "FROM ticket t "
    "LEFT JOIN associate ow ON ow.associate_id = t.owned_by "
    "LEFT JOIN category cat ON cat.category_id = t.category_id "
    "LEFT JOIN priority pri ON pri.priority_id = t.priority_id "
    "LEFT JOIN person p ON p.person_id = t.person_id "
    "LEFT JOIN contact c ON c.contact_id = p.contact_id "
    f"WHERE t.base_status <> ? AND ({FOLD}(t.title) LIKE ? ESCAPE '\\' OR t.ticket_id = ?) "
    "ORDER BY t.ticket_id = ? DESC, t.last_changed DESC, t.ticket_id DESC LIMIT ?"
)


def _like(text: str) -> str:
    escaped = text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def find_tickets_by_title_or_id(request: Request) -> Response:
    from tickettui.systems.superoffice.server.app import _state

    state = _state(request)
    authenticate(request.headers, state.lookups)
    body = Body.parse(await request.body())
    text = (body.text("TitleOrId") or "").strip()
    rows_wanted = body.integer("MaxRows")
    if not text or rows_wanted <= 0:
        return JsonResponse([])
    number = int(text) if text.isdigit() else -1
    install_fold(state.conn)
    rows = state.conn.execute(
        _FIND, (enums.DELETED, _like(text), number, number, rows_wanted)
    ).fetchall()
    root = str(request.base_url).rstrip("/")
    found: list[dict[str, Any]] = [
        {
            "TicketId": row["ticket_id"],
            "Title": row["title"] or "",
            "OwnerName": row["owner"] or "",
            "CategoryName": row["category"] or "",
            "PriorityName": row["priority"] or "",
            "TicketUrl": f"{root}/scripts/ticket.fcgi?action=listTicket&ticketId={row[0]}",
            "PersonName": (row["person"] or "").strip(),
            "ContactName": row["contact"] or "",
        }
        for row in rows
    ]
    return JsonResponse(found)


def routes(v1: str) -> list[BaseRoute]:
    return [
        Route(
            f"{v1}/Agents/CustomerService/FindTicketsByTitleOrId",
            find_tickets_by_title_or_id,
            methods=["POST"],
        ),
    ]
