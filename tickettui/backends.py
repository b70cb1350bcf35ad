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
from tickettui.systems.keliweb.settings import KeliwebSettings
from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS
from tickettui.systems.superoffice.settings import SuperOfficeSettings

BackendFactory = Callable[[], Backend]


def superoffice_factory(
    settings: SuperOfficeSettings,
    *,
    sections: Sequence[Section] = DEFAULT_SECTIONS,
    credentials: CredentialProvider | None = None,
) -> BackendFactory:
    def real() -> Backend:
        # httpx, pydantic wire models and the connection pool: only once the queue is painted.
        from tickettui.systems.superoffice.backend import SuperOfficeBackend
        from tickettui.systems.superoffice.client import SuperOfficeClient

        return SuperOfficeBackend(SuperOfficeClient(settings, credentials=credentials), sections)

    def build() -> Backend:
        from tickettui.cache import with_cache
        from tickettui.core.deferred import DeferredBackend
        from tickettui.systems.superoffice.descriptor import CAPABILITIES
        from tickettui.systems.superoffice.urls import api_base_url

        # The disk cache (and drafts) are keyed by server and user (hashed), never by a secret.
        identity = settings.user or settings.auth.value
        account = (api_base_url(settings.url), identity)  # as SuperOfficeClient.account
        deferred = DeferredBackend(real, CAPABILITIES, sections, account=account)
        return with_cache(deferred)

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
    if isinstance(connection.settings, KeliwebSettings):
        return keliweb_factory_for(connection, connection.settings)
    return superoffice_factory(
        connection.settings,
        sections=profile_sections(connection.active.profile, DEFAULT_SECTIONS),
        credentials=connection.credential,
    )


def keliweb_factory_for(connection: Connection, settings: KeliwebSettings) -> BackendFactory:
    """Keliweb: the server's sections then the profile's (only the profile's with
    ``replace_sections``); the newest refresh token is kept in
    the keyring (one entry per profile), or in memory where there is no keyring."""
    from tickettui.credentials.keliweb_tokens import KeyringTokenStore, token_account
    from tickettui.systems.keliweb.connect import keliweb_factory
    from tickettui.systems.keliweb.connect import profile_sections as own_sections

    active = connection.active
    store = KeyringTokenStore(KeyringStore(), token_account(active.name, settings.username))
    return keliweb_factory(
        settings,
        sections=own_sections(active),
        replace_sections=active.profile.replace_sections,
        token_store=store,
    )


def backend_factory(
    flags: ConnectionFlags, *, keyring: KeyringStore | None = None, prompt: Prompt | None = None
) -> BackendFactory:
    """Resolve settings now, so a bad URL or missing credential fails before anything opens."""
    return factory_for(connect(flags, keyring=keyring, prompt=prompt))
