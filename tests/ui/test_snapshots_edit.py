"""What the edit and merge screens look like at 80x24 (SSH) and 160x50.

The edit screen reads a ticket of a freshly seeded local server (same seed, same ticket, same
picture); the merge screen is fed its conflicts directly. Cursor blink is off.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import events
from textual.app import App
from textual.widgets import Input, TextArea

from tests.pilot import settle, until
from tests.ui.edit_helpers import app_for
from tickettui.core.domain import Choice, FieldKind, FieldSpec
from tickettui.core.merge import FieldConflict
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.edit import EditScreen
from tickettui.ui.screens.merge import MergeScreen

TICKET = 7


class EditApp(TicketApp):
    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # no queue underneath
        self.edit_ticket(TICKET)


class NewTicketApp(TicketApp):
    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()
        self.edit_ticket(None)


async def loaded(pilot: Any, *keys: str) -> None:
    """Wait for the form, stop every cursor blinking, then press ``keys``."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form")
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.press(*keys)
    await settle(pilot)


def test_edit_at_80x24(fresh_so_server: Any, snap_compare: Any) -> None:
    assert snap_compare(
        app_for(fresh_so_server, EditApp), terminal_size=(80, 24), run_before=loaded
    )


def test_edit_at_160x50(fresh_so_server: Any, snap_compare: Any) -> None:
    assert snap_compare(
        app_for(fresh_so_server, EditApp), terminal_size=(160, 50), run_before=loaded
    )


def test_edit_with_errors_explained_at_80x24(fresh_so_server: Any, snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await loaded(pilot, "end", "ctrl+u", "tab", "tab", "tab", "tab", "tab")
        await pilot.press(*"next blursday", "ctrl+s")
        await settle(pilot)
        pilot.app.clear_notifications()

    assert snap_compare(
        app_for(fresh_so_server, EditApp), terminal_size=(80, 24), run_before=run_before
    )


def test_new_ticket_at_80x24(fresh_so_server: Any, snap_compare: Any) -> None:
    assert snap_compare(
        app_for(fresh_so_server, NewTicketApp), terminal_size=(80, 24), run_before=loaded
    )


SPECS = (
    FieldSpec("title", "Title", FieldKind.TEXT, required=True),
    FieldSpec(
        "priority",
        "Priority",
        FieldKind.CHOICE,
        (Choice("1", "Low"), Choice("2", "Medium"), Choice("3", "High")),
    ),
    FieldSpec("deadline", "Deadline", FieldKind.DATETIME),
    FieldSpec("tags", "Tags", FieldKind.TAGS, (Choice("1", "printer"), Choice("2", "vip"))),
)
CONFLICTS = (
    FieldConflict("title", "Printer broken", "Printer on fire", "Printer [b]fixed[/b]"),
    FieldConflict("priority", "2", "3", "1"),
    FieldConflict("deadline", None, datetime(2026, 11, 25, 14, 0), datetime(2026, 12, 1, 9, 0)),
    FieldConflict("tags", ("1",), ("1", "2"), ()),
)


class MergeApp(App[None]):
    CSS_PATH = ["../../styles/app.tcss", "../../styles/edit.tcss"]

    def on_mount(self) -> None:
        self.push_screen(MergeScreen(CONFLICTS, SPECS))


def test_merge_at_80x24(snap_compare: Any) -> None:
    assert snap_compare(MergeApp(), terminal_size=(80, 24), run_before=_press("m"))


def test_merge_at_160x50(snap_compare: Any) -> None:
    assert snap_compare(MergeApp(), terminal_size=(160, 50), run_before=_press("m", "t"))


def _press(*keys: str) -> Any:
    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before
