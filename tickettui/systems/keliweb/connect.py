"""From a keliweb profile and its secrets to settings.

A keliweb profile names the API root (``url``, e.g. ``https://apiv2.keliweb.it``), the OAuth
client (``client_id``, this system's own profile key) and the customer (``user``, an e-mail
address); the password and the client secret come from the credential chain. Imports nothing
heavy: httpx and the wire models load when the backend is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, SecretStr

from tickettui.core.errors import ConfigurationError
from tickettui.systems.keliweb.settings import KeliwebSettings

if TYPE_CHECKING:
    from tickettui.config.select import ActiveProfile

__all__ = [
    "EXAMPLE_URL",
    "KeliwebOptions",
    "check_profile",
    "keliweb_settings",
    "keliweb_url",
]

EXAMPLE_URL = "https://apiv2.keliweb.it"
ALLOW_HTTP_ENV = "TICKETTUI_ALLOW_HTTP"
_API_SUFFIXES = ("/api/v2/keliweb", "/api/v2", "/api", "/oauth/token")


class KeliwebOptions(BaseModel):
    """The profile keys only Keliweb has."""

    model_config = ConfigDict(extra="forbid")

    client_id: str | None = None  # the OAuth client id (its secret: keyring or environment)


def client_id_of(active: ActiveProfile) -> str | None:
    return KeliwebOptions.model_validate(active.profile.model_extra or {}).client_id


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
    if not client_id_of(active):
        raise ConfigurationError(
            f"No client_id in {where}: the OAuth client id from Keliweb's account manager "
            "(or TICKETTUI_CLIENT_ID)"
        )
    if not profile.user:
        raise ConfigurationError(f"No user in {where}: the customer's e-mail address")
    keliweb_url(profile.url)


def keliweb_settings(
    active: ActiveProfile, secrets: Mapping[str, SecretStr], env: Mapping[str, str]
) -> KeliwebSettings:
    check_profile(active)
    profile = active.profile
    client_id = client_id_of(active)
    assert profile.url and client_id and profile.user  # checked above
    password, client_secret = secrets.get("password"), secrets.get("client_secret")
    if password is None or client_secret is None:
        raise ConfigurationError("Keliweb needs both a password and a client secret")
    return KeliwebSettings(
        url=keliweb_url(profile.url),
        client_id=client_id.strip(),
        client_secret=client_secret,
        username=profile.user.strip(),
        password=password,
        verify_tls=profile.ca_bundle or profile.verify_tls,
        allow_insecure_http=profile.allow_insecure_http or env.get(ALLOW_HTTP_ENV, "") == "1",
    )
