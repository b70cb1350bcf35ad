"""Fixtures for profiles and credentials: a private home, an in-memory keyring, no keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in a dict, like a desktop's would on disk."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(username) from None


class BrokenKeyring(MemoryKeyring):
    """A backend that exists but fails, like a locked Secret Service over SSH."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("the collection is locked")


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, cache, log and data dirs inside tmp_path; no TICKETTUI_* from the caller."""
    import os

    for name in list(os.environ):
        if name.startswith("TICKETTUI_"):
            monkeypatch.delenv(name)
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_DATA_HOME", "data"),
    ):
        monkeypatch.setenv(variable, str(tmp_path / folder))
    config = tmp_path / "config" / "tickettui" / "config.toml"
    monkeypatch.setenv("TICKETTUI_CONFIG", str(config))
    return tmp_path


@pytest.fixture()
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture()
def no_keyring() -> Iterator[keyring.backends.fail.Keyring]:
    """What a headless server has: the real "fail" backend."""
    previous = keyring.get_keyring()
    backend = keyring.backends.fail.Keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture()
def broken_keyring() -> Iterator[BrokenKeyring]:
    previous = keyring.get_keyring()
    backend = BrokenKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
