"""Running the local Keliweb server: in a background thread (tests, demos) or blocking.

``LocalKeliweb.start`` seeds (or reuses) a database, serves it with uvicorn on a free
loopback port and returns once the port accepts connections.
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import uvicorn
from starlette.middleware import Middleware

from tickettui.servers.faults import FaultPlan, with_faults
from tickettui.servers.keliweb import accounts
from tickettui.servers.keliweb.app import API_PREFIX, TOKEN_PATH, create_app
from tickettui.servers.keliweb.faults import KELIWEB_STYLE
from tickettui.servers.keliweb.seed import SeedResult, ensure_seeded

STARTUP_TIMEOUT = 30.0


class LocalKeliweb:
    """A running server; stop it with ``stop()`` or use it as a context manager."""

    def __init__(
        self,
        server: uvicorn.Server,
        thread: threading.Thread,
        host: str,
        port: int,
        db_path: Path,
        seed_result: SeedResult,
        owns_db: bool,
        faults: FaultPlan | None = None,
    ) -> None:
        self._server = server
        self._thread = thread
        self.host = host
        self.port = port
        self.db_path = db_path
        self.seed_result = seed_result
        self._owns_db = owns_db
        self.faults = faults  # read ``faults.counts`` for what was injected

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
    ) -> LocalKeliweb:
        """``faults`` fails a share of requests the way Keliweb and its gateway do."""
        owns_db = db_path is None
        if db_path is None:
            handle, name = tempfile.mkstemp(prefix="keliweb-", suffix=".sqlite")
            os.close(handle)
            path = Path(name)
            path.unlink()  # seed into a fresh file
        else:
            path = Path(db_path)
        result = ensure_seeded(path, tickets=tickets, seed=seed)
        # Bind the socket ourselves so port=0 yields a known free port without races.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no Nagle + delayed ACK
        sock.bind((host, port))
        actual_port = sock.getsockname()[1]
        app = create_app(
            path, middleware=middleware, access_ttl=access_ttl, refresh_ttl=refresh_ttl
        )
        config = uvicorn.Config(
            with_faults(app, faults, KELIWEB_STYLE),
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run,
            kwargs={"sockets": [sock]},
            daemon=True,
            name=f"keliweb-{actual_port}",
        )
        thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                raise RuntimeError("local Keliweb server failed to start")
            time.sleep(0.01)
        return cls(server, thread, host, actual_port, path, result, owns_db, faults)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        if self._owns_db:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.db_path}{suffix}").unlink()

    def __enter__(self) -> LocalKeliweb:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


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
    print(f"Client id:     {accounts.DEMO_CLIENT_ID}")
    print(f"Client secret: {accounts.DEMO_CLIENT_SECRET}")
    print(f"Username:      {accounts.DEMO_USERNAME} / {accounts.DEMO_PASSWORD}")
    print(f"Access tokens expire after {access_ttl:g}s; refresh tokens rotate on use.")
    if faults is not None:
        print(f"Faults:        {faults.describe()}")
    uvicorn.run(
        with_faults(create_app(path, access_ttl=access_ttl), faults, KELIWEB_STYLE),
        host=host,
        port=port,
        log_level="info",
        lifespan="off",
    )
