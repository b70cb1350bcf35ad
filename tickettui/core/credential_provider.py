"""What a client asks when the server rejects the credential in the middle of a session."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from pydantic import SecretStr


class CredentialProvider(Protocol):
    async def renew(self, reason: str) -> SecretStr | None:
        """A new secret (password or token) to retry with, or None to give up.

        ``reason`` is the one-line, secret-free error the server's answer became.
        """
        ...


class SecretQuestion(Protocol):
    """A secret to ask for again, as the user reads it ("Password for agent at host")."""

    @property
    def question(self) -> str: ...


# (what to ask for, why) -> the new secret, or None when the user cancelled.
AskAgain = Callable[[SecretQuestion, str], Awaitable[SecretStr | None]]


class RenewableCredential(Protocol):
    """A session's credential that the app can ask for again (it installs ``ask``)."""

    ask: AskAgain | None
