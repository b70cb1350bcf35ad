"""`make demo`: a local server with demo data, and the app signed in to it.

``tickettui demo`` opens SuperOffice; ``tickettui demo --system keliweb`` opens Keliweb (any
system whose record has a local server). The data lives in the user's data dir (one file per
system), so edits made in one demo run are there in the next.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from tickettui import systems
from tickettui.core.errors import ConfigurationError
from tickettui.systems.record import BackendContext

if TYPE_CHECKING:
    from tickettui.servers.faults import FaultPlan


def demo_db_path(system: str = systems.DEFAULT) -> Path:
    return systems.system(system).demo_db(Path(platformdirs.user_data_dir("tickettui")))


def run_demo(
    *,
    tickets: int = 500,
    fresh: bool = False,
    system: str = systems.DEFAULT,
    faults: FaultPlan | None = None,
) -> None:
    from tickettui.backends import app_backend
    from tickettui.ui.app import run_app

    record = systems.system(system)
    if record.local is None:
        raise ConfigurationError(f"{record.title} has no local server to run a demo on")
    db = demo_db_path(system)
    db.parent.mkdir(parents=True, exist_ok=True)
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    print(f"Starting the local {record.title} server ({db}) ...", flush=True)
    if faults is not None:
        print(f"Faults: {faults.describe()}", flush=True)
    server = record.local.start(tickets=tickets, db_path=db, faults=faults)
    try:
        settings = record.local.demo_settings(server.base_url)
        # The demo signs in on each run: nothing is kept in the keyring.
        # As a profile does by default: opening an unread ticket marks it read.
        run_app(app_backend(record, settings, BackendContext()), mark_read_on_open=True)
    finally:
        server.stop()
