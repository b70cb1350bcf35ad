"""The local servers as the bulk tests need them: counting what reaches them (``RequestLog``),
optionally without some calls (an older server), optionally with faults; and a look at their
databases. Shared by the bulk tests (core, CLI, soak)."""

from __future__ import annotations

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
    log = RequestLog(delay=delay, missing=tuple(missing))
    middleware = [Middleware(RequestLogging, log=log)]
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
