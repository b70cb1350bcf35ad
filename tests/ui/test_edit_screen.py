"""The edit screen, driven by keys, against the real local SuperOffice server (no mocks).

"Me" is the demo agent in the app; "them" is Tobias Johansen, a seeded agent who logs in with
his own password through a backend of his own and saves in between, as a colleague would.
Every check of what was saved reads the server with a client of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, SelectionList, TextArea

from tests.conftest import superoffice_factory
from tests.pilot import notifications, settle, until
from tests.ui.edit_helpers import (
    OTHER_ID,
    OTHER_PASSWORD,
    OTHER_USER,
    SIZE,
    an_active_ticket,
    app_for,
    choose,
    field,
    on_server,
    open_edit,
    replace_text,
    settings,
    tab_to,
    ticket_on_server,
)
from tickettui.core.domain import FieldKind, FieldSpec
from tickettui.core.drafts import Draft, DraftStore, decode_values, encode_values
from tickettui.systems.superoffice.server import LocalSuperOffice, accounts
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.edit import EditScreen, RestoreDraft
from tickettui.ui.screens.merge import ConflictRow, MergeScreen
from tickettui.ui.screens.pickers import Confirm

SMALL_QUEUE = 150  # as tests/conftest.py seeds it
VOLATILE = {"LastChanged", "ReadStatus", "ReadByOwner", "FirstReadByOwner", "AlertLevel"}


# --- the app, the other writer, the server's view --------------------------------------------


async def as_them(server: Any, change: Callable[[Any], None], ticket_id: int) -> None:
    """Tobias opens the ticket, changes it and saves, with his own login."""
    backend = superoffice_factory(settings(server, OTHER_USER, OTHER_PASSWORD))()
    try:
        form = await backend.edit_form(ticket_id)
        change(form)
        assert (await backend.save(form)).saved
    finally:
        await backend.aclose()


# --- driving the screen -------------------------------------------------------------------


def error_text(screen: EditScreen, key: str) -> str:
    label = screen.query_one(f"#error-{key}", Label)
    return str(label.render()) if label.has_class("-shown") else ""


async def save_and_leave(pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+s")
    await until(pilot, lambda: not isinstance(pilot.app.screen, EditScreen), "the save")


# --- stories ------------------------------------------------------------------------------


async def test_change_priority_and_title_and_save(fresh_so_server: Any) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    before = await ticket_on_server(fresh_so_server, ticket_id)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        assert "Edit ticket" in str(screen.query_one("#edit-title").render())
        await replace_text(pilot, screen, "title", "Scanner jams on every page")
        old_priority = field(screen, "priority").value
        priority = await choose(pilot, screen, "priority", lambda v: v != old_priority)
        await save_and_leave(pilot)
        assert f"Ticket {ticket_id} saved" in notifications(app)

    after = await ticket_on_server(fresh_so_server, ticket_id)
    assert after["Title"] == "Scanner jams on every page"
    assert str(after["Priority"]["TicketPriorityId"]) == priority
    untouched = set(before) - VOLATILE - {"Title", "Priority"}
    assert {k: after.get(k) for k in untouched} == {k: before[k] for k in untouched}
    assert after.get("CustomFields") == before.get("CustomFields")


async def test_an_empty_title_is_explained_inline_and_nothing_is_sent(
    fresh_so_server: Any,
) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    before = await ticket_on_server(fresh_so_server, ticket_id)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await replace_text(pilot, screen, "title", "")
        assert error_text(screen, "title") == "Title is required"
        await pilot.press("ctrl+s")
        await settle(pilot)  # a save, had one started, would have ended
        assert app.screen is screen
        assert screen.focused is field(screen, "title")
        # Fixing it clears the explanation as you type.
        await pilot.press(*"Back again")
        assert error_text(screen, "title") == ""
        await replace_text(pilot, screen, "title", "x" * 300)
        assert error_text(screen, "title") == "Title is too long: 300 characters, at most 255"
        await pilot.press("ctrl+s")
        await settle(pilot)  # a save, had one started, would have ended
        assert app.screen is screen and field(screen, "title").value == "x" * 300

    after = await ticket_on_server(fresh_so_server, ticket_id)
    assert after["LastChanged"] == before["LastChanged"] and after["Title"] == before["Title"]


async def test_a_bad_date_is_explained_inline(fresh_so_server: Any) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    before = await ticket_on_server(fresh_so_server, ticket_id)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await replace_text(pilot, screen, "deadline", "next blursday")
        await pilot.press("tab")  # leaving the field checks it
        assert error_text(screen, "deadline").startswith("Not a date: use e.g.")
        await replace_text(pilot, screen, "postponed_until", "2001-01-01 10:00")
        await pilot.press("ctrl+s")
        await settle(pilot)  # a save, had one started, would have ended
        assert app.screen is screen
        assert "in the past" in error_text(screen, "postponed_until")
        assert field(screen, "deadline").value == "next blursday"  # nothing typed is lost
        assert any("Not saved: check Deadline, Postpone until" in n for n in notifications(app))
        # A good date clears the explanation.
        await replace_text(pilot, screen, "deadline", "+2d")
        assert error_text(screen, "deadline") == ""

    after = await ticket_on_server(fresh_so_server, ticket_id)
    assert after["LastChanged"] == before["LastChanged"]


async def test_their_owner_change_and_my_priority_change_both_land(fresh_so_server: Any) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await as_them(fresh_so_server, lambda f: f.values.update(owner=OTHER_ID), ticket_id)
        old_priority = field(screen, "priority").value
        priority = await choose(pilot, screen, "priority", lambda v: v != old_priority)
        await save_and_leave(pilot)
        assert f"Ticket {ticket_id} saved; kept their changes to: owner" in notifications(app)

    after = await ticket_on_server(fresh_so_server, ticket_id)
    assert str(after["Priority"]["TicketPriorityId"]) == priority
    assert str(after["OwnedBy"]["AssociateId"]) == OTHER_ID


@pytest.mark.parametrize("side", ["mine", "theirs"])
async def test_both_change_the_title_and_i_choose_in_the_merge_screen(
    fresh_so_server: Any, side: str
) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    before = await ticket_on_server(fresh_so_server, ticket_id)
    their_priority = ""

    def their_edit(form: Any) -> None:
        nonlocal their_priority
        their_priority = next(
            c.value for c in form.spec("priority").choices if c.value != form.values["priority"]
        )
        form.values.update(title="Their title", priority=their_priority, owner=OTHER_ID)

    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await as_them(fresh_so_server, their_edit, ticket_id)
        await replace_text(pilot, screen, "title", "My title")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MergeScreen), "the merge screen")
        merge = app.screen
        rows = list(merge.query(ConflictRow))
        assert [r.conflict.key for r in rows] == ["title"]
        shown = str(rows[0].render())
        assert before["Title"] in shown and "My title" in shown and "Their title" in shown

        await pilot.press("enter")  # nothing chosen yet: explained, nothing saved
        assert app.screen is merge
        assert "Choose yours (m) or theirs (t) for: Title" in str(
            merge.query_one("#merge-error", Label).render()
        )
        await pilot.press("m" if side == "mine" else "t", "enter")
        await until(pilot, lambda: not isinstance(app.screen, (EditScreen, MergeScreen)), "save")
        assert any("kept their changes to: priority, owner" in n for n in notifications(app))

    after = await ticket_on_server(fresh_so_server, ticket_id)
    assert after["Title"] == ("My title" if side == "mine" else "Their title")
    assert str(after["Priority"]["TicketPriorityId"]) == their_priority
    assert str(after["OwnedBy"]["AssociateId"]) == OTHER_ID


async def test_esc_on_the_merge_screen_goes_back_to_the_form_as_typed(
    fresh_so_server: Any,
) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await as_them(fresh_so_server, lambda f: f.values.update(title="Their title"), ticket_id)
        await replace_text(pilot, screen, "title", "My title")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MergeScreen), "the merge screen")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen and not screen.saving, "the form")
        assert field(screen, "title").value == "My title"
        # Saving again still sees the conflict: their title is never silently overwritten.
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MergeScreen), "the merge screen again")

    assert (await ticket_on_server(fresh_so_server, ticket_id))["Title"] == "Their title"


async def test_the_server_goes_away_the_form_stays_and_the_draft_is_offered(
    fresh_so_server: Any,
) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await replace_text(pilot, screen, "title", "Written while the server was down")
        old_owner = field(screen, "owner").value
        owner = await choose(pilot, screen, "owner", lambda v: v not in ("0", old_owner))
        fresh_so_server.stop()
        await pilot.press("ctrl+s")
        await until(
            pilot, lambda: any("kept as a draft" in n for n in notifications(app)), "the error"
        )
        assert app.screen is screen and not screen.saving
        assert field(screen, "title").value == "Written while the server was down"
        assert field(screen, "owner").value == owner
        assert ticket_id in app.drafts  # type: ignore[attr-defined]

        # Leaving keeps the draft (and says so); reopening offers it.
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        assert "kept as a draft" in str(app.screen.query(Label).first().render())
        await pilot.press("y")
        await until(pilot, lambda: not isinstance(app.screen, (EditScreen, Confirm)), "leaving")

        # The server comes back on the same port with the same data.
        again = LocalSuperOffice.start(
            tickets=SMALL_QUEUE, db_path=fresh_so_server.db_path, port=fresh_so_server.port
        )
        try:
            app.edit_ticket(ticket_id)
            await until(
                pilot,
                lambda: (
                    isinstance(app.screen, RestoreDraft)
                    and bool(app.screen.query("#draft-question"))
                ),
                "the draft offer",
            )
            question = str(app.screen.query_one("#draft-question", Label).render())
            assert question.startswith("A draft from ") and question.endswith("restore it? y/n")
            await pilot.press("y")
            await until(
                pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
            )
            screen = app.screen  # type: ignore[assignment]
            assert field(screen, "title").value == "Written while the server was down"
            assert field(screen, "owner").value == owner
            await save_and_leave(pilot)
            assert ticket_id not in app.drafts  # type: ignore[attr-defined]
            after = await ticket_on_server(again, ticket_id)
        finally:
            again.stop()

    assert after["Title"] == "Written while the server was down"
    assert str(after["OwnedBy"]["AssociateId"]) == owner


async def test_assign_to_me_sets_the_owner(fresh_so_server: Any) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await pilot.press("ctrl+o")
        me = str(accounts.DEMO_ASSOCIATE_ID)
        await until(pilot, lambda: field(screen, "owner").value == me, "assign to me")
        await save_and_leave(pilot)

    after = await ticket_on_server(fresh_so_server, ticket_id)
    assert after["OwnedBy"]["AssociateId"] == accounts.DEMO_ASSOCIATE_ID


async def test_a_new_ticket_from_the_queue_with_its_first_message(fresh_so_server: Any) -> None:
    app = app_for(fresh_so_server, TicketApp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the queue is up: n is its key
        await pilot.press("n")
        await until(
            pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
        )
        screen: EditScreen = app.screen  # type: ignore[assignment]
        assert str(screen.query_one("#edit-title").render()) == "New ticket"
        await replace_text(pilot, screen, "title", "Laptop will not boot")
        category = await choose(pilot, screen, "category", lambda v: True)
        priority = await choose(pilot, screen, "priority", lambda v: v == "3")
        await tab_to(pilot, screen, "message")
        assert isinstance(field(screen, "message"), TextArea)
        await pilot.press(*"Since this morning.", "enter", *"Black screen.")
        await pilot.press("ctrl+s")
        await until(
            pilot, lambda: any(n.endswith(" created") for n in notifications(app)), "creation"
        )
        created = next(n for n in notifications(app) if n.endswith(" created"))
        ticket_id = int(created.split()[1])

    stored = await ticket_on_server(fresh_so_server, ticket_id)
    assert stored["Title"] == "Laptop will not boot"
    assert str(stored["Category"]["TicketCategoryId"]) == category
    assert str(stored["Priority"]["TicketPriorityId"]) == priority
    messages = await on_server(fresh_so_server, f"Ticket/{ticket_id}/Messages?$select=body")
    bodies = [row.get("body") or row.get("Body") for row in messages["value"]]
    assert len(bodies) == 1 and "Since this morning." in str(bodies[0])


async def test_esc_with_changes_asks_before_discarding(fresh_so_server: Any) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    before = await ticket_on_server(fresh_so_server, ticket_id)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await pilot.press("escape")  # nothing changed: straight back
        await until(pilot, lambda: not isinstance(app.screen, EditScreen), "leaving")

        screen = await open_edit(pilot, ticket_id)
        await tab_to(pilot, screen, "tags")
        await pilot.press("space")  # tick or untick the first tag
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        assert str(app.screen.query(Label).first().render()) == "Discard your changes?"
        await pilot.press("n")
        await until(pilot, lambda: app.screen is screen, "back to the form")
        assert isinstance(field(screen, "tags"), SelectionList)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question again")
        await pilot.press("y")
        await until(pilot, lambda: not isinstance(app.screen, (EditScreen, Confirm)), "leaving")

    assert (await ticket_on_server(fresh_so_server, ticket_id))["LastChanged"] == before[
        "LastChanged"
    ]


def test_every_binding_has_an_id() -> None:
    for screen_class in (EditScreen, MergeScreen, RestoreDraft):
        assert all(b.id for b in screen_class.BINDINGS)  # type: ignore[union-attr]
    assert {b.id for b in EditScreen.BINDINGS} >= {  # type: ignore[union-attr]
        "edit.save",
        "edit.cancel",
        "edit.assign_to_me",
    }


def test_a_draft_is_plain_json_and_comes_back_as_the_form_had_it() -> None:
    specs = [
        FieldSpec("title", "Title", FieldKind.TEXT),
        FieldSpec("deadline", "Deadline", FieldKind.DATETIME),
        FieldSpec("tags", "Tags", FieldKind.TAGS),
        FieldSpec("owner", "Owner", FieldKind.CHOICE),
    ]
    values: dict[str, Any] = {
        "title": "Printer on fire",
        "deadline": datetime(2026, 11, 25, 14, 0, 30),
        "tags": ("2", "7"),
        "owner": None,
    }
    draft = Draft(7, datetime(2026, 11, 23, 14, 5), encode_values(values), encode_values(values))
    on_disk = json.loads(json.dumps(draft.to_json()))
    back = Draft.from_json(on_disk)
    assert back == draft
    assert decode_values(back.values, specs) == values

    store = DraftStore()
    store.put(back)
    assert 7 in store and store.get(7) is back
    store.discard(7)
    assert store.get(7) is None and len(store) == 0
