"""Text WHMCS stores HTML-escaped, through the client and the backend against the local Keliweb
server (which stores and returns it escaped, as WHMCS does): read decoded once everywhere,
written as the agent typed it, stored escaped once."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tickettui.core.domain import QuickAction, Section
from tickettui.systems.keliweb.backend import KeliwebBackend
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.server import LocalKeliweb

from .conftest import ClientFactory, kw_settings, start

ENTITIES = ("&amp;", "&lt;", "&gt;", "&quot;", "&#039;", "&#39;")
SUBJECT = 'Q&A <draft> "v2"'
STORED_SUBJECT = "Q&amp;A &lt;draft&gt; &quot;v2&quot;"  # htmlspecialchars(ENT_QUOTES)


def _stored(server: LocalKeliweb, sql: str, *params: Any) -> Any:
    with sqlite3.connect(server.db_path) as conn:
        return conn.execute(sql, params).fetchone()[0]


def _no_entities(where: str, *texts: str) -> None:
    for text in texts:
        assert not any(e in text for e in ENTITIES), f"{where}: {text!r} is still escaped"


# --- reading the demo data --------------------------------------------------------------------


async def test_departments_statuses_names_and_subjects_read_decoded(clients: ClientFactory) -> None:
    client = clients()
    departments = await client.get_support_departments()
    assert "Commerciale & Partner" in {d.name for d in departments}
    _no_entities("statuses", *(s.title for s in await client.get_support_statuses()))
    listed = await client.get_all_tickets()
    for t in listed:
        _no_entities(f"ticket {t.id}", t.subject, t.name, t.requestor_name, t.owner_name, t.cc)
    names = {t.requestor_name for t in listed} | {t.owner_name for t in listed}
    assert any("'" in n for n in names), names  # D'Amico, O'Brien, D'Angelo...
    subjects = {t.subject for t in listed}
    for char in "&<\"'":
        assert any(char in s for s in subjects), char
    for t in listed[:20]:
        ticket = await client.get_ticket(t.id)
        _no_entities(f"ticket {t.id}", ticket.subject, ticket.name, ticket.deptname)
        _no_entities(f"ticket {t.id} requestor", ticket.requestor_name, ticket.admin)
        for item in [*ticket.replies, *ticket.notes]:
            _no_entities(f"ticket {t.id} message author", item.admin)
        for reply in ticket.replies:
            _no_entities(f"ticket {t.id} reply", reply.name, reply.requestor_name)


async def test_rows_and_details_show_the_names_as_people_wrote_them(
    backends: Callable[[], KeliwebBackend],
) -> None:
    backend = backends()
    sections = await backend.sections()
    assert "Commerciale & Partner" in [s.title for s in sections]
    rows = await backend.list_tickets(sections[0], [])
    for row in rows:
        _no_entities(f"row {row.number}", row.title, row.customer, row.category, row.status)
    quoted = next(r for r in rows if "'" in r.customer)
    detail = await backend.ticket(quoted.id)
    assert detail.summary.customer == quoted.customer
    _no_entities("detail", detail.person, *detail.extra.values())
    for message in await backend.messages(quoted.id):
        _no_entities(f"author of {message.id}", message.author)


# --- writing ----------------------------------------------------------------------------------


async def test_a_subject_saved_with_special_characters_reads_back_identical(
    backends: Callable[[], KeliwebBackend], fresh_kw_server: LocalKeliweb
) -> None:
    me, other = backends(), backends()
    (row, *_) = await me.list_tickets(Section("open", "Open", "status=Open"), [])
    form = await me.edit_form(row.id)
    form.values["subject"] = SUBJECT
    result = await me.save(form)
    assert result.saved and result.current["subject"] == SUBJECT
    # The server holds it escaped once, as WHMCS stores input.
    assert _stored(fresh_kw_server, "SELECT title FROM ticket WHERE id = ?", row.id) == (
        STORED_SUBJECT
    )
    # Read back, by this session and another: decoded once, identical to what was typed.
    assert (await other.edit_form(row.id)).base["subject"] == SUBJECT
    assert (await other.ticket(row.id)).summary.title == SUBJECT
    listed = await other.list_tickets(Section("open", "Open", "status=Open"), [])
    assert next(r for r in listed if r.id == row.id).title == SUBJECT
    # A save that leaves the subject alone leaves it as stored (nothing escaped again).
    again = await other.edit_form(row.id)
    again.values["priority"] = "High" if again.base["priority"] != "High" else "Low"
    assert (await other.save(again)).saved
    assert _stored(fresh_kw_server, "SELECT title FROM ticket WHERE id = ?", row.id) == (
        STORED_SUBJECT
    )
    # And the subject filter finds it by what the agent typed.
    found = await me.list_tickets(Section("q", "Q", "subject=%3Cdraft%3E %22v2%22"), [])
    assert [r.id for r in found] == [row.id]


@pytest.fixture()
def custom_status(fresh_kw_server: LocalKeliweb) -> Iterator[str]:
    """A status an admin added as "Waiting & Pending": WHMCS keeps its title escaped."""
    with sqlite3.connect(fresh_kw_server.db_path) as conn:
        conn.execute(
            "INSERT INTO ticket_status VALUES (99, 'Waiting &amp; Pending', '#123456', 8, 1, 0, 0)"
        )
    yield "Waiting & Pending"


async def test_a_status_with_an_ampersand_is_set_by_its_title_as_shown(
    backends: Callable[[], KeliwebBackend], fresh_kw_server: LocalKeliweb, custom_status: str
) -> None:
    backend = backends()
    section = next(s for s in await backend.sections() if s.title == custom_status)
    assert await backend.list_tickets(section, []) == []
    choices = await backend.choices("status")
    assert custom_status in [c.value for c in choices]
    (row, *_) = await backend.list_tickets(Section("open", "Open", "status=Open"), [])
    result = await backend.quick_action(row.id, QuickAction.SET_STATUS, custom_status)
    assert result.saved and result.current["status"] == custom_status
    assert _stored(fresh_kw_server, "SELECT status FROM ticket WHERE id = ?", row.id) == (
        "Waiting &amp; Pending"
    )
    detail = await backend.ticket(row.id)
    assert (detail.summary.status, detail.summary.status_colour) == (custom_status, "#123456")
    assert [r.id for r in await backend.list_tickets(section, [])] == [row.id]


class _OnlyResult(BaseHTTPMiddleware):
    """open-ticket answers only ``result``, as Keliweb documents it (no id, tid or c)."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        if not request.url.path.endswith("/open-ticket") or response.status_code != 200:
            return response
        async for _ in response.body_iterator:  # type: ignore[attr-defined]
            pass
        return JSONResponse({"result": "success"})


@pytest.fixture()
async def documented_only(tmp_path: Path) -> AsyncIterator[KeliwebBackend]:
    server = start(tmp_path, middleware=[Middleware(_OnlyResult)])
    backend = KeliwebBackend(KeliwebClient(kw_settings(server)))
    yield backend
    await backend.aclose()
    server.stop()


async def test_a_new_ticket_with_special_characters_is_found_without_an_id(
    documented_only: KeliwebBackend,
) -> None:
    # Without an id in the answer, the backend finds the new ticket by its subject: the
    # decoded subject it reads back must equal the one it sent.
    form = await documented_only.edit_form(None)
    subject = 'L\'ordine <n. 5> & "rimborso"'
    form.values |= {"subject": subject, "message": "Vedi oggetto & allegato"}
    created = await documented_only.save(form)
    assert created.saved and created.ticket_id
    assert created.current["subject"] == subject
    assert (await documented_only.ticket(created.ticket_id)).summary.title == subject
    thread = await documented_only.messages(created.ticket_id)
    assert thread[0].body == "Vedi oggetto & allegato"
