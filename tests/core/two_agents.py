"""Two agents on the local SuperOffice server, each with the backend itself (no cache in
front): the demo agent ("me") and Tobias Johansen ("them", a seeded agent who signs in with
his own password and plays the colleague who changes tickets)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import SecretStr

from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.server import accounts
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

__all__ = ["OTHER_ID", "OTHER_PASSWORD", "OTHER_USER", "backend_as", "me", "them"]

OTHER_USER, OTHER_PASSWORD, OTHER_ID = "TJ", "tj", "3"  # Tobias Johansen, a seeded agent


def backend_as(
    server: Any, user: str = accounts.DEMO_USER, password: str = accounts.DEMO_PASSWORD
) -> SuperOfficeBackend:
    settings = SuperOfficeSettings(
        url=server.base_url, auth=AuthScheme.BASIC, user=user, password=SecretStr(password)
    )
    return SuperOfficeBackend(SuperOfficeClient(settings))


@pytest.fixture()
async def me(fresh_so_server: Any) -> AsyncIterator[SuperOfficeBackend]:
    backend = backend_as(fresh_so_server)
    yield backend
    await backend.aclose()


@pytest.fixture()
async def them(fresh_so_server: Any) -> AsyncIterator[SuperOfficeBackend]:
    backend = backend_as(fresh_so_server, OTHER_USER, OTHER_PASSWORD)
    yield backend
    await backend.aclose()
