"""A faked Keliweb API for the client tests (``httpx.MockTransport``): Passport's token
endpoint with rotating refresh tokens in front of scripted answers, and the settings that sign in
to it."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

import httpx
from pydantic import SecretStr

from tickettui.systems.keliweb.settings import KeliwebSettings

__all__ = [
    "CLIENT_ID",
    "CLIENT_SECRET",
    "PASSWORD",
    "TICKET",
    "URL",
    "FakeKeliweb",
    "form_of",
    "oauth_error",
    "settings",
]

URL = "https://apiv2.keliweb.example"
CLIENT_ID = "9b3f6c2e-0000-4f7b-8a52-0c6e1d2f7a91"
CLIENT_SECRET = "client-secret-Qm2xR9vLp4"
PASSWORD = "correct-horse-battery"


def settings(**values: Any) -> KeliwebSettings:
    defaults: dict[str, Any] = {
        "url": URL + "/",
        "client_id": CLIENT_ID,
        "client_secret": SecretStr(CLIENT_SECRET),
        "username": "agent@reseller.example",
        "password": SecretStr(PASSWORD),
        "timeout": 5.0,
    }
    return KeliwebSettings(**(defaults | values))


def form_of(request: httpx.Request) -> dict[str, str]:
    return dict(parse_qsl(request.content.decode(), keep_blank_values=True))


class FakeKeliweb:
    """Passport's token endpoint (rotating refresh tokens) in front of scripted API answers."""

    def __init__(self, expires_in: int = 3600) -> None:
        self.expires_in = expires_in
        self.serial = itertools.count(1)
        self.valid_access: set[str] = set()
        self.valid_refresh: set[str] = set()
        self.grants: list[str] = []
        self.requests: list[httpx.Request] = []
        self.answers: dict[str, Callable[[httpx.Request], httpx.Response]] = {}
        self.password = PASSWORD

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == "/oauth/token":
            return self.token(request)
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if bearer not in self.valid_access:
            return httpx.Response(401, json={"message": "Unauthenticated."})
        action = request.url.path.removeprefix("/api/v2/keliweb/")
        answer = self.answers.get(action)
        if answer is None:
            return httpx.Response(404, json={"message": "Not Found"})
        return answer(request)

    def token(self, request: httpx.Request) -> httpx.Response:
        form = form_of(request)
        self.grants.append(form["grant_type"])
        if form.get("client_secret") != CLIENT_SECRET:
            return httpx.Response(
                401, json={"error": "invalid_client", "message": "Client authentication failed"}
            )
        if form["grant_type"] == "password" and form.get("password") != self.password:
            return httpx.Response(400, json=oauth_error("The user credentials were incorrect."))
        if form["grant_type"] == "refresh_token":
            if form.get("refresh_token") not in self.valid_refresh:
                return httpx.Response(400, json=oauth_error("The refresh token is invalid."))
            self.valid_refresh.discard(form["refresh_token"])  # rotation: the old one is revoked
        n = next(self.serial)
        access, refresh = f"access-{n}", f"refresh-{n}"
        self.valid_access.add(access)
        self.valid_refresh.add(refresh)
        return httpx.Response(
            200,
            json={
                "token_type": "Bearer",
                "expires_in": self.expires_in,
                "access_token": access,
                "refresh_token": refresh,
            },
        )

    def expire_access_tokens(self) -> None:
        self.valid_access.clear()


def oauth_error(description: str) -> dict[str, str]:
    return {"error": "invalid_grant", "error_description": description, "message": description}


TICKET = {"result": "success", "ticketid": "7", "tid": "516757", "subject": "Hi"}
