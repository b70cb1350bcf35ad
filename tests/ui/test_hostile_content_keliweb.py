"""Hostile ticket text through Keliweb: raw, and hidden in HTML entities that WHMCS stores.

Keliweb sends HTML-escaped text, and the client decodes entities to show it, so ``&#27;[31m``
turns into a real ESC on the way in. The queue, the thread and the edit form must still show
visible stand-ins, never the raw characters.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator

import pytest

from tests.hostile_text import HOSTILE, MB_BODY, STAND_INS, assert_inert
from tests.keliweb_fixtures import kw_factory
from tests.pilot import screen_text, settle, until
from tickettui.systems.keliweb.server import LocalKeliweb, accounts
from tickettui.systems.keliweb.server.seed import ensure_seeded
from tickettui.ui.app import TicketApp

# The same attacks as entities: what an HTML-escaping store hands back.
ENTITIES = "&#27;[31mENTITY-RED&#x1b;[0m &#x1b;]52;c;cm0gLXJmIH4=&#7; &#x202e;gpj.exe &#0;"
THREAD = re.compile(r"Thread · \d+ messages")
LATER = "2099-01-01 00:00:00"  # first in every list sorted by last reply


def _title() -> str:
    return " | ".join(v for k, v in HOSTILE.items() if not k.startswith("10,000"))


@pytest.fixture(scope="module")
def hostile_kw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalKeliweb, int]]:
    path = tmp_path_factory.mktemp("hostile-kw") / "kw.sqlite"
    ensure_seeded(path, tickets=40, seed=7)
    with sqlite3.connect(path) as conn:
        ticket_id = conn.execute(
            "SELECT MIN(id) FROM ticket WHERE userid = ? AND status NOT IN ('Closed')"
            " AND merged_ticket_id = 0",
            (accounts.DEMO_USER_ID,),
        ).fetchone()[0]
        body = "\n".join([*HOSTILE.values(), ENTITIES])
        conn.execute(
            "UPDATE ticket SET title = ?, name = ?, message = ?, date = ?, lastreply = ?,"
            " editor = 'plain' WHERE id = ?",
            (
                _title(),
                HOSTILE["ANSI CSI"] + HOSTILE["BiDi override"],
                body,
                LATER,
                LATER,
                ticket_id,
            ),
        )
        conn.execute(
            "INSERT INTO reply (tid, userid, contactid, name, email, date, message, admin,"
            " attachment, rating, editor) VALUES (?, 0, 0, ?, '', ?, ?, ?, '', 0, 'plain')",
            (ticket_id, HOSTILE["OSC 8 link"], LATER, MB_BODY, HOSTILE["OSC 52 clipboard"]),
        )
        conn.execute(
            "INSERT INTO note (ticketid, admin, date, message, attachments, editor)"
            " VALUES (?, ?, ?, ?, '', 'markdown')",
            (ticket_id, HOSTILE["rich markup"], LATER, ENTITIES),
        )
    with LocalKeliweb.start(db_path=path) as server:
        yield server, ticket_id


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
async def test_keliweb_queue_thread_and_edit_show_hostile_text_inert(
    hostile_kw: tuple[LocalKeliweb, int], size: tuple[int, int]
) -> None:
    from tickettui.ui.screens.detail import DetailScreen
    from tickettui.ui.screens.edit import EditScreen
    from tickettui.ui.screens.queue import QueueScreen

    server, ticket_id = hostile_kw
    app = TicketApp(kw_factory(server))
    async with app.run_test(size=size) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, QueueScreen) and "BOLD" in screen_text(app),
            "the hostile ticket in the queue",
        )
        text = screen_text(app)
        assert_inert(text)
        assert "[bold red]BOLD" in text  # markup shown as typed (cut to fit), not applied

        started = time.process_time()  # CPU seconds: work done, however busy the machine is
        app.open_ticket(ticket_id)
        await until(
            pilot,
            lambda: isinstance(app.screen, DetailScreen) and THREAD.search(screen_text(app)),
            "the thread",
        )
        for _ in range(100):  # oldest first: the hostile messages are the newest, at the end
            await pilot.press("end")
            if "ENTITY-RED" in screen_text(app):
                break
            await pilot.pause(0.1)
        assert "ENTITY-RED" in screen_text(app), screen_text(app)
        await settle(pilot)
        for key in ("pageup", "pageup", "home", "end"):
            await pilot.press(key)
            assert_inert(screen_text(app))
        text = screen_text(app)
        assert any(stand_in in text for stand_in in STAND_INS)
        assert time.process_time() - started < 15  # a 1 MB reply must not stall the screen

        app.edit_ticket(ticket_id)
        await until(
            pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
        )
        await settle(pilot)
        assert_inert(screen_text(app))
        edit = app.screen
        assert isinstance(edit, EditScreen)
        assert not edit.has_unsaved_changes()  # shown inert, yet no change to save
