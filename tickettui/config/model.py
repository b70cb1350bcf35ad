"""The shape of config.toml, strictly validated: an unknown or misspelt key is an error.

A profile has the keys every system shares (url, user, sections, columns, theme...) and the
keys of its own system (SuperOffice's ``auth`` and locale headers, Keliweb's ``client_id``):
those belong to the system's record (``System.options``), which checks them just as strictly
(``option_errors``).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import ErrorDetails

from tickettui import systems
from tickettui.config.display_zone import DisplayZone
from tickettui.core.columns import COLUMNS
from tickettui.core.live_policy import LivePolicy, Notify, SectionLive, parse_interval

# Profile names end up in keyring entries and TOML table headers: keep them plain.
PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


class SectionConfig(BaseModel):
    """A saved query shown as one more tab of the queue."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(min_length=1)
    title: str = Field(min_length=1)
    query: str
    order_by: str = ""


class LiveConfig(BaseModel):
    """One section's live settings (``[profiles.NAME.live.SECTION_KEY]``), overriding the
    profile's ``refresh`` and ``notify``."""

    model_config = ConfigDict(extra="forbid")

    refresh: str | int | float | None = None  # "2m", "90s", "0"/"off"
    notify: Notify | None = None

    @field_validator("refresh")
    @classmethod
    def _refresh_interval(cls, value: str | int | float | None) -> str | int | float | None:
        if value is not None:
            parse_interval(value)  # a ValueError is reported under the key
        return value


class Profile(BaseModel):
    """One tenant: where it is, how to sign in, and how the queue looks for it.

    Keys this model does not name are the system's own (``model_extra``), checked against its
    record by ``option_errors``.
    """

    model_config = ConfigDict(extra="allow")

    url: str | None = None
    system: str = systems.DEFAULT
    user: str | None = None  # SuperOffice: agent user name; Keliweb: the customer e-mail
    password_command: str | None = None  # e.g. "pass show superoffice/agent"; first line wins
    sections: list[SectionConfig] = Field(default_factory=list)
    replace_sections: bool = False  # true: only these sections, not the defaults before them
    columns: list[str] | None = None
    keymap: dict[str, str] = Field(default_factory=dict)  # binding id -> keys, e.g. "j,down"
    theme: str | None = None
    confirm_close: bool = True  # `c` asks "Close ticket N?" first (u undoes it either way)
    timezone_display: DisplayZone = "local"  # times on screen: local, UTC or e.g. Europe/Oslo
    mark_read_on_open: bool = True  # opening an unread ticket marks it read (as `m` does)
    ca_bundle: str | None = None  # a CA bundle file for an onsite install's own certificate
    verify_tls: bool = True
    allow_insecure_http: bool = False  # plain http:// to a non-loopback host (else refused)
    # Live queues: every section refreshes itself this often ("2m", "90s"; "0"/"off": never),
    # asking only what changed; `notify` tells of new tickets ("bell", "osc9", "osc777", "none").
    refresh: str | int | float = "off"
    notify: Notify = Notify.NONE
    live: dict[str, LiveConfig] = Field(default_factory=dict)  # by section key
    # The ticket's web page, {id} and {number} filled in (y/Y/w in the app, `show --url`);
    # unset: the system's usual agent page (SuperOffice Service's ticket.fcgi).
    web_url: str | None = None
    # Where attachments are saved (`A` on a ticket, `tickettui attachment save`); unset: the
    # platform's downloads folder. `~` is the home folder.
    download_folder: str | None = None

    @field_validator("web_url")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        from tickettui.core.errors import ConfigurationError
        from tickettui.core.ticket_links import check_template

        if value is None:
            return None
        try:
            return check_template(value.strip())
        except ConfigurationError as error:  # reported under the key, as every other
            raise ValueError(str(error).removeprefix("web_url: ")) from None

    @field_validator("refresh")
    @classmethod
    def _refresh_interval(cls, value: str | int | float) -> str | int | float:
        parse_interval(value)
        return value

    def live_policy(self) -> LivePolicy:
        """The live settings as the queue uses them."""
        default = SectionLive(parse_interval(self.refresh), self.notify)
        by_section = {
            key: SectionLive(
                default.interval if own.refresh is None else parse_interval(own.refresh),
                default.notify if own.notify is None else own.notify,
            )
            for key, own in self.live.items()
        }
        return LivePolicy(default, by_section)

    @field_validator("system")
    @classmethod
    def _known_system(cls, value: str) -> str:
        name = value.strip().lower()
        if name not in systems.names():
            raise ValueError(f"must be one of {', '.join(systems.names())}")
        return name

    @field_validator("verify_tls")
    @classmethod
    def _always_verify(cls, value: bool) -> bool:
        if not value:
            raise ValueError(
                "TLS verification cannot be turned off: set ca_bundle to your server's CA file"
            )
        return value

    @field_validator("columns")
    @classmethod
    def _known_columns(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        unknown = [key for key in value if key not in COLUMNS]
        if unknown:
            raise ValueError(
                f"unknown column {', '.join(map(repr, unknown))}; known: {', '.join(COLUMNS)}"
            )
        if not value:
            raise ValueError("needs at least one column")
        return value

    @field_validator("sections")
    @classmethod
    def _unique_sections(cls, value: list[SectionConfig]) -> list[SectionConfig]:
        keys = [section.key for section in value]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        if twice:
            raise ValueError(f"section key {', '.join(map(repr, twice))} is used twice")
        return value


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # profiles first: default_profile is checked against them.
    profiles: dict[str, Profile] = Field(default_factory=dict)
    default_profile: str | None = None

    @field_validator("profiles")
    @classmethod
    def _plain_names(cls, value: dict[str, Profile]) -> dict[str, Profile]:
        for name in value:
            if not PROFILE_NAME.fullmatch(name):
                raise ValueError(
                    f"profile name {name!r} may hold only letters, digits, '-' and '_'"
                )
        return value

    @field_validator("default_profile")
    @classmethod
    def _default_exists(cls, value: str | None, info: ValidationInfo) -> str | None:
        if "profiles" not in info.data:
            return value  # the profiles have errors of their own; report those
        profiles = info.data["profiles"]
        if value is not None and value not in profiles:
            known = ", ".join(profiles) or "none yet"
            raise ValueError(f"{value!r} is not a profile (profiles: {known})")
        return value


SHARED_KEYS = tuple(Profile.model_fields)


def option_errors(profile: Profile) -> list[ErrorDetails]:
    """What is wrong with the profile's own keys for its system (loc: the key)."""
    try:
        systems.system(profile.system).options_of(profile)
    except ValidationError as error:
        return error.errors(include_url=False, include_input=False)
    return []


def known_keys(profile: Profile | None) -> list[str]:
    """The keys a profile may have: the shared ones and its system's."""
    own = list(systems.system(profile.system).options.model_fields) if profile else []
    return [*SHARED_KEYS, *own]


def json_schema() -> dict[str, object]:
    """The JSON schema of config.toml, for editors (Taplo, Even Better TOML): a profile's keys
    are the shared ones and those of every system (each says which system it belongs to)."""
    schema: dict[str, Any] = ConfigFile.model_json_schema()
    profile = schema["$defs"]["Profile"]
    properties = profile.setdefault("properties", {})
    for name in systems.names():
        record = systems.system(name)
        for key, spec in record.options.model_json_schema().get("properties", {}).items():
            spec = dict(spec)
            spec["description"] = f"{record.title} only. {spec.get('description', '')}".strip()
            properties.setdefault(key, spec)
    profile["additionalProperties"] = False
    return schema
