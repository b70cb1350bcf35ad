"""A customer's attachment opened with the desktop's program (``o`` in the list of files):
that program, and whatever the file makes it do, gets none of tickettui's secrets.

The same rule as for ``$EDITOR`` and ``password_command`` (issue 21, item 9): a viewer that a
hostile file drives, or a plugin in it, could read its environment and pass it on.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import backend_factory_for
from tests.pilot import settle, until
from tests.ui.snapshot_helpers import FrozenDetailApp
from tickettui.systems.superoffice.server.seed_attachments import HOSTILE_TICKET
from tickettui.ui.screens import attachments
from tickettui.ui.screens.attachments import AttachmentsScreen

SECRETS = (
    "TICKETTUI_PASSWORD",
    "TICKETTUI_TOKEN",
    "TICKETTUI_APP_TOKEN",
    "TICKETTUI_CLIENT_SECRET",
)

OPENER = """
import os, sys
seen = sorted(n for n in os.environ if n.startswith("TICKETTUI_") or n == "KEPT")
open(sys.argv[1], "w").write(" ".join(seen) + "\\n" + sys.argv[2])
"""


async def test_the_program_that_opens_a_file_gets_no_secret(
    so_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script, record = tmp_path / "opener.py", tmp_path / "seen.txt"
    script.write_text(OPENER)
    monkeypatch.setattr(
        attachments,
        "system_opener",
        lambda path: [sys.executable, str(script), str(record), str(path)],
    )
    monkeypatch.setattr(attachments, "has_desktop", lambda: True)
    for name in SECRETS:
        monkeypatch.setenv(name, f"s3cret-{name}")
    monkeypatch.setenv("KEPT", "anything else is handed on")
    factory = backend_factory_for(so_server)
    app = FrozenDetailApp(factory, HOSTILE_TICKET, download_folder=str(tmp_path / "files"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, AttachmentsScreen), "the files")
        await settle(pilot)
        await pilot.press("o")
        await until(pilot, lambda: record.exists() and "\n" in record.read_text(), "the opener")
    seen, opened = record.read_text().split("\n", 1)
    assert seen == "KEPT"  # the secrets stayed behind, the rest was handed on
    assert Path(opened).is_file()  # noqa: ASYNC240 - after the app has stopped
