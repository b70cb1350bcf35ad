"""Priorities in the queue as an agent sees them (issue 19), against the local SuperOffice
server: sorting by priority follows the tenant's order, not the alphabet; a critical or high
priority is coloured, and without colour (NO_COLOR) marked by a glyph."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import OptionList

from tests.pilot import screen_text, settle
from tests.ui.queue_helpers import SIZE, listing, queue
from tickettui.core.domain import StatusKind
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.pickers import SortPicker


def shown_priorities(app: TicketApp) -> list[str]:
    rows = listing(app)
    seen = (rows.ticket_at(row).priority for row in range(rows.visible_count))
    return list(dict.fromkeys(p for p in seen if p))


async def test_sorting_by_priority_follows_the_tenants_order(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")  # All active: every priority is there
        await settle(pilot)
        keys = [c.key for c in queue(app).ticket_list.columns]
        await pilot.press("s")
        picker = app.screen
        assert isinstance(picker, SortPicker)
        picker.query_one(OptionList).highlighted = 1 + keys.index("priority")
        await pilot.press("enter")
        assert shown_priorities(app) == ["Low", "Medium", "High", "Critical"]
        await pilot.press("S")
        assert shown_priorities(app) == ["Critical", "High", "Medium", "Low"]


async def test_critical_and_high_are_coloured(so_backend_factory: Callable[[], Any]) -> None:
    app = TicketApp(so_backend_factory)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        rows = listing(app)
        open_tickets = [
            rows.ticket_at(r)
            for r in range(rows.visible_count)
            if rows.ticket_at(r).status_kind is not StatusKind.CLOSED
        ]
        by_priority = {t.priority: t for t in open_tickets}
        critical = rows._cell_style("priority", by_priority["Critical"])
        high = rows._cell_style("priority", by_priority["High"])
        assert critical is not None and critical.color is not None and critical.bold
        assert high is not None and high.color is not None and high.color != critical.color
        assert rows._cell_style("priority", by_priority["Medium"]) is None
        assert rows._cell_style("priority", by_priority["Low"]) is None
        # With colour, the cell shows the name alone.
        assert "‼" not in screen_text(app)


async def test_without_colour_a_glyph_marks_them(
    so_backend_factory: Callable[[], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = TicketApp(so_backend_factory)
    assert app.no_color
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "‼ Critical" in text and "! High" in text  # the column fits the longest name
        assert "! Medium" not in text and "! Low" not in text
