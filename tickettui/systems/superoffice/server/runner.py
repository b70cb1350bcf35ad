"""Running the local SuperOffice server: in a background thread (tests, demos) or blocking.

``LocalSuperOffice.start`` seeds (or reuses) a database, serves it with uvicorn on a
free loopback port and returns once the port accepts connections.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import uvicorn
from starlette.middleware import Middleware

from tickettui.servers.faults import FaultPlan, with_faults
from tickettui.servers.threaded import (
    LocalServer,
    quiet_disconnects,
    scratch_db,
    serve_in_thread,
)
from tickettui.systems.superoffice.server import accounts
from tickettui.systems.superoffice.server.app import API_PREFIX, create_app
from tickettui.systems.superoffice.server.seed import ensure_seeded


class LocalSuperOffice(LocalServer):
    """A running server; stop it with ``stop()`` or use it as a context manager."""

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}{API_PREFIX}"

    @classmethod
    def start(
        cls,
        tickets: int = 200,
        seed: int = 7,
        db_path: Path | str | None = None,
        port: int = 0,
        *,
        host: str = "127.0.0.1",
        middleware: Sequence[Middleware] = (),
        faults: FaultPlan | None = None,
    ) -> LocalSuperOffice:
        owns_db = db_path is None
        path = scratch_db("superoffice-") if db_path is None else Path(db_path)
        result = ensure_seeded(path, tickets=tickets, seed=seed)
        served = with_faults(create_app(path, middleware=middleware), faults)
        server, thread, actual_port = serve_in_thread(served, host, port, "SuperOffice")
        return cls(server, thread, host, actual_port, path, result, owns_db, faults)


def serve(
    host: str = "127.0.0.1",
    port: int = 8080,
    tickets: int = 200,
    seed: int = 7,
    db_path: Path | str | None = None,
    faults: FaultPlan | None = None,
) -> None:
    """Blocking server for ``tickettui server``; reuses ``db_path`` if already seeded."""
    path = (
        Path(db_path)
        if db_path is not None
        else Path(tempfile.gettempdir()) / f"tickettui-superoffice-{seed}-{tickets}.sqlite"
    )
    result = ensure_seeded(path, tickets=tickets, seed=seed)
    how = "reusing" if result.reused else f"seeded in {result.seconds:.1f}s:"
    print(f"SuperOffice local server: {how} {result.tickets} tickets in {path}")
    print(f"Base URL:  http://{host}:{port}{API_PREFIX}")
    print(f"Basic:     {accounts.DEMO_USER} / {accounts.DEMO_PASSWORD}")
    print(f"SOTicket:  {accounts.DEMO_SOTICKET}  (SO-AppToken: {accounts.DEMO_APP_TOKEN})")
    print(f"Bearer:    {accounts.DEMO_BEARER}")
    if faults is not None:
        print(f"Faults:    {faults.describe()}")
    app = quiet_disconnects(with_faults(create_app(path), faults))
    uvicorn.run(app, host=host, port=port, log_level="info", lifespan="off")
