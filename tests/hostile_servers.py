"""Local servers that put hostile text in every string they own.

The servers are the real local ones (real HTTP on loopback, their SQLite data), with names,
numbers and labels rewritten in the database, and a middleware that answers chosen requests
with an error in the system's own shape whose message is hostile; on SuperOffice another one
makes the tenant's own names hostile (ticket field labels, reply template names and folders).
Import the fixtures into a test module as with ``tests.keliweb_fixtures``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tests.hostile_text import CLICK, CLIPBOARD, CRASH, server_name
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.keliweb.server import accounts as kw_accounts
from tickettui.systems.keliweb.server.seed import ensure_seeded as seed_keliweb
from tickettui.systems.superoffice.server import LocalSuperOffice
from tickettui.systems.superoffice.server import accounts as so_accounts
from tickettui.systems.superoffice.server.seed import ensure_seeded as seed_superoffice

ERROR_MESSAGE = server_name("Deadlock victim")
HOSTILE_TID = f"616611{CLIPBOARD}"  # a ticket number that writes the clipboard where shown
GHOST_STATUS = server_name("Ghost")  # a status no longer in the server's list


@dataclass
class HostileErrors:
    """Answers the requests a test picks with an error whose message is hostile."""

    answer: Callable[[], Response]
    when: Callable[[Request], bool] = field(default=lambda request: False)

    def middleware(self) -> Middleware:
        return Middleware(_Intercept, errors=self)

    @contextmanager
    def failing(self, path_part: str, method: str = "") -> Iterator[None]:
        """Within the block, requests whose path holds ``path_part`` get the hostile error."""
        self.when = lambda request: (
            path_part in request.url.path and (not method or request.method == method)
        )
        try:
            yield
        finally:
            self.when = lambda request: False


class _Intercept(BaseHTTPMiddleware):
    def __init__(self, app: Any, errors: HostileErrors) -> None:
        super().__init__(app)
        self.errors = errors

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if self.errors.when(request):
            return self.errors.answer()
        return await call_next(request)


class _HostileLabels(BaseHTTPMiddleware):
    """SuperOffice's tenant-made names made hostile: the ticket fields' labels (``GET
    Ticket/CustomField``: the detail's header, the edit form) and the reply templates' names
    and folders (``MDOList/replytemplate...``: the template picker)."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        path = request.url.path
        if path.endswith("/Ticket/CustomField"):
            key = "DisplayName"
        elif "/MDOList/replytemplate" in path:
            key = "Name"
        else:
            return response
        if response.status_code != 200:
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        data = json.loads(body)
        _rename(data, key)
        return JSONResponse(data)


def _rename(data: Any, key: str) -> None:
    """Every ``key`` in ``data`` (nested lists and objects) made a hostile label."""
    if isinstance(data, list):
        for item in data:
            _rename(item, key)
    elif isinstance(data, dict):
        if isinstance(data.get(key), str) and data[key]:
            data[key] = field_label(data[key])
        for value in data.values():
            _rename(value, key)


def field_label(label: str) -> str:
    """A label as the hostile tenant has it: the label, markup, then escapes."""
    return f"{label} [link=https://evil.example]x[/link] [/b] {CLIPBOARD}"


def superoffice_error() -> Response:
    """SuperOffice's own error object, as a failing NetServer sends it."""
    body = {
        "Error": True,
        "ErrorType": "SoServerException",
        "ErrorMessage": ERROR_MESSAGE,
        "ErrorSource": "SuperOffice.Services.Implementation",
    }
    return JSONResponse(body, status_code=500)


def keliweb_error() -> Response:
    """WHMCS's error: HTTP 200 with ``result: error``."""
    return JSONResponse({"result": "error", "message": ERROR_MESSAGE})


# --- Keliweb -------------------------------------------------------------------------------


@dataclass
class HostileKeliweb:
    server: LocalKeliweb
    errors: HostileErrors
    hostile_tid_ticket: int  # its tid is HOSTILE_TID
    ghost_status_ticket: int  # its status is GHOST_STATUS


def _make_keliweb_hostile(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        # Departments are sections, palette entries and edit-form choices.
        for dept_id, name in ((4, CLICK), (3, CRASH), (2, server_name("Amministrazione"))):
            conn.execute("UPDATE department SET name = ? WHERE id = ?", (name, dept_id))
        # A status title is also what tickets carry: rename it on both.
        old = "Waiting on Supplier"
        new = server_name("Waiting")
        conn.execute("UPDATE ticket_status SET title = ? WHERE title = ?", (new, old))
        conn.execute("UPDATE ticket SET status = ? WHERE status = ?", (new, old))
        conn.execute("UPDATE admin SET firstname = ?, lastname = ?", (server_name("Admin"), CRASH))
        mine = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM ticket WHERE userid = ? AND status = 'Open'"
                " AND merged_ticket_id = 0 ORDER BY id LIMIT 2",
                (kw_accounts.DEMO_USER_ID,),
            )
        ]
        numbered, ghost = mine
        later = "2099-01-01 00:00:00"  # first in lists sorted by last reply
        conn.execute(
            "UPDATE ticket SET tid = ?, lastreply = ? WHERE id = ?", (HOSTILE_TID, later, numbered)
        )
        conn.execute("UPDATE ticket SET status = ? WHERE id = ?", (GHOST_STATUS, ghost))
    return numbered, ghost


@pytest.fixture(scope="module")
def hostile_keliweb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileKeliweb]:
    path = tmp_path_factory.mktemp("hostile-keliweb") / "kw.sqlite"
    seed_keliweb(path, tickets=60, seed=7)
    numbered, ghost = _make_keliweb_hostile(path)
    errors = HostileErrors(keliweb_error)
    with LocalKeliweb.start(db_path=path, middleware=[errors.middleware()]) as server:
        yield HostileKeliweb(server, errors, numbered, ghost)


# --- SuperOffice ---------------------------------------------------------------------------


@dataclass
class HostileSuperOffice:
    server: LocalSuperOffice
    errors: HostileErrors


def _make_superoffice_hostile(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE ticket_status SET name = ? || name", (server_name("S"),))
        conn.execute("UPDATE priority SET name = ? || name", (server_name("P"),))
        conn.execute(
            "UPDATE category SET name = ? || name, fullname = ? || fullname",
            (CLICK, CLICK),
        )
        conn.execute(
            "UPDATE associate SET full_name = ?, firstname = ?, lastname = ?"
            " WHERE associate_id = ?",
            (server_name("Me"), server_name("Me"), CRASH, so_accounts.DEMO_ASSOCIATE_ID),
        )


@pytest.fixture(scope="module")
def hostile_superoffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileSuperOffice]:
    path = tmp_path_factory.mktemp("hostile-superoffice") / "so.sqlite"
    seed_superoffice(path, tickets=40, seed=7)
    _make_superoffice_hostile(path)
    errors = HostileErrors(superoffice_error)
    labels = Middleware(_HostileLabels)
    server = LocalSuperOffice.start(db_path=path, middleware=[errors.middleware(), labels])
    yield HostileSuperOffice(server, errors)
    server.stop()
