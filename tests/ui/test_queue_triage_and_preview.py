"""The queue screen against the real local SuperOffice server: triage from the list, refresh
that keeps the cursor, changes made meanwhile, and the preview at every terminal size."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from tests.pilot import notifications, settle
from tests.ui.queue_helpers import SIZE, RecordingApp, queue, server_counts
from tickettui.core.domain import QuickAction

# --- triage and refresh ------------------------------------------------------------------------


async def test_press_a_the_ticket_is_assigned_to_me_and_the_server_has_it(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    before = await server_counts(fresh_backend_factory)
    app = RecordingApp(fresh_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("2")  # Unassigned
        await settle(pilot)
        ticket = screen.ticket_list.cursor_ticket
        assert ticket is not None and not ticket.owner
        await pilot.press("a")
        await settle(pilot)
        me = await app.backend.current_user()

        check = fresh_backend_factory()
        try:
            detail = await check.ticket(ticket.id)
        finally:
            await check.aclose()
        assert detail.summary.owner == me
        # It left Unassigned and joined My open, in the list and on the tabs.
        listing = screen.ticket_list
        assert ticket.id not in {listing.ticket_at(r).id for r in range(listing.visible_count)}
        assert listing.total_count == before["Unassigned"] - 1
        assert screen.tabs.count(0) == before["My open"] + 1
        assert f"#{ticket.number or ticket.id} owner → {me} · u undoes" in notifications(app)


async def test_r_shows_the_fresh_order_and_keeps_the_cursor_on_the_same_ticket(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(fresh_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("3")
        await settle(pilot)
        listing = screen.ticket_list
        await pilot.press("j", "j", "j", "j", "j")
        ticket = listing.cursor_ticket
        assert ticket is not None
        row = listing.cursor_row
        # Someone else touches the bottom ticket: it becomes the most recently changed.
        bottom = listing.ticket_at(listing.visible_count - 1)
        other = fresh_backend_factory()
        try:
            choices = await other.choices("priority")
            new = next(c for c in choices if c.label != bottom.priority)
            result = await other.quick_action(bottom.id, QuickAction.SET_PRIORITY, new.value)
            assert result.saved
        finally:
            await other.aclose()

        await pilot.press("r")
        await settle(pilot)
        assert listing.ticket_at(0).id == bottom.id
        assert listing.ticket_at(0).priority == new.label
        assert listing.cursor_ticket is not None
        assert listing.cursor_ticket.id == ticket.id
        assert listing.cursor_row == row + 1


async def test_coming_back_to_the_queue_shows_changes_made_meanwhile(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(fresh_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        await pilot.press("3", "j", "j")
        await settle(pilot)
        listing = screen.ticket_list
        ticket = listing.cursor_ticket
        assert ticket is not None
        other = fresh_backend_factory()
        try:
            choices = await other.choices("priority")
            new = next(c for c in choices if c.label != ticket.priority)
            await other.quick_action(ticket.id, QuickAction.SET_PRIORITY, new.value)
        finally:
            await other.aclose()

        await app.push_screen(Screen())  # stands in for the detail screen
        await pilot.pause()
        app.pop_screen()
        await settle(pilot)
        assert listing.cursor_ticket is not None
        assert listing.cursor_ticket.id == ticket.id
        assert listing.cursor_ticket.priority == new.label
        assert listing.cursor_row == 2  # updated in place: nothing jumped


# --- preview and small terminals ---------------------------------------------------------------


async def test_the_preview_follows_the_cursor_with_the_ticket_detail(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        assert screen.preview_shown  # 36 lines: room for it below the list
        assert not screen.has_class("-wide")
        await pilot.press("j", "j")
        await settle(pilot)
        ticket = screen.ticket_list.cursor_ticket
        assert ticket is not None
        preview = screen.preview
        assert preview.ticket_id == ticket.id
        assert preview.detail is not None
        assert preview.detail.summary.title == ticket.title
        assert preview.region.y > screen.ticket_list.region.y  # below the list

        await pilot.press("v")
        assert not screen.preview_shown
        assert not preview.display


async def test_at_80x24_the_list_has_the_room_and_v_shows_the_preview(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = queue(app)
        assert not screen.preview_shown
        listing = screen.ticket_list
        assert listing.size.height >= 24 - 4  # status, tabs, footer; the header row inside
        await pilot.press("j")
        await pilot.press("v")
        await settle(pilot)
        assert screen.preview_shown
        assert screen.preview.ticket_id == listing.cursor_ticket.id
        assert listing.size.height >= 8


async def test_wide_terminal_the_preview_sits_beside_the_list(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = RecordingApp(so_backend_factory)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = queue(app)
        assert screen.has_class("-wide")
        assert screen.preview.region.x > screen.ticket_list.region.x
        assert screen.preview.region.y == screen.ticket_list.region.y
