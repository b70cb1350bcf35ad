"""A bug that stops the app keeps the drafts and prints no local variables (Textual's crash
report shows them, and a frame's locals can hold a password or a token)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.screen import Screen

from tests.ui.test_edit_screen import SIZE, an_active_ticket, app_for, open_edit, tab_to
from tickettui.ui.drafts import drafts_path

SECRET = "Crash-secret-7f3a-do-not-print"


class Exploding(Screen[None]):
    """Stands in for any bug: a key whose handler raises with a secret in a local variable."""

    BINDINGS = [("x", "explode", "Explode")]

    def action_explode(self) -> None:
        password = SECRET  # as a credential prompt or a header builder has in its frame
        raise RuntimeError(f"boom ({len(password)} characters)")


def _printed(app: Any) -> str:
    return "".join(
        segment.text for renderable in app._exit_renderables for segment in renderable.segments
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
