"""Which profile is active, and that profile with the flags and TICKETTUI_* variables on top."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tickettui.config.model import SUPPORTED_SYSTEMS, ConfigFile, Profile
from tickettui.core.errors import ConfigurationError

PROFILE_ENV = "TICKETTUI_PROFILE"

# Profile field <- environment variable. Flags (--url, --auth, --user) win over both.
ENV_OVERRIDES: Mapping[str, str] = {
    "system": "TICKETTUI_SYSTEM",
    "url": "TICKETTUI_URL",
    "auth": "TICKETTUI_AUTH",
    "user": "TICKETTUI_USER",
    "client_id": "TICKETTUI_CLIENT_ID",
    "language": "TICKETTUI_LANGUAGE",
    "culture": "TICKETTUI_CULTURE",
    "timezone": "TICKETTUI_TIMEZONE",
    "accept_language": "TICKETTUI_ACCEPT_LANGUAGE",
}
DEFAULT_NAME = "default"


@dataclass(frozen=True, slots=True)
class ActiveProfile:
    name: str  # "default" when no file profile is in use (keyring entries still need a name)
    profile: Profile  # with overrides applied
    from_file: bool  # False: flags and environment only
    chosen_by: str  # "--profile", "TICKETTUI_PROFILE", "default_profile", "only profile", ""


def profile_name(
    config: ConfigFile | None, requested: str | None, env: Mapping[str, str]
) -> tuple[str | None, str]:
    """The name of the active profile (None: none) and what chose it."""
    if requested:
        return requested, "--profile"
    if env.get(PROFILE_ENV):
        return env[PROFILE_ENV], PROFILE_ENV
    if config is None:
        return None, ""
    if config.default_profile:
        return config.default_profile, "default_profile"
    if len(config.profiles) == 1:
        return next(iter(config.profiles)), "only profile"
    return None, ""


def select_profile(
    config: ConfigFile | None,
    path: Path,
    *,
    requested: str | None = None,
    overrides: Mapping[str, str | None] | None = None,
    env: Mapping[str, str] | None = None,
) -> ActiveProfile:
    """The active profile with ``overrides`` (flags) and then ``env`` applied over the file."""
    env = {} if env is None else env
    name, chosen_by = profile_name(config, requested, env)
    profiles = config.profiles if config is not None else {}
    if name is not None and name not in profiles:
        known = ", ".join(profiles) or "none yet"
        raise ConfigurationError(
            f"No profile {name!r} in {path} (profiles: {known}); "
            f"create it with `tickettui login --profile {name}`"
        )
    base = profiles[name] if name is not None else Profile()
    changes: dict[str, Any] = {}
    for field, variable in ENV_OVERRIDES.items():
        if env.get(variable):
            changes[field] = env[variable]
    for field, value in (overrides or {}).items():
        if value:
            changes[field] = value
    for lowered in ("auth", "system"):
        if lowered in changes:
            changes[lowered] = str(changes[lowered]).strip().lower()
    try:
        # Validate again so an override gets the same checks as the file.
        profile = Profile.model_validate(base.model_dump() | changes)
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        field = ".".join(str(part) for part in first["loc"])
        raise ConfigurationError(f"Invalid {field}: {first['msg']}") from None
    if profile.system not in SUPPORTED_SYSTEMS:
        raise ConfigurationError(
            f"Profile {name!r}: system {profile.system!r} is not supported yet "
            f"(supported: {', '.join(SUPPORTED_SYSTEMS)})"
        )
    return ActiveProfile(name or DEFAULT_NAME, profile, name is not None, chosen_by)
