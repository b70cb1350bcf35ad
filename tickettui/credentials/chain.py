"""The lookup order for one secret: environment, password_command, keyring, then a prompt."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pydantic import SecretStr

from tickettui.core.errors import ConfigurationError
from tickettui.credentials.keyring_store import KeyringStore
from tickettui.credentials.kinds import CredentialRequest
from tickettui.credentials.password_command import DEFAULT_TIMEOUT, run_password_command
from tickettui.credentials.redact import register_secret

Prompt = Callable[[CredentialRequest], SecretStr | None]


@dataclass(frozen=True, slots=True)
class Found:
    secret: SecretStr
    source: str  # e.g. "TICKETTUI_PASSWORD", "password_command", "keyring", "prompt"


class CredentialChain:
    """Looks each secret up in order; the first place that has it wins.

    ``password_command`` gives the profile's main secret (password or token), not the app
    token or a client secret. ``prompt`` (None: never ask) is the last resort; its answer
    lives only in memory.
    """

    def __init__(
        self,
        *,
        env: Mapping[str, str],
        keyring: KeyringStore,
        prompt: Prompt | None = None,
        password_command: str | None = None,
        command_timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self._env = env
        self._keyring = keyring
        self._prompt = prompt
        self._command = password_command
        self._timeout = command_timeout

    def lookup(self, request: CredentialRequest) -> Found | None:
        found = self._find(request)
        if found is not None:
            register_secret(found.secret)  # the debug log blanks it wherever it turns up
        return found

    def _find(self, request: CredentialRequest) -> Found | None:
        value = self._env.get(request.env_variable)
        if value:
            return Found(SecretStr(value), request.env_variable)
        if self._command and request.from_password_command:
            return Found(
                run_password_command(self._command, timeout=self._timeout), "password_command"
            )
        stored = self._keyring.get(request)
        if stored is not None:
            return Found(stored, "keyring")
        if self._prompt is not None:
            answer = self._prompt(request)
            if answer is not None and answer.get_secret_value():
                return Found(answer, "prompt")
        return None

    def require(self, request: CredentialRequest) -> Found:
        found = self.lookup(request)
        if found is None:
            login = (
                f", or run `tickettui login --profile {request.profile}`"
                if self._keyring.usable
                else ""  # nowhere to store it: login would not help
            )
            command = (
                " or add a password_command to the profile"
                if request.from_password_command
                else ""  # a password_command gives the password only
            )
            raise ConfigurationError(
                f"No {request.label} for profile {request.profile!r}: set "
                f"{request.env_variable}{command}{login}"
            )
        return found
