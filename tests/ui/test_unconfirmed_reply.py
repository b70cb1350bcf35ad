"""A reply or save whose answer never came: the app says "not confirmed", never "not saved",
and the second ctrl+s does not apply anything twice.

The local server is slow on purpose (the "slow" fault: it applies the reply after the client
gave up) or loses the request (the "timeout" fault before applying). Either way the agent
presses ctrl+s again, and the customer gets the reply exactly once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import Label

from tests.conftest import backend_factory_for
from tests.pilot import notifications, settle, wait_for
from tests.ui.detail_helpers import SIZE, DetailApp, keys
from tests.ui.edit_helpers import EditApp, open_edit, tab_to
from tests.waiting import eventually
from tickettui.core import read_back
from tickettui.servers.faults import FaultPlan
from tickettui.systems.superoffice.server import LocalSuperOffice
from tickettui.ui.screens.compose import ComposeScreen

TIMEOUT = 0.5  # the client's; the server holds the request longer than this
TICKET = 4


@pytest.fixture()
def slow_server(tmp_path: Path) -> Iterator[Any]:
    plan = FaultPlan(rate=0.0, seed=1, hold_seconds=TIMEOUT + 0.5)
    server = LocalSuperOffice.start(tickets=20, seed=7, db_path=tmp_path / "so.sqlite", faults=plan)
    yield server
    server.stop()


def _fail_the_reply(server: Any, kind: str) -> None:
    plan: FaultPlan = server.faults
    plan.kinds, plan.match, plan.rate, plan.after_share = (kind,), r"^POST .*TicketMessage$", 1, 0


def _heal(server: Any) -> None:
    server.faults.rate = 0.0


def _copies(server: Any, text: str) -> int:
    with sqlite3.connect(f"file:{Path(server.db_path)}?mode=ro", uri=True) as conn:
        sql = "SELECT COUNT(*) FROM message WHERE ticket_id = ? AND body = ?"
        return int(conn.execute(sql, (TICKET, text)).fetchone()[0])


def _status(app: Any) -> str:
    label = app.screen.query_one("#compose-status", Label)
    content = label.content
    return content.plain if isinstance(content, Text) else str(content)


async def _write_and_send(pilot: Any, text: str) -> None:
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ComposeScreen)
    await pilot.press(*keys(text))
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: "Not confirmed" in _status(pilot.app), "the unconfirmed send")


async def test_a_reply_that_arrived_late_is_not_sent_again(
    slow_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_back, "IN_FLIGHT_WAITS", (0.0,))  # give up before it lands
    text = "Your mailbox is restored."
    app = DetailApp(backend_factory_for(slow_server, timeout=TIMEOUT), TICKET)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _fail_the_reply(slow_server, "slow")
        await _write_and_send(pilot, text)
        status = _status(app)
        assert "may still arrive" in status and "ctrl+s looks for it first" in status
        assert isinstance(app.screen, ComposeScreen)  # the text is still there
        _heal(slow_server)
        await eventually(lambda: _copies(slow_server, text) == 1, "the late reply to land")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ComposeScreen), "the check")
        said = notifications(app)
        assert any("already: not sent again" in message for message in said), said
    assert _copies(slow_server, text) == 1


async def test_a_reply_that_never_arrived_is_sent_on_the_second_try(
    slow_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_back, "IN_FLIGHT_WAITS", (0.0,))
    text = "Please try the new password now."
    app = DetailApp(backend_factory_for(slow_server, timeout=TIMEOUT), TICKET)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _fail_the_reply(slow_server, "timeout")  # held, then dropped: never applied
        await _write_and_send(pilot, text)
        _heal(slow_server)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ComposeScreen), "the resend")
    assert _copies(slow_server, text) == 1


async def test_an_edit_saved_late_is_not_confirmed_then_saving_again_is_harmless(
    slow_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tickettui.ui.screens.edit import EditScreen

    monkeypatch.setattr(read_back, "IN_FLIGHT_WAITS", (0.0,))
    title = "Scanner fixed, applied late"
    app = EditApp(backend_factory_for(slow_server, timeout=TIMEOUT))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, TICKET)
        await tab_to(pilot, screen, "title")
        await pilot.press("end", "ctrl+u", *keys(title))
        slow_server.faults.kinds, slow_server.faults.match = ("slow",), r"^POST .*/v1/Ticket$"
        slow_server.faults.rate, slow_server.faults.after_share = 1, 0
        await pilot.press("ctrl+s")
        said = lambda: notifications(app)  # noqa: E731
        await wait_for(pilot, lambda: any("Not confirmed" in m for m in said()), "the notice")
        assert not any(m.startswith("Not saved") for m in said())
        assert isinstance(app.screen, EditScreen)  # the form stays, as typed
        _heal(slow_server)
        await eventually(lambda: _title_on_server(slow_server) == title, "the late save to land")
        await pilot.press("ctrl+s")  # re-reads: already there, nothing is sent again
        await wait_for(pilot, lambda: not isinstance(app.screen, EditScreen), "the save")
    assert _title_on_server(slow_server) == title


def _title_on_server(server: Any) -> str:
    with sqlite3.connect(f"file:{Path(server.db_path)}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT title FROM ticket WHERE ticket_id = ?", (TICKET,)).fetchone()
        return str(row[0])
