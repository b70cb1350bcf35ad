"""Keys that arrive in one burst, as they do over SSH or from a paste, followed at once by
ctrl+s or esc: every character is in what is saved, sent or kept.

Pilot.press waits for the app to go idle after each key, which hides the race; here the keys
are posted to the app back to back, as the terminal driver does with one read of input.
"""

from __future__ import annotations

from typing import Any

from textual import events

from tests.pilot import settle, until, wait_for
from tests.ui.detail_helpers import SIZE as DETAIL_SIZE
from tests.ui.detail_helpers import DetailApp, server_messages
from tests.ui.edit_helpers import (
    SIZE,
    an_active_ticket,
    app_for,
    open_edit,
    tab_to,
    ticket_on_server,
)
from tickettui.core.drafts import drafts_path
from tickettui.ui.screens.compose import ComposeScreen
from tickettui.ui.screens.edit import EditScreen
from tickettui.ui.screens.pickers import Confirm


def burst(app: Any, *keys: str) -> None:
    """Post the keys without waiting in between, as one read from the terminal arrives."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_characters_typed_just_before_ctrl_s_are_saved(fresh_so_server: Any) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await tab_to(pilot, screen, "title")
        await pilot.press("end", "ctrl+u")
        burst(app, *"Printer offline v2", "ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, EditScreen), "the save")
    assert (await ticket_on_server(fresh_so_server, ticket_id))["Title"] == "Printer offline v2"


async def test_a_reply_pasted_and_sent_at_once_arrives_whole(
    fresh_backend_factory: Any,
) -> None:
    text = "Restarted the spooler; please print a test page."
    app = DetailApp(fresh_backend_factory, 5)
    async with app.run_test(size=DETAIL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ComposeScreen), "the reply window")
        burst(app, *text, "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ComposeScreen), "the send")
    bodies = [m.body.strip() for m in await server_messages(fresh_backend_factory, 5)]
    assert text in bodies


async def test_esc_right_after_typing_asks_before_throwing_the_text_away(
    fresh_backend_factory: Any,
) -> None:
    app = DetailApp(fresh_backend_factory, 5)
    async with app.run_test(size=DETAIL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ComposeScreen), "the reply window")
        burst(app, *"Hi", "escape")
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the discard question")
        await pilot.press("n")  # keep it
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the reply window")
        assert app.screen.text == "Hi"


async def test_ctrl_q_right_after_typing_keeps_every_character_as_a_draft(
    fresh_so_server: Any,
) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await tab_to(pilot, screen, "title")
        await pilot.press("end", "ctrl+u")
        burst(app, *"Half-typed title", "ctrl+q")  # quits before the draft timer fires
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert "Half-typed title" in drafts_path().read_text()
