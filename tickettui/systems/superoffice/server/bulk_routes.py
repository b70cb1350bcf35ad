"""Calls over many tickets, and PATCH of one: what tickettui's bulk actions use.

- ``POST Agents/Ticket/AcceptTickets`` ``{"TicketIds":[..]}`` -> 204: the caller becomes the
  owner of each ticket (TRIAGE-CALLS section 1; ``v1TicketAgent_AcceptTickets``). Ids that do
  not exist are passed over (what the real one does with them is not documented).
- ``PATCH Ticket/{id}`` with a JSON Patch (RFC 6902: add, replace, remove, test; paths are
  case-insensitive and the leading slash optional) or a JSON Merge Patch (RFC 7396), applied to
  the ticket as ``GET Ticket/{id}`` shows it and saved like ``POST Ticket`` with only the
  properties the patch touched (NOTES section 3a). A failed ``test`` is 409 and changes
  nothing. ``UpdateTicketsReadStatus`` lives in read_status.py.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tickettui.systems.superoffice.server import enums, store, wire
from tickettui.systems.superoffice.server.auth import authenticate
from tickettui.systems.superoffice.server.body import Body, as_int
from tickettui.systems.superoffice.server.dates import formatter_from_header, to_stored
from tickettui.systems.superoffice.server.errors import (
    ApiError,
    JsonResponse,
    bad_request,
    not_found,
)
from tickettui.systems.superoffice.server.ticket_save import save_ticket

Json = dict[str, Any]
PATCH_OPS = ("add", "replace", "remove", "test")


def _caller(request: Request) -> int:
    return authenticate(request.headers, request.app.state.superoffice.lookups)


def _entity(request: Request, api_prefix: str, ticket_id: int) -> Json:
    state = request.app.state.superoffice
    row = store.get_ticket(state.conn, ticket_id)
    if row is None:
        raise not_found(f"Ticket id {ticket_id} not found")
    ctx = wire.WireContext(
        lookups=state.lookups,
        date=formatter_from_header(request.headers.get("so-timezone")),
        api_root=str(request.base_url).rstrip("/") + api_prefix,
    )
    return wire.ticket_entity(
        ctx,
        row,
        store.ticket_tag_ids(state.conn, ticket_id),
        store.ticket_messages(state.conn, ticket_id),
    )


async def accept_tickets(request: Request) -> Response:
    caller = _caller(request)
    body = Body.parse(await request.body())
    ids = body.get("TicketIds", None)
    if not isinstance(ids, list):
        raise bad_request("Property 'TicketIds' must be an array of ticket ids")
    state = request.app.state.superoffice
    stamp = to_stored(state.clock())
    conn = state.conn
    conn.execute("BEGIN")
    try:
        for ticket_id in dict.fromkeys(as_int(i, "TicketIds") for i in ids):
            # A new owner has not read the ticket yet (as a save that changes the owner).
            conn.execute(
                "UPDATE ticket SET owned_by = ?, read_status = ?, read_by_owner = NULL, "
                "first_read_by_owner = NULL, last_changed = ? "
                "WHERE ticket_id = ? AND owned_by <> ?",
                (caller, enums.RED, stamp, ticket_id, caller),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return Response(status_code=204)


def _patch_ticket(api_prefix: str) -> Callable[[Request], Awaitable[Response]]:
    async def patch_ticket(request: Request) -> Response:
        caller = _caller(request)
        ticket_id = int(request.path_params["ticket_id"])
        raw = await request.body()
        try:
            patch = json.loads(raw) if raw.strip() else None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise bad_request(f"Invalid JSON in request body: {error}") from None
        entity = _entity(request, api_prefix, ticket_id)
        if isinstance(patch, list):
            touched = json_patch(entity, patch)
        elif isinstance(patch, dict):
            touched = merge_patch(entity, patch)
        else:
            raise bad_request("The body must be a JSON Patch (array) or a JSON Merge Patch")
        if touched:
            state = request.app.state.superoffice
            body = Body({"TicketId": ticket_id, **{k: entity.get(k) for k in touched}})
            save_ticket(state.conn, state.lookups, body, caller, state.clock())
        return JsonResponse(_entity(request, api_prefix, ticket_id))

    return patch_ticket


def _key(node: Json, name: str) -> str | None:
    """The property ``name`` of ``node``, matched case-insensitively as NetServer does."""
    lowered = name.lower()
    return next((k for k in node if k.lower() == lowered), None)


def _segments(path: object) -> list[str]:
    if not isinstance(path, str) or not path.strip("/"):
        raise bad_request(f"Invalid patch path {path!r}")
    return [s.replace("~1", "/").replace("~0", "~") for s in path.strip("/").split("/")]


def json_patch(entity: Json, ops: list[Any]) -> list[str]:
    """Apply ``ops`` to ``entity`` in place (all or nothing); the top-level properties changed.

    A failed ``test`` raises 409 before anything is saved."""
    work = copy.deepcopy(entity)
    touched: list[str] = []
    for op in ops:
        if not isinstance(op, dict) or op.get("op") not in PATCH_OPS:
            raise bad_request(f"Unsupported patch operation {op!r}; use {', '.join(PATCH_OPS)}")
        names = _segments(op.get("path"))
        node: Any = work
        for name in names[:-1]:
            key = _key(node, name) if isinstance(node, dict) else None
            if key is None or not isinstance(node[key], dict):
                raise bad_request(f"Patch path {op['path']!r} does not exist on TicketEntity")
            node = node[key]
        last = _key(node, names[-1]) if isinstance(node, dict) else None
        kind = op["op"]
        if kind == "test":
            if last is None or node[last] != op.get("value"):
                found = None if last is None else node[last]
                raise ApiError(
                    409,
                    "SoJsonPatchTestFailedException",
                    f"Test failed at {op['path']}: expected {op.get('value')!r}, found {found!r}",
                )
            continue
        if kind != "add" and last is None:
            raise bad_request(f"Patch path {op['path']!r} does not exist on TicketEntity")
        if kind == "remove":
            node[last] = None
        else:
            node[last or names[-1]] = op.get("value")
        top = _key(work, names[0]) or names[0]
        if top not in touched:
            touched.append(top)
    entity.clear()
    entity.update(work)
    return touched


def merge_patch(entity: Json, patch: Json) -> list[str]:
    """RFC 7396 onto ``entity`` in place; the top-level properties changed."""

    def merge(target: Json, changes: Json) -> None:
        for name, value in changes.items():
            key = _key(target, name) or name
            if isinstance(value, dict) and isinstance(target.get(key), dict):
                merge(target[key], value)
            else:
                target[key] = value

    merge(entity, patch)
    return [_key(entity, name) or name for name in patch]


def routes(v1: str) -> list[BaseRoute]:
    api_prefix = v1.removesuffix("/v1")
    return [
        Route(f"{v1}/Agents/Ticket/AcceptTickets", accept_tickets, methods=["POST"]),
        Route(f"{v1}/Ticket/{{ticket_id:int}}", _patch_ticket(api_prefix), methods=["PATCH"]),
    ]
