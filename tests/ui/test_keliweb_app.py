"""The same app on Keliweb: list -> detail -> reply -> status change -> edit -> new ticket,
driven by keys against the local Keliweb server over loopback. The screens learn what
Keliweb can do from the backend's Capabilities; nothing here is Keliweb-specific UI.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.color import Color
from textual.widgets import OptionList

from tests.keliweb_fixtures import fresh_kw_server, kw_client, kw_factory, kw_server
from tests.pilot import error_notifications, notifications, settle, until
from tests.ui.edit_helpers import choose, replace_text, tab_to
from tests.ui.queue_helpers import listing, queue
from tickettui.core.domain import MessageKind, Section
from tickettui.systems.keliweb.sections import server_sections
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.edit import EditScreen
from tickettui.ui.screens.pickers import ChoicePicker
from tickettui.ui.widgets.thread import GLYPHS, LABELS, ThreadView

__all__ = ["fresh_kw_server", "kw_server"]  # fixtures, imported for pytest

SIZE = (120, 36)
ALL_ACTIVE = Section("all-active", "All active", "status=All Active Tickets")


async def server_ticket(server: LocalKeliweb, ticket_id: int) -> Any:
    async with kw_client(server) as client:
        return await client.get_ticket(ticket_id)


async def a_ticket_with_every_kind(factory: Callable[[], Any]) -> int:
    """A ticket whose thread has a customer message, a staff reply and an internal note."""
    backend = factory()
    try:
        for row in (await backend.list_tickets(ALL_ACTIVE, ["id"]))[:40]:
            kinds = {m.kind for m in await backend.messages(row.id)}
            if kinds >= {MessageKind.CUSTOMER, MessageKind.REPLY, MessageKind.NOTE}:
                return int(row.id)
    finally:
        await backend.aclose()
    raise AssertionError("no ticket with customer, reply and note in the seed")


# --- the queue ----------------------------------------------------------------------------


async def test_the_queue_has_the_servers_departments_and_statuses_as_sections_and_colours(
    kw_server: LocalKeliweb,
) -> None:
    async with kw_client(kw_server) as client:
        departments = await client.get_support_departments()
        statuses = await client.get_support_statuses()
    expected = [s.title for s in server_sections(departments, statuses)]

    app = TicketApp(kw_factory(kw_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        assert [s.title for s in screen.sections] == expected
        assert {d.name for d in departments} <= set(expected)
        assert {s.title for s in statuses} <= set(expected)
        assert not error_notifications(app)

        rows = listing(app)
        assert rows.visible_count > 0
        colours = {s.title: s.color for s in statuses}
        first = rows.ticket_at(0)
        assert first.status_colour == colours[first.status]
        # The status cell is drawn in the server's colour; Keliweb's own column names show.
        header = rows.render_line(0).text
        assert "Department" in header and "Flagged" in header
        style = rows._cell_style("status", first)
        assert style is not None and style.color == Color.parse(first.status_colour)
        # No read-status glyph column: Keliweb has no read status.
        assert "●" not in "".join(rows.render_line(y).text for y in range(1, 6))

        # A department section lists only that department's tickets.
        dept = next(i for i, s in enumerate(screen.sections) if s.key.startswith("dept-"))
        screen.show_section(dept)
        await settle(pilot)
        title = screen.sections[dept].title
        shown = {rows.ticket_at(i).category for i in range(rows.visible_count)}
        assert shown <= {title}


# --- the detail ---------------------------------------------------------------------------


async def test_a_ticket_shows_customer_messages_replies_and_notes_distinctly(
    kw_server: LocalKeliweb,
) -> None:
    factory = kw_factory(kw_server)
    ticket_id = await a_ticket_with_every_kind(factory)
    app = TicketApp(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_ticket(ticket_id)
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail")
        await settle(pilot)
        lines = app.screen.query_one(ThreadView).plain_lines()
        text = "\n".join(lines)
        for kind in (MessageKind.CUSTOMER, MessageKind.REPLY, MessageKind.NOTE):
            assert f"{GLYPHS[kind]} {LABELS[kind]}" in text, kind
        first_header = next(line for line in lines if line[:1] in GLYPHS.values())

        await pilot.press("o")  # newest first
        await pilot.pause()
        flipped = app.screen.query_one(ThreadView).plain_lines()
        assert next(line for line in flipped if line[:1] in GLYPHS.values()) != first_header
        assert not error_notifications(app)


# --- replying, triage, editing, a new ticket (each on a server of its own) ---------------


async def test_reply_from_the_detail_lands_on_the_server(fresh_kw_server: LocalKeliweb) -> None:
    factory = kw_factory(fresh_kw_server)
    app = TicketApp(factory)
    text = "Buongiorno, abbiamo riavviato il servizio MySQL."
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = listing(app).cursor_ticket
        assert ticket is not None
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail")
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*text)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the send")
        await settle(pilot)
        assert any(text in line for line in app.screen.query_one(ThreadView).plain_lines())
        assert not error_notifications(app)

        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"Cliente avvisato")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the note")
        await settle(pilot)

    stored = await server_ticket(fresh_kw_server, ticket.id)
    # Keliweb's API speaks for the reseller, who is the customer of the ticket.
    assert any(r.message.strip() == text for r in stored.replies)
    assert any(n.message.strip() == "Cliente avvisato" for n in stored.notes)
    assert not any("Cliente avvisato" in r.message for r in stored.replies)


async def test_quick_status_change_with_t_lands_on_the_server(
    fresh_kw_server: LocalKeliweb,
) -> None:
    app = TicketApp(kw_factory(fresh_kw_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = listing(app).cursor_ticket
        assert ticket is not None
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the status picker")
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert ticket.status in labels and "Closed" in labels  # the server's statuses
        target = next(s for s in ("On Hold", "In Progress", "Answered") if s != ticket.status)
        assert target in labels
        while str(options.get_option_at_index(options.highlighted or 0).prompt) != target:
            await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ChoicePicker), "the picker")
        await settle(pilot)
        assert not error_notifications(app)

    stored = await server_ticket(fresh_kw_server, ticket.id)
    assert stored.status == target


async def test_edit_subject_priority_and_department_and_save(
    fresh_kw_server: LocalKeliweb,
) -> None:
    app = TicketApp(kw_factory(fresh_kw_server))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        ticket = listing(app).cursor_ticket
        assert ticket is not None
        before = await server_ticket(fresh_kw_server, ticket.id)
        await pilot.press("e")
        await until(
            pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
        )
        screen = app.screen
        assert isinstance(screen, EditScreen)
        for key in ("subject", "status", "priority", "department", "flag"):
            screen.query_one(f"#field-{key}")  # Keliweb's fields, from the backend
        await replace_text(pilot, screen, "subject", 'Sito "lento" & errori 500')
        priority = await choose(pilot, screen, "priority", lambda v: v != before.priority)
        department = await choose(pilot, screen, "department", lambda v: v != str(before.deptid))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EditScreen), "the save")
        await settle(pilot)
        assert not error_notifications(app)
        # The list shows the new subject as typed (no HTML entities).
        shown = next(
            listing(app).ticket_at(i)
            for i in range(listing(app).visible_count)
            if listing(app).ticket_at(i).id == ticket.id
        )
        assert shown.title == 'Sito "lento" & errori 500'

    stored = await server_ticket(fresh_kw_server, ticket.id)
    assert stored.priority == priority
    assert str(stored.deptid) == department
    assert "lento" in stored.subject and stored.status == before.status


async def test_a_new_ticket_with_n(fresh_kw_server: LocalKeliweb) -> None:
    app = TicketApp(kw_factory(fresh_kw_server))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await until(
            pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
        )
        screen = app.screen
        assert isinstance(screen, EditScreen)
        await replace_text(pilot, screen, "subject", "Rinnovo dominio esempio.it")
        department = await choose(pilot, screen, "department", lambda v: True)
        await tab_to(pilot, screen, "message")
        await pilot.press(*"Vorrei rinnovare per due anni.")
        await pilot.press("ctrl+s")
        await until(
            pilot, lambda: any(n.endswith(" created") for n in notifications(app)), "creation"
        )
        created = next(n for n in notifications(app) if n.endswith(" created"))
        assert not error_notifications(app)

    async with kw_client(fresh_kw_server) as client:
        found = await client.get_tickets(subject="Rinnovo dominio esempio.it")
        assert len(found.tickets) == 1
        new = await client.get_ticket(found.tickets[0].id)
    assert str(new.deptid) == department
    assert new.tid in created or str(new.ticketid) in created
    assert "due anni" in new.replies[0].message
