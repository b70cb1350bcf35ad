"""Choose and build the backend for the configured system."""

from __future__ import annotations

from collections.abc import Callable

from tickettui.connection import ConnectionFlags, superoffice_settings
from tickettui.core.backend import Backend
from tickettui.superoffice.settings import SuperOfficeSettings

BackendFactory = Callable[[], Backend]


def superoffice_factory(settings: SuperOfficeSettings) -> BackendFactory:
    def build() -> Backend:
        from tickettui.superoffice.backend import SuperOfficeBackend
        from tickettui.superoffice.client import SuperOfficeClient

        return SuperOfficeBackend(SuperOfficeClient(settings))

    return build


def backend_factory(flags: ConnectionFlags) -> BackendFactory:
    """Resolve settings now, so a bad URL or missing credential fails before anything opens."""
    settings = superoffice_settings(flags)
    from tickettui.superoffice.urls import api_base_url

    api_base_url(settings.url)  # validates; raises ConfigurationError with a one-line reason
    return superoffice_factory(settings)
