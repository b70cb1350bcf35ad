"""From a keliweb profile and its secrets to settings, and from settings to the app's backend.

A keliweb profile names the API root (``url``, e.g. ``https://apiv2.keliweb.it``), the OAuth
client (``client_id``) and the customer (``user``, an e-mail address); the password and the
client secret come from the credential chain. Imports nothing heavy at module level: httpx and
the wire models load when the backend is built.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlsplit

from pydantic import SecretStr

from tickettui.config.select import ActiveProfile
from tickettui.core.backend import Backend
from tickettui.core.domain import Section
from tickettui.core.errors import ConfigurationError
from tickettui.credentials.kinds import SecretName
from tickettui.systems.keliweb.settings import KeliwebSettings
from tickettui.systems.keliweb.tokens import TokenStore

__all__ = [
    "EXAMPLE_URL",
    "check_profile",
    "keliweb_factory",
    "keliweb_settings",
    "keliweb_url",
    "profile_sections",
]

EXAMPLE_URL = "https://apiv2.keliweb.it"
ALLOW_HTTP_ENV = "TICKETTUI_ALLOW_HTTP"
_API_SUFFIXES = ("/api/v2/keliweb", "/api/v2", "/api", "/oauth/token")

BackendFactory = Callable[[], Backend]


def keliweb_url(url: str) -> str:
    """The API root of ``url`` (a pasted ``.../api/v2/keliweb`` is cut back to the root).

    A one-line ConfigurationError for anything that is not ``http(s)://host[:port]``.
    """
    text = url.strip().rstrip("/")
    lowered = text.lower()
    for suffix in _API_SUFFIXES:
        if lowered.endswith(suffix):
            text = text[: -len(suffix)].rstrip("/")
            break
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise ConfigurationError(f"Keliweb url {text!r} is not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"Keliweb url must look like {EXAMPLE_URL}, not {text!r}")
    if parts.username is not None or parts.password is not None:
        raise ConfigurationError("Keliweb url must not contain a user name or password")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ConfigurationError(
            f"Keliweb url is the API root without a path (e.g. {EXAMPLE_URL}), not {text!r}"
        )
    return text


def check_profile(active: ActiveProfile) -> None:
    """A one-line ConfigurationError for a missing url, client_id or user (before any prompt)."""
    profile = active.profile
    where = f"profile {active.name!r}" if active.from_file else "the keliweb settings"
    if not profile.url:
        raise ConfigurationError(f"No url in {where} (e.g. url = {EXAMPLE_URL!r})")
    if not profile.client_id:
        raise ConfigurationError(
            f"No client_id in {where}: the OAuth client id from Keliweb's account manager "
            "(or TICKETTUI_CLIENT_ID)"
        )
    if not profile.user:
        raise ConfigurationError(f"No user in {where}: the customer's e-mail address")
    keliweb_url(profile.url)


def keliweb_settings(
    active: ActiveProfile,
    secrets: Mapping[SecretName, SecretStr],
    env: Mapping[str, str] | None = None,
) -> KeliwebSettings:
    env = os.environ if env is None else env
    check_profile(active)
    profile = active.profile
    assert profile.url and profile.client_id and profile.user  # checked above
    password, client_secret = secrets.get("password"), secrets.get("client_secret")
    if password is None or client_secret is None:
        raise ConfigurationError("Keliweb needs both a password and a client secret")
    return KeliwebSettings(
        url=keliweb_url(profile.url),
        client_id=profile.client_id.strip(),
        client_secret=client_secret,
        username=profile.user.strip(),
        password=password,
        verify_tls=profile.ca_bundle or profile.verify_tls,
        allow_insecure_http=profile.allow_insecure_http or env.get(ALLOW_HTTP_ENV, "") == "1",
    )


def profile_sections(active: ActiveProfile) -> list[Section]:
    """A profile's own sections (queries like ``status=Open&deptid=2``), after the server's."""
    return [Section(s.key, s.title, s.query, s.order_by) for s in active.profile.sections]


def keliweb_factory(
    settings: KeliwebSettings,
    *,
    sections: Sequence[Section] = (),
    replace_sections: bool = False,
    token_store: TokenStore | None = None,
) -> BackendFactory:
    """Builds ``with_cache(DeferredBackend(KeliwebBackend(KeliwebClient(...))))``: the disk
    cache is keyed by API root and customer (hashed), never by a secret. ``replace_sections``:
    only ``sections``, not the server's departments and statuses before them."""

    def real() -> Backend:
        # httpx, pydantic wire models and the connection pool: only once the queue is painted.
        from tickettui.systems.keliweb.backend import KeliwebBackend
        from tickettui.systems.keliweb.client import KeliwebClient

        client = KeliwebClient(settings, token_store=token_store)
        return KeliwebBackend(client, sections, replace_sections=replace_sections)

    def build() -> Backend:
        from tickettui.cache import with_cache
        from tickettui.core.deferred import DeferredBackend
        from tickettui.systems.keliweb.descriptor import CAPABILITIES

        # Only the server knows its departments and statuses: sections() waits for the build.
        account = (settings.url, settings.username)  # as KeliwebClient.account
        return with_cache(DeferredBackend(real, CAPABILITIES, None, account=account))

    return build
