"""What the attachment list looks like at 80x24: the ticket with a picture, a PDF and a log
(SuperOffice's demo ticket 20), over SSH, saving into the profile's ~/Downloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.pilot import settle
from tests.ui.attachments_helpers import PICTURES_TICKET, open_list
from tests.ui.snapshot_helpers import FrozenDetailApp

pytestmark = pytest.mark.usefixtures("utc")  # tests/ui/conftest.py


def test_attachment_list_at_80x24(
    snap_compare: Any, so_backend_factory: Callable[[], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22")

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_list(pilot)
        await settle(pilot)

    app = FrozenDetailApp(so_backend_factory, PICTURES_TICKET, download_folder="~/Downloads")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
