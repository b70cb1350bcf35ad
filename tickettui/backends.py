"""The backend the app and the command line use, put together the same way for every system.

A system's record gives the real backend's builder and what is known before it is built
(``BackendParts``); here every system gets the same wrappers in front of it: the deferred start
(built in a thread once the first screen has painted) and the disk cache (a cold start paints
the last list before the network answers). Read-back of unconfirmed writes is shared code
(``tickettui.core.read_back``) each backend calls at the point only it knows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tickettui.core.backend import Backend
from tickettui.core.domain import Section
from tickettui.systems.record import BackendContext, KeptEntry, Settings, System

if TYPE_CHECKING:  # the config and credential layers (pydantic, keyring) load only when asked
    from tickettui.connection import Connection, ConnectionFlags
    from tickettui.credentials.chain import Prompt
    from tickettui.credentials.keyring_store import KeyringStore

BackendFactory = Callable[[], Backend]


def app_backend(system: System, settings: Settings, context: BackendContext) -> BackendFactory:
    """``system``'s backend for ``settings``, behind the cache and the deferred start."""
    parts = system.backend(settings, context)

    def build() -> Backend:
        from tickettui.cache import with_cache
        from tickettui.core.deferred import DeferredBackend

        deferred = DeferredBackend(
            parts.build, parts.capabilities, parts.sections, account=parts.account
        )
        return with_cache(deferred)

    return build


def context_for(
    connection: Connection, keyring: KeyringStore | None = None, *, fresh_sign_in: bool = False
) -> BackendContext:
    """What the app hands the system: the profile's sections, the credential to renew, and
    the keyring entries it may keep (Keliweb's OAuth tokens) for this profile."""
    from tickettui.credentials.keyring_store import KeptKeyringEntry, KeyringStore

    active = connection.active
    profile = active.profile
    store = keyring if keyring is not None else KeyringStore()
    identity = connection.system.identity(profile)

    def kept(purpose: str) -> KeptEntry:
        return KeptKeyringEntry(store, active.name, identity, purpose)

    return BackendContext(
        sections=[Section(s.key, s.title, s.query, s.order_by) for s in profile.sections],
        replace_sections=profile.replace_sections,
        credentials=connection.credential if connection.system.renews_first_secret else None,
        kept=kept,
        fresh_sign_in=fresh_sign_in,
    )


def factory_for(
    connection: Connection, keyring: KeyringStore | None = None, *, fresh_sign_in: bool = False
) -> BackendFactory:
    context = context_for(connection, keyring, fresh_sign_in=fresh_sign_in)
    return app_backend(connection.system, connection.settings, context)


def backend_factory(
    flags: ConnectionFlags, *, keyring: KeyringStore | None = None, prompt: Prompt | None = None
) -> BackendFactory:
    """Resolve settings now, so a bad URL or missing credential fails before anything opens."""
    from tickettui.connection import connect

    return factory_for(connect(flags, keyring=keyring, prompt=prompt), keyring)
