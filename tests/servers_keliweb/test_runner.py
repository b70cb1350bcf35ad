"""LocalKeliweb as tests use it: a loopback server, a temporary database, a middleware slot."""

from __future__ import annotations

import httpx
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from tickettui.systems.keliweb.server import LocalKeliweb

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
