"""The profile's mark_read_on_open reaches the app: on unless the profile turns it off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.account_fixtures import MemoryKeyring
from tests.cli.helpers import PASSWORD, config_file, invoke
from tickettui.credentials.keyring_store import SERVICE


class Recorded:
    def __init__(self) -> None:
        self.options: list[dict[str, Any]] = []

    def __call__(self, factory: Any, **options: Any) -> None:
        self.options.append(options)


@pytest.fixture()
def app_runs(monkeypatch: pytest.MonkeyPatch) -> Recorded:
    """Stand in for the Textual app: record what it would have been started with."""
    recorded = Recorded()
    monkeypatch.setattr("tickettui.ui.app.run_app", recorded)
    return recorded


@pytest.mark.parametrize(("line", "expected"), [("", True), ("mark_read_on_open = false\n", False)])
def test_the_profile_says_whether_opening_marks_read(
    home: Path,
    so_server: Any,
    memory_keyring: MemoryKeyring,
    app_runs: Recorded,
    line: str,
    expected: bool,
) -> None:
    path = config_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'[profiles.local]\nurl = "{so_server.base_url}"\nuser = "agent"\n{line}')
    memory_keyring.entries[(SERVICE, "local:agent")] = PASSWORD
    result = invoke()
    assert result.exit_code == 0, result.output
    (options,) = app_runs.options
    assert options["mark_read_on_open"] is expected


def test_a_misspelt_value_is_refused_with_the_line(
    home: Path, so_server: Any, memory_keyring: MemoryKeyring, app_runs: Recorded
) -> None:
    path = config_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[profiles.local]\nurl = "{so_server.base_url}"\nuser = "agent"\n'
        'mark_read_on_open = "sometimes"\n'
    )
    result = invoke()
    assert result.exit_code != 0
    assert "line 4" in result.output and "mark_read_on_open" in result.output
    assert app_runs.options == []
