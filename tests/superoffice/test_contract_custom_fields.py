"""The tenant's own ticket fields, client and backend against the local server over loopback:
descriptions, the detail, an edit saved in one ``POST Ticket`` that sends everything else back
exactly as it came, a conflict on a field both sides changed, and a server without the
descriptions call."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest

from tests.conftest import demo_settings
from tickettui.core.domain import FieldKind
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient

TICKET = 130  # open, overdue, a Bronze contract (see the seed)


class Recording(httpx.AsyncBaseTransport):
    """The network as it is, with every request and answer kept; ``missing`` paths answer 404
    as a server without the call would."""

    def __init__(self, missing: str = "") -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.missing = missing
        self.sent: list[tuple[str, str, bytes]] = []
        self.answers: list[tuple[str, str, bytes]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        self.sent.append((request.method, request.url.path, body))
        if self.missing and request.url.path.endswith(self.missing):
            error = {"Error": True, "ErrorType": "SoNotFoundException", "ErrorMessage": "No"}
            return httpx.Response(404, json=error)
        response = await self._inner.handle_async_request(request)
        content = await response.aread()
        self.answers.append((request.method, request.url.path, content))
        return httpx.Response(response.status_code, headers=response.headers, content=content)

    async def aclose(self) -> None:
        await self._inner.aclose()

    def posts(self) -> list[bytes]:
        return [
            body
            for method, path, body in self.sent
            if method == "POST" and path.endswith("/v1/Ticket")
        ]


@pytest.fixture()
async def recorded(fresh_so_server: Any) -> AsyncIterator[tuple[SuperOfficeBackend, Recording]]:
    transport = Recording()
    backend = SuperOfficeBackend(
        SuperOfficeClient(demo_settings(fresh_so_server), transport=transport)
    )
    yield backend, transport
    await backend.aclose()


async def test_the_descriptions_call(so_server: Any) -> None:
    async with SuperOfficeClient(demo_settings(so_server)) as client:
        infos = await client.ticket_custom_fields()
    by_name = {i.FieldName: i for i in infos}
    assert by_name["x_contract_level"].type_name == "ListText"
    assert by_name["x_contract_level"].Choices == ["Gold", "Silver", "Bronze"]
    assert by_name["x_hours_quoted"].Precision == 1 and by_name["x_source_system"].IsReadOnly


async def test_the_detail_has_the_fields_by_their_labels(so_server: Any) -> None:
    backend = SuperOfficeBackend(SuperOfficeClient(demo_settings(so_server)))
    try:
        detail = await backend.ticket(TICKET)
    finally:
        await backend.aclose()
    fields = {f.label: f for f in detail.custom_fields}
    assert fields["Contract level"].value == "Bronze"
    assert fields["Contract level"].kind is FieldKind.CHOICE
    assert fields["Affected users"].kind is FieldKind.NUMBER
    assert isinstance(fields["Affected users"].value, int)
    assert fields["SLA breached"].value is False
    assert isinstance(fields["Renewal date"].value, date)
    assert fields["Source system"].editable is False
    assert fields["custom.sla"].source == "ExtraFields" and not fields["custom.sla"].editable
    assert [f.key for f in detail.custom_fields][:3] == [
        "x_contract_no",
        "x_contract_level",
        "x_renewal_date",
    ]


async def test_a_field_change_is_one_post_with_everything_else_as_it_came(
    recorded: tuple[SuperOfficeBackend, Recording],
) -> None:
    backend, transport = recorded
    form = await backend.edit_form(TICKET)
    assert form.spec("x_contract_level").kind is FieldKind.CHOICE
    form.values["x_contract_level"] = "Gold"
    form.values["x_affected_users"] = 7
    transport.sent.clear()
    transport.answers.clear()
    result = await backend.save(form)
    assert result.saved and result.current["x_contract_level"] == "Gold"
    (posted,) = transport.posts()  # one save, nothing else written
    assert [m for m, _, _ in transport.sent if m != "GET"] == ["POST"]
    # What was sent is the entity re-read just before, with only the two fields changed.
    read = [
        body
        for method, path, body in transport.answers
        if method == "GET" and path.endswith(f"/v1/Ticket/{TICKET}")
    ]
    fresh, sent = json.loads(read[-1]), json.loads(posted)
    assert sent["CustomFields"] == fresh["CustomFields"] | {
        "x_contract_level": "Gold",
        "x_affected_users": "[I:7]",
    }
    assert sent["ExtraFields"] == fresh["ExtraFields"] | {
        "x_contract_level": "Gold",
        "x_affected_users": "[I:7]",
    }
    untouched = set(fresh) - {"CustomFields", "ExtraFields"}
    assert set(sent) == set(fresh)
    for key in sorted(untouched):
        # Byte for byte, but for the order of keys inside objects (the wire models write
        # theirs first); JSON gives that order no meaning.
        assert json.dumps(sent[key], sort_keys=True) == json.dumps(fresh[key], sort_keys=True), key
    again = await backend.ticket(TICKET)
    assert {f.key: f.value for f in again.custom_fields}["x_affected_users"] == 7


async def test_both_changed_the_same_field_is_a_conflict(fresh_so_server: Any) -> None:
    mine = SuperOfficeBackend(SuperOfficeClient(demo_settings(fresh_so_server)))
    theirs = SuperOfficeBackend(SuperOfficeClient(demo_settings(fresh_so_server)))
    try:
        form = await mine.edit_form(TICKET)
        other = await theirs.edit_form(TICKET)
        other.values["x_sla_breached"] = True
        other.values["x_product_version"] = "5.0.0"
        assert (await theirs.save(other)).saved
        form.values["x_sla_breached"] = False  # unchanged: theirs is kept
        form.values["x_product_version"] = "5.1.0"
        result = await mine.save(form)
        assert not result.saved
        assert [c.key for c in result.conflicts] == ["x_product_version"]
        assert result.current["x_sla_breached"] is True
    finally:
        await mine.aclose()
        await theirs.aclose()


async def test_without_the_descriptions_call_fields_go_by_their_keys(fresh_so_server: Any) -> None:
    transport = Recording(missing="/v1/Ticket/CustomField")
    backend = SuperOfficeBackend(
        SuperOfficeClient(demo_settings(fresh_so_server), transport=transport)
    )
    try:
        detail = await backend.ticket(TICKET)
        labels = {f.key: f.label for f in detail.custom_fields}
        assert labels["x_contract_level"] == "x_contract_level"
        form = await backend.edit_form(TICKET)
        assert form.spec("x_renewal_date").kind is FieldKind.DATE  # from "[D:...]"
        form.values["x_renewal_date"] = date(2028, 2, 29)
        assert (await backend.save(form)).saved
        asked = [p for m, p, _ in transport.sent if p.endswith("/v1/Ticket/CustomField")]
        assert len(asked) == 1  # asked once per session, not on every ticket
    finally:
        await backend.aclose()
    backend = SuperOfficeBackend(SuperOfficeClient(demo_settings(fresh_so_server)))
    try:
        stored = {f.key: f.value for f in (await backend.ticket(TICKET)).custom_fields}
    finally:
        await backend.aclose()
    assert stored["x_renewal_date"] == date(2028, 2, 29)
