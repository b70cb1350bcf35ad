"""``GET Ticket/CustomField`` and ``GET Ticket/CustomField/{fieldName}``: the ticket fields'
descriptions (see ticket_fields)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from tickettui.systems.superoffice.server.auth import authenticate
from tickettui.systems.superoffice.server.errors import JsonResponse, not_found
from tickettui.systems.superoffice.server.ticket_fields import field_infos, info_named


def _authenticate(request: Request) -> None:
    authenticate(request.headers, request.app.state.superoffice.lookups)


async def custom_field_list(request: Request) -> Response:
    _authenticate(request)
    return JsonResponse(field_infos())


async def custom_field(request: Request) -> Response:
    _authenticate(request)
    name = request.path_params["name"]
    info = info_named(name)
    if info is None:
        raise not_found(f"Custom field {name!r} not found on ticket")
    return JsonResponse(info)


def routes(v1: str) -> list[BaseRoute]:
    return [
        Route(f"{v1}/Ticket/CustomField", custom_field_list, methods=["GET"]),
        Route(f"{v1}/Ticket/CustomField/{{name}}", custom_field, methods=["GET"]),
    ]
