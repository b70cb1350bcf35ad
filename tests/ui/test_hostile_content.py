"""Customers write whatever they like: it reaches the screen and the CLI as inert text.

One ticket on a fresh local server gets every hostile input at once, in its title, the
customer's and company's names, a message author and a 1 MB message body. The real screens
(queue, detail, edit) and ``tickettui show`` must show visible stand-ins, never the raw
characters, and must not crash or crawl.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.hostile_text import HOSTILE, MB_BODY, STAND_INS, assert_inert
from tests.pilot import screen_text, settle, until
from tickettui.systems.superoffice.server import LocalSuperOffice, accounts
from tickettui.systems.superoffice.server.seed import ensure_seeded
from tickettui.ui.app import TicketApp

TICKET = 1


def _title() -> str:
    # Long enough to carry everything; the 10k line goes into a message, where it belongs.
    return " | ".join(v for k, v in HOSTILE.items() if not k.startswith("10,000"))


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = tmp_path_factory.mktemp("hostile") / "so.sqlite"
    ensure_seeded(path, tickets=30, seed=7)
    with sqlite3.connect(path) as conn:
        active = conn.execute(
            "SELECT status_id FROM ticket_status WHERE base_status = 1"
        ).fetchone()
        person = conn.execute(
            "SELECT person_id, contact_id FROM person WHERE person_id ="
            " (SELECT MIN(person_id) FROM person)"
        ).fetchone()
        conn.execute(
            "UPDATE ticket SET title = ?, owned_by = ?, base_status = 1, status_id = ?,"
            " person_id = ?, last_changed = '2099-01-01 00:00:00' WHERE ticket_id = ?",
            (_title(), accounts.DEMO_ASSOCIATE_ID, active[0], person[0], TICKET),
        )
        conn.execute(
            "UPDATE person SET firstname = ?, lastname = ? WHERE person_id = ?",
            (HOSTILE["ANSI CSI"], HOSTILE["BiDi override"], person[0]),
        )
        conn.execute(
            "UPDATE contact SET name = ? WHERE contact_id = ?", (HOSTILE["OSC 8 link"], person[1])
        )
        first, second = (
            row[0]
            for row in conn.execute(
                "SELECT message_id FROM message WHERE ticket_id = ? ORDER BY message_id LIMIT 2",
                (TICKET,),
            )
        )
        body = "\n".join(HOSTILE.values())
        conn.execute(
            "UPDATE message SET body = ?, html_body = '', type = 1, author = ?"
            " WHERE message_id = ?",
            (body, HOSTILE["OSC 52 clipboard"] + HOSTILE["rich markup"], first),
        )
        conn.execute(
            "UPDATE message SET body = ?, html_body = '', type = 1 WHERE message_id = ?",
            (MB_BODY, second),
        )
    server = LocalSuperOffice.start(db_path=path)
    yield server
    server.stop()


def _app(server: Any) -> TicketApp:
    from tests.conftest import backend_factory_for

    return TicketApp(backend_factory_for(server))


async def queue_with_the_hostile_ticket(pilot: Any, app: TicketApp) -> str:
    """The queue once it shows the hostile ticket; its text, checked inert."""
    from tickettui.ui.screens.queue import QueueScreen

    await until(
        pilot,
        lambda: isinstance(app.screen, QueueScreen) and "BOLD" in screen_text(app),
        "the hostile ticket in the queue",
    )
    text = screen_text(app)
    assert_inert(text)
    assert "[bold red]BOLD[/bold red]" in text  # markup shown as typed, not applied
    assert "\u241b" in text  # ␛ stands in for ESC
    return text


async def open_the_hostile_ticket(pilot: Any, app: TicketApp) -> str:
    """Its detail once the thread is in and every load has finished; the text, checked
    inert, with every stand-in."""
    from tickettui.ui.screens.detail import DetailScreen

    app.open_ticket(TICKET)
    await until(
        pilot,
        lambda: isinstance(app.screen, DetailScreen) and "click me" in screen_text(app),
        "the detail with its thread",
    )
    await settle(pilot)
    text = screen_text(app)
    assert_inert(text)
    for stand_in in STAND_INS:
        assert stand_in in text
    return text


async def edit_the_hostile_ticket(pilot: Any, app: TicketApp) -> str:
    """Its edit form once ready; the text, checked inert."""
    from tickettui.ui.screens.edit import EditScreen

    app.edit_ticket(TICKET)
    await until(
        pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the edit form"
    )
    await settle(pilot)
    text = screen_text(app)
    assert_inert(text)
    return text


async def test_queue_detail_and_edit_show_hostile_text_inert(hostile_server: Any) -> None:
    from tickettui.ui.screens.edit import EditScreen

    app = _app(hostile_server)
    async with app.run_test(size=(160, 50)) as pilot:
        await queue_with_the_hostile_ticket(pilot, app)
        started = time.process_time()  # CPU seconds: work done, however busy the machine is
        await open_the_hostile_ticket(pilot, app)
        assert time.process_time() - started < 15  # a 1 MB body must not stall the screen
        for key in ("end", "home", "pagedown", "pageup"):
            await pilot.press(key)
        assert_inert(screen_text(app))

        assert "BOLD" in await edit_the_hostile_ticket(pilot, app)
        # Shown inert, yet an untouched title saves as the server had it, and is no change.
        edit = app.screen
        assert isinstance(edit, EditScreen) and edit.form is not None
        assert edit._value(edit.form.spec("title")) == _title()
        assert not edit.has_unsaved_changes()


def test_show_plain_and_json_are_inert(hostile_server: Any, tmp_path: Path) -> None:
    from tickettui.cli import main

    env = {
        "TICKETTUI_URL": hostile_server.base_url,
        "TICKETTUI_USER": accounts.DEMO_USER,
        "TICKETTUI_PASSWORD": accounts.DEMO_PASSWORD,
        "TICKETTUI_CONFIG": str(tmp_path / "none.toml"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    plain = CliRunner().invoke(main, ["show", str(TICKET)], env=env)
    assert plain.exit_code == 0, plain.output
    assert_inert(plain.output)
    assert "\u241b" in plain.output and "<U+202E>" in plain.output
    as_json = CliRunner().invoke(main, ["show", str(TICKET), "--json"], env=env)
    assert as_json.exit_code == 0, as_json.output
    assert_inert(as_json.output)  # JSON escapes control characters (\u001b), never raw
    data = json.loads(as_json.output)
    assert "\x1b" in data["title"]  # ...and a JSON reader still gets the real text


async def test_at_80x24_queue_detail_and_edit_show_every_hostile_input_as_stand_ins(
    hostile_server: Any,
) -> None:
    # The same ticket on the smallest terminal we promise: cut to fit, still never raw.
    app = _app(hostile_server)
    async with app.run_test(size=(80, 24)) as pilot:
        await queue_with_the_hostile_ticket(pilot, app)
        await open_the_hostile_ticket(pilot, app)
        text = await edit_the_hostile_ticket(pilot, app)
        assert "Title *          [bold red]BOLD" in text  # the input shows its start
