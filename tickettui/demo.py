"""`make demo`: a local SuperOffice server with demo data, and the app signed in to it.

The data lives in the user's data dir, so edits made in one demo run are there in the next.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import SecretStr

from tickettui.backends import superoffice_factory
from tickettui.superoffice.settings import AuthScheme, SuperOfficeSettings


def demo_db_path() -> Path:
    return Path(platformdirs.user_data_dir("tickettui")) / "demo" / "superoffice.sqlite"


def run_demo(*, tickets: int = 500, fresh: bool = False) -> None:
    from tickettui.servers.superoffice import LocalSuperOffice, accounts
    from tickettui.ui.app import run_app

    db = demo_db_path()
    db.parent.mkdir(parents=True, exist_ok=True)
    if fresh and db.exists():
        db.unlink()
    print(f"Starting the local SuperOffice server ({db}) ...", flush=True)
    server = LocalSuperOffice.start(tickets=tickets, db_path=db)
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
