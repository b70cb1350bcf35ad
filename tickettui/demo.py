"""`make demo`: a local server with demo data, and the app signed in to it.

``tickettui demo`` opens SuperOffice; ``tickettui demo --system keliweb`` opens Keliweb. The
data lives in the user's data dir (one file per system), so edits made in one demo run are
there in the next.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from pydantic import SecretStr

from tickettui.backends import BackendFactory, superoffice_factory
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

if TYPE_CHECKING:
    from tickettui.servers.faults import FaultPlan

SYSTEMS = ("superoffice", "keliweb")
_TITLES = {"superoffice": "SuperOffice", "keliweb": "Keliweb"}


def demo_db_path(system: str = "superoffice") -> Path:
    return Path(platformdirs.user_data_dir("tickettui")) / "demo" / f"{system}.sqlite"


def _keliweb_factory(base_url: str) -> BackendFactory:
    from tickettui.systems.keliweb.connect import keliweb_factory
    from tickettui.systems.keliweb.server import accounts
    from tickettui.systems.keliweb.settings import KeliwebSettings

    settings = KeliwebSettings(
        url=base_url,
        client_id=accounts.DEMO_CLIENT_ID,
        client_secret=SecretStr(accounts.DEMO_CLIENT_SECRET),
        username=accounts.DEMO_USERNAME,
        password=SecretStr(accounts.DEMO_PASSWORD),
    )
    return keliweb_factory(settings)  # tokens in memory: the demo signs in on each run


def run_demo(
    *,
    tickets: int = 500,
    fresh: bool = False,
    system: str = "superoffice",
    faults: FaultPlan | None = None,
) -> None:
    from tickettui.ui.app import run_app

    if system not in SYSTEMS:
        raise ValueError(f"unknown demo system {system!r}")
    db = demo_db_path(system)
    db.parent.mkdir(parents=True, exist_ok=True)
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    print(f"Starting the local {_TITLES[system]} server ({db}) ...", flush=True)
    if faults is not None:
        print(f"Faults: {faults.describe()}", flush=True)
    if system == "keliweb":
        from tickettui.systems.keliweb.server import LocalKeliweb

        keliweb = LocalKeliweb.start(tickets=tickets, db_path=db, faults=faults)
        try:
            run_app(_keliweb_factory(keliweb.base_url))
        finally:
            keliweb.stop()
        return

    from tickettui.systems.superoffice.server import LocalSuperOffice, accounts

    server = LocalSuperOffice.start(tickets=tickets, db_path=db, faults=faults)
    try:
        settings = SuperOfficeSettings(
            url=server.base_url,
            auth=AuthScheme.BASIC,
            user=accounts.DEMO_USER,
            password=SecretStr(accounts.DEMO_PASSWORD),
        )
        run_app(superoffice_factory(settings))
    finally:
        server.stop()
