"""LocalKeliweb as tests use it: a loopback server, a temporary database, a middleware slot."""

from __future__ import annotations

import httpx
import pytest
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response

from tickettui.servers.threaded import quiet_disconnects
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.keliweb.server.app import API_PREFIX, create_app

from .conftest import password_grant


class _Maintenance(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.url.path.endswith("/get-tickets"):
            return PlainTextResponse("Service Unavailable", status_code=503)
        return await call_next(request)


def test_start_serves_on_loopback_and_cleans_up_its_own_database() -> None:
    with LocalKeliweb.start(tickets=20, seed=1) as server:
        assert server.base_url == f"http://127.0.0.1:{server.port}"
        assert server.seed_result.tickets == 20
        path = server.db_path
        with httpx.Client(base_url=server.base_url) as http:
            assert password_grant(http).status_code == 200
    assert not path.exists()


def test_middleware_wraps_every_route_for_fault_injection() -> None:
    faults = [Middleware(_Maintenance)]
    with (
        LocalKeliweb.start(tickets=20, seed=1, middleware=faults) as server,
        httpx.Client(base_url=server.base_url) as http,
    ):
        token = password_grant(http).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        assert http.post("/api/v2/keliweb/get-tickets", headers=headers).status_code == 503
        statuses = http.post("/api/v2/keliweb/get-support-statuses", headers=headers)
        assert statuses.json()["result"] == "success"


async def test_a_client_gone_before_its_request_is_read_ends_the_request_quietly() -> None:
    # The app drops a request it no longer needs (the preview's, as the cursor moves on): the
    # server reads the body and finds the client gone. Starlette raises that out of the app,
    # and uvicorn logged it as an error with a traceback, on the demo's own terminal.
    with LocalKeliweb.start(tickets=5, seed=1) as server:
        with httpx.Client(base_url=server.base_url) as http:
            token = password_grant(http).json()["access_token"]
        bare = create_app(server.db_path)
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": f"{API_PREFIX}/get-tickets",
            "raw_path": f"{API_PREFIX}/get-tickets".encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"authorization", f"Bearer {token}".encode()),
                (b"content-type", b"application/x-www-form-urlencoded"),
                (b"content-length", b"40"),
            ],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", server.port),
        }
        arriving: list[dict[str, object]] = []

        async def receive() -> dict[str, object]:
            return arriving.pop(0) if arriving else {"type": "http.disconnect"}

        async def send(message: dict[str, object]) -> None:
            pass  # nobody is there to read it

        for app, raises in ((bare, True), (quiet_disconnects(bare), False)):
            arriving[:] = [{"type": "http.request", "body": b"limitstart=0&", "more_body": True}]
            if raises:
                with pytest.raises(ClientDisconnect):
                    await app(scope, receive, send)
            else:
                await app(scope, receive, send)  # as served: ends without an error
