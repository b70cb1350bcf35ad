"""The local servers as the bulk tests need them: counting what reaches them (``RequestLog``),
optionally without some calls (an older server), optionally with faults; and a look at their
databases. Shared by tests/core/test_bulk*.py (helpers live once)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from starlette.middleware import Middleware

from tickettui.servers.faults import FaultPlan
from tickettui.servers.request_log import RequestLog, RequestLogging
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.superoffice.server import LocalSuperOffice

TICKETS = 60


class Without:
    """ASGI middleware: answers 404 to the requests whose "METHOD path" matches one of the
    regexes ``missing`` (a server that does not route them), as the real server's 404 does."""

    def __init__(self, app: Any, missing: Sequence[str]) -> None:
        self.app = app
        self.missing = tuple(missing)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        key = f"{scope.get('method')} {scope.get('path')}"
        if scope["type"] == "http" and any(re.search(m, key) for m in self.missing):
            body = b'{"Error":true,"ErrorType":"SoNotFoundException","ErrorMessage":"No route"}'
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", b"%d" % len(body)),
            ]
            await send({"type": "http.response.start", "status": 404, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


@contextmanager
def superoffice(
    tmp: Path,
    *,
    delay: float = 0.0,
    missing: Sequence[str] = (),
    faults: FaultPlan | None = None,
    tickets: int = TICKETS,
) -> Iterator[tuple[LocalSuperOffice, RequestLog]]:
    """A SuperOffice server of one's own and the log of what reached it."""
    log = RequestLog(delay=delay)
    middleware = [Middleware(RequestLogging, log=log)]
    if missing:
        middleware.append(Middleware(Without, missing=missing))  # inside: still counted
    server = LocalSuperOffice.start(
        tickets=tickets, seed=7, db_path=tmp / "so.sqlite", middleware=middleware, faults=faults
    )
    try:
        yield server, log
    finally:
        server.stop()


@contextmanager
def keliweb(
    tmp: Path, *, faults: FaultPlan | None = None
) -> Iterator[tuple[LocalKeliweb, RequestLog]]:
    log = RequestLog()
    server = LocalKeliweb.start(
        tickets=TICKETS,
        seed=7,
        db_path=tmp / "kw.sqlite",
        middleware=[Middleware(RequestLogging, log=log)],
        faults=faults,
    )
    try:
        yield server, log
    finally:
        server.stop()


def rows(server: Any, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """What the server's database holds (read-only)."""
    with sqlite3.connect(f"file:{server.db_path}?mode=ro", uri=True) as conn:
        return conn.execute(sql, args).fetchall()


def column(server: Any, sql: str, *args: Any) -> dict[int, Any]:
    """``SELECT id, value ...`` as {id: value}."""
    return {row[0]: row[1] for row in rows(server, sql, *args)}
