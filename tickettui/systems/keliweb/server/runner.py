"""Running the local Keliweb server: in a background thread (tests, demos) or blocking.

``LocalKeliweb.start`` seeds (or reuses) a database, serves it with uvicorn on a free
loopback port and returns once the port accepts connections.
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
from tickettui.systems.keliweb.server import accounts, predefined
from tickettui.systems.keliweb.server.app import API_PREFIX, TOKEN_PATH, create_app
from tickettui.systems.keliweb.server.faults import KELIWEB_STYLE
from tickettui.systems.keliweb.server.seed import ensure_seeded


class LocalKeliweb(LocalServer):
    """A running server; stop it with ``stop()`` or use it as a context manager."""

    @property
    def base_url(self) -> str:
        """The API root: clients append ``/oauth/token`` and ``/api/v2/keliweb/<action>``."""
        return f"http://{self.host}:{self.port}"

    @classmethod
    def start(
        cls,
        tickets: int = 300,
        seed: int = 7,
        db_path: Path | str | None = None,
        port: int = 0,
        access_ttl: float = accounts.ACCESS_TTL,
        *,
        refresh_ttl: float = accounts.REFRESH_TTL,
        host: str = "127.0.0.1",
        middleware: Sequence[Middleware] = (),
        faults: FaultPlan | None = None,
        predefined_replies: bool | None = None,
    ) -> LocalKeliweb:
        """``faults`` fails a share of requests the way Keliweb and its gateway do;
        ``predefined_replies`` serves WHMCS's predefined replies (None: the environment's
        switch; 404 by default, see server/predefined.py)."""
        owns_db = db_path is None
        path = scratch_db("keliweb-") if db_path is None else Path(db_path)
        result = ensure_seeded(path, tickets=tickets, seed=seed)
        app = create_app(
            path,
            middleware=middleware,
            access_ttl=access_ttl,
            refresh_ttl=refresh_ttl,
            predefined_replies=predefined_replies,
        )
        served = with_faults(app, faults, KELIWEB_STYLE)
        server, thread, actual_port = serve_in_thread(served, host, port, "Keliweb")
        return cls(server, thread, host, actual_port, path, result, owns_db, faults)


def serve(
    host: str = "127.0.0.1",
    port: int = 8081,
    tickets: int = 300,
    seed: int = 7,
    db_path: Path | str | None = None,
    access_ttl: float = accounts.ACCESS_TTL,
    faults: FaultPlan | None = None,
) -> None:
    """Blocking server for ``tickettui server --system keliweb``; reuses a seeded ``db_path``."""
    path = (
        Path(db_path)
        if db_path is not None
        else Path(tempfile.gettempdir()) / f"tickettui-keliweb-{seed}-{tickets}.sqlite"
    )
    result = ensure_seeded(path, tickets=tickets, seed=seed)
    how = "reusing" if result.reused else f"seeded in {result.seconds:.1f}s:"
    print(f"Keliweb local server: {how} {result.tickets} tickets in {path}")
    print(f"Base URL:      http://{host}:{port}")
    print(f"Token:         POST {TOKEN_PATH} (grant_type=password | refresh_token)")
    print(f"Actions:       POST {API_PREFIX}/<action>")
    if predefined.enabled(None):
        print(f"Predefined replies on ({predefined.ENV_SWITCH}=1)")
    print(f"Client id:     {accounts.DEMO_CLIENT_ID}")
    print(f"Client secret: {accounts.DEMO_CLIENT_SECRET}")
    print(f"Username:      {accounts.DEMO_USERNAME} / {accounts.DEMO_PASSWORD}")
    print(f"Access tokens expire after {access_ttl:g}s; refresh tokens rotate on use.")
    if faults is not None:
        print(f"Faults:        {faults.describe()}")
    uvicorn.run(
        quiet_disconnects(
            with_faults(create_app(path, access_ttl=access_ttl), faults, KELIWEB_STYLE)
        ),
        host=host,
        port=port,
        log_level="info",
        lifespan="off",
    )
