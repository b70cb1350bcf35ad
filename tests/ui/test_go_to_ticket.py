"""The palette's "go to ticket" takes the number an agent reads in an e-mail: Keliweb's ticket
number (tid) whether or not a loaded list has the ticket, or ``id:N``; a number that names no
ticket is one line, and the queue stays."""

from __future__ import annotations

import sqlite3

from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import notifications, settle, until
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.keliweb.server import accounts as kw_accounts
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.queue import QueueScreen

__all__ = ["kw_server"]  # fixture, imported for pytest

SIZE = (120, 36)


def a_closed_ticket(server: LocalKeliweb) -> tuple[int, str]:
    """The customer's closed ticket: in no list the queue opens with."""
    with sqlite3.connect(server.db_path) as db:
        row = db.execute(
            "SELECT id, tid FROM ticket WHERE userid = ? AND status = 'Closed' ORDER BY id LIMIT 1",
            (kw_accounts.DEMO_USER_ID,),
        ).fetchone()
    return int(row[0]), str(row[1])


async def test_go_to_a_keliweb_number_the_queue_has_not_loaded(kw_server: LocalKeliweb) -> None:
    ticket_id, tid = a_closed_ticket(kw_server)
    app = TicketApp(kw_factory(kw_server))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        for typed in (tid, f"#{tid}", f"id:{ticket_id}"):
            await pilot.press("ctrl+p")
            await pilot.press(*typed)
            await settle(pilot)  # the palette has gathered its hits
            await pilot.press("enter")
            await until(
                pilot,
                lambda: isinstance(app.screen, DetailScreen) and app.screen.ticket_id == ticket_id,
                f"ticket {typed} open",
            )
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, QueueScreen), "the queue again")

        await pilot.press("ctrl+p")
        await pilot.press(*"999999999")
        await settle(pilot)
        await pilot.press("enter")
        await until(
            pilot,
            lambda: any("No ticket 999999999" in text for text in notifications(app, "error")),
            "the one-line error",
        )
        assert isinstance(app.screen, QueueScreen)
