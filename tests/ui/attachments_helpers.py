"""What the attachment tests share: the demo tickets with files on both local servers, the
app opened on one of them saving into a folder of the test's, and the list's screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.pilot import settle, until
from tests.ui.snapshot_helpers import FrozenDetailApp
from tickettui.systems.superoffice.server.seed_attachments import (
    BIG_TICKET,
    HOSTILE_TICKET,
    PICTURES_TICKET,
)
from tickettui.ui.screens.attachments import AttachmentsScreen

__all__ = [
    "BIG_TICKET",
    "HOSTILE_TICKET",
    "PICTURES_TICKET",
    "attachments_screen",
    "keliweb_demo_tickets",
    "names_in",
    "open_list",
    "put",
    "ticket_app",
]


def ticket_app(factory: Callable[[], Any], ticket_id: int, folder: Path) -> FrozenDetailApp:
    """The app on ``ticket_id``, saving attachments into ``folder``."""
    return FrozenDetailApp(factory, ticket_id, download_folder=str(folder))


def attachments_screen(app: Any) -> AttachmentsScreen:
    screen = app.screen
    assert isinstance(screen, AttachmentsScreen), screen
    return screen


async def open_list(pilot: Pilot[Any]) -> AttachmentsScreen:
    """``A`` on the ticket, once its thread is there; the list, loaded."""
    await settle(pilot)
    await pilot.press("A")
    await until(pilot, lambda: isinstance(pilot.app.screen, AttachmentsScreen), "the list")
    await settle(pilot)
    return attachments_screen(pilot.app)


def names_in(folder: Path) -> list[str]:
    """The names in ``folder``, sorted ([] when it is not there)."""
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def put(path: Path, data: bytes) -> None:
    """A file of the agent's own, there before the app saves anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def keliweb_demo_tickets(db_path: Path) -> dict[str, int]:
    """The Keliweb tickets the seed gave its extra files: by the file that marks each."""
    conn = sqlite3.connect(db_path)
    try:
        found = {}
        for marker in ("login-error.png", "database-dump.tar.gz", "report.txt"):
            row = conn.execute(
                "SELECT id FROM ticket WHERE attachment LIKE ?", (f"%{marker}%",)
            ).fetchone()
            found[marker] = int(row[0])
        return found
    finally:
        conn.close()
