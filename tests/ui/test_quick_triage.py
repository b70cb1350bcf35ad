"""Quick priority/status changes from the queue start on what the ticket has now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import OptionList

from tests.pilot import settle, until
from tests.ui.queue_helpers import SIZE, queue
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.pickers import ChoicePicker


async def test_the_priority_picker_starts_on_the_current_priority(
    fresh_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(fresh_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ticket = queue(app).query_one("TicketList").cursor_ticket  # type: ignore[attr-defined]
        await pilot.press("P")
        # The triage worker waits on the picker, so wait for the picker, not the workers.
        await until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the picker")
        picker = app.screen
        assert isinstance(picker, ChoicePicker)
        options = picker.query_one(OptionList)
        highlighted = options.get_option_at_index(options.highlighted or 0)
        assert str(highlighted.prompt) == ticket.priority

        # Choosing the same priority again changes nothing on the server.
        before = (await fresh_backend_factory().ticket(ticket.id)).summary.last_changed
        await pilot.press("enter")
        await settle(pilot)
        after = (await fresh_backend_factory().ticket(ticket.id)).summary.last_changed
        assert after == before
