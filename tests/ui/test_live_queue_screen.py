"""A live queue as an agent sees it: with `refresh` on, the section on show takes what other
agents change while the agent works: the changed rows are flagged ◆ and the new one ★ (glyphs,
so NO_COLOR shows them too), the tab counts them until looked at, a desktop notification goes
out for the new ticket, and the cursor stays on its ticket. A refresh that fails says so in
the status line only, while the agent keeps typing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import backend_factory_for
from tests.core.two_agents import OTHER_PASSWORD, OTHER_USER, backend_as
from tests.pilot import error_notifications, screen_text, settle, until
from tests.ui.queue_helpers import SIZE, listing, queue
from tickettui.core.domain import QuickAction
from tickettui.core.live_policy import LivePolicy, Notify, SectionLive
from tickettui.core.live_refresh import Flag
from tickettui.servers.faults import FaultPlan
from tickettui.systems.superoffice.server import LocalSuperOffice
from tickettui.ui import live_queue
from tickettui.ui.app import TicketApp

# Far below what a profile may ask for (10 s): the test waits for the ticks, not for a clock.
QUICK = LivePolicy(SectionLive(0.3, Notify.OSC9))


@pytest.fixture()
def written(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app writes to the terminal besides its frames (bells, notifications)."""
    out: list[str] = []
    monkeypatch.setattr(live_queue, "write_to_terminal", lambda app, text: out.append(text))
    return out


async def show_all_active(pilot: Any, app: TicketApp) -> None:
    index = next(i for i, s in enumerate(queue(app).sections) if s.key == "all-active")
    await pilot.press(str(index + 1))
    await settle(pilot)


async def test_changes_by_another_agent_are_flagged_in_place_and_the_new_one_notified(
    fresh_so_server: Any, written: list[str]
) -> None:
    them = backend_as(fresh_so_server, OTHER_USER, OTHER_PASSWORD)
    app = TicketApp(backend_factory_for(fresh_so_server), live=QUICK)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await show_all_active(pilot, app)
            screen, rows = queue(app), listing(app)
            await pilot.press("j", "j", "j")
            await settle(pilot)
            cursor = rows.cursor_ticket
            assert cursor is not None
            live = screen.live
            assert live is not None
            await until(pilot, lambda: live.section("all-active") is not None, "live section")
            section = live.section("all-active")
            assert section is not None
            await until(pilot, lambda: section.cursor is not None, "the starting point")

            changed = [t for t in rows.rows.tickets[5:8]]
            priorities = await them.choices("priority")
            for ticket in changed:
                other = next(c for c in priorities if c.label != ticket.priority)
                await them.quick_action(ticket.id, QuickAction.SET_PRIORITY, other.value)
            form = await them.edit_form(None)
            form.values["title"] = "Printer on fire (live)"
            new_id = (await them.save(form)).ticket_id

            await until(pilot, lambda: section.unseen == 4, "three changed and one new flagged")
            assert {t.id: section.flag(t.id) for t in changed} == dict.fromkeys(
                (t.id for t in changed), Flag.CHANGED
            )
            assert section.flag(new_id) is Flag.NEW
            assert rows.cursor_ticket is not None and rows.cursor_ticket.id == cursor.id
            await until(pilot, lambda: "★4" in screen_text(app), "the tab's count")
            text = screen_text(app)
            assert "★ Printer on fire (live)" in text and "◆ " in text
            assert any(w.startswith("\x1b]9;New in All active: Printer on fire") for w in written)

            # The agent looks at one: its flag goes, the tab counts one less.
            row = rows.rows.row_of_id(changed[0].id)
            assert row is not None
            rows.move_cursor(row)
            await until(pilot, lambda: section.unseen == 3, "the row seen")
            await until(pilot, lambda: "★3" in screen_text(app), "the tab's new count")
            assert not error_notifications(app)
    finally:
        await them.aclose()


@pytest.fixture()
def flaky(tmp_path: Path) -> Iterator[tuple[LocalSuperOffice, FaultPlan]]:
    plan = FaultPlan(rate=0.0, kinds=("503",), seed=3, match=r"^GET .*/v1/Ticket$")
    server = LocalSuperOffice.start(tickets=60, seed=7, db_path=tmp_path / "so.sqlite", faults=plan)
    yield server, plan
    server.stop()


async def test_a_failing_refresh_says_so_quietly_while_the_agent_types(
    flaky: tuple[LocalSuperOffice, FaultPlan],
) -> None:
    server, plan = flaky
    app = TicketApp(backend_factory_for(server), live=QUICK)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = queue(app)
        live = screen.live
        assert live is not None
        key = screen.model.shown_key
        assert key is not None
        await until(pilot, lambda: (s := live.section(key)) is not None and s.cursor, "live")
        plan.rate = 1.0
        await pilot.press("slash", "p", "r", "i")
        await until(pilot, lambda: "live refresh failed" in screen_text(app), "the quiet line")
        await pilot.press("n", "t")
        assert screen.filter_input.value == "print" and screen.filter_input.has_focus
        assert not error_notifications(app)  # no toast over what the agent types
        plan.rate = 0.0
        await until(pilot, lambda: "live refresh failed" not in screen_text(app), "recovered")
