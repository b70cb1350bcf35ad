"""Saving edits through the SuperOffice backend against the real local server (no UI).

Two agents edit the same ticket: the demo agent ("me") and Tobias Johansen ("them", a seeded
agent who logs in with his own password). Every check re-reads the server with a fresh client.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx

from tests.core.two_agents import OTHER_ID, backend_as, me, them
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.server import accounts

# What the server itself changes on every save, so a before/after comparison skips them.
VOLATILE = {"LastChanged", "ReadStatus", "ReadByOwner", "FirstReadByOwner", "AlertLevel"}


__all__ = ["me", "them"]  # fixtures, imported for pytest


async def raw_ticket(server: Any, ticket_id: int) -> dict[str, Any]:
    """The ticket exactly as the server sends it, read by a client of its own."""
    auth = (accounts.DEMO_USER, accounts.DEMO_PASSWORD)
    url = f"{server.base_url.rstrip('/')}/v1/Ticket/{ticket_id}"
    async with httpx.AsyncClient(auth=auth, headers={"Accept": "application/json"}) as http:
        response = await http.get(url)
    response.raise_for_status()
    data: dict[str, Any] = response.json()
    return data


async def an_active_ticket(backend: SuperOfficeBackend) -> int:
    """A ticket that is active and owned by somebody other than TJ."""
    lists = await backend.pick_lists()
    active = {str(s.TicketStatusId) for s in lists.statuses if s.Status == "Active"}
    for ticket_id in range(1, 60):
        form = await backend.edit_form(ticket_id)
        if form.values["status"] in active and form.values["owner"] not in ("0", OTHER_ID):
            return ticket_id
    raise AssertionError("no active ticket in the seed")


def other_priority(form: Any) -> str:
    return next(
        c.value for c in form.spec("priority").choices if c.value != form.values["priority"]
    )


async def test_clean_merge_keeps_both_writers_changes(
    fresh_so_server: Any, me: SuperOfficeBackend, them: SuperOfficeBackend
) -> None:
    ticket_id = await an_active_ticket(me)
    mine = await me.edit_form(ticket_id)
    theirs = await them.edit_form(ticket_id)
    theirs.values["owner"] = OTHER_ID
    assert (await them.save(theirs)).saved

    mine.values["priority"] = wanted = other_priority(mine)
    result = await me.save(mine)

    assert result.saved and not result.conflicts
    assert result.kept_theirs == ["owner"]
    check = backend_as(fresh_so_server)
    try:
        after = await check.edit_form(ticket_id)
    finally:
        await check.aclose()
    assert after.values["priority"] == wanted
    assert after.values["owner"] == OTHER_ID
    assert after.values["title"] == mine.base["title"]


async def test_both_change_the_title_is_a_conflict_and_nothing_is_saved(
    fresh_so_server: Any, me: SuperOfficeBackend, them: SuperOfficeBackend
) -> None:
    ticket_id = await an_active_ticket(me)
    mine = await me.edit_form(ticket_id)
    theirs = await them.edit_form(ticket_id)
    theirs.values["title"] = "Their title"
    theirs.values["priority"] = other_priority(theirs)
    assert (await them.save(theirs)).saved

    mine.values["title"] = "My title"
    result = await me.save(mine)

    assert not result.saved
    assert [(c.key, c.base, c.mine, c.theirs) for c in result.conflicts] == [
        ("title", mine.base["title"], "My title", "Their title")
    ]
    assert result.current["title"] == "Their title"
    assert (await raw_ticket(fresh_so_server, ticket_id))["Title"] == "Their title"

    # Resolved (keep mine): base becomes what the server has now, as the UI does.
    mine.base = dict(result.current)
    mine.values = dict(result.current) | {"title": "My title"}
    again = await me.save(mine)
    assert again.saved
    stored = await raw_ticket(fresh_so_server, ticket_id)
    assert stored["Title"] == "My title"
    assert str(stored["Priority"]["TicketPriorityId"]) == theirs.values["priority"]


async def test_a_status_change_keeps_base_status_consistent(
    fresh_so_server: Any, me: SuperOfficeBackend
) -> None:
    ticket_id = await an_active_ticket(me)
    lists = await me.pick_lists()
    by_name = {s.Name: s for s in lists.statuses}

    form = await me.edit_form(ticket_id)
    form.values["status"] = str(by_name["Postponed"].TicketStatusId)
    form.values["postponed_until"] = datetime.now().replace(microsecond=0) + timedelta(days=3)
    assert (await me.save(form)).saved
    stored = await raw_ticket(fresh_so_server, ticket_id)
    assert stored["Status"]["TicketStatusId"] == by_name["Postponed"].TicketStatusId
    assert stored["BaseStatus"] == "Postponed"

    form = await me.edit_form(ticket_id)
    form.values["status"] = str(by_name["Waiting for customer"].TicketStatusId)
    assert (await me.save(form)).saved
    stored = await raw_ticket(fresh_so_server, ticket_id)
    assert stored["Status"]["Name"] == "Waiting for customer"
    assert stored["BaseStatus"] == "Active"


async def test_fields_we_do_not_edit_or_model_survive_a_save(
    fresh_so_server: Any, me: SuperOfficeBackend
) -> None:
    ticket_id = await an_active_ticket(me)
    before = await raw_ticket(fresh_so_server, ticket_id)

    form = await me.edit_form(ticket_id)
    form.values["title"] = before["Title"] + " (edited)"
    assert (await me.save(form)).saved

    after = await raw_ticket(fresh_so_server, ticket_id)
    assert after["Title"] == before["Title"] + " (edited)"
    untouched = set(before) - VOLATILE - {"Title"}
    assert {k: after.get(k) for k in untouched} == {k: before[k] for k in untouched}
    assert after.get("CustomFields") == before.get("CustomFields")


async def test_a_save_without_changes_sends_nothing(
    fresh_so_server: Any, me: SuperOfficeBackend
) -> None:
    ticket_id = await an_active_ticket(me)
    before = await raw_ticket(fresh_so_server, ticket_id)
    result = await me.save(await me.edit_form(ticket_id))
    assert result.saved
    assert (await raw_ticket(fresh_so_server, ticket_id))["LastChanged"] == before["LastChanged"]


async def test_a_new_ticket_gets_its_first_message(
    fresh_so_server: Any, me: SuperOfficeBackend
) -> None:
    form = await me.edit_form(None)
    assert form.is_new
    form.values |= {
        "title": "Printer on fire",
        "category": form.spec("category").choices[0].value,
        "priority": form.spec("priority").choices[-1].value,
        "message": "It is actually on fire.",
    }
    result = await me.save(form)
    assert result.saved and result.ticket_id > 0
    stored = await raw_ticket(fresh_so_server, result.ticket_id)
    assert stored["Title"] == "Printer on fire"
    messages = await me.messages(result.ticket_id)
    assert [m.body.strip() for m in messages] == ["It is actually on fire."]
