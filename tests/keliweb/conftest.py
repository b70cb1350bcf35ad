"""The local Keliweb server over loopback, and clients and backends signed in to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from tickettui.systems.keliweb.backend import KeliwebBackend
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.server import LocalKeliweb, accounts
from tickettui.systems.keliweb.settings import KeliwebSettings
from tickettui.systems.keliweb.tokens import TokenStore

TICKETS = 120  # enough for several pages and every status, quick to seed


def start(tmp: Path, **kw: Any) -> Any:
    return LocalKeliweb.start(tickets=TICKETS, seed=7, db_path=tmp / "kw.sqlite", **kw)


@pytest.fixture(scope="session")
def kw_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One server for tests that only read."""
    server = start(tmp_path_factory.mktemp("kw-read"))
    yield server
    server.stop()


@pytest.fixture()
def fresh_kw_server(tmp_path: Path) -> Iterator[Any]:
    """A server of one's own, for tests that write."""
    server = start(tmp_path)
    yield server
    server.stop()


def kw_settings(server: Any, **overrides: Any) -> KeliwebSettings:
    values: dict[str, Any] = {
        "url": server.base_url,
        "client_id": accounts.DEMO_CLIENT_ID,
        "client_secret": SecretStr(accounts.DEMO_CLIENT_SECRET),
        "username": accounts.DEMO_USERNAME,
        "password": SecretStr(accounts.DEMO_PASSWORD),
        "timeout": 10.0,
    } | overrides
    return KeliwebSettings(**values)


ClientFactory = Callable[..., KeliwebClient]


@pytest.fixture()
async def clients(kw_server: Any) -> AsyncIterator[ClientFactory]:
    """``clients(**settings overrides, token_store=...)``: closed after the test."""
    made: list[KeliwebClient] = []

    def make(token_store: TokenStore | None = None, **overrides: Any) -> KeliwebClient:
        client = KeliwebClient(kw_settings(kw_server, **overrides), token_store=token_store)
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()


@pytest.fixture()
async def backends(fresh_kw_server: Any) -> AsyncIterator[Callable[[], KeliwebBackend]]:
    """Backends (separate sessions) on one fresh server."""
    made: list[KeliwebBackend] = []

    def make() -> KeliwebBackend:
        backend = KeliwebBackend(KeliwebClient(kw_settings(fresh_kw_server)))
        made.append(backend)
        return backend

    yield make
    for backend in made:
        await backend.aclose()
