"""A hostile server: names, numbers and error messages it supplies reach the screen inert.

For each place such text shows (palette, section tabs, pickers, dialog titles, the edit form's
heading, choices and "not in the list" options, toasts, the edit form's load error), the test
checks two things on the rendered screen, at 80x24 and at 160x50: nothing raw reaches it, and
nothing in it was parsed as markup (no link, no clickable action from data; brackets shown as
typed). Where 80 columns cut a line short, the toast's own text is read instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import backend_factory_for
from tests.hostile_servers import (
    GHOST_STATUS,
    HostileKeliweb,
    HostileSuperOffice,
    hostile_keliweb,
    hostile_superoffice,
)
from tests.hostile_text import CLICK, CLIPBOARD, CRASH, assert_shown_inert
from tests.keliweb_fixtures import kw_factory
from tests.pilot import error_notifications, notifications, screen_text, settle, until
from tickettui.ui.app import TicketApp

__all__ = ["hostile_keliweb", "hostile_superoffice"]  # fixtures, imported for pytest

WIDE = (160, 50)
SIZES = pytest.mark.parametrize("size", [(80, 24), WIDE], ids=["80x24", "160x50"])


def queue_ready(app: TicketApp) -> bool:
    from tickettui.ui.screens.queue import QueueScreen

    screen = app.screen
    return isinstance(screen, QueueScreen) and screen.ticket_list.total_count > 0


@SIZES
async def test_palette_shows_department_names_as_text_not_markup(
    hostile_keliweb: HostileKeliweb,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    from textual.command import CommandPalette

    monkeypatch.chdir(tmp_path)  # where the hostile action would have written its file
    app = TicketApp(kw_factory(hostile_keliweb.server))
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: queue_ready(app), "the queue")
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        # Every entry at once (discovery), then searches that match the hostile names.
        if size == WIDE:  # 24 lines show the first few entries only: the searches find them
            await until(pilot, lambda: "Section: Domini" in screen_text(app), "the sections")
        assert_shown_inert(app)
        for query in ("Domini", "Commerciale", "Waiting", "Amministrazione"):
            await pilot.press(*query)
            await until(pilot, lambda q=query: f"Section: {q}" in screen_text(app), query)
            text = assert_shown_inert(app)
            for _ in query:
                await pilot.press("backspace")
        await pilot.press(*"Domini")
        await until(pilot, lambda: "CLICKME" in screen_text(app), "the clickable name")
        text = assert_shown_inert(app)
        assert CLICK.replace("[/]", "") in text  # brackets as typed: the action is text
        await pilot.press("enter")  # runs our command (show that section), nothing else
        await until(pilot, lambda: queue_ready(app), "back in the queue")
        assert app.is_running
    assert not list(tmp_path.glob("*.svg"))  # noqa: ASYNC240 - after the app has stopped


@SIZES
async def test_section_tabs_status_picker_and_dialog_titles_are_inert(
    hostile_keliweb: HostileKeliweb,
    size: tuple[int, int],
) -> None:
    app = TicketApp(kw_factory(hostile_keliweb.server))
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: queue_ready(app), "the queue")
        await settle(pilot)  # the sections' counts too: they decide which tabs keep a name
        text = assert_shown_inert(app)
        assert "CLICKME" not in text  # the tabs: names cut to fit, never applied
        # The active tab always keeps its name: Commerciale[link=...] is section 5.
        await pilot.press("5")
        await until(pilot, lambda: " 5 Comme" in screen_text(app), "the hostile section's tab")
        assert "CLICKME" not in assert_shown_inert(app)
        await pilot.press("1")
        await until(pilot, lambda: queue_ready(app) and " 1 All active" in screen_text(app), "1")
        queue = app.screen
        # The ticket whose number would write the clipboard is named by its id instead.
        assert queue.ticket_list.move_cursor_to_id(hostile_keliweb.hostile_tid_ticket)
        await pilot.pause()
        number = str(hostile_keliweb.hostile_tid_ticket)
        for key, title in (("c", f"Close ticket {number}?"), ("t", f"Status of ticket {number}")):
            await pilot.press(key)
            await until(pilot, lambda t=title: t in screen_text(app), title)
            text = assert_shown_inert(app)
            if key == "t":
                assert "Waiting ␛]52;c;" in text  # the status list, with stand-ins
            await pilot.press("escape")
            await until(pilot, lambda: queue_ready(app), "the queue again")


@SIZES
async def test_edit_form_heading_choices_and_a_status_not_in_the_list(
    hostile_keliweb: HostileKeliweb,
    size: tuple[int, int],
) -> None:
    from tickettui.ui.screens.edit import EditScreen

    app = TicketApp(kw_factory(hostile_keliweb.server))
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: queue_ready(app), "the queue")
        for ticket_id in (hostile_keliweb.hostile_tid_ticket, hostile_keliweb.ghost_status_ticket):
            app.edit_ticket(ticket_id)
            await until(
                pilot,
                lambda: isinstance(app.screen, EditScreen) and app.screen.ready,
                "the form",
            )
            await pilot.pause()
            text = assert_shown_inert(app)
            if ticket_id == hostile_keliweb.hostile_tid_ticket:
                assert f"Edit ticket {ticket_id}" in text
            else:
                assert "Ghost ␛]52;c;" in text and "(not in the list)" in text
                assert GHOST_STATUS not in text
            await pilot.press("escape")
            await until(pilot, lambda: queue_ready(app), "the queue again")


@SIZES
async def test_a_hostile_error_message_in_a_toast_and_the_edit_form(
    hostile_superoffice: HostileSuperOffice,
    size: tuple[int, int],
) -> None:
    from tickettui.ui.screens.edit import EditScreen

    app = TicketApp(backend_factory_for(hostile_superoffice.server))
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: queue_ready(app), "the queue")
        ticket = app.screen.ticket_list.cursor_ticket
        assert ticket is not None
        with hostile_superoffice.errors.failing(f"/Ticket/{ticket.id}", method="GET"):
            app.edit_ticket(ticket.id)
            await until(
                pilot,
                lambda: (
                    isinstance(app.screen, EditScreen)
                    and "Could not load the ticket" in screen_text(app)
                ),
                "the load error",
            )
            await until(
                pilot,
                lambda: any("Deadlock victim" in toast for toast in error_notifications(app)),
                "the error in the toast",
            )
            if size == WIDE:  # 80 columns cut the form's line before the server's words
                await until(
                    pilot,
                    lambda: screen_text(app).count("SoServerException: Deadlock victim") == 2,
                    "the error in the toast and in the form",
                )
        text = assert_shown_inert(app)
        if size == WIDE:
            assert "Deadlock victim ␛]52;c;" in text
        (toast,) = error_notifications(app)
        assert "Deadlock victim ␛]52;c;" in toast


@SIZES
async def test_superoffice_names_in_queue_pickers_form_and_the_owner_toast(
    hostile_superoffice: HostileSuperOffice,
    size: tuple[int, int],
) -> None:
    from tickettui.ui.screens.edit import EditScreen

    app = TicketApp(backend_factory_for(hostile_superoffice.server))
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: queue_ready(app), "the queue")
        assert_shown_inert(app)
        for key, title in (("P", "Priority of ticket"), ("t", "Status of ticket")):
            await pilot.press(key)
            await until(pilot, lambda t=title: t in screen_text(app), title)
            assert_shown_inert(app)
            await pilot.press("escape")
            await until(pilot, lambda: queue_ready(app), "the queue again")
        await pilot.press("e")
        await until(
            pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
        )
        await pilot.press("ctrl+o")  # assign to me: "Owner: <my name>" as a toast
        await until(pilot, lambda: "Owner: Me" in screen_text(app), "the owner toast")
        text = assert_shown_inert(app)
        assert CRASH not in text or "[/b]" in text
        assert any("Owner: Me ␛]52;c;" in toast for toast in notifications(app))


@SIZES
async def test_every_toast_is_inert_whoever_raises_it(
    hostile_keliweb: HostileKeliweb,
    size: tuple[int, int],
) -> None:
    # A screen passing server text to notify() without making it inert (or with markup on)
    # still shows stand-ins and brackets as typed: the app makes every toast plain text.
    app = TicketApp(kw_factory(hostile_keliweb.server))
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: queue_ready(app), "the queue")
        app.screen.notify(f"Moved to {CLICK} {CRASH}", title=CLIPBOARD, markup=True)
        await until(pilot, lambda: "Moved to" in screen_text(app), "the toast")
        text = assert_shown_inert(app)
        assert "[link=https://evil.example]x[/link]" in text
        assert app.is_running
