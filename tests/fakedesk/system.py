"""Fakedesk's record: everything the rest of tickettui knows about it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, SecretStr

from tests.fakedesk.backend import CAPABILITIES, SECTIONS, FakedeskBackend, FakedeskSettings
from tickettui.core.errors import ConfigurationError
from tickettui.core.sections import merged_sections
from tickettui.core.urls import display_host
from tickettui.systems.record import (
    BackendContext,
    BackendParts,
    LoginQuestion,
    SecretKind,
    System,
)

if TYPE_CHECKING:
    from tickettui.config.model import Profile
    from tickettui.config.select import ActiveProfile

API_KEY = SecretKind(
    "api_key",
    "API key",
    "TICKETTUI_FAKEDESK_KEY",
    keyring_suffix=":api-key",
    from_password_command=True,
)


class FakedeskOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    workspace: str | None = None  # Fakedesk's own profile key


def _workspace(profile: Profile) -> str | None:
    options: FakedeskOptions = SYSTEM.options_of(profile)
    return options.workspace


def _check_profile(active: ActiveProfile) -> None:
    if not _workspace(active.profile):
        raise ConfigurationError(f"No workspace in profile {active.name!r}")


def _settings(
    active: ActiveProfile, secrets: Mapping[str, SecretStr], env: Mapping[str, str]
) -> FakedeskSettings:
    profile = active.profile
    key = secrets["api_key"].get_secret_value()
    return FakedeskSettings(profile.url or "", _workspace(profile) or "", profile.user or "", key)


def _backend(settings: FakedeskSettings, context: BackendContext) -> BackendParts:
    sections = merged_sections(SECTIONS, context.sections, replace=context.replace_sections)
    account = (f"{settings.url}/{settings.workspace}", settings.user)
    return BackendParts(
        lambda: FakedeskBackend(settings, sections), CAPABILITIES, sections, account
    )


SYSTEM = System(
    name="fakedesk",
    title="Fakedesk",
    options=FakedeskOptions,
    env_overrides={"workspace": "TICKETTUI_FAKEDESK_WORKSPACE"},
    example_url="https://fakedesk.example",
    describe=lambda profile: f"api key, workspace {_workspace(profile)}",
    identity=lambda profile: profile.user or "fakedesk",
    host=lambda profile: display_host(profile.url or ""),
    check_profile=_check_profile,
    secrets=lambda profile: (API_KEY,),
    secret_variables=("TICKETTUI_FAKEDESK_KEY",),
    renews_first_secret=False,
    settings=_settings,
    backend=_backend,
    login_questions=(
        LoginQuestion("url", "Fakedesk URL", default="https://fakedesk.example", flag="url"),
        LoginQuestion("workspace", "Workspace"),
        LoginQuestion("user", "Agent e-mail", flag="user"),
    ),
)
