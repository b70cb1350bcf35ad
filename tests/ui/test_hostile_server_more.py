"""A hostile server against the places that came after the first hostile-server tests: the
bulk confirm and its summary, the export prompt, the filter's "matched category …" hint, next in
queue, the ticket screen's copy toasts, the help and the key bar, at 80x24 and at 160x50.

Each step checks the rendered screen: nothing raw reaches it, and nothing in it was parsed as
markup (no link, no clickable action from data; brackets shown as typed).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import backend_factory_for
from tests.hostile_servers import (
    HostileKeliweb,
    HostileSuperOffice,
    hostile_keliweb,
    hostile_superoffice,
)
from tests.hostile_text import assert_shown_inert
from tests.keliweb_fixtures import kw_factory
from tests.pilot import notifications, screen_text, until
from tickettui.ui.app import TicketApp

__all__ = ["hostile_keliweb", "hostile_superoffice"]  # fixtures, imported for pytest

SIZES = [(80, 24), (160, 50)]


def queue_ready(app: TicketApp) -> bool:
    from tickettui.ui.screens.queue import QueueScreen

    screen = app.screen
    return isinstance(screen, QueueScreen) and screen.ticket_list.total_count > 0


async def open_the_first_ticket(pilot: Any, app: TicketApp) -> None:
    from tickettui.ui.screens.detail import DetailScreen

    await until(pilot, lambda: queue_ready(app), "the queue")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the ticket")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_bulk_confirm_summary_export_and_help_on_keliweb(
    hostile_keliweb: HostileKeliweb, size: tuple[int, int]
) -> None:
    from tickettui.ui.screens.pickers import ChoicePicker, ConfirmLoss

    app = TicketApp(kw_factory(hostile_keliweb.server))
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: queue_ready(app), "the queue")
        assert_shown_inert(app)
        await pilot.press("space", "space")
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ChoicePicker), "the statuses")
        assert_shown_inert(app)
        await pilot.press("end", "up", "enter")  # Waiting …, the hostile status
        await until(pilot, lambda: isinstance(app.screen, ConfirmLoss), "the confirm")
        text = assert_shown_inert(app)
        assert "Set status to Waiting" in text  # the status name, as stand-ins:
        assert "pay<U+200B>pal<U+FEFF>: 2 tickets (#" in text
        with hostile_keliweb.errors.failing("/update-ticket"):
            await pilot.press("y")
            await until(pilot, lambda: "failed" in screen_text(app), "the summary")
        text = assert_shown_inert(app)
        assert "Keliweb: Deadlock victim" in text  # each ticket's reason: the server's words
        await pilot.press("escape")
        await until(pilot, lambda: queue_ready(app), "the queue again")
        await pilot.press("E")
        await until(pilot, lambda: "Export" in screen_text(app), "the export prompt")
        assert_shown_inert(app)
        await pilot.press("escape")
        await until(pilot, lambda: queue_ready(app), "the queue again")
        await pilot.press("question_mark")
        await until(pilot, lambda: "Keys on" in screen_text(app), "the help")
        assert_shown_inert(app)


async def test_the_filters_matched_category_hint_on_superoffice(
    hostile_superoffice: HostileSuperOffice,
) -> None:
    # At 80 columns the category column is left out, so the hint names where the word matched:
    # in the status line, then (v) in the preview, whole.
    app = TicketApp(backend_factory_for(hostile_superoffice.server))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await until(pilot, lambda: queue_ready(app), "the queue")
        await pilot.press("slash", *"clickme", "enter")
        await until(pilot, lambda: "(matched category" in screen_text(app), "the hint")
        assert_shown_inert(app)
        await pilot.press("v")
        await until(pilot, lambda: "CLICKME[/]" in screen_text(app), "the hint in the preview")
        text = assert_shown_inert(app)
        assert "matched category" in text


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_next_in_a_hostile_department_and_the_ticket_screens_toasts(
    hostile_keliweb: HostileKeliweb, size: tuple[int, int]
) -> None:
    from textual.command import CommandPalette

    from tickettui.ui.screens.detail import DetailScreen

    app = TicketApp(kw_factory(hostile_keliweb.server))
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: queue_ready(app), "the queue")
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"Commerciale")
        await until(pilot, lambda: "Section: Commerciale" in screen_text(app), "the section")
        await pilot.press("enter")
        await until(pilot, lambda: queue_ready(app), "the department")
        await pilot.press("N")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the next ticket")
        await until(pilot, lambda: "Opened ticket" in screen_text(app), "the toast")
        assert_shown_inert(app)
        (toast,) = notifications(app)
        assert "from Commerciale [link=https://evil.example]x[/link] [/b]" in toast
        for key in ("y", "C"):
            await pilot.press(key)
            await until(pilot, lambda: "Copied" in screen_text(app), "the copy toast")
            assert_shown_inert(app)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_tenants_field_labels_in_the_ticket_and_the_edit_form(
    hostile_superoffice: HostileSuperOffice, size: tuple[int, int]
) -> None:
    from tickettui.ui.screens.edit import EditScreen

    app = TicketApp(backend_factory_for(hostile_superoffice.server))
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_the_first_ticket(pilot, app)
        await until(
            pilot, lambda: "Contract number" in screen_text(app), "the fields by their labels"
        )
        text = assert_shown_inert(app)
        assert "Contract number [link=https://evil.example]x[/link] [/b] ␛]52;c;" in text
        await pilot.press("e")
        await until(
            pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
        )
        for _ in range(20):  # the fields are below the ticket's own: tab down to them
            await pilot.press("tab")
            if "Contract" in screen_text(app):
                break
        await until(pilot, lambda: "Contract" in screen_text(app), "the field's label")
        assert_shown_inert(app)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_reply_template_names_and_folders_in_the_picker(
    hostile_superoffice: HostileSuperOffice, size: tuple[int, int]
) -> None:
    from tickettui.ui.screens.compose import ComposeScreen
    from tickettui.ui.screens.template_picker import TemplatePicker

    app = TicketApp(backend_factory_for(hostile_superoffice.server))
    async with app.run_test(size=size, notifications=True) as pilot:
        await open_the_first_ticket(pilot, app)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the reply")
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, TemplatePicker), "the picker")
        await until(pilot, lambda: "Acknowledge" in screen_text(app), "the templates")
        text = assert_shown_inert(app)
        assert "[link=https://evil.example]x[/link]" in text  # in a name or its folder, as typed
