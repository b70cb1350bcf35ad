"""Running the local SuperOffice server: in a background thread (tests, demos) or blocking.

``LocalSuperOffice.start`` seeds (or reuses) a database, serves it with uvicorn on a
free loopback port and returns once the port accepts connections.
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
from tickettui.servers.superoffice import accounts
from tickettui.servers.superoffice.app import API_PREFIX, create_app
from tickettui.servers.superoffice.seed import SeedResult, ensure_seeded

STARTUP_TIMEOUT = 30.0


class LocalSuperOffice:
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
        if db_path is None:
            handle, name = tempfile.mkstemp(prefix="superoffice-", suffix=".sqlite")
            os.close(handle)
            path = Path(name)
            path.unlink()  # seed into a fresh file
        else:
            path = Path(db_path)
        result = ensure_seeded(path, tickets=tickets, seed=seed)
        # Bind the socket ourselves so port=0 yields a known free port without races.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        actual_port = sock.getsockname()[1]
        config = uvicorn.Config(
            with_faults(create_app(path, middleware=middleware), faults),
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run,
            kwargs={"sockets": [sock]},
            daemon=True,
            name=f"superoffice-{actual_port}",
        )
        thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                raise RuntimeError("local SuperOffice server failed to start")
            time.sleep(0.01)
        return cls(server, thread, host, actual_port, path, result, owns_db, faults)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        if self._owns_db:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.db_path}{suffix}").unlink()

    def __enter__(self) -> LocalSuperOffice:
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
    app = with_faults(create_app(path), faults)
    uvicorn.run(app, host=host, port=port, log_level="info", lifespan="off")
