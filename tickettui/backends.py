"""Choose and build the backend for the configured system."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tickettui.config.model import Profile
from tickettui.connection import Connection, ConnectionFlags, connect
from tickettui.core.backend import Backend
from tickettui.core.credential_provider import CredentialProvider
from tickettui.core.domain import Section
from tickettui.credentials.chain import Prompt
from tickettui.credentials.keyring_store import KeyringStore
from tickettui.superoffice.sections import DEFAULT_SECTIONS
from tickettui.superoffice.settings import SuperOfficeSettings

BackendFactory = Callable[[], Backend]


def superoffice_factory(
    settings: SuperOfficeSettings,
    *,
    sections: Sequence[Section] = DEFAULT_SECTIONS,
    credentials: CredentialProvider | None = None,
) -> BackendFactory:
    def build() -> Backend:
        from tickettui.cache import with_cache
        from tickettui.superoffice.backend import SuperOfficeBackend
        from tickettui.superoffice.client import SuperOfficeClient

        client = SuperOfficeClient(settings, credentials=credentials)
        # The disk cache is keyed by server and user (hashed), never by a secret.
        identity = settings.user or settings.auth.value
        return with_cache(SuperOfficeBackend(client, sections), settings.url, identity)

    return build


def profile_sections(profile: Profile, defaults: Sequence[Section]) -> list[Section]:
    """The defaults with the profile's sections after them (same key: the profile's wins)."""
    own = [Section(s.key, s.title, s.query, s.order_by) for s in profile.sections]
    if profile.replace_sections:
        return own
    by_key = {s.key: s for s in own}
    merged = [by_key.pop(s.key, s) for s in defaults]
    return merged + [s for s in own if s.key in by_key]


def factory_for(connection: Connection) -> BackendFactory:
    return superoffice_factory(
        connection.settings,
        sections=profile_sections(connection.active.profile, DEFAULT_SECTIONS),
        credentials=connection.credential,
    )


def backend_factory(
    flags: ConnectionFlags, *, keyring: KeyringStore | None = None, prompt: Prompt | None = None
) -> BackendFactory:
    """Resolve settings now, so a bad URL or missing credential fails before anything opens."""
    return factory_for(connect(flags, keyring=keyring, prompt=prompt))
