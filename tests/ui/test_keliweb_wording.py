"""What a new user of a Keliweb profile reads: replies named as what they are (the API signs
in as the customer, so a reply is the account's own message), against the local server."""

from __future__ import annotations

from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import settle, until
from tests.ui.queue_helpers import SIZE, listing
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.compose import ComposeScreen
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.help import HelpScreen
from tickettui.ui.widgets.key_bar import KeyBar

__all__ = ["kw_server"]  # fixture, imported for pytest


def footer_text(app: TicketApp) -> str:
    return " ".join(key.description for key in app.screen.query_one(KeyBar).shown_keys())


async def test_compose_footer_and_help_name_a_keliweb_reply_as_the_accounts(
    kw_server: LocalKeliweb,
) -> None:
    app = TicketApp(kw_factory(kw_server))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert listing(app).cursor_ticket is not None
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail")
        await settle(pilot)
        detail = app.screen
        assert "Reply as account" in footer_text(app)

        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the keys")
        table = str(app.screen.query_one("#help-table").render())
        assert "Reply as account" in table and "Note" in table
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is detail, "back")

        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the reply")
        title = str(app.screen.query_one("#compose-title").render())
        hint = str(app.screen.query_one("#compose-hint").render())
        assert title.startswith("Reply as the account on ticket ")
        assert "as the customer" in hint and "customer receives" not in hint
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is detail, "back")

        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the note")
        title = str(app.screen.query_one("#compose-title").render())
        assert title.startswith("Ticket note on ticket ")
        await pilot.press("escape")
