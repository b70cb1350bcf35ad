"""Which profile is active, and that profile with the flags and TICKETTUI_* variables on top."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tickettui import systems
from tickettui.config.model import ConfigFile, Profile, known_keys, option_errors
from tickettui.core.errors import ConfigurationError

PROFILE_ENV = "TICKETTUI_PROFILE"

# Profile key <- environment variable, for every system; each system adds its own keys'
# variables (System.env_overrides). Flags (--url, --auth, --user) win over both.
ENV_OVERRIDES: Mapping[str, str] = {
    "system": "TICKETTUI_SYSTEM",
    "url": "TICKETTUI_URL",
    "user": "TICKETTUI_USER",
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
    changes = _overrides(base, overrides or {}, env)
    try:
        # Validate again so an override gets the same checks as the file.
        profile = Profile.model_validate(base.model_dump() | changes)
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        field = ".".join(str(part) for part in first["loc"])
        raise ConfigurationError(f"Invalid {field}: {first['msg']}") from None
    problems = option_errors(profile)
    if problems:
        first_problem = problems[0]
        field = ".".join(str(part) for part in first_problem["loc"])
        if first_problem["type"] == "extra_forbidden":
            system = systems.system(profile.system).title
            known = ", ".join(known_keys(profile))
            raise ConfigurationError(f"{field} is not a {system} setting (its keys: {known})")
        raise ConfigurationError(f"Invalid {field}: {first_problem['msg']}")
    return ActiveProfile(name or DEFAULT_NAME, profile, name is not None, chosen_by)


def _overrides(
    base: Profile, flags: Mapping[str, str | None], env: Mapping[str, str]
) -> dict[str, Any]:
    """What the flags and TICKETTUI_* variables change: the shared keys, then the keys of the
    system the profile ends up with (a variable of another system's key is not its business)."""
    changes: dict[str, Any] = {}
    for field, variable in ENV_OVERRIDES.items():
        if env.get(variable):
            changes[field] = env[variable]
    name = str(changes.get("system") or flags.get("system") or base.system).strip().lower()
    if name in systems.names():
        for field, variable in systems.system(name).env_overrides.items():
            if env.get(variable):
                changes[field] = env[variable]
    for field, value in flags.items():
        if value:
            changes[field] = value
    if "system" in changes:
        changes["system"] = str(changes["system"]).strip().lower()
    return changes
