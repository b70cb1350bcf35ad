"""Keliweb tickets are named by the number users quote (``tid``, e.g. 616611), never by the
internal id the API writes with: pickers, notices, the compose and edit titles, the merge
screen, drafts and a new ticket's notice. Driven by keys against the local Keliweb server."""

from __future__ import annotations

from textual.widgets import Label

from tests.keliweb_fixtures import fresh_kw_server, kw_client, kw_factory
from tests.pilot import error_notifications, notifications, settle, until
from tests.ui.edit_helpers import replace_text
from tests.ui.queue_helpers import listing
from tickettui.core.domain import TicketSummary
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.compose import ComposeScreen
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.edit import EditScreen
from tickettui.ui.screens.merge import MergeScreen
from tickettui.ui.screens.pickers import ChoicePicker, Confirm

__all__ = ["fresh_kw_server"]  # fixture, imported for pytest

SIZE = (120, 36)


def first_label(app: TicketApp) -> str:
    return str(app.screen.query(Label).first().render())


def cursor(app: TicketApp) -> TicketSummary:
    ticket = listing(app).cursor_ticket
    assert ticket is not None
    # The seed's numbers are not the ids: a test that mixed them up would notice.
    assert ticket.number and ticket.number != str(ticket.id)
    return ticket


async def test_quick_actions_from_the_queue_name_the_ticket_by_its_number(
    fresh_kw_server: LocalKeliweb,
) -> None:
    app = TicketApp(kw_factory(fresh_kw_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = cursor(app)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the status picker")
        assert first_label(app) == f"Status of ticket {ticket.number}"
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ChoicePicker), "the picker")

        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        assert first_label(app) == f"Close ticket {ticket.number}?"
        await pilot.press("y")
        said = f"#{ticket.number} → Closed · u undoes"
        await until(pilot, lambda: said in notifications(app), "the close named")
        assert not error_notifications(app)
        assert not any(str(ticket.id) in n for n in notifications(app))


async def test_detail_compose_drafts_edit_and_merge_name_the_ticket_by_its_number(
    fresh_kw_server: LocalKeliweb,
) -> None:
    app = TicketApp(kw_factory(fresh_kw_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = cursor(app)
        number = ticket.number
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail")
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        await until(pilot, lambda: detail.detail is not None, "the ticket")

        await pilot.press("P")
        await until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the priority picker")
        assert first_label(app) == f"Priority of ticket {number}"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is detail, "back")

        # A reply: its title and the draft it leaves name the number.
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the reply")
        title = str(app.screen.query_one("#compose-title").render())
        assert title == f"Reply as the account on ticket {number}"
        await pilot.press(*"Una bozza")
        await until(pilot, lambda: len(app.drafts) == 1, "the draft")
        assert [d.describe() for d in app.drafts.mine()] == [f"ticket {number} (reply)"]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, Confirm), "discard?")
        await pilot.press("y")
        await until(pilot, lambda: app.screen is detail, "back")

        # Edit while someone else changes the subject: edit title, merge screen and notice.
        await pilot.press("e")
        await until(
            pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
        )
        edit = app.screen
        assert isinstance(edit, EditScreen)
        assert str(edit.query_one("#edit-title").render()) == f"Edit ticket {number}"
        async with kw_client(fresh_kw_server) as client:
            await client.update_ticket(ticket.id, subject="Cambiato da un collega")
        await replace_text(pilot, edit, "subject", "Cambiato da me")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MergeScreen), "the merge screen")
        intro = str(app.screen.query_one("#merge-intro").render())
        assert f"on ticket {number}." in intro
        await pilot.press("m", "enter")
        await until(pilot, lambda: f"Ticket {number} saved" in notifications(app), "the save")
        assert not error_notifications(app)
        assert not any(str(ticket.id) in n for n in notifications(app))


async def test_a_new_ticket_is_announced_by_its_number(fresh_kw_server: LocalKeliweb) -> None:
    app = TicketApp(kw_factory(fresh_kw_server))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await until(
            pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
        )
        screen = app.screen
        assert isinstance(screen, EditScreen)
        await replace_text(pilot, screen, "subject", "Numero del ticket nuovo")
        await replace_text(pilot, screen, "message", "Prima riga")
        await pilot.press("ctrl+s")
        await until(
            pilot, lambda: any(n.endswith(" created") for n in notifications(app)), "creation"
        )
        created = next(n for n in notifications(app) if n.endswith(" created"))
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the new ticket")

    async with kw_client(fresh_kw_server) as client:
        found = await client.get_tickets(subject="Numero del ticket nuovo")
    (new,) = found.tickets
    assert new.tid != str(new.id)
    assert created == f"Ticket {new.tid} created"
