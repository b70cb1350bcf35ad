"""A customer's attachment opened with the desktop's program (``o`` in the list of files):
that program, and whatever the file makes it do, gets none of tickettui's secrets.

The same rule as for ``$EDITOR`` and ``password_command`` (issue 21, item 9): a viewer that a
hostile file drives, or a plugin in it, could read its environment and pass it on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import backend_factory_for
from tests.opener_spy import spied, spy_on_the_opener
from tests.pilot import settle, until
from tests.ui.snapshot_helpers import FrozenDetailApp
from tickettui.systems.superoffice.server.seed_attachments import HOSTILE_TICKET
from tickettui.ui.screens import attachments
from tickettui.ui.screens.attachments import AttachmentsScreen


async def test_the_program_that_opens_a_file_gets_no_secret(
    so_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = spy_on_the_opener(monkeypatch, tmp_path)
    monkeypatch.setattr(attachments, "has_desktop", lambda: True)
    factory = backend_factory_for(so_server)
    app = FrozenDetailApp(factory, HOSTILE_TICKET, download_folder=str(tmp_path / "files"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, AttachmentsScreen), "the files")
        await settle(pilot)
        await pilot.press("o")
        await until(pilot, lambda: spied(record), "the opener")
    found = spied(record)
    assert found is not None
    seen, opened = found
    assert seen == "KEPT"  # the secrets stayed behind, the rest was handed on
    assert Path(opened).is_file()  # noqa: ASYNC240 - after the app has stopped
