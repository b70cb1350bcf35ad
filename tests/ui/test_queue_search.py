"""`f` on the queue (issue 15, item 3), as an agent uses it on both local servers: the prompt,
the results in a tab of their own with the usual keys, more as the cursor nears the end, esc
stopping a search the server is still working on, a second search replacing the first, x
closing it, and a kind the system cannot search said under the field before anything is sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.middleware import Middleware
from starlette.responses import JSONResponse
from textual.widgets import Input, Label

from tests.conftest import SMALL_QUEUE, backend_factory_for
from tests.held_requests import HeldRequests, HoldingServer
from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import error_notifications, settle, until
from tests.ui.queue_helpers import SIZE, RecordingApp, listing, queue, status_text
from tickettui.core.ticket_search import PAGE_SIZE
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.superoffice.server import LocalSuperOffice
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.search_prompt import SearchPrompt

__all__ = ["kw_server"]  # fixture, imported for pytest


async def find(pilot: Any, app: TicketApp, text: str) -> None:
    """f, the query typed, enter."""
    await pilot.press("f")
    await until(pilot, lambda: isinstance(app.screen, SearchPrompt), "the search prompt")
    app.screen.query_one(Input).value = text
    await pilot.press("enter")


def shown_titles(app: TicketApp) -> list[str]:
    rows = listing(app).rows
    return [rows.ticket_at(n).title for n in range(len(rows.view))]


def tab_titles(app: TicketApp) -> list[str]:
    return [s.title for s in queue(app).model.sections]


async def test_superoffice_results_open_in_a_tab_of_their_own(so_server: Any) -> None:
    app = RecordingApp(backend_factory_for(so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sections = tab_titles(app)
        await find(pilot, app, "title:printer")
        await settle(pilot)
        screen = queue(app)
        assert tab_titles(app) == [*sections, "🔍 title:printer"]
        assert screen.model.active == len(sections)  # the results are on show
        titles = shown_titles(app)
        assert titles and all("printer" in t.lower() for t in titles)
        assert "search results (x closes)" in status_text(screen)
        assert screen.tabs.count(len(sections)) == len(titles)
        # The usual keys: open, mark, the local filter.
        await pilot.press("space", "enter")
        assert app.opened == [listing(app).cursor_ticket.id]  # type: ignore[union-attr]
        assert len(screen.marks) == 1
        await pilot.press("slash", *"label", "enter")
        assert 0 < len(shown_titles(app)) <= len(titles)


async def test_one_ticket_found_is_counted_as_one_ticket(so_server: Any) -> None:
    app = TicketApp(backend_factory_for(so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wanted = listing(app).cursor_ticket
        assert wanted is not None
        await find(pilot, app, f"#{wanted.id}")
        await settle(pilot)
        assert shown_titles(app) == [wanted.title]
        status = status_text(queue(app))
        assert "1 ticket " in status and "1 tickets" not in status


async def test_a_second_search_replaces_the_first_and_x_closes_it(so_server: Any) -> None:
    app = TicketApp(backend_factory_for(so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sections = tab_titles(app)
        await pilot.press("2")  # searched from the second section
        await find(pilot, app, "title:printer")
        await settle(pilot)
        await find(pilot, app, "#5")
        await settle(pilot)
        assert tab_titles(app) == [*sections, "🔍 #5"]
        assert [t.id for t in listing(app).rows.tickets] == [5]
        await pilot.press("x")
        await settle(pilot)
        assert tab_titles(app) == sections
        assert queue(app).model.active == 1  # back where the search started


async def test_more_results_come_as_the_cursor_nears_the_end(so_server: Any) -> None:
    app = TicketApp(backend_factory_for(so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await find(pilot, app, "e")  # in nearly every title or name
        await settle(pilot)
        assert len(listing(app).rows.tickets) == PAGE_SIZE
        assert f"found {PAGE_SIZE}+ (+ more" in status_text(queue(app))
        await pilot.press("G")  # the last row: the next page
        await settle(pilot)
        assert len(listing(app).rows.tickets) > PAGE_SIZE
        ids = [t.id for t in listing(app).rows.tickets]
        assert len(ids) == len(set(ids))


async def test_esc_stops_a_search_the_server_is_still_working_on(tmp_path: Path) -> None:
    held = HeldRequests()
    server = LocalSuperOffice.start(
        tickets=SMALL_QUEUE,
        seed=7,
        db_path=tmp_path / "so.sqlite",
        middleware=[Middleware(HoldingServer, held=held)],
    )
    try:
        app = TicketApp(backend_factory_for(server))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            held.hold()
            await find(pilot, app, "printer")
            screen = queue(app)
            await until(pilot, lambda: held.paths and listing(app).loading, "the spinner")
            assert "searching… (esc stops)" in status_text(screen)
            await pilot.press("escape")
            await until(pilot, lambda: not screen.search_running, "the search stopped")
            assert "search stopped (r runs it again)" in status_text(screen)
            assert not listing(app).loading
            assert not [w for w in app.workers if w.name == "search" and not w.is_finished]
            held.release()
            await settle(pilot)
            assert listing(app).rows.tickets == []  # the held answer never lands
            await pilot.press("r")  # again, with the server answering
            await settle(pilot)
            assert listing(app).rows.tickets
    finally:
        held.release()
        server.stop()


class RefusesTitleSearches:
    """ASGI middleware: the server answers 400 to an archive query looking in titles."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and b"title+contains" in scope.get("query_string", b""):
            refusal = {"Error": True, "ErrorMessage": "Restriction 'title' is not allowed"}
            await JSONResponse(refusal, 400)(scope, receive, send)
            return
        await self.app(scope, receive, send)


