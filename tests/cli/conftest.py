"""Every CLI test runs in a private home without a keyring, so a developer's own config,
keyring entries and TICKETTUI_PROFILE never change what a test sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.account_fixtures import broken_keyring, home, memory_keyring, no_keyring

__all__ = ["broken_keyring", "home", "memory_keyring", "no_keyring"]


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Subprocesses keep these (test_cli.run drops only TICKETTUI_*).
    for variable, folder in (
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_CACHE_HOME", "xdg-cache"),
        ("XDG_STATE_HOME", "xdg-state"),
        ("XDG_DATA_HOME", "xdg-data"),
    ):
        monkeypatch.setenv(variable, str(tmp_path / folder))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
