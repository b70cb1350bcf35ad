"""What both local servers share: serving an ASGI app with uvicorn in a background thread on a
loopback port, and cleaning up after it.

``LocalSuperOffice`` and ``LocalKeliweb`` subclass ``LocalServer``; each seeds its own database
and builds its own app, then hands the app to ``serve_in_thread``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import uvicorn
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send

from tickettui.servers.faults import FaultPlan

STARTUP_TIMEOUT = 30.0

__all__ = ["STARTUP_TIMEOUT", "LocalServer", "quiet_disconnects", "scratch_db", "serve_in_thread"]


def quiet_disconnects(app: ASGIApp) -> ASGIApp:
    """``app``, for which a client gone before its request was read is nothing to answer.

    The app drops a request it no longer needs (the preview's, as the cursor moves on); a
    real server's PHP or IIS just stops. Starlette raises ClientDisconnect out of the
    handler, which uvicorn logs as an error with a traceback: in the demo, on the very
    terminal the app is drawing on.
    """

    async def served(scope: Scope, receive: Receive, send: Send) -> None:
        with contextlib.suppress(ClientDisconnect):
            await app(scope, receive, send)

    return served


def scratch_db(prefix: str) -> Path:
    """A fresh path in the temp dir for a database the server owns (and deletes on stop)."""
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=".sqlite")
    os.close(handle)
    path = Path(name)
    path.unlink()  # seed into a fresh file
    return path


def serve_in_thread(
    app: Any, host: str, port: int, label: str
) -> tuple[uvicorn.Server, threading.Thread, int]:
    """Serve ``app`` until told to stop; returns once the port accepts connections."""
    # Bind the socket ourselves so port=0 yields a known free port without races.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no Nagle + delayed ACK
    sock.bind((host, port))
    actual_port = int(sock.getsockname()[1])
    config = uvicorn.Config(
        quiet_disconnects(app), log_level="warning", access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run,
        kwargs={"sockets": [sock]},
        daemon=True,
        name=f"{label.lower()}-{actual_port}",
    )
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"local {label} server failed to start")
        time.sleep(0.01)
    return server, thread, actual_port


class LocalServer:
    """A running local server; stop it with ``stop()`` or use it as a context manager."""

    def __init__(
        self,
        server: uvicorn.Server,
        thread: threading.Thread,
        host: str,
        port: int,
        db_path: Path,
        seed_result: Any,
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

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        if self._owns_db:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.db_path}{suffix}").unlink()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
