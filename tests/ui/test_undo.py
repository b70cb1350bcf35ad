"""One-key changes say what they did and can be taken back: the toast names the change, `u`
puts the old values back through the normal save (never over someone else's change since),
and closing asks first, with enter keeping the ticket open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import OptionList

from tests.pilot import notifications, settle, until
from tests.ui.queue_helpers import SIZE, queue
from tickettui.core.domain import TicketSummary
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.pickers import ChoicePicker, ConfirmLoss


def cursor(app: TicketApp) -> TicketSummary:
    ticket = queue(app).ticket_list.cursor_ticket
    assert ticket is not None
    return ticket


async def pick_another(pilot: Any, app: TicketApp, key: str) -> str:
    """Press ``key`` (t, P) and pick the choice after the current one; its label."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the picker")
    options = app.screen.query_one(OptionList)
    options.highlighted = ((options.highlighted or 0) + 1) % options.option_count
    chosen = str(options.get_option_at_index(options.highlighted).prompt)
    await pilot.press("enter")
    return chosen


async def toast_starting(pilot: Any, app: TicketApp, start: str) -> None:
    await until(
        pilot, lambda: any(n.startswith(start) for n in notifications(app)), f"'{start}...'"
    )


async def on_server(factory: Callable[[], Any], ticket_id: int) -> TicketSummary:
    backend = factory()
    try:
        summary: TicketSummary = (await backend.ticket(ticket_id)).summary
        return summary
    finally:
        await backend.aclose()


async def test_a_status_change_is_named_and_u_takes_it_back(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(fresh_backend_factory)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        ticket = cursor(app)
        chosen = await pick_another(pilot, app, "t")
        await toast_starting(pilot, app, f"#{ticket.display_number} → {chosen} · u undoes")
        assert (await on_server(fresh_backend_factory, ticket.id)).status == chosen.split(" (")[0]
        await pilot.press("u")
        await toast_starting(pilot, app, f"#{ticket.display_number}: undone")
        assert (await on_server(fresh_backend_factory, ticket.id)).status == ticket.status


async def test_close_asks_enter_keeps_it_open_y_closes_and_u_reopens(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(fresh_backend_factory)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        ticket = cursor(app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ConfirmLoss), "the question")
        await pilot.press("enter")  # a reflex keeps the ticket open
        await until(pilot, lambda: not isinstance(app.screen, ConfirmLoss), "the answer")
        await settle(pilot)
        assert (await on_server(fresh_backend_factory, ticket.id)).status == ticket.status
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ConfirmLoss), "the question again")
        await pilot.press("y")
        await toast_starting(pilot, app, f"#{ticket.display_number} → ")
        closed = await on_server(fresh_backend_factory, ticket.id)
        assert closed.status_kind.value == "closed"
        await pilot.press("u")
        await toast_starting(pilot, app, f"#{ticket.display_number}: undone")
        assert (await on_server(fresh_backend_factory, ticket.id)).status == ticket.status


async def test_undo_never_overwrites_a_change_made_since(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    from tickettui.core.domain import QuickAction

    app = TicketApp(fresh_backend_factory)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        ticket = cursor(app)
        chosen = await pick_another(pilot, app, "P")
        await toast_starting(pilot, app, f"#{ticket.display_number} priority → {chosen}")
        # A colleague changes the priority again before the agent thinks of undoing.
        other = fresh_backend_factory()
        try:
            form = await other.edit_form(ticket.id)
            spec = form.spec("priority")
            third = next(c.value for c in spec.choices if c.value != form.values["priority"])
            await other.quick_action(ticket.id, QuickAction.SET_PRIORITY, third)
        finally:
            await other.aclose()
        await pilot.press("u")
        await toast_starting(pilot, app, f"Undo on ticket {ticket.display_number}: Ticket")
        assert (await on_server(fresh_backend_factory, ticket.id)).priority != ticket.priority


async def test_closing_without_the_question_when_the_profile_says_so(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(fresh_backend_factory, confirm_close=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        ticket = cursor(app)
        await pilot.press("c")
        await toast_starting(pilot, app, f"#{ticket.display_number} → ")
        assert not isinstance(app.screen, ConfirmLoss)
