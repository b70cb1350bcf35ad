"""Connection settings from command-line flags and TICKETTUI_* environment variables.

This is the seam the profiles/keyring work plugs into: flags win over the environment, and
secrets come only from the environment (or a prompt), never from flags that `ps` would show.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import SecretStr

from tickettui.core.errors import ConfigurationError
from tickettui.superoffice.settings import AuthScheme, SuperOfficeSettings


@dataclass(frozen=True, slots=True)
class ConnectionFlags:
    url: str | None = None
    auth: str | None = None
    user: str | None = None


def _secret(value: str | None) -> SecretStr | None:
    return SecretStr(value) if value else None


def superoffice_settings(
    flags: ConnectionFlags, env: Mapping[str, str] | None = None
) -> SuperOfficeSettings:
    env = os.environ if env is None else env
    url = flags.url or env.get("TICKETTUI_URL")
    if not url:
        raise ConfigurationError(
            "No server URL: pass --url or set TICKETTUI_URL (or run `tickettui demo`)"
        )
    scheme_name = (flags.auth or env.get("TICKETTUI_AUTH") or "basic").strip().lower()
    try:
        scheme = AuthScheme(scheme_name)
    except ValueError:
        choices = ", ".join(s.value for s in AuthScheme)
        raise ConfigurationError(
            f"Unknown auth scheme {scheme_name!r}: use one of {choices}"
        ) from None
    return SuperOfficeSettings(
        url=url,
        auth=scheme,
        user=flags.user or env.get("TICKETTUI_USER"),
        password=_secret(env.get("TICKETTUI_PASSWORD")),
        token=_secret(env.get("TICKETTUI_TOKEN")),
        app_token=_secret(env.get("TICKETTUI_APP_TOKEN")),
        accept_language=env.get("TICKETTUI_ACCEPT_LANGUAGE"),
        language=env.get("TICKETTUI_LANGUAGE"),
        culture=env.get("TICKETTUI_CULTURE"),
        timezone=env.get("TICKETTUI_TIMEZONE"),
    )
