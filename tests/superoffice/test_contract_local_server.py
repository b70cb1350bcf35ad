"""The client against the local SuperOffice server, end to end over loopback.

Skipped until ``tickettui.systems.superoffice.server.LocalSuperOffice`` exists. Uses the shared
``so_server`` (read-only) and ``fresh_so_server`` (writes) fixtures from ``tests/conftest.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import SecretStr

from tickettui.core.errors import AuthenticationFailed, NotFound
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.models import ReadStatus, TicketMessageEntity, known
from tickettui.systems.superoffice.models.ticket import Ticket
from tickettui.systems.superoffice.server import accounts
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings


def _client(server: Any, password: str | None = None) -> SuperOfficeClient:
    settings = SuperOfficeSettings(
        url=server.base_url,
        auth=AuthScheme.BASIC,
        user=accounts.DEMO_USER,
        password=SecretStr(password or accounts.DEMO_PASSWORD),
    )
    return SuperOfficeClient(settings)


async def _some_ids(client: SuperOfficeClient, count: int) -> list[int]:
    rows = await client.list_tickets(["ticketId"], order_by="ticketId", page_size=50)
    return [r.primary_key for r in rows[:count]]


async def test_get_ticket_with_select_nulls_the_rest(so_server: Any) -> None:
    async with _client(so_server) as client:
        (ticket_id,) = await _some_ids(client, 1)
        ticket = await client.get_ticket(ticket_id, select=["TicketId", "Title"])
        full = await client.get_ticket(ticket_id)
    assert ticket.TicketId == ticket_id and ticket.Title
    assert ticket.Title == full.Title
    assert ticket.CategoryName is None and full.CategoryName


async def test_get_tickets_keeps_the_requested_order(so_server: Any) -> None:
    async with _client(so_server) as client:
        ids = await _some_ids(client, 12)
        wanted = [*reversed(ids), 987_654_321]  # an id that does not exist is left out
        tickets = await client.get_tickets(wanted, batch_size=5)
    assert [t.TicketId for t in tickets] == list(reversed(ids))
    assert all(isinstance(t, Ticket) for t in tickets)


async def test_edit_title_saves_and_keeps_custom_fields(fresh_so_server: Any) -> None:
    async with _client(fresh_so_server) as client:
        (ticket_id,) = await _some_ids(client, 1)
        before = await client.get_ticket_entity(ticket_id)
        entity = before.model_copy(deep=True)
        entity.Title = "Printer on floor 3: toner replaced"
        saved = await client.save_ticket_entity(entity, notify=False)
        after = await client.get_ticket_entity(ticket_id)
    assert saved.Title == after.Title == "Printer on floor 3: toner replaced"
    assert after.CustomFields == before.CustomFields
    assert after.Category == before.Category
    assert after.Messages == before.Messages


async def test_archive_paging_returns_every_row_once(so_server: Any) -> None:
    async with _client(so_server) as client:
        paged = await client.list_tickets(["ticketId", "title"], order_by="ticketId", page_size=7)
        parallel = await client.archive_all(
            "Ticket", ["ticketId"], order_by="ticketId", page_size=7, concurrency=4
        )
        one_page = await client.archive_page("Ticket", ["ticketId"], top=1000)
    keys = [r.primary_key for r in paged]
    assert len(keys) == len(set(keys)) == len(one_page.value) > 7
    assert [r.primary_key for r in parallel] == keys
    assert one_page.odata_next_link is None


async def test_messages_come_with_bodies(so_server: Any) -> None:
    async with _client(so_server) as client:
        (ticket_id,) = await _some_ids(client, 1)
        rows = await client.get_ticket_messages(ticket_id)
        entity = await client.get_ticket_entity(ticket_id)
        message = await client.get_ticket_message(rows[0].primary_key)
    assert rows and len(rows) == len(entity.Messages or [])
    assert all(r.get("body") or r.get("htmlBody") for r in rows)
    assert message.EjMessageId == rows[0].primary_key


async def test_add_internal_note(fresh_so_server: Any) -> None:
    async with _client(fresh_so_server) as client:
        (ticket_id,) = await _some_ids(client, 1)
        before = await client.get_ticket_messages(ticket_id)
        note = TicketMessageEntity(
            Ticket=Ticket(TicketId=ticket_id),
            Slevel="Internal",
            Type="Plain",
            Body="Called the customer",
            HtmlBody="",
            MessageCategory="Message",
        )
        saved = await client.save_ticket_message(note, notify=False)
        after = await client.get_ticket_messages(ticket_id)
    assert saved.EjMessageId
    assert len(after) == len(before) + 1


async def test_pick_lists(so_server: Any) -> None:
    async with _client(so_server) as client:
        statuses = await client.ticket_status_items()
        priorities = await client.mdo_list("ticketpriority")
        categories = await client.mdo_list("ejcategory", flat=True)
    assert statuses and all(s.TicketStatusId for s in statuses)
    assert priorities and categories


async def test_read_status_update(fresh_so_server: Any) -> None:
    async with _client(fresh_so_server) as client:
        ids = await _some_ids(client, 2)
        await client.update_read_status(ids, "Green")
        tickets = await client.get_tickets(ids)
    assert all(known(ReadStatus, t.ReadStatus) is ReadStatus.GREEN for t in tickets)


async def test_wrong_password_is_401(so_server: Any) -> None:
    async with _client(so_server, password="wrong") as client:
        with pytest.raises(AuthenticationFailed, match="Login failed"):
            await client.get_ticket(1)


async def test_missing_ticket_is_404(so_server: Any) -> None:
    async with _client(so_server) as client:
        with pytest.raises(NotFound, match="Ticket 99999 not found"):
            await client.get_ticket_entity(99999)
