"""From flags, TICKETTUI_* variables, the config file and the credential chain to settings.

Precedence: flags, then the environment, then the active profile of config.toml. Secrets come
from the environment, a password_command, the keyring or a prompt, never from flags that `ps`
would show.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import SecretStr

from tickettui.config.load import load_config
from tickettui.config.model import ConfigFile
from tickettui.config.paths import config_path
from tickettui.config.select import ActiveProfile, select_profile
from tickettui.core.errors import ConfigurationError
from tickettui.credentials.chain import CredentialChain, Prompt
from tickettui.credentials.keyring_store import KeyringStore
from tickettui.credentials.kinds import CredentialRequest, SecretName, secrets_for
from tickettui.credentials.session import SessionCredential
from tickettui.systems.keliweb.settings import KeliwebSettings
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings
from tickettui.systems.superoffice.urls import api_base_url, check_transport, display_host

NO_URL = (
    "No server URL: pass --url or set TICKETTUI_URL, or run `tickettui login` to create a "
    "profile (or `tickettui demo` to try it on demo data)"
)


@dataclass(frozen=True, slots=True)
class ConnectionFlags:
    url: str | None = None
    auth: str | None = None
    user: str | None = None
    profile: str | None = None


@dataclass(frozen=True, slots=True)
class Connection:
    """Everything needed to reach one tenant, secrets included (as SecretStr)."""

    active: ActiveProfile
    settings: SuperOfficeSettings | KeliwebSettings
    credential: SessionCredential  # asks again after a 401, once the app installs a prompt
    sources: dict[SecretName, str] = field(default_factory=dict)  # secret -> where it came from


def read_config(env: Mapping[str, str] | None = None) -> tuple[ConfigFile | None, Path]:
    path = config_path(env)
    return load_config(path), path


def active_profile(flags: ConnectionFlags, env: Mapping[str, str] | None = None) -> ActiveProfile:
    env = os.environ if env is None else env
    config, path = read_config(env)
    overrides = {"url": flags.url, "auth": flags.auth, "user": flags.user}
    return select_profile(config, path, requested=flags.profile, overrides=overrides, env=env)


def credential_request(active: ActiveProfile, name: SecretName) -> CredentialRequest:
    profile = active.profile
    if not profile.url:
        raise ConfigurationError(NO_URL)
    if profile.system == "keliweb":
        from tickettui.systems.keliweb.connect import keliweb_url

        host = display_host(keliweb_url(profile.url))
    else:
        host = display_host(api_base_url(profile.url))
    return CredentialRequest(active.name, AuthScheme(profile.auth), profile.user, host, name)


ALLOW_HTTP_ENV = "TICKETTUI_ALLOW_HTTP"


def settings_for(
    active: ActiveProfile,
    secrets: Mapping[SecretName, SecretStr],
    env: Mapping[str, str] | None = None,
) -> SuperOfficeSettings:
    env = os.environ if env is None else env
    profile = active.profile
    if not profile.url:
        raise ConfigurationError(NO_URL)
    base = api_base_url(profile.url)  # validates; a one-line reason for a malformed URL
    allow_http = profile.allow_insecure_http or env.get(ALLOW_HTTP_ENV, "") == "1"
    check_transport(base, allow_http=allow_http)  # before any password goes out in clear
    verify: bool | str = profile.ca_bundle or profile.verify_tls
    return SuperOfficeSettings(
        url=profile.url,
        auth=AuthScheme(profile.auth),
        user=profile.user,
        password=secrets.get("password"),
        token=secrets.get("token"),
        app_token=secrets.get("app_token"),
        accept_language=profile.accept_language,
        language=profile.language,
        culture=profile.culture,
        timezone=profile.timezone,
        verify_tls=verify,
        allow_insecure_http=allow_http,
    )


def connect(
    flags: ConnectionFlags,
    env: Mapping[str, str] | None = None,
    *,
    keyring: KeyringStore | None = None,
    prompt: Prompt | None = None,
) -> Connection:
    """Resolve the active profile and look up every secret its auth scheme needs.

    Raises ConfigurationError (one line) for a missing URL, a bad config or a missing secret.
    """
    env = os.environ if env is None else env
    active = active_profile(flags, env)
    if not active.profile.url:
        raise ConfigurationError(NO_URL)
    chain = CredentialChain(
        env=env,
        keyring=keyring or KeyringStore(),
        prompt=prompt,
        password_command=active.profile.password_command,
    )
    secrets: dict[SecretName, SecretStr] = {}
    sources: dict[SecretName, str] = {}
    keliweb = active.profile.system == "keliweb"
    if keliweb:
        from tickettui.systems.keliweb.connect import check_profile

        check_profile(active)  # a missing client_id before any secret is asked for
    names = secrets_for(AuthScheme(active.profile.auth), active.profile.system)
    for name in names:
        found = chain.require(credential_request(active, name))
        secrets[name], sources[name] = found.secret, found.source
    # Keliweb's client signs in again by itself (refresh token, then password): no renewal.
    renewable = credential_request(active, names[0]) if names and not keliweb else None
    settings: SuperOfficeSettings | KeliwebSettings
    if keliweb:
        from tickettui.systems.keliweb.connect import keliweb_settings

        settings = keliweb_settings(active, secrets, env)
    else:
        settings = settings_for(active, secrets, env)
    return Connection(active, settings, SessionCredential(renewable), sources)
