"""What a client asks when the server rejects the credential in the middle of a session."""

from __future__ import annotations

from typing import Protocol

from pydantic import SecretStr


class CredentialProvider(Protocol):
    async def renew(self, reason: str) -> SecretStr | None:
        """A new secret (password or token) to retry with, or None to give up.

        ``reason`` is the one-line, secret-free error the server's answer became.
        """
        ...
