"""The credential of a running session: asked for again when the server says 401 mid-session."""

from __future__ import annotations

from pydantic import SecretStr

from tickettui.core.credential_provider import AskAgain
from tickettui.credentials.kinds import CredentialRequest
from tickettui.credentials.redact import register_secret


class SessionCredential:
    """A ``CredentialProvider`` for the client. The app installs ``ask`` (a modal).

    Without ``ask`` a 401 stays a 401. A renewed secret is kept in memory only.
    """

    def __init__(self, request: CredentialRequest | None, ask: AskAgain | None = None) -> None:
        self.request = request
        self.ask = ask

    async def renew(self, reason: str) -> SecretStr | None:
        if self.ask is None or self.request is None:
            return None
        secret = await self.ask(self.request, reason)
        if secret is None or not secret.get_secret_value():
            return None
        register_secret(secret)
        return secret
