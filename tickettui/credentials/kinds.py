"""Which secrets each auth scheme needs, and how each is named to a user and in the keyring."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tickettui.systems.superoffice.settings import AuthScheme

SecretName = Literal["password", "token", "app_token", "client_secret"]

ENV_VARIABLES: dict[SecretName, str] = {
    "password": "TICKETTUI_PASSWORD",
    "token": "TICKETTUI_TOKEN",
    "app_token": "TICKETTUI_APP_TOKEN",
    "client_secret": "TICKETTUI_CLIENT_SECRET",
}

_NEEDS: dict[AuthScheme, tuple[SecretName, ...]] = {
    AuthScheme.BASIC: ("password",),
    AuthScheme.SOTICKET: ("token", "app_token"),
    AuthScheme.BEARER: ("token",),
}

_LABELS: dict[tuple[AuthScheme, SecretName], str] = {
    (AuthScheme.BASIC, "password"): "password",
    (AuthScheme.SOTICKET, "token"): "SOTicket credential",
    (AuthScheme.SOTICKET, "app_token"): "app token (SO-AppToken)",
    (AuthScheme.BEARER, "token"): "access token",
}


# Keliweb signs in with the customer's password and the OAuth client's secret (system-wide:
# its profiles have no auth scheme to choose).
KELIWEB_SECRETS: tuple[SecretName, ...] = ("password", "client_secret")


def secrets_for(scheme: AuthScheme, system: str = "superoffice") -> tuple[SecretName, ...]:
    """The secrets ``scheme`` needs; the first is the one that expires and gets renewed."""
    if system == "keliweb":
        return KELIWEB_SECRETS
    return _NEEDS.get(scheme, ())


def from_password_command(name: SecretName) -> bool:
    """A profile's password_command gives its main secret (password or token) only."""
    return name in ("password", "token")


@dataclass(frozen=True, slots=True)
class CredentialRequest:
    """One secret of one profile: what to look up, and how to ask for it."""

    profile: str
    scheme: AuthScheme
    user: str | None
    host: str
    name: SecretName

    @property
    def label(self) -> str:
        return _LABELS.get((self.scheme, self.name), self.name.replace("_", " "))

    @property
    def question(self) -> str:
        """e.g. "Password for agent at so.example.com"."""
        who = f" for {self.user}" if self.user and self.scheme is AuthScheme.BASIC else ""
        return f"{self.label[:1].upper()}{self.label[1:]}{who} at {self.host}"

    @property
    def keyring_user(self) -> str:
        """The keyring entry: service "tickettui", this user name."""
        account = f"{self.profile}:{self.user or self.scheme.value}"
        suffix = {"app_token": ":app-token", "client_secret": ":client-secret"}
        return account + suffix.get(self.name, "")

    @property
    def env_variable(self) -> str:
        return ENV_VARIABLES[self.name]
