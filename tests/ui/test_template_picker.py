"""Reply templates while composing, as an agent uses them: ctrl+t in the reply or note opens the
server's templates and the agent's own, typing narrows the list, enter puts the filled-in text
at the cursor, where it stays editable and is sent like typed text. Against the local servers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.middleware import Middleware
from textual.pilot import Pilot
from textual.widgets import Label, OptionList, TextArea

from tests.conftest import backend_factory_for
from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import screen_text, settle, until, wait_for
from tests.template_helpers import ticket_with_customer_in, write_local
from tests.ui.detail_helpers import SIZE, keys, server_messages
from tests.ui.snapshot_helpers import FrozenDetailApp, still_cursors
from tickettui.core.reply_templates import ReplyTemplate, TemplateSource
from tickettui.servers.request_log import RequestLog, RequestLogging
from tickettui.systems.superoffice.server import LocalSuperOffice
from tickettui.ui.screens.compose import ComposeScreen
from tickettui.ui.screens.detail import DetailScreen
from tickettui.ui.screens.template_picker import TemplatePicker, ranked

__all__ = ["kw_server"]  # fixture, imported for pytest

pytestmark = pytest.mark.usefixtures("utc")  # tests/ui/conftest.py: times the same everywhere

LOCAL = {
    "thanks.txt": "Title: Thanks\n\nThanks {customer}, ticket {number} is done.\n-- {me}\n",
    "billing/odd.txt": "Title: Odd one\n\nSee {invoice_no} for {customer}.\n",
}


def option_names(app: Any) -> list[str]:
    """The names in the picker's list, as shown."""
    options = app.screen.query_one(OptionList)
    return [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]


def draft_text(app: Any, ticket: int) -> str:
    draft = app.drafts.get(ticket, "note")
    return "" if draft is None else str(draft.text)


def status(app: Any) -> str:
    return str(app.screen.query_one("#templates-status", Label).render())


def editor(app: Any) -> TextArea:
    return app.screen.query_one("#compose-text", TextArea)


async def open_picker(pilot: Pilot[Any], key: str = "r", typed: str = "") -> None:
    """Open the reply (``r``) or note (``i``), type ``typed``, press ctrl+t and wait for the
    templates to be listed."""
    await settle(pilot)
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, ComposeScreen), "the composer")
    if typed:
        await pilot.press(*keys(typed))
    await pilot.press("ctrl+t")
    await until(pilot, lambda: isinstance(pilot.app.screen, TemplatePicker), "the picker")
    await wait_for(pilot, lambda: "from the server" in status(pilot.app), "the templates")


async def test_a_server_template_is_filled_in_at_the_cursor_stays_editable_and_is_sent(
    fresh_so_server: Any, tmp_path: Path
) -> None:
    factory = backend_factory_for(fresh_so_server)
    ticket, first = ticket_with_customer_in(fresh_so_server, norway=False)
    before = await server_messages(factory, ticket)
    app = FrozenDetailApp(factory, ticket, templates_dir=write_local(tmp_path / "t", LOCAL))
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot, typed="Hello!")
        names = option_names(app)
        assert names[0].startswith("Acknowledge receipt") and "server · General" in names[0]
        assert any(n.startswith("Thanks") and n.endswith("local") for n in names)
        assert any(n.startswith("Odd one") and "local · billing" in n for n in names)
        assert not any("System template" in n for n in names)
        await pilot.press(*keys("ackrec"))  # fuzzy: "Acknowledge receipt"
        await pilot.pause()
        assert option_names(app)[0].startswith("Acknowledge receipt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ComposeScreen), "the insert")
        text = editor(app).text
        assert text.startswith(f"Hello!Hi {first},\n\nThank you for contacting us.")
        assert f"(ticket {ticket})" in text
        assert "inserted" in str(app.screen.query_one("#compose-status", Label).render())
        await pilot.press(*keys(" Thanks again."))  # still editable, at the cursor
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen), "the send")
    after = await server_messages(factory, ticket)
    new = next(m for m in after if m.id not in {b.id for b in before})
    assert new.body.startswith(f"Hello!Hi {first},")
    assert new.body.rstrip().endswith("Thanks again.")


async def test_a_local_template_replaces_an_empty_draft_and_an_unknown_variable_is_named(
    so_server: Any, so_backend_factory: Callable[[], Any], tmp_path: Path
) -> None:
    ticket, _ = ticket_with_customer_in(so_server, norway=True)
    app = FrozenDetailApp(so_backend_factory, ticket, templates_dir=write_local(tmp_path, LOCAL))
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot, key="i")
        await pilot.press(*keys("odd"))
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ComposeScreen), "the insert")
        detail = await app.backend.ticket(ticket)
        customer = detail.person or detail.summary.customer
        assert editor(app).text == f"See {{invoice_no}} for {customer}."
        line = str(app.screen.query_one("#compose-status", Label).render())
        assert "Unknown variable {invoice_no} left as written" in line
        # The draft keeps it like typed text.
        await until(pilot, lambda: "{invoice_no}" in draft_text(app, ticket), "the draft")


