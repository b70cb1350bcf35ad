"""Fixtures for raw-HTTP tests of the local Keliweb server (no client code involved)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tickettui.systems.keliweb.server import LocalKeliweb, accounts

TICKETS = 120
JSON_HEADERS = {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}


def password_grant(
    http: httpx.Client,
    username: str = accounts.DEMO_USERNAME,
    password: str = accounts.DEMO_PASSWORD,
    **overrides: str,
) -> httpx.Response:
    form = {
        "grant_type": "password",
        "client_id": accounts.DEMO_CLIENT_ID,
        "client_secret": accounts.DEMO_CLIENT_SECRET,
        "username": username,
        "password": password,
    } | overrides
    return http.post("/oauth/token", data=form, headers={"X-Requested-With": "XMLHttpRequest"})


def refresh_grant(http: httpx.Client, refresh_token: str) -> httpx.Response:
    form = {
        "grant_type": "refresh_token",
        "client_id": accounts.DEMO_CLIENT_ID,
        "client_secret": accounts.DEMO_CLIENT_SECRET,
        "refresh_token": refresh_token,
    }
    return http.post("/oauth/token", data=form, headers={"X-Requested-With": "XMLHttpRequest"})


class Api:
    """An HTTP client holding a Bearer token, calling actions with form bodies."""

    def __init__(self, server: LocalKeliweb, username: str = accounts.DEMO_USERNAME) -> None:
        self.http = httpx.Client(base_url=server.base_url, timeout=10)
        password = (
            accounts.DEMO_PASSWORD
            if username == accounts.DEMO_USERNAME
            else accounts.OTHER_PASSWORD
        )
        response = password_grant(self.http, username, password)
        assert response.status_code == 200, response.text
        self.token = response.json()["access_token"]

    def raw(self, action: str, **form: str | int) -> httpx.Response:
        return self.http.post(
            f"/api/v2/keliweb/{action}",
            data={k: str(v) for k, v in form.items()},
            headers={**JSON_HEADERS, "Authorization": f"Bearer {self.token}"},
        )

    def call(self, action: str, **form: str | int) -> dict[str, Any]:
        response = self.raw(action, **form)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def ok(self, action: str, **form: str | int) -> dict[str, Any]:
        body = self.call(action, **form)
        assert body["result"] == "success", body
        return body

    def error(self, action: str, **form: str | int) -> str:
        """A WHMCS error: HTTP 200 with ``result: error``; returns the message."""
        body = self.call(action, **form)
        assert body["result"] == "error", body
        assert set(body) == {"result", "message"}
        return str(body["message"])

    def all_tickets(self, **form: str | int) -> list[dict[str, Any]]:
        body = self.ok("get-tickets", limitnum=10_000, **form)
        return list(body.get("tickets", {}).get("ticket", []))

    def close(self) -> None:
        self.http.close()


def start(tmp: Path, **kwargs: Any) -> LocalKeliweb:
    return LocalKeliweb.start(tickets=TICKETS, seed=7, db_path=tmp / "kw.sqlite", **kwargs)


@pytest.fixture(scope="session")
def local_kw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalKeliweb]:
    """Shared server for tests that only read."""
    with start(tmp_path_factory.mktemp("kw-read")) as server:
        yield server


@pytest.fixture(scope="module")
def writable_kw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalKeliweb]:
    """A server per test module for tests that change data."""
    with start(tmp_path_factory.mktemp("kw-write")) as server:
        yield server


@pytest.fixture()
def api(local_kw: LocalKeliweb) -> Iterator[Api]:
    client = Api(local_kw)
    yield client
    client.close()


@pytest.fixture()
def writer(writable_kw: LocalKeliweb) -> Iterator[Api]:
    client = Api(writable_kw)
    yield client
    client.close()
