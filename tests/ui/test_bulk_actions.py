"""An agent closes, re-prioritises and takes many tickets at once (issue 14, item 2): the
triage keys act on the marked tickets, a confirm counts them, the progress is in the status
line, esc stops, and at the end the ones done are unmarked and the failed stay marked with
their reason. Pilot tests against both local servers, each test with a server of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.middleware import Middleware

from tests.conftest import backend_factory_for
from tests.core.bulk_servers import TICKETS
from tests.held_requests import HeldRequests, HoldingServer
from tests.keliweb_fixtures import fresh_kw_server, kw_factory
from tests.pilot import notifications, screen_text, settle, until, wait_for
from tests.ui.marks_helpers import marked, shown_ids, status, status_kinds
from tests.ui.queue_helpers import SIZE, queue
from tickettui.core.bulk import CONCURRENCY
from tickettui.core.domain import StatusKind
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.superoffice.server import LocalSuperOffice
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.bulk_summary import BulkSummary
from tickettui.ui.screens.pickers import ChoicePicker, ConfirmLoss

__all__ = ["fresh_kw_server"]  # fixture, imported for pytest


async def _close_three(app: TicketApp, pilot: Any) -> tuple[list[int], str]:
    """Mark the first three tickets, press c; the confirm's question and the three ids."""
    await settle(pilot)
    three = shown_ids(app)[:3]
    await pilot.press("space", "space", "space")
    assert marked(app) == three
    await pilot.press("c")
    await until(pilot, lambda: "tickets (#" in screen_text(app), "the confirm's question")
    assert isinstance(app.screen, ConfirmLoss)
    return three, screen_text(app)


async def test_three_marked_tickets_closed_on_superoffice(fresh_so_server: Any) -> None:
    factory = backend_factory_for(fresh_so_server)
    app = TicketApp(factory)
    async with app.run_test(size=SIZE) as pilot:
        three, question = await _close_three(app, pilot)
        assert "Close: 3 tickets" in question  # how many, and what will change
        await pilot.press("y")
        await wait_for(pilot, lambda: not marked(app), "the marks to go")
        assert any("Close: 3 done" in n for n in notifications(app))
        assert "marked" not in status(app)
    assert await status_kinds(factory, three) == dict.fromkeys(three, StatusKind.CLOSED)


async def test_three_marked_tickets_closed_on_keliweb(fresh_kw_server: LocalKeliweb) -> None:
    factory = kw_factory(fresh_kw_server)
    app = TicketApp(factory)
    async with app.run_test(size=SIZE) as pilot:
        three, question = await _close_three(app, pilot)
        assert "Close: 3 tickets" in question
        await pilot.press("y")
        await wait_for(pilot, lambda: not marked(app), "the marks to go")
    assert await status_kinds(factory, three) == dict.fromkeys(three, StatusKind.CLOSED)


async def test_enter_on_the_confirm_changes_nothing(fresh_so_server: Any) -> None:
    factory = backend_factory_for(fresh_so_server)
    app = TicketApp(factory)
    async with app.run_test(size=SIZE) as pilot:
        three, _ = await _close_three(app, pilot)
        before = await status_kinds(factory, three)
        await pilot.press("enter")
        await settle(pilot)
        assert marked(app) == three  # nothing done: still marked
    assert await status_kinds(factory, three) == before


async def test_a_ticket_that_fails_stays_marked_with_its_reason(fresh_so_server: Any) -> None:
    factory = backend_factory_for(fresh_so_server)
    app = TicketApp(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        two = shown_ids(app)[:2]
        await pilot.press("space", "space")
        # A ticket deleted on the server since it was marked.
        queue(app).marks.add([(99999, "")])
        await pilot.press("P")
        await until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the priorities")
        await pilot.press("end", "enter")  # the last one: Critical
        await until(pilot, lambda: "3 tickets (#" in screen_text(app), "the confirm's question")
        assert "Set priority to Critical: 3 tickets" in screen_text(app)
        await pilot.press("y")
        await until(pilot, lambda: "failed" in screen_text(app), "the summary")
        assert isinstance(app.screen, BulkSummary)
        text = screen_text(app)
        assert "2 done, 1 failed" in text and "#99999" in text and "99999" in text
        assert marked(app) == [99999]  # the failed one stays marked, for a retry
        await pilot.press("escape")
        await settle(pilot)
        assert "1 marked" in status(app)
    backend = factory()
    try:
        priorities = {i: (await backend.ticket(i)).summary.priority for i in two}
    finally:
        await backend.aclose()
    assert priorities == dict.fromkeys(two, "Critical")


async def test_esc_stops_and_says_what_was_done(tmp_path: Path) -> None:
    # The server holds every request from the `y` on, until the stop is on screen: the first
    # tickets are in flight when esc comes and the rest not started, however fast or slow the
    # machine (a delay per request let a starved test see the whole run end before its esc).
    held = HeldRequests()
    server = LocalSuperOffice.start(
        tickets=TICKETS,
        seed=7,
        db_path=tmp_path / "so.sqlite",
        middleware=[Middleware(HoldingServer, held=held)],
    )
    try:
        factory = backend_factory_for(server)
        app = TicketApp(factory)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("3")  # All active: many tickets
            await settle(pilot)
            await pilot.press("asterisk")
            every = marked(app)
            assert len(every) > 12
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, ConfirmLoss), "the confirm")
            held.hold()
            await pilot.press("y")
            await until(
                pilot,
                lambda: held.asked_about(every),
                f"the first tickets at the server (held: {held.paths})",
            )
            assert f"Closing 0/{len(every)}…" in status(app) and "esc stops" in status(app)
            await pilot.press("escape")
            await until(pilot, lambda: "stopping…" in status(app), "the stop in the status line")
            held.release()
            await until(pilot, lambda: "not started" in screen_text(app), "the summary")
            assert isinstance(app.screen, BulkSummary)
            assert "Not started (stopped): #" in screen_text(app)
            left = marked(app)
            await pilot.press("escape")
            await settle(pilot)
        done = [i for i in every if i not in left]
        kinds = await status_kinds(factory, every)
    finally:
        held.release()  # nothing left waiting when the server stops
        server.stop()
    assert done and left  # those in flight closed, the rest not started
    assert len(done) <= CONCURRENCY
    assert all(kinds[i] is StatusKind.CLOSED for i in done)
    assert all(kinds[i] is not StatusKind.CLOSED for i in left)
