"""Nothing is lost by a reflex: enter never throws text away, and an edit of a hostile title
sends the server's own characters back around the word the agent typed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from tests.pilot import settle, until
from tests.ui.detail_helpers import SIZE, DetailApp, keys
from tests.ui.edit_helpers import an_active_ticket, app_for, open_edit, ticket_on_server
from tickettui.ui.screens.compose import ComposeScreen
from tickettui.ui.screens.edit import EditScreen
from tickettui.ui.screens.pickers import ConfirmLoss


async def test_enter_on_discard_this_reply_keeps_the_text(
    so_backend_factory: Callable[[], Any],
) -> None:
    app = DetailApp(so_backend_factory, 3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the reply window")
        compose = app.screen
        await pilot.press(*keys("Half a reply"))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmLoss), "the question")
        assert "n / enter / esc: no" in str(app.screen.query("Label").last().render())
        await pilot.press("enter")  # a reflex: nothing is thrown away
        await until(pilot, lambda: app.screen is compose, "back to the reply")
        assert isinstance(compose, ComposeScreen) and compose.text == "Half a reply"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmLoss), "the question again")
        await pilot.press("y")  # only y discards
        await until(pilot, lambda: not isinstance(app.screen, (ComposeScreen, ConfirmLoss)), "gone")


HOSTILE_TITLE = "Printer \x1b[31mjams\u202e on tray \u200b2"


async def test_a_word_appended_to_a_hostile_title_keeps_its_characters(
    fresh_so_server: Any,
) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    with sqlite3.connect(fresh_so_server.db_path) as db:
        db.execute("UPDATE ticket SET title = ? WHERE ticket_id = ?", (HOSTILE_TITLE, ticket_id))
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        assert isinstance(screen, EditScreen)
        await pilot.press("end", *keys(" again"))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EditScreen), "the save")
    saved = await ticket_on_server(fresh_so_server, ticket_id)
    assert saved["Title"] == HOSTILE_TITLE + " again"  # no ␛ or <U+202E> sent in their place
