"""Shared fixtures: the local SuperOffice server over loopback, and backends signed in to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from tickettui.core.credential_provider import CredentialProvider
from tickettui.core.domain import Section
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

SMALL_QUEUE = 150  # enough tickets for paging, sections and sorting, quick to seed


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the agent's real ticket cache or drafts."""
    monkeypatch.setenv("TICKETTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TICKETTUI_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def _display_zone_reset() -> Iterator[None]:
    """Every test starts with times shown in the machine's zone: an app or a command started
    with a profile's ``timezone_display`` sets the process-wide display zone, and a test after
    it on the same worker would otherwise show times in that zone."""
    from tickettui.core import zones

    zones.set_display_zone(zones.LOCAL)
    yield
    zones.set_display_zone(zones.LOCAL)


@pytest.fixture(autouse=True)
def _no_inherited_terminal_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """The width of the terminal (or a CI's ``COLUMNS``) the suite runs in never decides what a
    command prints: `tickettui list` fits its table to ``COLUMNS`` when it is set. Tests that
    want a width say so."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


def _start(tmp: Path, tickets: int = SMALL_QUEUE) -> Any:
    from tickettui.systems.superoffice.server import LocalSuperOffice

    return LocalSuperOffice.start(tickets=tickets, seed=7, db_path=tmp / "so.sqlite")


@pytest.fixture(scope="session")
def so_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One server for read-only tests. Tests that change tickets use ``fresh_so_server``."""
    server = _start(tmp_path_factory.mktemp("so-shared"))
    yield server
    server.stop()


@pytest.fixture()
def fresh_so_server(tmp_path: Path) -> Iterator[Any]:
    """A server of one's own, for tests that write."""
    server = _start(tmp_path)
    yield server
    server.stop()


def demo_settings(server: Any, **overrides: Any) -> SuperOfficeSettings:
    from tickettui.systems.superoffice.server import accounts

    values: dict[str, Any] = {
        "url": server.base_url,
        "auth": AuthScheme.BASIC,
        "user": accounts.DEMO_USER,
        "password": SecretStr(accounts.DEMO_PASSWORD),
    } | overrides
    return SuperOfficeSettings(**values)


def superoffice_factory(
    settings: SuperOfficeSettings,
    *,
    sections: Sequence[Section] = (),
    credentials: CredentialProvider | None = None,
) -> Callable[[], Any]:
    """The app's backend for ``settings``, put together through the registry as the command line
    does (cache and deferred start in front); ``sections``: a profile's own, after the defaults."""
    from tickettui import systems
    from tickettui.backends import app_backend
    from tickettui.systems.record import BackendContext

    context = BackendContext(sections=sections, credentials=credentials)
    return app_backend(systems.system("superoffice"), settings, context)


def backend_factory_for(server: Any, **overrides: Any) -> Callable[[], Any]:
    return superoffice_factory(demo_settings(server, **overrides))


@pytest.fixture()
def so_backend_factory(so_server: Any) -> Callable[[], Any]:
    return backend_factory_for(so_server)


@pytest.fixture()
def fresh_backend_factory(fresh_so_server: Any) -> Callable[[], Any]:
    return backend_factory_for(fresh_so_server)
