"""The backend the app and the command line use, put together the same way for every system.

A system's record gives the real backend's builder and what is known before it is built
(``BackendParts``); here every system gets the same wrappers in front of it: the deferred start
(built in a thread once the first screen has painted) and the disk cache (a cold start paints
the last list before the network answers). Read-back of unconfirmed writes is shared code
(``tickettui.core.read_back``) each backend calls at the point only it knows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the config and credential layers (pydantic, keyring) load only when asked
    # The quick start imports this module before its first paint: types only, up here.
    from tickettui.connection import Connection, ConnectionFlags
    from tickettui.core.backend import Account, Backend
    from tickettui.core.domain import Capabilities, Section
    from tickettui.credentials.chain import Prompt
    from tickettui.credentials.keyring_store import KeyringStore
    from tickettui.systems.record import BackendContext, BackendParts, KeptEntry, Settings, System

BackendFactory = Callable[[], "Backend"]


def app_backend(system: System, settings: Settings, context: BackendContext) -> BackendFactory:
    """``system``'s backend for ``settings``, behind the cache and the deferred start."""
    return wrapped(system.backend(settings, context))


def wrapped(parts: BackendParts) -> BackendFactory:
    """The backend ``parts`` describe, behind the deferred start and the disk cache."""
    return deferred_and_cached(parts.build, parts.capabilities, parts.sections, parts.account)


def deferred_and_cached(
    build: Callable[[], Backend],
    capabilities: Capabilities,
    sections: Sequence[Section] | None,
    account: Account,
) -> BackendFactory:
    """``build``'s backend behind the deferred start and the disk cache. The quick start
    (``tickettui.quick_start``) calls this with a build that reads the profile first and the
    rest from its start record, before anything of the profile's is imported."""

    def factory() -> Backend:
        from tickettui.cache import with_cache
        from tickettui.core.deferred import DeferredBackend

        return with_cache(DeferredBackend(build, capabilities, sections, account=account))

    return factory


def context_for(
    connection: Connection, keyring: KeyringStore | None = None, *, fresh_sign_in: bool = False
) -> BackendContext:
    """What the app hands the system: the profile's sections, the credential to renew, and
    the keyring entries it may keep (Keliweb's OAuth tokens) for this profile."""
    from tickettui.core.domain import Section
    from tickettui.credentials.keyring_store import KeptKeyringEntry, KeyringStore
    from tickettui.systems.record import BackendContext

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


def parts_for(
    connection: Connection, keyring: KeyringStore | None = None, *, fresh_sign_in: bool = False
) -> BackendParts:
    """The system's backend for ``connection``, unbuilt, with what is known before it is."""
    context = context_for(connection, keyring, fresh_sign_in=fresh_sign_in)
    return connection.system.backend(connection.settings, context)


def factory_for(
    connection: Connection, keyring: KeyringStore | None = None, *, fresh_sign_in: bool = False
) -> BackendFactory:
    return wrapped(parts_for(connection, keyring, fresh_sign_in=fresh_sign_in))


def backend_factory(
    flags: ConnectionFlags, *, keyring: KeyringStore | None = None, prompt: Prompt | None = None
) -> BackendFactory:
    """Resolve settings now, so a bad URL or missing credential fails before anything opens."""
    from tickettui.connection import connect

    return factory_for(connect(flags, keyring=keyring, prompt=prompt), keyring)
