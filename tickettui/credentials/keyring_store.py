"""The system keyring, or a clear one-line notice (once) where there is none (headless SSH)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from pydantic import SecretStr

from tickettui.credentials.kinds import CredentialRequest

if TYPE_CHECKING:
    import keyring.backend

SERVICE = "tickettui"

NO_KEYRING = (
    "no system keyring on this machine ({backend}), so secrets are not stored: "
    "set TICKETTUI_PASSWORD/TICKETTUI_TOKEN or a password_command in the profile instead"
)

Notice = Callable[[str], None]


def _keyring() -> ModuleType:
    """The keyring package, imported on first use: it costs ~35 modules and 15-30 ms, which a
    start whose secret comes from the environment (or a password_command) never needs."""
    import keyring
    import keyring.backends.fail
    import keyring.errors

    return keyring


def backend_name(backend: keyring.backend.KeyringBackend | None = None) -> str:
    backend = backend or _keyring().get_keyring()
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


class KeyringStore:
    """Get, set and delete secrets in the system keyring; never raises for a missing backend.

    Where the keyring cannot work, ``notice`` is called once with a one-line explanation and
    every lookup answers None.
    """

    def __init__(self, notice: Notice | None = None) -> None:
        self._notice = notice
        self._broken: str | None = None
        self._told = False

    @property
    def backend(self) -> str:
        return backend_name()

    def problem(self) -> str | None:
        """Why the keyring cannot be used here, or None when it can."""
        keyring = _keyring()
        if self._broken is None and isinstance(
            keyring.get_keyring(), keyring.backends.fail.Keyring
        ):
            self._broken = NO_KEYRING.format(backend=self.backend)
        return self._broken

    @property
    def usable(self) -> bool:
        return self.problem() is None

    def _give_up(self, error: BaseException) -> None:
        # The message of a backend error may quote what it was asked: name the type only.
        self._broken = NO_KEYRING.format(backend=f"{self.backend}: {type(error).__name__}")
        self._tell()

    def _tell(self) -> None:
        if not self._told and self._broken and self._notice is not None:
            self._told = True
            self._notice(self._broken)

    def get(self, request: CredentialRequest) -> SecretStr | None:
        value = self.get_entry(request.keyring_user)
        return SecretStr(value) if value else None

    def set(self, request: CredentialRequest, secret: SecretStr) -> bool:
        """Store ``secret``; False (after the notice) when there is no keyring."""
        return self.set_entry(request.keyring_user, secret.get_secret_value())

    def get_entry(self, account: str) -> str | None:
        """The raw text stored under ``account`` (e.g. a saved OAuth token set), or None."""
        if self.problem():
            self._tell()
            return None
        keyring = _keyring()
        try:
            stored: str | None = keyring.get_password(SERVICE, account)
            return stored
        except (keyring.errors.KeyringError, RuntimeError) as error:
            self._give_up(error)
            return None

    def set_entry(self, account: str, value: str) -> bool:
        """Store ``value`` under ``account``; False (after the notice) without a keyring."""
        if self.problem():
            self._tell()
            return False
        keyring = _keyring()
        try:
            keyring.set_password(SERVICE, account, value)
        except (keyring.errors.KeyringError, RuntimeError) as error:
            self._give_up(error)
            return False
        return True

    def delete(self, request: CredentialRequest) -> bool:
        """Remove the entry; False when there was none (or no keyring)."""
        return self.delete_entry(request.keyring_user)

    def delete_entry(self, account: str) -> bool:
        """Remove the entry ``account``; False when there was none (or no keyring)."""
        if self.problem():
            self._tell()
            return False
        keyring = _keyring()
        try:
            keyring.delete_password(SERVICE, account)
        except keyring.errors.PasswordDeleteError:
            return False
        except (keyring.errors.KeyringError, RuntimeError) as error:
            self._give_up(error)
            return False
        return True


class KeptKeyringEntry:
    """One keyring entry a system keeps for a profile (``tickettui.systems.record.KeptEntry``):
    ``<profile>:<identity>:<purpose>``. Without a keyring it keeps nothing, quietly (the notice
    about the missing keyring is the credential chain's to give)."""

    def __init__(self, keyring: KeyringStore, profile: str, identity: str, purpose: str) -> None:
        self._keyring = keyring
        self.account = f"{profile}:{identity}:{purpose}"

    def get(self) -> str | None:
        return self._keyring.get_entry(self.account) if self._keyring.usable else None

    def set(self, value: str) -> None:
        if self._keyring.usable:
            self._keyring.set_entry(self.account, value)

    def delete(self) -> bool:
        return self._keyring.usable and self._keyring.delete_entry(self.account)