async def test_a_failed_search_is_one_line_and_the_tab_stays(tmp_path: Path) -> None:
    with LocalSuperOffice.start(
        tickets=SMALL_QUEUE,
        seed=7,
        db_path=tmp_path / "so.sqlite",
        middleware=[Middleware(RefusesTitleSearches)],
    ) as server:
        app = TicketApp(backend_factory_for(server))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await find(pilot, app, "title:printer")
            await settle(pilot)
            [error] = error_notifications(app)
            assert error.startswith("Find: The server rejected the request (400)")
            assert "\n" not in error
            status = status_text(queue(app))
            assert "search failed: The server rejected the request (400)" in status
            assert tab_titles(app)[-1] == "🔍 title:printer"
            assert not listing(app).loading


async def test_keliweb_says_what_it_cannot_search_under_the_field(kw_server: LocalKeliweb) -> None:
    app = TicketApp(kw_factory(kw_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sections = tab_titles(app)
        await find(pilot, app, "text:timeout")
        problem = str(app.screen.query_one("#search-problem", Label).render())
        assert problem == (
            "Keliweb cannot search message text: it searches ticket numbers, titles and "
            "customers by e-mail address"
        )
        assert isinstance(app.screen, SearchPrompt)  # still there, with what was typed
        assert app.screen.query_one(Input).value == "text:timeout"
        app.screen.query_one(Input).value = "backup"
        await pilot.press("enter")
        await settle(pilot)
        assert tab_titles(app) == [*sections, "🔍 backup"]
        assert shown_titles(app) and all("backup" in t.lower() for t in shown_titles(app))


async def test_the_palette_finds_on_the_server_and_closes_the_results(so_server: Any) -> None:
    app = TicketApp(backend_factory_for(so_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sections = tab_titles(app)
        await pilot.press("ctrl+p", *"find on server")
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SearchPrompt), "the search prompt")
        app.screen.query_one(Input).value = "#7"
        await pilot.press("enter")
        await settle(pilot)
        assert [t.id for t in listing(app).rows.tickets] == [7]
        await pilot.press("ctrl+p", *"close search results")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert tab_titles(app) == sections
