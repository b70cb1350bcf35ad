"""Starlette routes of the local Keliweb API v2: Passport's token endpoint and the actions.

All handlers run on the event loop and share one SQLite connection, so requests are
served one at a time with consistent reads and writes. Fault injection (latency, 500,
429, resets) plugs in through ``middleware``, like the SuperOffice server's.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from tickettui.systems.keliweb.server import accounts, oauth, predefined, store
from tickettui.systems.keliweb.server.actions import ACTIONS, Call
from tickettui.systems.keliweb.server.attachments import (
    ATTACHMENT_ACTION,
    POST_MAX_SIZE,
    create_table,
    get_ticket_attachment,
)
from tickettui.systems.keliweb.server.dates import server_now
from tickettui.systems.keliweb.server.errors import (
    JsonResponse,
    OAuthError,
    Unauthenticated,
    ValidationFailed,
    WhmcsError,
    validation_response,
    whmcs_error,
)
from tickettui.systems.keliweb.server.form import read_form
from tickettui.systems.keliweb.server.laravel import LOGIN_PAGE, error_page, expects_json, redirect

API_PREFIX = "/api/v2/keliweb"
TOKEN_PATH = "/oauth/token"  # noqa: S105 - a route, not a secret

Clock = Callable[[], datetime]
WallClock = Callable[[], float]


class _State:
    def __init__(
        self,
        conn: sqlite3.Connection,
        clock: Clock,
        wall_clock: WallClock,
        policy: oauth.TokenPolicy,
        predefined_replies: bool = False,
    ) -> None:
        self.conn = conn
        # WHMCS's predefined replies: off (404) unless asked for, as Keliweb most likely has them
        self.actions = {**ACTIONS, **predefined.ACTIONS} if predefined_replies else ACTIONS
        self.clock = clock
        self.wall_clock = wall_clock
        self.policy = policy


def _state(request: Request) -> _State:
    state: _State = request.app.state.keliweb
    return state


async def token(request: Request) -> Response:
    state = _state(request)
    form = await read_form(request)
    body = oauth.grant(state.conn, form, state.policy, state.wall_clock())
    return JsonResponse(body, headers={"Cache-Control": "no-store, private", "Pragma": "no-cache"})


async def action(request: Request) -> Response:
    name = request.path_params["action"]
    state = _state(request)
    handler = state.actions.get(name)
    if handler is None:
        # Routing runs before the auth middleware: an unknown action is 404 either way.
        raise HTTPException(404, f"The route {request.url.path.lstrip('/')} could not be found.")
    user_id = oauth.user_for_bearer(
        state.conn, request.headers.get("authorization", ""), state.wall_clock()
    )
    if user_id is None:
        raise Unauthenticated()
    # PHP's post_max_size: a bigger body reaches WHMCS with no fields at all.
    form = await read_form(request) if len(await request.body()) <= POST_MAX_SIZE else {}
    if name == ATTACHMENT_ACTION:  # the whole file inline: streamed (server/attachments.py)
        return get_ticket_attachment(state.conn, user_id, form)  # type: ignore[return-value]
    return JsonResponse(handler(Call(state.conn, user_id, state.clock(), form)))


async def login_page(request: Request) -> Response:
    return HTMLResponse(LOGIN_PAGE)


async def _unauthenticated(request: Request, exc: Exception) -> Response:
    if expects_json(request):
        return JsonResponse({"message": "Unauthenticated."}, status_code=401)
    return redirect(str(request.url_for("login")))


async def _validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ValidationFailed)
    if expects_json(request):
        return validation_response(exc.errors)
    # A browser form gets sent back where it came from, errors flashed into the session.
    return redirect(request.headers.get("referer") or str(request.base_url))


async def _whmcs(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WhmcsError)
    return whmcs_error(exc.message)


async def _oauth(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OAuthError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        route = request.url.path.lstrip("/")
        message = (
            f"The {request.method} method is not supported for route {route}. "
            "Supported methods: POST."
        )
    elif exc.status_code == 404:
        message = f"The route {request.url.path.lstrip('/')} could not be found."
    else:
        message = str(exc.detail)
    if expects_json(request):
        return JsonResponse({"message": message}, status_code=exc.status_code)
    titles = {404: "Not Found", 405: "Method Not Allowed"}
    return error_page(exc.status_code, titles.get(exc.status_code, "Error"))


async def _server_error(request: Request, exc: Exception) -> Response:
    # APP_DEBUG=false: Laravel hides the exception behind "Server Error".
    if expects_json(request):
        return JsonResponse({"message": "Server Error"}, status_code=500)
    return error_page(500, "Server Error")


def _routes() -> list[BaseRoute]:
    return [
        Route(TOKEN_PATH, token, methods=["POST"]),
        Route(f"{API_PREFIX}/{{action}}", action, methods=["POST"]),
        Route("/login", login_page, methods=["GET"], name="login"),
    ]


def create_app(
    db_path: Path | str,
    *,
    middleware: Sequence[Middleware] = (),
    clock: Clock = server_now,
    wall_clock: WallClock = time.time,
    access_ttl: float = accounts.ACCESS_TTL,
    refresh_ttl: float = accounts.REFRESH_TTL,
    predefined_replies: bool | None = None,
) -> Starlette:
    """Build the app over an already seeded database.

    ``middleware`` is the seam for fault injection (it wraps every route); ``clock`` is
    the Europe/Rome wall clock for ticket dates; ``wall_clock`` (epoch seconds) decides
    token expiry, with access tokens living ``access_ttl`` and refresh tokens
    ``refresh_ttl`` seconds. ``predefined_replies`` serves WHMCS's predefined-reply actions
    (None: the TICKETTUI_KELIWEB_PREDEFINED_REPLIES switch; off, a 404, by default).
    """
    conn = store.connect(Path(db_path))
    create_table(conn)  # a database seeded before attachments had none
    app = Starlette(
        routes=_routes(),
        middleware=list(middleware),
        exception_handlers={
            Unauthenticated: _unauthenticated,
            ValidationFailed: _validation,
            WhmcsError: _whmcs,
            OAuthError: _oauth,
            HTTPException: _http_error,
            Exception: _server_error,
        },
    )
    app.state.keliweb = _State(
        conn,
        clock,
        wall_clock,
        oauth.TokenPolicy(access_ttl=access_ttl, refresh_ttl=refresh_ttl),
        predefined.enabled(predefined_replies),
    )
    return app
