"""Opening an unread ticket marks it read (the profile's mark_read_on_open), as SuperOffice's
own client does for the owner: quietly, and the queue shows it read on the way back. A
colleague's ticket keeps its read state; Keliweb has none, so nothing is marked there. `m` is in
the footer, `M` is not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import notifications, screen_text, settle, until
from tests.ui.queue_helpers import SIZE, listing, queue
from tickettui.core.domain import QuickAction, ReadStatus, TicketSummary
from tickettui.core.errors import TicketTuiError
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen

__all__ = ["kw_server"]

ME = "Hannah Berg"  # the local server's demo agent


async def read_state(factory: Callable[[], Any], ticket_id: int) -> ReadStatus:
    """What the server holds, read by a backend of its own."""
    backend = factory()
    try:
        status: ReadStatus = (await backend.ticket(ticket_id)).summary.read_status
        return status
    finally:
        await backend.aclose()


def row_of(app: TicketApp, ticket_id: int) -> TicketSummary | None:
    rows = listing(app).rows
    row = rows.row_of_id(ticket_id)
    return None if row is None else rows.ticket_at(row)


def first_unread(app: TicketApp, owner: str | None = None) -> TicketSummary:
    rows = listing(app).rows
    for row in range(len(rows.view)):
        ticket = rows.ticket_at(row)
        unread = ticket.read_status in (ReadStatus.UNREAD, ReadStatus.NEW_INFO)
        if unread and (owner is None or (ticket.owner == owner)):
            return ticket
    raise AssertionError("no unread ticket in this section")


def colleagues_unread(app: TicketApp) -> TicketSummary:
    rows = listing(app).rows
    for row in range(len(rows.view)):
        ticket = rows.ticket_at(row)
        if ticket.read_status is ReadStatus.UNREAD and ticket.owner not in ("", ME):
            return ticket
    raise AssertionError("no colleague's unread ticket in this section")


async def open_ticket(pilot: Any, app: TicketApp, ticket: TicketSummary) -> DetailScreen:
    assert listing(app).move_cursor_to_id(ticket.id)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the ticket")
    screen = app.screen
    assert isinstance(screen, DetailScreen)
    return screen


async def test_opening_my_unread_ticket_marks_it_read_quietly_and_the_queue_shows_it(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(fresh_backend_factory, mark_read_on_open=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        ticket = first_unread(app, owner=ME)
        screen = await open_ticket(pilot, app, ticket)
        await until(
            pilot,
            lambda: (
                screen.detail is not None and screen.detail.summary.read_status is ReadStatus.READ
            ),
            "the ticket shown read",
        )
        assert await read_state(fresh_backend_factory, ticket.id) is ReadStatus.READ
        await settle(pilot)
        assert "○ Read" in screen_text(app)
        assert notifications(app) == []  # quietly: no toast
        assert app.last_change is None  # nothing for u to take back: M marks it unread

        await pilot.press("escape")
        await until(pilot, lambda: app.screen is queue(app), "the queue")
        await settle(pilot)
        back = row_of(app, ticket.id)
        assert back is not None and back.read_status is ReadStatus.READ


async def test_going_back_at_once_still_marks_it_and_the_queue_shows_it_read(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(fresh_backend_factory, mark_read_on_open=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        ticket = first_unread(app, owner=ME)
        screen = await open_ticket(pilot, app, ticket)
        # Back as soon as the ticket has arrived: the mark is under way, not done.
        await until(pilot, lambda: screen.detail is not None, "the ticket")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is queue(app), "the queue")
        await until(
            pilot,
            lambda: (
                (row := row_of(app, ticket.id)) is not None and row.read_status is ReadStatus.READ
            ),
            "the row shown read",
        )
        await settle(pilot)
        assert await read_state(fresh_backend_factory, ticket.id) is ReadStatus.READ
        back = row_of(app, ticket.id)
        assert back is not None and back.read_status is ReadStatus.READ  # the refresh agrees
        assert notifications(app) == []


async def test_a_ticket_nobody_owns_is_marked_read_a_colleagues_is_not(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(fresh_backend_factory, mark_read_on_open=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("2")  # Unassigned
        await until(pilot, lambda: queue(app).active_section.key == "unassigned", "Unassigned")
        await settle(pilot)
        nobodys = first_unread(app, owner="")
        await open_ticket(pilot, app, nobodys)
        await settle(pilot)
        assert await read_state(fresh_backend_factory, nobodys.id) is ReadStatus.READ
        await pilot.press("escape")
        await pilot.press("3")  # All active
        await until(pilot, lambda: queue(app).active_section.key == "all-active", "All active")
        await settle(pilot)
        theirs = colleagues_unread(app)
        screen = await open_ticket(pilot, app, theirs)
        await settle(pilot)
        assert screen.detail is not None
        assert screen.detail.summary.read_status is ReadStatus.UNREAD
        assert await read_state(fresh_backend_factory, theirs.id) is ReadStatus.UNREAD
        assert notifications(app) == []


async def test_with_the_setting_off_opening_leaves_it_unread(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(fresh_backend_factory, mark_read_on_open=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = first_unread(app, owner=ME)
        await open_ticket(pilot, app, ticket)
        await settle(pilot)
        assert await read_state(fresh_backend_factory, ticket.id) is ticket.read_status


async def test_a_failure_is_logged_and_said_once_as_a_warning(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    tried: list[int] = []

    def failing() -> Any:
        backend = fresh_backend_factory()

        async def quick_action(ticket_id: int, action: QuickAction, value: Any = None) -> Any:
            tried.append(ticket_id)
            raise TicketTuiError("403 Forbidden: no right to change read status")

        backend.quick_action = quick_action
        return backend

    app = TicketApp(failing, mark_read_on_open=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        first = first_unread(app, owner=ME)
        await open_ticket(pilot, app, first)
        await until(pilot, lambda: tried == [first.id], "the mark tried")
        await settle(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is queue(app), "the queue")
        await settle(pilot)
        second = next(
            t
            for t in map(listing(app).rows.ticket_at, range(listing(app).visible_count))
            if t.read_status is not ReadStatus.READ and t.owner == ME and t.id != first.id
        )
        await open_ticket(pilot, app, second)
        await until(pilot, lambda: tried == [first.id, second.id], "the second mark tried")
        await settle(pilot)
        said = notifications(app)
        assert len(said) == 1, said
        assert said[0].startswith(f"Ticket {first.display_number} could not be marked read")
        assert "not said again" in said[0]
        assert notifications(app, "warning") == said  # a warning, not an error


async def test_m_is_in_the_footer_and_M_is_not(so_backend_factory: Callable[[], Any]) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "m Mark read" in text
        assert "Mark unread" not in text


async def test_keliweb_has_no_read_state_opening_marks_nothing(kw_server: Any) -> None:
    asked: list[QuickAction] = []

    def recording() -> Any:
        backend = kw_factory(kw_server)()
        real = backend.quick_action

        async def quick_action(ticket_id: int, action: QuickAction, value: Any = None) -> Any:
            asked.append(action)
            return await real(ticket_id, action, value)

        backend.quick_action = quick_action
        return backend

    app = TicketApp(recording, mark_read_on_open=True)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        assert "Mark read" not in screen_text(app)
        ticket = listing(app).cursor_ticket
        assert ticket is not None
        screen = await open_ticket(pilot, app, ticket)
        await until(pilot, lambda: screen.detail is not None, "the ticket")
        await settle(pilot)
        assert asked == []
        assert notifications(app) == []
