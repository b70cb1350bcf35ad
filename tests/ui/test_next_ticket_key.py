"""`N` in the queue: an agent takes the next waiting ticket of the section on show; it opens,
assigned to them (SuperOffice) or shown with a word that it could not be (Keliweb); an empty
queue says so in one line and nothing opens."""

from __future__ import annotations

import sqlite3
from typing import Any

from tests.conftest import backend_factory_for
from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import notifications, settle, until
from tests.ui.queue_helpers import SIZE, queue
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.superoffice.server import accounts
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.queue import QueueScreen

__all__ = ["kw_server"]  # fixture, imported for pytest


def so_db(server: Any, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(server.db_path) as conn:
        return conn.execute(sql, params).fetchall()


async def show_section(pilot: Any, app: TicketApp, key: str) -> None:
    index = next(i for i, s in enumerate(queue(app).sections) if s.key == key)
    await pilot.press(str(index + 1))
    await settle(pilot)


async def test_n_takes_the_oldest_unowned_ticket_of_the_section_and_opens_it(
    fresh_so_server: Any,
) -> None:
    oldest = so_db(
        fresh_so_server,
        "SELECT ticket_id FROM ticket WHERE owned_by = 0 AND base_status = 1 "
        "ORDER BY created_at, ticket_id LIMIT 1",
    )[0][0]
    app = TicketApp(backend_factory_for(fresh_so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_section(pilot, app, "unassigned")
        await pilot.press("N")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the ticket opened")
        screen = app.screen
        assert isinstance(screen, DetailScreen) and screen.ticket_id == oldest
        assert f"Took ticket {oldest} from Unassigned" in notifications(app)
        await settle(pilot)
    owner = so_db(fresh_so_server, "SELECT owned_by FROM ticket WHERE ticket_id = ?", oldest)
    me = so_db(
        fresh_so_server, "SELECT associate_id FROM associate WHERE name = ?", accounts.DEMO_USER
    )
    assert owner == me


async def test_n_on_an_empty_queue_says_so_and_stays(fresh_so_server: Any) -> None:
    app = TicketApp(backend_factory_for(fresh_so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_section(pilot, app, "my-open")
        await pilot.press("N")
        await until(
            pilot,
            lambda: "No ticket waiting in My open" in notifications(app),
            "the empty-queue line",
        )
        assert isinstance(app.screen, QueueScreen)


async def test_n_on_keliweb_opens_the_longest_waiting_ticket_and_says_it_cannot_take_it(
    kw_server: LocalKeliweb,
) -> None:
    app = TicketApp(kw_factory(kw_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_section(pilot, app, "awaiting-reply")
        await pilot.press("N")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the ticket opened")
        said = [n for n in notifications(app) if n.startswith("Opened ticket")]
        assert said and "cannot assign" in said[0]
        await settle(pilot)
