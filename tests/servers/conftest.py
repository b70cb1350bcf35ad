"""Fixtures for raw-HTTP tests of the local SuperOffice server (no client code involved)."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tickettui.systems.superoffice.server import LocalSuperOffice, accounts

TICKETS = 150
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
MIN_VALUE = "0001-01-01T00:00:00"


def basic(user: str = accounts.DEMO_USER, password: str = accounts.DEMO_PASSWORD) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}", "Accept": "application/json"}


def client(server: LocalSuperOffice, headers: dict[str, str] | None = None) -> httpx.Client:
    return httpx.Client(
        base_url=server.base_url, headers=basic() if headers is None else headers, timeout=10
    )


def assert_error(
    response: httpx.Response, status: int, error_type: str | None = None
) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["Error"] is True
    assert body["ErrorMessage"]
    assert body["ErrorSource"] == "SuperOffice.Services.Implementation"
    if error_type is not None:
        assert body["ErrorType"] == error_type
    return dict(body)


def start(tmp: Path) -> LocalSuperOffice:
    return LocalSuperOffice.start(tickets=TICKETS, seed=7, db_path=tmp / "so.sqlite")


@pytest.fixture(scope="session")
def local_so(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSuperOffice]:
    """Shared server for tests that only read."""
    with start(tmp_path_factory.mktemp("so-read")) as server:
        yield server


@pytest.fixture(scope="module")
def writable_so(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSuperOffice]:
    """A server per test module for tests that change data."""
    with start(tmp_path_factory.mktemp("so-write")) as server:
        yield server


@pytest.fixture()
def api(local_so: LocalSuperOffice) -> Iterator[httpx.Client]:
    with client(local_so) as http:
        yield http


@pytest.fixture()
def writer(writable_so: LocalSuperOffice) -> Iterator[httpx.Client]:
    with client(writable_so) as http:
        yield http
