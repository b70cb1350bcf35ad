"""A bug that stops the app keeps the drafts and prints no local variables (Textual's crash
report shows them, and a frame's locals can hold a password or a token)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen

from tests.ui.edit_helpers import SIZE, an_active_ticket, app_for, open_edit, tab_to
from tests.waiting import PATIENCE
from tickettui.core.drafts import drafts_path
from tickettui.ui.textual_compat import exit_renderables

SECRET = "Crash-secret-7f3a-do-not-print"


class Exploding(Screen[None]):
    """Stands in for any bug: a key whose handler raises with a secret in a local variable."""

    BINDINGS = [("x", "explode", "Explode")]

    def action_explode(self) -> None:
        password = SECRET  # as a credential prompt or a header builder has in its frame
        raise RuntimeError(f"boom ({len(password)} characters)")


def _printed(app: Any) -> str:
    return "".join(
        segment.text for renderable in exit_renderables(app) for segment in renderable.segments
    )


async def test_a_crash_mid_edit_keeps_the_draft_and_prints_no_locals(fresh_so_server: Any) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    app = app_for(fresh_so_server)
    printed = ""
    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_edit(pilot, ticket_id)
            await tab_to(pilot, screen, "title")
            await pilot.press("end", *" typed before the crash")
            app.push_screen(Exploding())
            await pilot.pause()
            await pilot.press("x")
            await pilot.pause()
            printed = _printed(app)
    assert "RuntimeError" in printed and "boom" in printed  # the bug is still reported
    assert SECRET not in printed  # Textual would show "password = 'Crash-secret…'"
    assert "typed before the crash" in drafts_path().read_text()


# The real command with one bug put in: the key that lists the keys raises.
WITH_A_BUG_BEHIND_THE_HELP_KEY = (
    "-c",
    "from tickettui.ui.app import TicketApp\n"
    "def broken(self): raise RuntimeError('the help key is broken')\n"
    "TicketApp.action_help = broken\n"
    "from tickettui.cli import main\n"
    "main(prog_name='tickettui')\n",
)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_a_crash_ends_tickettui_with_a_failure_status(so_server: Any, tmp_path: Path) -> None:
    """A script or a service wrapper sees the failure (it saw 0, as after ctrl+q)."""
    from tests.pty_terminal import Terminal, app_env  # here: it needs termios (not on Windows)

    term = Terminal(app_env(so_server, tmp_path), args=WITH_A_BUG_BEHIND_THE_HELP_KEY)
    try:
        term.wait_for(" tickets")
        term.type("?")
        term.wait_for("the help key is broken")  # the crash report
        assert term.ended_within(PATIENCE), "the app did not stop on the bug"
    finally:
        term.kill()
    assert term.process.returncode == 1
