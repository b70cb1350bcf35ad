"""The Keliweb client and backend against the local Keliweb server, end to end over loopback."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from tickettui.core.domain import MessageKind, QuickAction, Section, StatusKind
from tickettui.core.errors import AuthenticationFailed, NotFound
from tickettui.systems.keliweb.backend import KeliwebBackend
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.tokens import MemoryTokenStore, TokenSet

from .conftest import ClientFactory, accounts, kw_settings, start


def _secret(value: SecretStr | None) -> str:
    assert value is not None
    return value.get_secret_value()


async def _ticket_with_notes(client: KeliwebClient) -> int:
    for listed in await client.get_all_tickets():
        ticket = await client.get_ticket(listed.id)
        if ticket.notes and len(ticket.replies) > 1:
            return ticket.ticketid
    raise AssertionError("the seeded data has no ticket with replies and notes")


# --- signing in -----------------------------------------------------------------------------------


async def test_login_keeps_both_tokens(clients: ClientFactory) -> None:
    store = MemoryTokenStore()
    client = clients(token_store=store)
    await client.login()
    assert store.tokens is not None and store.tokens.refresh_token is not None
    assert store.tokens.expires_at - store.tokens.issued_at == pytest.approx(3600, abs=1)


async def test_wrong_password_is_one_generic_line(clients: ClientFactory) -> None:
    client = clients(password=SecretStr("not-the-password"))
    with pytest.raises(AuthenticationFailed) as info:
        await client.get_support_departments()
    assert str(info.value) == (
        "Login failed: Keliweb rejected the user name, password or API key (invalid_grant)"
    )
    assert "not-the-password" not in str(info.value)


async def test_wrong_client_secret(clients: ClientFactory) -> None:
    client = clients(client_secret=SecretStr("wrong-secret"))
    with pytest.raises(AuthenticationFailed, match=r"API client id or secret \(invalid_client\)"):
        await client.login()


async def test_token_expires_mid_session_and_is_refreshed(tmp_path: Path) -> None:
    server = start(tmp_path, access_ttl=2)
    store = MemoryTokenStore()
    try:
        async with KeliwebClient(kw_settings(server), token_store=store) as client:
            first = await client.get_support_departments()
            before = store.tokens
            await asyncio.sleep(2.3)  # past the access token's expiry
            again = await client.get_support_departments()
            after = store.tokens
            assert [d.id for d in again] == [d.id for d in first]
            assert before is not None and after is not None
            assert _secret(after.refresh_token) != _secret(before.refresh_token)
            assert _secret(after.access_token) != _secret(before.access_token)
            assert (client.oauth.password_grants, client.oauth.refresh_grants) == (1, 1)
    finally:
        server.stop()


async def test_a_token_the_server_expired_early_is_refreshed_on_its_401(tmp_path: Path) -> None:
    server = start(tmp_path, access_ttl=1)
    try:
        first = MemoryTokenStore()
        async with KeliwebClient(kw_settings(server), token_store=first) as client:
            await client.login()
        assert first.tokens is not None
        # A stored set that believes it has an hour left, while the server expired it.
        hopeful = TokenSet(
            first.tokens.access_token, first.tokens.refresh_token, time.time() + 3600, time.time()
        )
        await asyncio.sleep(1.3)
        store = MemoryTokenStore(hopeful)
        async with KeliwebClient(kw_settings(server), token_store=store) as client:
            statuses = await client.get_support_statuses()
            assert statuses
            assert (client.oauth.password_grants, client.oauth.refresh_grants) == (0, 1)
        assert store.tokens is not None
        assert _secret(store.tokens.refresh_token) != _secret(hopeful.refresh_token)
    finally:
        server.stop()


async def test_refresh_rotation_revokes_the_old_refresh_token(kw_server: Any) -> None:
    store = MemoryTokenStore()
    async with KeliwebClient(kw_settings(kw_server), token_store=store) as client:
        await client.login()
        assert store.tokens is not None
        old = store.tokens
        await client.oauth.rejected(_secret(old.access_token))  # force a refresh now
        assert client.oauth.refresh_grants == 1
    assert store.tokens is not None and store.tokens.refresh_token != old.refresh_token
    form = {
        "grant_type": "refresh_token",
        "client_id": accounts.DEMO_CLIENT_ID,
        "client_secret": accounts.DEMO_CLIENT_SECRET,
        "refresh_token": _secret(old.refresh_token),
    }
    headers = {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}
    async with httpx.AsyncClient(base_url=kw_server.base_url, headers=headers) as raw:
        reuse = await raw.post("/oauth/token", data=form)
        newest = await raw.post(
            "/oauth/token", data=form | {"refresh_token": _secret(store.tokens.refresh_token)}
        )
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    assert newest.status_code == 200


# --- reading ------------------------------------------------------------------------------------


async def test_list_every_page_once(clients: ClientFactory) -> None:
    client = clients()
    one_go = await client.get_tickets(limitnum=1000)
    paged = await client.get_all_tickets(page_size=7, concurrency=3)
    assert len(paged) == one_go.totalresults == len(one_go.tickets) > 7 * 3
    assert [t.id for t in paged] == [t.id for t in one_go.tickets]  # lastreply DESC, as served


async def test_filters_by_status_department_and_subject(clients: ClientFactory) -> None:
    client = clients()
    statuses = await client.get_support_statuses()
    departments = await client.get_support_departments()
    assert {"Open", "Closed"} <= {s.title for s in statuses}
    assert all(s.color.startswith("#") for s in statuses)
    assert departments and all(d.name for d in departments)
    closed = await client.get_all_tickets(status="Closed")
    assert closed and {t.status for t in closed} == {"Closed"}
    active = await client.get_all_tickets(status="All Active Tickets")
    assert active and "Closed" not in {t.status for t in active}
    dept = departments[0].id
    assert {t.deptid for t in await client.get_all_tickets(deptid=dept)} == {dept}
    word = closed[0].subject.split()[0]
    by_subject = await client.get_all_tickets(subject=word)
    assert by_subject and all(word.lower() in t.subject.lower() for t in by_subject)
    assert await client.get_all_tickets(subject="no ticket is called this zqxj") == []


async def test_get_ticket_with_replies_and_notes(clients: ClientFactory) -> None:
    client = clients()
    ticket_id = await _ticket_with_notes(client)
    ascending = await client.get_ticket(ticket_id)
    descending = await client.get_ticket(ticket_id, replies_sort="DESC")
    by_number = await client.get_ticket(ticketnum=ascending.tid)
    assert ascending.replies[0].is_opening and descending.replies[-1].is_opening
    assert [r.replyid for r in descending.replies] == [r.replyid for r in ascending.replies][::-1]
    assert by_number.ticketid == ticket_id
    assert all(n.admin for n in ascending.notes)


async def test_a_missing_ticket_is_not_found(clients: ClientFactory) -> None:
    with pytest.raises(NotFound, match=r"^Keliweb: Ticket ID Not Found$"):
        await clients().get_ticket(987654321)


async def test_another_customers_tickets_are_not_found(clients: ClientFactory) -> None:
    mine = clients()
    theirs = clients(username=accounts.OTHER_USERNAME, password=SecretStr(accounts.OTHER_PASSWORD))
    (first, *_) = await mine.get_all_tickets()
    with pytest.raises(NotFound):
        await theirs.get_ticket(first.id)


# --- writing -------------------------------------------------------------------------------------


async def test_reply_and_note(fresh_kw_server: Any) -> None:
    async with KeliwebClient(kw_settings(fresh_kw_server)) as client:
        (listed, *_) = await client.get_all_tickets(status="Open")
        await client.add_ticket_reply(listed.id, "Grazie, attendo notizie.\nFederica")
        await client.add_ticket_note(listed.id, "Internal: call the customer")
        ticket = await client.get_ticket(listed.id)
    assert ticket.replies[-1].message.replace("\r\n", "\n") == "Grazie, attendo notizie.\nFederica"
    assert not ticket.replies[-1].by_staff
    assert ticket.notes[-1].message == "Internal: call the customer"


async def test_update_every_field(fresh_kw_server: Any) -> None:
    async with KeliwebClient(kw_settings(fresh_kw_server)) as client:
        (listed, *_) = await client.get_all_tickets(status="Open")
        departments = await client.get_support_departments()
        other = next(d.id for d in departments if d.id != listed.deptid)
        await client.update_ticket(
            listed.id,
            status="On Hold",
            priority="High",
            deptid=other,
            subject="Renamed by the contract test",
            flag=accounts.API_ADMIN_ID,
        )
        changed = await client.get_ticket(listed.id)
        await client.update_ticket(listed.id, removeFlag=True)
        unflagged = await client.get_ticket(listed.id)
    assert (changed.status, changed.priority, changed.deptid) == ("On Hold", "High", other)
    assert changed.subject == "Renamed by the contract test"
    assert changed.flag == accounts.API_ADMIN_ID and unflagged.flag == 0


async def test_open_a_ticket(fresh_kw_server: Any) -> None:
    async with KeliwebClient(kw_settings(fresh_kw_server)) as client:
        dept = (await client.get_support_departments())[0]
        answer = await client.open_ticket(
            dept.id, "Certificato SSL scaduto", "Il certificato è scaduto & il sito è giù", "High"
        )
        assert answer.new_ticket_id
        ticket = await client.get_ticket(answer.new_ticket_id)
    assert (ticket.subject, ticket.priority, ticket.deptid) == (
        "Certificato SSL scaduto",
        "High",
        dept.id,
    )
    assert ticket.replies[0].is_opening


# --- the backend ----------------------------------------------------------------------------------


async def test_backend_sections_and_rows(backends: Callable[[], KeliwebBackend]) -> None:
    backend = backends()
    assert await backend.current_user() == accounts.DEMO_USERNAME
    sections = await backend.sections()
    assert [s.key for s in sections[:3]] == ["all-active", "awaiting-reply", "my-flagged"]
    titles = [s.title for s in sections]
    assert "Closed" in titles and "Open" in titles
    rows = await backend.list_tickets(sections[0], ["id", "title", "status"])
    assert rows and all(r.status_colour and r.status_colour.startswith("#") for r in rows)
    assert all(r.number and r.category for r in rows)
    closed = next(s for s in sections if s.title == "Closed")
    assert {r.status_kind for r in await backend.list_tickets(closed, [])} == {StatusKind.CLOSED}


async def test_backend_thread_is_oldest_first_with_notes(
    backends: Callable[[], KeliwebBackend],
) -> None:
    backend = backends()
    ticket_id = await _ticket_with_notes(backend.client)
    thread = await backend.messages(ticket_id)
    assert thread[0].kind is MessageKind.CUSTOMER
    assert {MessageKind.NOTE, MessageKind.REPLY} <= {m.kind for m in thread}
    dates = [m.created for m in thread if m.created]
    assert dates == sorted(dates)
    assert all("\r" not in m.body and "&amp;" not in m.body for m in thread)


async def test_backend_save_merges_a_concurrent_change(
    backends: Callable[[], KeliwebBackend],
) -> None:
    me, them = backends(), backends()
    (row, *_) = await me.list_tickets(Section("open", "Open", "status=Open"), [])
    mine = await me.edit_form(row.id)
    theirs = await them.edit_form(row.id)
    theirs.values["priority"] = "High" if mine.base["priority"] != "High" else "Low"
    assert (await them.save(theirs)).saved
    mine.values["status"] = "In Progress"
    result = await me.save(mine)
    assert result.saved and result.kept_theirs == ["priority"]
    now = await me.edit_form(row.id)
    assert now.base["status"] == "In Progress"
    assert now.base["priority"] == theirs.values["priority"]


async def test_backend_conflict_saves_nothing(backends: Callable[[], KeliwebBackend]) -> None:
    me, them = backends(), backends()
    (row, *_) = await me.list_tickets(Section("open", "Open", "status=Open"), [])
    mine, theirs = await me.edit_form(row.id), await them.edit_form(row.id)
    theirs.values["subject"] = "Their subject"
    await them.save(theirs)
    mine.values["subject"] = "My subject"
    mine.values["priority"] = "Low" if mine.base["priority"] != "Low" else "Medium"
    result = await me.save(mine)
    assert not result.saved and [c.key for c in result.conflicts] == ["subject"]
    assert result.current["subject"] == "Their subject"
    after = (await me.edit_form(row.id)).base
    assert after["subject"] == "Their subject" and after["priority"] == mine.base["priority"]


async def test_backend_quick_actions_messages_and_new_ticket(
    backends: Callable[[], KeliwebBackend],
) -> None:
    backend = backends()
    (row, *_) = await backend.list_tickets(Section("open", "Open", "status=Open"), [])
    assert (await backend.quick_action(row.id, QuickAction.SET_PRIORITY, "High")).saved
    assert (await backend.quick_action(row.id, QuickAction.CLOSE)).saved
    detail = await backend.ticket(row.id)
    assert (detail.summary.priority, detail.summary.status) == ("High", "Closed")
    await backend.add_message(row.id, "A note for colleagues", internal=True)
    await backend.add_message(row.id, "A reply to the customer", internal=False)
    kinds = {m.body: m.kind for m in await backend.messages(row.id)}
    assert kinds["A note for colleagues"] is MessageKind.NOTE
    assert kinds["A reply to the customer"] is MessageKind.CUSTOMER  # we are the customer here

    form = await backend.edit_form(None)
    form.values |= {"subject": "Nuovo dominio", "message": "Vorrei registrare example.it"}
    created = await backend.save(form)
    assert created.saved and created.ticket_id
    new = await backend.ticket(created.ticket_id)
    assert new.summary.title == "Nuovo dominio"
    assert (await backend.messages(created.ticket_id))[0].body == "Vorrei registrare example.it"


async def test_backend_replace_sections_gives_only_the_profiles(fresh_kw_server: Any) -> None:
    own = [Section("mine", "Mine open", "status=Open")]
    replaced = KeliwebBackend(
        KeliwebClient(kw_settings(fresh_kw_server)), own, replace_sections=True
    )
    added = KeliwebBackend(KeliwebClient(kw_settings(fresh_kw_server)), own)
    try:
        assert await replaced.sections() == own
        both = await added.sections()
        assert both[-1] == own[0] and both[0].key == "all-active"
    finally:
        await replaced.aclose()
        await added.aclose()