async def test_the_window_is_live_while_a_slow_server_lists_and_typed_ahead_keys_count(
    tmp_path: Path,
) -> None:
    log = RequestLog(delay=0.4)  # a far-away server: every request takes 0.4 s
    server = LocalSuperOffice.start(
        tickets=40,
        seed=7,
        db_path=tmp_path / "so.sqlite",
        middleware=[Middleware(RequestLogging, log=log)],
    )
    try:
        ticket, first = ticket_with_customer_in(server, norway=False)
        app = FrozenDetailApp(backend_factory_for(server), ticket, templates_dir=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the composer")
            await pilot.press("ctrl+t")
            await until(pilot, lambda: isinstance(app.screen, TemplatePicker), "the picker")
            assert status(app) == "Loading templates…"
            await pilot.press(*keys("ackrec"), "enter")  # typed ahead of the list
            assert isinstance(app.screen, TemplatePicker)  # nothing waited for the server
            await wait_for(pilot, lambda: isinstance(app.screen, ComposeScreen), "the insert")
            assert editor(app).text.startswith(f"Hi {first},")
    finally:
        server.stop()


async def test_esc_leaves_the_text_as_it_was(
    so_backend_factory: Callable[[], Any], tmp_path: Path
) -> None:
    app = FrozenDetailApp(so_backend_factory, 3, templates_dir=write_local(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot, typed="Kept")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the composer")
        assert editor(app).text == "Kept"


async def test_keliweb_without_predefined_replies_offers_the_local_ones_and_says_why(
    kw_server: Any, tmp_path: Path
) -> None:
    backend = kw_factory(kw_server)()
    section = (await backend.sections())[0]
    ticket = (await backend.list_tickets(section, ["id"]))[0].id
    await backend.aclose()
    app = FrozenDetailApp(kw_factory(kw_server), ticket, templates_dir=write_local(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        assert [n.split("  ")[0] for n in option_names(app)] == ["Thanks"]
        assert "0 from the server, 1 local" in status(app)
        assert "Keliweb does not offer its predefined replies" in status(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ComposeScreen), "the insert")
        assert editor(app).text.startswith("Thanks ")


async def test_a_server_that_fails_is_one_line_and_local_templates_still_work(
    fresh_so_server: Any, tmp_path: Path
) -> None:
    factory = backend_factory_for(fresh_so_server)
    app = FrozenDetailApp(factory, 3, templates_dir=write_local(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "the composer")
        fresh_so_server.stop()
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, TemplatePicker), "the picker")
        await wait_for(pilot, lambda: "local" in status(app), "the templates", seconds=60)
        assert "SuperOffice templates could not be loaded" in status(app)
        assert [n.split("  ")[0] for n in option_names(app)] == ["Thanks"]


async def test_a_hostile_template_is_shown_and_inserted_inert(
    so_backend_factory: Callable[[], Any], tmp_path: Path
) -> None:
    app = FrozenDetailApp(so_backend_factory, 3, templates_dir=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        await pilot.press(*keys("escalation"))
        await pilot.pause()
        shown = screen_text(app)
        assert "[bold red]Escalation[/] ␛[31mnotice" in shown  # markup as text, ESC a stand-in
        assert "\x1b" not in shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ComposeScreen), "the insert")
        text = editor(app).text
        assert "\x1b" not in text and "\x07" not in text
        assert "␛]52;c;ZWNobyBwd25lZA==␇␛[31m [link=https://evil.example]here[/link]" in text


def test_typing_ranks_templates_fuzzily_best_first() -> None:
    templates = tuple(
        ReplyTemplate(name=name, source=TemplateSource.SERVER, folder=folder)
        for name, folder in (
            ("Password reset", "Accounts"),
            ("Acknowledge receipt", "General"),
            ("Refund approved", "Billing"),
        )
    )
    assert [t.name for t in ranked(templates, "")] == [t.name for t in templates]
    assert [t.name for t in ranked(templates, "ackrec")] == ["Acknowledge receipt"]
    assert [t.name for t in ranked(templates, "billing")] == ["Refund approved"]
    assert ranked(templates, "zzz") == []


def test_the_picker_at_80x24(snap_compare: Any, so_server: Any, tmp_path: Path) -> None:
    ticket, _ = ticket_with_customer_in(so_server, norway=False)
    factory = backend_factory_for(so_server)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_picker(pilot)
        still_cursors(pilot)
        await pilot.pause()

    app = FrozenDetailApp(factory, ticket, templates_dir=write_local(tmp_path, LOCAL))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
