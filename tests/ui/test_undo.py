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
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the status picker")
        options = app.screen.query_one(OptionList)
        now = options.highlighted or 0
        options.highlighted = (now + 1) % options.option_count
        chosen = str(options.get_option_at_index(options.highlighted).prompt)
        await pilot.press("enter")
        said = f"#{ticket.display_number} → {chosen} · u undoes"
        await until(pilot, lambda: said in notifications(app), "the change named")
        assert (await on_server(fresh_backend_factory, ticket.id)).status == chosen.split(" (")[0]
        await pilot.press("u")
        await until(
            pilot,
            lambda: any(
                n.startswith(f"#{ticket.display_number}: undone") for n in notifications(app)
            ),
            "the undo",
        )
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
        said = f"#{ticket.display_number} → "
        await until(pilot, lambda: any(n.startswith(said) for n in notifications(app)), "closed")
        closed = await on_server(fresh_backend_factory, ticket.id)
        assert closed.status_kind.value == "closed"
        await pilot.press("u")
        await until(
            pilot,
            lambda: any("undone" in n for n in notifications(app)),
            "the undo",
        )
        assert (await on_server(fresh_backend_factory, ticket.id)).status == ticket.status


async def test_undo_never_overwrites_a_change_made_since(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    from tickettui.core.domain import QuickAction

    app = TicketApp(fresh_backend_factory)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        ticket = cursor(app)
        await pilot.press("P")
        await until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the priority picker")
        options = app.screen.query_one(OptionList)
        options.highlighted = ((options.highlighted or 0) + 1) % options.option_count
        await pilot.press("enter")
        await until(pilot, lambda: any("priority →" in n for n in notifications(app)), "named")
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
        await until(
            pilot,
            lambda: any("changed since" in n for n in notifications(app)),
            "the refusal",
        )
        assert (await on_server(fresh_backend_factory, ticket.id)).priority != ticket.priority


async def test_closing_without_the_question_when_the_profile_says_so(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(fresh_backend_factory, confirm_close=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        ticket = cursor(app)
        await pilot.press("c")
        said = f"#{ticket.display_number} → "
        await until(pilot, lambda: any(n.startswith(said) for n in notifications(app)), "closed")
        assert not isinstance(app.screen, ConfirmLoss)
