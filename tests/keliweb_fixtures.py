"""The local Keliweb server over loopback and the app's backend factory for it (for UI and CLI
tests; import the fixtures into a test module, as with ``tests.account_fixtures``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.server import LocalKeliweb, accounts
from tickettui.systems.keliweb.settings import KeliwebSettings
from tickettui.systems.record import KeptEntry

TICKETS = 120  # every status and department, several pages, quick to seed
SEED = 7


def start(tmp: Path) -> LocalKeliweb:
    return LocalKeliweb.start(tickets=TICKETS, seed=SEED, db_path=tmp / "kw.sqlite")


@pytest.fixture(scope="session")
def kw_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalKeliweb]:
    """One server for tests that only read."""
    with start(tmp_path_factory.mktemp("kw-ui-read")) as server:
        yield server


@pytest.fixture()
def fresh_kw_server(tmp_path: Path) -> Iterator[LocalKeliweb]:
    """A server of one's own, for tests that write."""
    with start(tmp_path) as server:
        yield server


def kw_settings(server: LocalKeliweb) -> KeliwebSettings:
    return KeliwebSettings(
        url=server.base_url,
        client_id=accounts.DEMO_CLIENT_ID,
        client_secret=SecretStr(accounts.DEMO_CLIENT_SECRET),
        username=accounts.DEMO_USERNAME,
        password=SecretStr(accounts.DEMO_PASSWORD),
        timeout=10.0,
    )


def keliweb_factory(
    settings: KeliwebSettings, *, kept: Callable[[str], KeptEntry] | None = None
) -> Callable[[], Any]:
    """The app's backend for ``settings``, put together through the registry as the command line
    does (cache and deferred start in front); tokens kept in ``kept``, else in memory."""
    from tickettui import systems
    from tickettui.backends import app_backend
    from tickettui.systems.record import BackendContext

    return app_backend(systems.system("keliweb"), settings, BackendContext(kept=kept))


def kw_factory(server: LocalKeliweb) -> Callable[[], Any]:
    """What the app is given for a keliweb profile (cache-wrapped backend, tokens in memory)."""
    return keliweb_factory(kw_settings(server))


def kw_client(server: LocalKeliweb) -> KeliwebClient:
    """A client of its own, to check what the server holds (use as ``async with``)."""
    return KeliwebClient(kw_settings(server))


def kw_profile(server: LocalKeliweb, name: str = "kw") -> str:
    """config.toml text with one keliweb profile for ``server`` (secrets: environment)."""
    return (
        f'[profiles.{name}]\nsystem = "keliweb"\nurl = "{server.base_url}"\n'
        f'client_id = "{accounts.DEMO_CLIENT_ID}"\nuser = "{accounts.DEMO_USERNAME}"\n'
    )


SECRETS_ENV = {
    "TICKETTUI_PASSWORD": accounts.DEMO_PASSWORD,
    "TICKETTUI_CLIENT_SECRET": accounts.DEMO_CLIENT_SECRET,
}
