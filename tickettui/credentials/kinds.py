"""One secret of one profile: what to look up, how to ask for it, where the keyring keeps it.

Which secrets a profile needs, and what each is called, is its system's business
(``System.secrets`` gives ``SecretKind`` records); this module only puts a kind together with
the profile it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass

from tickettui.systems.record import SecretKind

__all__ = ["CredentialRequest", "SecretKind", "SecretName"]

SecretName = str  # a SecretKind's name: "password", "token", "app_token", "client_secret"


@dataclass(frozen=True, slots=True)
class CredentialRequest:
    """A secret of profile ``profile``, who signs in as ``identity`` at ``host``."""

    profile: str
    identity: str  # the user, or what stands for one (SuperOffice: the auth scheme)
    user: str | None
    host: str
    kind: SecretKind

    @property
    def name(self) -> SecretName:
        return self.kind.name

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def from_password_command(self) -> bool:
        return self.kind.from_password_command

    @property
    def question(self) -> str:
        """e.g. "Password for agent at so.example.com"."""
        who = f" for {self.user}" if self.user and self.kind.names_user else ""
        return f"{self.label[:1].upper()}{self.label[1:]}{who} at {self.host}"

    @property
    def keyring_user(self) -> str:
        """The keyring entry: service "tickettui", this user name."""
        return f"{self.profile}:{self.identity}{self.kind.keyring_suffix}"

    @property
    def env_variable(self) -> str:
        return self.kind.env_variable
