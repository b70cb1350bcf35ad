"""The edit screen on its own, shared by the tests that edit a ticket: the app without the queue,
signed in to a local SuperOffice server, a ticket fit to edit, what the server holds, and the
keys an agent presses to open the form, move through it and fill it in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from pydantic import SecretStr
from textual import events
from textual.pilot import Pilot
from textual.widgets import Select

from tests.conftest import superoffice_factory
from tests.pilot import until
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.server import accounts
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings
from tickettui.systems.superoffice.urls import api_base_url
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.edit import EditScreen

__all__ = [
    "OTHER_ID",
    "OTHER_PASSWORD",
    "OTHER_USER",
    "SIZE",
    "EditApp",
    "an_active_ticket",
    "app_for",
    "choose",
    "field",
    "on_server",
    "open_edit",
    "replace_text",
    "settings",
    "tab_to",
    "ticket_on_server",
]

OTHER_USER, OTHER_PASSWORD, OTHER_ID = "TJ", "tj", "3"  # Tobias Johansen
SIZE = (100, 40)


# --- the app, the server's view ---------------------------------------------------------------


class EditApp(TicketApp):
    """The real app without the queue underneath: each story opens the edit screen itself."""

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()


def settings(server: Any, user: str | None = None, password: str | None = None) -> Any:
    return SuperOfficeSettings(
        url=server.base_url,
        auth=AuthScheme.BASIC,
        user=user or accounts.DEMO_USER,
        password=SecretStr(password or accounts.DEMO_PASSWORD),
    )


def app_for(server: Any, app_class: type[TicketApp] = EditApp) -> TicketApp:
    return app_class(superoffice_factory(settings(server)))


async def on_server(server: Any, path: str) -> Any:
    """What the server holds, read over HTTP by a client of its own."""
    async with httpx.AsyncClient(
        base_url=api_base_url(server.base_url),
        auth=(accounts.DEMO_USER, accounts.DEMO_PASSWORD),
        headers={"Accept": "application/json"},
    ) as http:
        response = await http.get(path)
    response.raise_for_status()
    return response.json()


async def ticket_on_server(server: Any, ticket_id: int) -> dict[str, Any]:
    data: dict[str, Any] = await on_server(server, f"Ticket/{ticket_id}")
    return data


async def an_active_ticket(server: Any) -> int:
    """A ticket that is active, has an owner other than Tobias and a priority."""
    backend = SuperOfficeBackend(SuperOfficeClient(settings(server)))
    try:
        lists = await backend.pick_lists()
        active = {str(s.TicketStatusId) for s in lists.statuses if s.Status == "Active"}
        for ticket_id in range(1, 60):
            values = (await backend.edit_form(ticket_id)).values
            if (
                values["status"] in active
                and values["owner"] not in ("0", OTHER_ID)
                and values["priority"]
                and values["category"]
            ):
                return ticket_id
    finally:
        await backend.aclose()
    raise AssertionError("no active ticket in the seed")


# --- driving the screen -------------------------------------------------------------------


async def open_edit(pilot: Pilot[Any], ticket_id: int | None) -> EditScreen:
    app = pilot.app
    app.edit_ticket(ticket_id)  # type: ignore[attr-defined]
    await until(
        pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form to load"
    )
    await pilot.pause()
    return app.screen  # type: ignore[return-value]


def field(screen: EditScreen, key: str) -> Any:
    return screen.query_one(f"#field-{key}")


async def tab_to(pilot: Pilot[Any], screen: EditScreen, key: str) -> None:
    """Move focus with tab only, as a keyboard user does."""
    target = field(screen, key)
    for _ in range(30):
        if screen.focused is target:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {key}")


async def replace_text(pilot: Pilot[Any], screen: EditScreen, key: str, text: str) -> None:
    await tab_to(pilot, screen, key)
    await pilot.press("end", "ctrl+u", *text) if text else await pilot.press("end", "ctrl+u")


async def choose(pilot: Pilot[Any], screen: EditScreen, key: str, pick: Callable[[str], bool]):
    """Open the field's drop-down with enter and move down to the first value ``pick`` accepts."""
    await tab_to(pilot, screen, key)
    select: Select[str] = field(screen, key)
    await pilot.press("enter")
    await pilot.pause()
    # Select._options is Textual's (private; textual_compat has no reader for it yet).
    values = [value for _, value in select._options if value is not Select.NULL]
    current = select.value if select.value in values else values[0]
    target = next(v for v in values if pick(v))
    step = values.index(target) - values.index(current)
    await pilot.press(*(["down"] * step if step > 0 else ["up"] * -step), "enter")
    await pilot.pause()
    assert select.value == target
    return target
