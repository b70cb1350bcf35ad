"""From flags, TICKETTUI_* variables, the config file and the credential chain to settings.

Precedence: flags, then the environment, then the active profile of config.toml. Secrets come
from the environment, a password_command, the keyring or a prompt, never from flags that `ps`
would show. Which secrets, and what the settings are, is the profile's system's business: its
record (``tickettui.systems``) says.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import SecretStr

from tickettui import systems
from tickettui.config.load import load_config
from tickettui.config.model import ConfigFile
from tickettui.config.paths import config_path
from tickettui.config.select import ActiveProfile, select_profile
from tickettui.core.errors import ConfigurationError
from tickettui.credentials.chain import CredentialChain, Prompt
from tickettui.credentials.keyring_store import KeyringStore
from tickettui.credentials.kinds import CredentialRequest, SecretKind, SecretName
from tickettui.credentials.session import SessionCredential
from tickettui.systems.record import Settings, System

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

    def overrides(self) -> dict[str, str | None]:
        """The profile keys the flags set (None: not given)."""
        return {"url": self.url, "auth": self.auth, "user": self.user}


@dataclass(frozen=True, slots=True)
class Connection:
    """Everything needed to reach one tenant, secrets included (as SecretStr)."""

    active: ActiveProfile
    system: System
    settings: Settings
    credential: SessionCredential  # asks again after a 401, once the app installs a prompt
    sources: dict[SecretName, str] = field(default_factory=dict)  # secret -> where it came from


def read_config(env: Mapping[str, str] | None = None) -> tuple[ConfigFile | None, Path]:
    path = config_path(env)
    return load_config(path), path


def active_profile(flags: ConnectionFlags, env: Mapping[str, str] | None = None) -> ActiveProfile:
    env = os.environ if env is None else env
    config, path = read_config(env)
    return select_profile(
        config, path, requested=flags.profile, overrides=flags.overrides(), env=env
    )


def system_of(active: ActiveProfile) -> System:
    return systems.system(active.profile.system)


def credential_request(active: ActiveProfile, kind: SecretKind) -> CredentialRequest:
    profile = active.profile
    if not profile.url:
        raise ConfigurationError(NO_URL)
    system = system_of(active)
    host = system.host(profile)
    return CredentialRequest(active.name, system.identity(profile), profile.user, host, kind)


def credential_requests(active: ActiveProfile) -> list[CredentialRequest]:
    """One request per secret the active profile's system needs, the renewable one first."""
    return [credential_request(active, kind) for kind in system_of(active).secrets(active.profile)]


def connect(
    flags: ConnectionFlags,
    env: Mapping[str, str] | None = None,
    *,
    keyring: KeyringStore | None = None,
    prompt: Prompt | None = None,
) -> Connection:
    """Resolve the active profile and look up every secret its system needs.

    Raises ConfigurationError (one line) for a missing URL, a bad config or a missing secret.
    """
    env = os.environ if env is None else env
    active = active_profile(flags, env)
    if not active.profile.url:
        raise ConfigurationError(NO_URL)
    system = system_of(active)
    system.check_profile(active)  # e.g. a missing client_id, before any secret is asked for
    chain = CredentialChain(
        env=env,
        keyring=keyring or KeyringStore(),
        prompt=prompt,
        password_command=active.profile.password_command,
    )
    secrets: dict[SecretName, SecretStr] = {}
    sources: dict[SecretName, str] = {}
    requests = credential_requests(active)
    for request in requests:
        found = chain.require(request)
        secrets[request.name], sources[request.name] = found.secret, found.source
    renewable = requests[0] if requests and system.renews_first_secret else None
    settings = system.settings(active, secrets, env)
    return Connection(active, system, settings, SessionCredential(renewable), sources)
