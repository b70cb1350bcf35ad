"""A 401 in the middle of a session: the agent is asked again over the current screen."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

from pydantic import SecretStr
from textual.widgets import Input

from tests.conftest import demo_settings, superoffice_factory
from tests.pilot import notifications, until
from tests.ui.edit_helpers import (
    EditApp,
    an_active_ticket,
    open_edit,
    replace_text,
    ticket_on_server,
)
from tickettui import systems
from tickettui.config.model import Profile
from tickettui.credentials.kinds import CredentialRequest
from tickettui.credentials.session import SessionCredential
from tickettui.systems.superoffice.server import accounts
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.credential_prompt import CredentialPrompt
from tickettui.ui.screens.queue import QueueScreen

SIZE = (120, 36)


def session() -> SessionCredential:
    user = accounts.DEMO_USER
    (password,) = systems.system("superoffice").secrets(Profile.model_validate({}))
    request = CredentialRequest("test", user, user, "127.0.0.1", password)
    return SessionCredential(request)


def prompt_shown(app: TicketApp) -> bool:
    screen = app.screen
    return isinstance(screen, CredentialPrompt) and bool(screen.query("#credential-input"))


def queue_rows(app: TicketApp) -> int:
    screen = app.screen_stack[1] if len(app.screen_stack) > 1 else app.screen
    assert isinstance(screen, QueueScreen)
    return int(screen.ticket_list.visible_count)


async def test_a_rejected_password_asks_again_and_the_queue_loads(so_server: Any) -> None:
    credential = session()
    settings = demo_settings(so_server, password=SecretStr("expired-password"))
    factory = superoffice_factory(settings, credentials=credential)
    app = TicketApp(factory, credentials=credential)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: prompt_shown(app), "the prompt")
        prompt = app.screen
        assert "rejected" in str(prompt.query_one("#credential-reason").render())
        field = prompt.query_one("#credential-input", Input)
        assert field.password  # typed as dots, never shown
        await pilot.press(*accounts.DEMO_PASSWORD, "enter")
        await until(pilot, lambda: isinstance(app.screen, QueueScreen), "the queue")
        await until(pilot, lambda: queue_rows(app) > 0, "tickets")
        # One prompt for every request that failed at once, and no error shown.
        assert not notifications(app, "error")
        assert "expired-password" not in app.export_screenshot()


async def test_cancelling_the_prompt_shows_the_original_error(so_server: Any) -> None:
    credential = session()
    settings = demo_settings(so_server, password=SecretStr("expired-password"))
    factory = superoffice_factory(settings, credentials=credential)
    app = TicketApp(factory, credentials=credential)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: prompt_shown(app), "the prompt")
        await pilot.press("escape")
        await until(
            pilot,
            lambda: any("Login failed" in message for message in notifications(app)),
            "the login error",
        )
        await asyncio.sleep(0.2)
        assert not isinstance(app.screen, CredentialPrompt)  # asked once, not once per request


async def test_an_unsaved_edit_survives_an_expired_password(fresh_so_server: Any) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    credential = session()
    factory = superoffice_factory(demo_settings(fresh_so_server), credentials=credential)
    app = EditApp(factory, credentials=credential)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await replace_text(pilot, screen, "title", "Typed before the password expired")
        # The password changes on the server side while the agent types: from now on, 401.
        expired = base64.b64encode(b"agent:yesterdays-password").decode()
        real = app.backend.inner.built  # type: ignore[attr-defined]  # cache -> deferred -> it
        client = real._client
        client._http.headers["Authorization"] = f"Basic {expired}"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: prompt_shown(app), "the prompt")
        await pilot.press(*accounts.DEMO_PASSWORD, "enter")
        await until(pilot, lambda: app.screen is not screen, "the save")
        assert f"Ticket {ticket_id} saved" in notifications(app)
    after = await ticket_on_server(fresh_so_server, ticket_id)
    assert after["Title"] == "Typed before the password expired"
