"""SuperOffice Service (the NetServer Web API) as the rest of the app knows it: its record.

Light on purpose: the record and its options load with the command line; the client, the wire
models and the local server are imported only by the functions that need them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, SecretStr, field_validator

from tickettui.core.sections import merged_sections
from tickettui.systems.record import (
    BackendContext,
    BackendParts,
    LocalServers,
    LoginQuestion,
    SecretKind,
    System,
)
from tickettui.systems.superoffice.descriptor import CAPABILITIES, DEFAULT_SECTIONS
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings
from tickettui.systems.superoffice.urls import api_base_url, check_transport, display_host
from tickettui.systems.superoffice.web_url import default_web_url

if TYPE_CHECKING:
    from tickettui.config.model import Profile
    from tickettui.config.select import ActiveProfile
    from tickettui.core.backend import Backend

__all__ = ["SYSTEM"]

EXAMPLE_URL = "https://host/SuperOffice/api"
ALLOW_HTTP_ENV = "TICKETTUI_ALLOW_HTTP"
AUTH_CHOICES = ("basic", "soticket", "bearer")


class SuperOfficeOptions(BaseModel):
    """The profile keys only SuperOffice has."""

    model_config = ConfigDict(extra="forbid")

    auth: Literal["basic", "soticket", "bearer"] = "basic"
    language: str | None = None  # SO-Language
    culture: str | None = None  # SO-Culture
    timezone: str | None = None  # SO-TimeZone
    accept_language: str | None = None  # Accept-Language

    @field_validator("auth", mode="before")
    @classmethod
    def _lowered(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value


def _options(profile: Profile) -> SuperOfficeOptions:
    options: SuperOfficeOptions = SYSTEM.options_of(profile)
    return options


PASSWORD = SecretKind(
    "password",
    "password",
    "TICKETTUI_PASSWORD",
    from_password_command=True,
    names_user=True,
)
SOTICKET = SecretKind("token", "SOTicket credential", "TICKETTUI_TOKEN", from_password_command=True)
APP_TOKEN = SecretKind(
    "app_token", "app token (SO-AppToken)", "TICKETTUI_APP_TOKEN", keyring_suffix=":app-token"
)
ACCESS_TOKEN = SecretKind("token", "access token", "TICKETTUI_TOKEN", from_password_command=True)
_SECRETS: dict[str, tuple[SecretKind, ...]] = {
    "basic": (PASSWORD,),
    "soticket": (SOTICKET, APP_TOKEN),
    "bearer": (ACCESS_TOKEN,),
}


def _secrets(profile: Profile) -> tuple[SecretKind, ...]:
    return _SECRETS[_options(profile).auth]


def _identity(profile: Profile) -> str:
    return profile.user or _options(profile).auth


def _host(profile: Profile) -> str:
    return display_host(api_base_url(profile.url or ""))


def _check_profile(active: ActiveProfile) -> None:
    api_base_url(active.profile.url or "")  # a one-line reason for a malformed URL


def _settings(
    active: ActiveProfile, secrets: Mapping[str, SecretStr], env: Mapping[str, str]
) -> SuperOfficeSettings:
    profile = active.profile
    options = _options(profile)
    base = api_base_url(profile.url or "")
    allow_http = profile.allow_insecure_http or env.get(ALLOW_HTTP_ENV, "") == "1"
    check_transport(base, allow_http=allow_http)  # before any password goes out in clear
    verify: bool | str = profile.ca_bundle or profile.verify_tls
    return SuperOfficeSettings(
        url=profile.url or "",
        auth=AuthScheme(options.auth),
        user=profile.user,
        password=secrets.get("password"),
        token=secrets.get("token"),
        app_token=secrets.get("app_token"),
        accept_language=options.accept_language,
        language=options.language,
        culture=options.culture,
        timezone=options.timezone,
        verify_tls=verify,
        allow_insecure_http=allow_http,
    )


def _backend(settings: SuperOfficeSettings, context: BackendContext) -> BackendParts:
    sections = merged_sections(DEFAULT_SECTIONS, context.sections, replace=context.replace_sections)

    def build() -> Backend:
        # httpx, pydantic wire models and the connection pool: only when it is built.
        from tickettui.systems.superoffice.backend import SuperOfficeBackend
        from tickettui.systems.superoffice.client import SuperOfficeClient

        client = SuperOfficeClient(settings, credentials=context.credentials)
        return SuperOfficeBackend(client, sections)

    # Keyed by server and user (as SuperOfficeClient.account), never by a secret.
    account = (api_base_url(settings.url), settings.user or settings.auth.value)
    return BackendParts(build, CAPABILITIES, sections, account)


def _checked_url(value: str) -> str:
    api_base_url(value)
    return value.strip()


def _demo_settings(base_url: str) -> SuperOfficeSettings:
    from tickettui.systems.superoffice.server import accounts

    return SuperOfficeSettings(
        url=base_url,
        auth=AuthScheme.BASIC,
        user=accounts.DEMO_USER,
        password=SecretStr(accounts.DEMO_PASSWORD),
    )


def _demo_profile(base_url: str) -> dict[str, str]:
    from tickettui.systems.superoffice.server import accounts

    return {"url": base_url, "user": accounts.DEMO_USER}


def _demo_env() -> dict[str, str]:
    from tickettui.systems.superoffice.server import accounts

    return {"TICKETTUI_PASSWORD": accounts.DEMO_PASSWORD}


def _describe(profile: Profile) -> str:
    return _options(profile).auth


SYSTEM = System(
    name="superoffice",
    title="SuperOffice",
    options=SuperOfficeOptions,
    env_overrides={
        "auth": "TICKETTUI_AUTH",
        "language": "TICKETTUI_LANGUAGE",
        "culture": "TICKETTUI_CULTURE",
        "timezone": "TICKETTUI_TIMEZONE",
        "accept_language": "TICKETTUI_ACCEPT_LANGUAGE",
    },
    example_url=EXAMPLE_URL,
    web_url=default_web_url,
    describe=_describe,
    identity=_identity,
    host=_host,
    check_profile=_check_profile,
    secrets=_secrets,
    secret_variables=("TICKETTUI_PASSWORD", "TICKETTUI_TOKEN", "TICKETTUI_APP_TOKEN"),
    renews_first_secret=True,
    settings=_settings,
    backend=_backend,
    login_questions=(
        LoginQuestion(
            "url",
            "Server API URL (e.g. https://host/SuperOffice/api; for another system run "
            "`tickettui login --system NAME`)",
            check=_checked_url,
            flag="url",
        ),
        LoginQuestion(
            "auth",
            "Sign in with basic (user + password), soticket (Online system user) "
            "or bearer (access token)",
            default="basic",
            choices=AUTH_CHOICES,
            flag="auth",
        ),
        LoginQuestion(
            "user", "User name", flag="user", when=lambda answers: answers.get("auth") == "basic"
        ),
    ),
    local=LocalServers(
        "tickettui.systems.superoffice.server",
        8080,
        demo_settings=_demo_settings,
        demo_profile=_demo_profile,
        demo_env=_demo_env,
    ),
)
