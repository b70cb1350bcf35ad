"""Starlette routes of the local SuperOffice NetServer Web API.

All handlers run on the event loop and talk to one SQLite connection, so requests are
served one at a time, like a single tenant with consistent reads and writes.
Fault injection (latency, 500, 429, resets) plugs in through ``middleware``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tickettui.systems.superoffice.server import (
    archive,
    attachment_routes,
    bulk_routes,
    field_routes,
    queue_routes,
    reply_templates,
    search_routes,
    store,
    wire,
)
from tickettui.systems.superoffice.server.auth import authenticate
from tickettui.systems.superoffice.server.body import Body, as_int
from tickettui.systems.superoffice.server.dates import formatter_from_header, tenant_now
from tickettui.systems.superoffice.server.errors import (
    ApiError,
    JsonResponse,
    bad_request,
    error_response,
    not_found,
)
from tickettui.systems.superoffice.server.mdo import mdo_list
from tickettui.systems.superoffice.server.message_save import save_message
from tickettui.systems.superoffice.server.odata import parse_filter, parse_order_by, parse_select
from tickettui.systems.superoffice.server.read_status import update_read_status
from tickettui.systems.superoffice.server.ticket_save import save_ticket

API_PREFIX = "/SuperOffice/api"
NETSERVER_VERSION = "10.4.2.0"

Clock = Callable[[], datetime]
Handler = Callable[[Request], Awaitable[Response]]


class _State:
    def __init__(self, conn: sqlite3.Connection, clock: Clock) -> None:
        self.conn = conn
        self.lookups = store.Lookups.load(conn)
        self.clock = clock


def _state(request: Request) -> _State:
    state: _State = request.app.state.superoffice
    return state


def _query(request: Request) -> dict[str, str]:
    # Query option names are case-insensitive on NetServer ($orderby == $orderBy).
    return {key.lower(): value for key, value in request.query_params.items()}


def _context(request: Request) -> wire.WireContext:
    root = str(request.base_url).rstrip("/") + API_PREFIX
    return wire.WireContext(
        lookups=_state(request).lookups,
        date=formatter_from_header(request.headers.get("so-timezone")),
        api_root=root,
    )


def _caller(request: Request) -> int:
    return authenticate(request.headers, _state(request).lookups)


def _ticket_entity(request: Request, ticket_id: int) -> dict[str, Any]:
    state = _state(request)
    row = store.get_ticket(state.conn, ticket_id)
    if row is None:
        raise not_found(f"Ticket id {ticket_id} not found")
    return wire.ticket_entity(
        _context(request),
        row,
        store.ticket_tag_ids(state.conn, ticket_id),
        store.ticket_messages(state.conn, ticket_id),
    )


# -- handlers ---------------------------------------------------------------------------


async def version(request: Request) -> Response:
    return JsonResponse(
        {
            "NetServerVersion": NETSERVER_VERSION,
            "ApiVersions": ["v1"],
            "ProductName": "SuperOffice CRM (tickettui local server)",
            "ServerTimeZone": "Europe/Oslo",
        }
    )


async def get_ticket_agent(request: Request) -> Response:
    _caller(request)
    query = _query(request)
    if "ticketid" not in query:
        raise bad_request("Missing required parameter 'ticketId'")
    ticket_id = as_int(query["ticketid"], "ticketId")
    row = store.get_ticket(_state(request).conn, ticket_id)
    if row is None:
        # Old docs say failed agent calls return NULL; current NetServer maps
        # SoNotFound to an HTTP error, and a 404 is easier to detect than "null".
        raise not_found(f"Ticket id {ticket_id} not found")
    carrier = wire.ticket_carrier(_context(request), row)
    return JsonResponse(wire.apply_select(carrier, parse_select(query.get("$select"))))


async def get_tickets_agent(request: Request) -> Response:
    _caller(request)
    body = Body.parse(await request.body())
    ids = body.get("TicketIds", None)
    if not isinstance(ids, list):
        raise bad_request("Property 'TicketIds' must be an array of ticket ids")
    ticket_ids = [as_int(i, "TicketIds") for i in ids]
    rows = store.get_tickets(_state(request).conn, ticket_ids)
    ctx = _context(request)
    select = parse_select(_query(request).get("$select"))
    # Missing ids are skipped; order follows the request.
    result = [
        wire.apply_select(wire.ticket_carrier(ctx, rows[i]), select)
        for i in dict.fromkeys(ticket_ids)
        if i in rows
    ]
    return JsonResponse(result)


async def create_default_ticket(request: Request) -> Response:
    caller = _caller(request)
    return JsonResponse(wire.default_ticket_entity(_context(request), caller))


async def update_tickets_read_status(request: Request) -> Response:
    _caller(request)
    body = Body.parse(await request.body())
    ids = body.get("TicketIds", None)
    if not isinstance(ids, list):
        raise bad_request("Property 'TicketIds' must be an array of ticket ids")
    state = _state(request)
    updated = update_read_status(
        state.conn,
        [as_int(i, "TicketIds") for i in ids],
        body.get("NewStatus", None),
        state.clock(),
    )
    # The agent returns the ids it changed (docs sample: an int array), 200 OK.
    return JsonResponse(updated)


async def get_ticket(request: Request) -> Response:
    _caller(request)
    entity = _ticket_entity(request, request.path_params["ticket_id"])
    return JsonResponse(wire.apply_select(entity, parse_select(_query(request).get("$select"))))


async def get_ticket_simple(request: Request) -> Response:
    _caller(request)
    ticket_id = request.path_params["ticket_id"]
    row = store.get_ticket(_state(request).conn, ticket_id)
    if row is None:
        raise not_found(f"Ticket id {ticket_id} not found")
    return JsonResponse(wire.ticket_carrier(_context(request), row))


async def default_ticket(request: Request) -> Response:
    return await create_default_ticket(request)


async def post_ticket(request: Request) -> Response:
    caller = _caller(request)
    body = Body.parse(await request.body())
    _notify(request)
    state = _state(request)
    ticket_id = save_ticket(state.conn, state.lookups, body, caller, state.clock())
    return JsonResponse(_ticket_entity(request, ticket_id))


async def put_ticket(request: Request) -> Response:
    caller = _caller(request)
    raw = await request.body()
    body = Body.parse(raw)
    ticket_id = request.path_params["ticket_id"]
    if store.get_ticket(_state(request).conn, ticket_id) is None:
        raise not_found(f"Ticket id {ticket_id} not found")
    body = Body({**{k: v for k, v in body._data.items() if k != "ticketid"}, "TicketId": ticket_id})
    _notify(request)
    state = _state(request)
    save_ticket(state.conn, state.lookups, body, caller, state.clock())
    return JsonResponse(_ticket_entity(request, ticket_id))


def _notify(request: Request) -> bool:
    # Notifications go to the owner's inbox on a real tenant; here they are only
    # validated, since nothing is ever e-mailed.
    value = _query(request).get("notify", "false").lower()
    if value not in ("true", "false"):
        raise bad_request(f"Invalid value '{value}' for parameter 'notify'")
    return value == "true"


async def _archive(
    request: Request, provider: archive.Provider, fixed: tuple[str, Sequence[Any]] | None = None
) -> Response:
    caller = _caller(request)
    query = _query(request)
    if "$select" in query and any("(" in name for name in parse_select(query["$select"])):
        raise bad_request("Aggregate columns are not supported by this server")
    state = _state(request)
    ctx = _context(request)
    rows = archive.run_query(
        state.conn,
        provider,
        select=parse_select(query.get("$select")),
        filter_node=parse_filter(query.get("$filter")),
        order=parse_order_by(query.get("$orderby")),
        top=query.get("$top"),
        skip=query.get("$skip"),
        ctx=archive.QueryContext(
            current_associate=caller, now=state.clock(), literal_zone=ctx.date.zone
        ),
        date_format=ctx.date,
        fixed=fixed,
        json_safe=query.get("$jsonsafe", "false").lower() == "true",
    )
    return JsonResponse(
        {
            "odata.metadata": f"{ctx.api_root}/v1/archive/$metadata",
            "odata.nextLink": None,  # paging is client-driven ($top/$skip), as on real tenants
            "value": rows,
        }
    )


async def ticket_archive(request: Request) -> Response:
    return await _archive(request, archive.TICKET_PROVIDER)


async def message_archive(request: Request) -> Response:
    return await _archive(request, archive.MESSAGE_PROVIDER)


async def ticket_messages(request: Request) -> Response:
    ticket_id = request.path_params["ticket_id"]
    _caller(request)
    if store.get_ticket(_state(request).conn, ticket_id) is None:
        raise not_found(f"Ticket id {ticket_id} not found")
    return await _archive(request, archive.MESSAGE_PROVIDER, ("m.ticket_id = ?", [ticket_id]))


async def generic_archive(request: Request) -> Response:
    name = request.path_params["provider"].lower()
    provider = archive.PROVIDERS.get(name)
    if provider is None:
        _caller(request)
        raise bad_request(
            f"Archive provider '{request.path_params['provider']}' is not available on this server"
        )
    return await _archive(request, provider)


async def get_message(request: Request) -> Response:
    _caller(request)
    message_id = request.path_params["message_id"]
    state = _state(request)
    row = store.get_message(state.conn, message_id)
    if row is None:
        raise not_found(f"Ticket message id {message_id} not found")
    entity = wire.message_entity(
        _context(request), row, store.get_ticket(state.conn, row["ticket_id"])
    )
    return JsonResponse(wire.apply_select(entity, parse_select(_query(request).get("$select"))))


async def post_message(request: Request) -> Response:
    caller = _caller(request)
    body = Body.parse(await request.body())
    _notify(request)
    state = _state(request)
    message_id = save_message(state.conn, state.lookups, body, caller, state.clock())
    row = store.get_message(state.conn, message_id)
    assert row is not None
    return JsonResponse(
        wire.message_entity(_context(request), row, store.get_ticket(state.conn, row["ticket_id"]))
    )


async def get_mdo_list(request: Request) -> Response:
    _caller(request)
    query = _query(request)
    flat = query.get("flat", "false").lower() == "true"
    return JsonResponse(
        mdo_list(
            _state(request).lookups,
            request.path_params["name"],
            flat=flat,
            query=query.get("query", ""),
        )
    )


async def current_principal(request: Request) -> Response:
    caller = _caller(request)
    return JsonResponse(wire.principal(_context(request), caller))


async def current_associate(request: Request) -> Response:
    caller = _caller(request)
    associate = wire.associate(_context(request), caller)
    associate["FieldProperties"] = wire.field_properties(associate)
    return JsonResponse(associate)


async def ticket_status_items(request: Request) -> Response:
    _caller(request)
    ctx = _context(request)
    return JsonResponse([wire.ticket_status(ctx, sid) for sid in ctx.lookups.statuses])


# -- app -------------------------------------------------------------------------------------


def _routes() -> list[BaseRoute]:
    v1 = f"{API_PREFIX}/v1"
    routes: list[BaseRoute] = [
        Route(API_PREFIX, version, methods=["GET"]),
        Route(f"{API_PREFIX}/", version, methods=["GET"]),
        Route(f"{v1}/Agents/Ticket/GetTicket", get_ticket_agent, methods=["POST"]),
        Route(f"{v1}/Agents/Ticket/GetTickets", get_tickets_agent, methods=["POST"]),
        Route(
            f"{v1}/Agents/Ticket/CreateDefaultTicketEntity", create_default_ticket, methods=["POST"]
        ),
        Route(
            f"{v1}/Agents/Ticket/UpdateTicketsReadStatus",
            update_tickets_read_status,
            methods=["POST"],
        ),
        Route(f"{v1}/Ticket", ticket_archive, methods=["GET"]),
        Route(f"{v1}/Ticket", post_ticket, methods=["POST"]),
        Route(f"{v1}/Ticket/default", default_ticket, methods=["GET"]),
        *field_routes.routes(v1),
        *bulk_routes.routes(v1),
        *queue_routes.routes(v1),
        *search_routes.routes(v1),
        *reply_templates.routes(v1),
        *attachment_routes.routes(v1),
        Route(f"{v1}/Ticket/{{ticket_id:int}}", get_ticket, methods=["GET"]),
        Route(f"{v1}/Ticket/{{ticket_id:int}}", put_ticket, methods=["PUT"]),
        Route(f"{v1}/Ticket/{{ticket_id:int}}/Simple", get_ticket_simple, methods=["GET"]),
        Route(f"{v1}/Ticket/{{ticket_id:int}}/Messages", ticket_messages, methods=["GET"]),
        Route(f"{v1}/TicketMessage", message_archive, methods=["GET"]),
        Route(f"{v1}/TicketMessage", post_message, methods=["POST"]),
        Route(f"{v1}/TicketMessage/{{message_id:int}}", get_message, methods=["GET"]),
        Route(f"{v1}/archive/{{provider}}", generic_archive, methods=["GET"]),
        Route(f"{v1}/MDOList/{{name}}", get_mdo_list, methods=["GET"]),
        Route(f"{v1}/List/TicketStatus/Items", ticket_status_items, methods=["GET"]),
        Route(f"{v1}/User/currentPrincipal", current_principal, methods=["GET"]),
        Route(f"{v1}/User/currentAssociate", current_associate, methods=["GET"]),
    ]
    for route in routes:
        # IIS routes are case-insensitive: /api/v1/ticket/1 works on a real tenant.
        assert isinstance(route, Route)
        route.path_regex = re.compile(route.path_regex.pattern, re.IGNORECASE)
    return routes


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.error_type, exc.message)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    kinds = {404: "SoNotFoundException", 405: "HttpMethodNotAllowed"}
    message = (
        f"No route for {request.method} {request.url.path}"
        if exc.status_code in (404, 405)
        else str(exc.detail)
    )
    return error_response(exc.status_code, kinds.get(exc.status_code, "HttpException"), message)


async def _server_error(request: Request, exc: Exception) -> Response:
    return error_response(500, type(exc).__name__, str(exc) or "Internal server error")


def create_app(
    db_path: Path | str,
    *,
    middleware: Sequence[Middleware] = (),
    clock: Clock = tenant_now,
) -> Starlette:
    """Build the app over an already seeded database.

    ``middleware`` is the seam for fault injection (it wraps every route);
    ``clock`` returns tenant-local "now" for LastChanged and relative date filters.
    """
    conn = store.connect(Path(db_path))
    store.upgrade(conn)
    attachment_routes.create_table(conn)  # a database seeded before attachments had none
    app = Starlette(
        routes=_routes(),
        middleware=list(middleware),
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            Exception: _server_error,
        },
    )
    app.state.superoffice = _State(conn, clock)
    return app
