"""What the live-queue tests share: the SuperOffice backend signed in as one agent or another,
no cache in front (the seeded agent Tobias Johansen plays the colleague who changes tickets)."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.server import accounts
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

__all__ = ["OTHER_PASSWORD", "OTHER_USER", "backend_as"]

OTHER_USER, OTHER_PASSWORD = "TJ", "tj"  # Tobias Johansen, a seeded agent


def backend_as(
    server: Any, user: str = accounts.DEMO_USER, password: str = accounts.DEMO_PASSWORD
) -> SuperOfficeBackend:
    settings = SuperOfficeSettings(
        url=server.base_url, auth=AuthScheme.BASIC, user=user, password=SecretStr(password)
    )
    return SuperOfficeBackend(SuperOfficeClient(settings))
