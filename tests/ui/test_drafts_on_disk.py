"""Drafts survive a restart: typed edits, replies and notes are on disk (0600) and offered back."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.widgets import Input, TextArea

from tests.pilot import notifications, until
from tests.ui.edit_helpers import SIZE, an_active_ticket, app_for, field, open_edit, replace_text
from tickettui.core.drafts import (
    EDIT,
    REPLY,
    Draft,
    DraftStore,
    account_key,
    drafts_path,
)
from tickettui.systems.superoffice.server import accounts
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.compose import ComposeScreen
from tickettui.ui.screens.drafts_review import DraftsScreen, drafts_notice
from tickettui.ui.screens.edit import EditScreen, RestoreDraft


def _draft(ticket_id: int, kind: str = EDIT, text: str = "hello") -> Draft:
    values: dict[str, Any] = {"text": text} if kind != EDIT else {"title": text}
    return Draft(ticket_id, datetime(2026, 3, 1, 9, 30), {}, values, kind=kind)


def test_the_store_is_a_private_json_file_written_atomically(tmp_path: Path) -> None:
    path = tmp_path / "data" / "drafts.json"
    mine = DraftStore(path, account_key("https://so.example.com/api", "agent"))
    mine.put(_draft(12))
    mine.put(_draft(40, REPLY, "Dear customer"))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    # No temp file left; the lock file stays (removing it would let two apps lock two files).
    assert sorted(p.name for p in path.parent.iterdir()) == ["drafts.json", "drafts.json.lock"]
    assert stat.S_IMODE(os.stat(path.with_name("drafts.json.lock")).st_mode) == 0o600

    # Another start, same account: both back. Another account sees none of them.
    again = DraftStore(path, mine.account)
    assert [d.describe() for d in again.mine()] == ["ticket 12 (edit)", "ticket 40 (reply)"]
    assert again.get(40, REPLY).text == "Dear customer"  # type: ignore[union-attr]
    other = DraftStore(path, account_key("https://so.example.com/api", "someone-else"))
    assert other.mine() == []
    other.put(_draft(7))

    # Discarding one keeps the rest, including the other account's.
    again.discard(12)
    data = json.loads(path.read_text())
    assert sorted((d["ticket_id"], d["kind"]) for d in data["drafts"]) == [
        (7, "edit"),
        (40, "reply"),
    ]
    assert "agent" not in path.read_text()  # the account is a hash


def test_a_broken_file_is_kept_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "drafts.json"
    path.write_text("{not json")
    store = DraftStore(path, "acct")
    assert store.mine() == []
    assert (tmp_path / "drafts.json.broken").read_text() == "{not json"
    store.put(_draft(1))
    assert DraftStore(path, "acct").get(1) is not None


def test_the_start_up_notice() -> None:
    assert drafts_notice([]) == ""
    two = [_draft(12), _draft(40, REPLY)]
    assert drafts_notice(two) == (
        "2 unsaved drafts: ticket 12 (edit), ticket 40 (reply) — press D to review"
    )
    many = [_draft(i) for i in range(1, 6)]
    assert drafts_notice(many).startswith("5 unsaved drafts: ticket 1 (edit)")
    assert "and 2 more" in drafts_notice(many)


async def test_an_edit_typed_and_abandoned_is_offered_at_the_next_start(
    fresh_so_server: Any,
) -> None:
    ticket_id = await an_active_ticket(fresh_so_server)
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_edit(pilot, ticket_id)
        await replace_text(pilot, screen, "title", "Typed, then the link dropped")
        # The whole title: on a busy machine the draft timer can write a half-typed one first.
        await until(pilot, lambda: "Typed, then the link dropped" in _disk(), "the draft on disk")
        on_disk = drafts_path().read_text()
        assert "Typed, then the link dropped" in on_disk
        assert accounts.DEMO_PASSWORD not in on_disk
        assert stat.S_IMODE(os.stat(drafts_path()).st_mode) == 0o600
    # (The app closed without saving, as if the terminal went away.)

    second = app_for(fresh_so_server, TicketApp)
    async with second.run_test(size=SIZE) as pilot:
        expected = f"1 unsaved draft: ticket {ticket_id} (edit) — press D to review"
        await until(pilot, lambda: expected in notifications(second), "the notice")
        await pilot.press("D")
        await until(pilot, lambda: isinstance(second.screen, DraftsScreen), "the list")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(second.screen, RestoreDraft), "the offer")
        await pilot.press("y")
        await until(
            pilot, lambda: isinstance(second.screen, EditScreen) and second.screen.ready, "form"
        )
        title = field(second.screen, "title")  # type: ignore[arg-type]
        assert isinstance(title, Input) and title.value == "Typed, then the link dropped"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(second.screen, EditScreen), "the save")
    assert "Typed, then the link dropped" not in drafts_path().read_text()  # saved: gone


async def test_a_reply_is_kept_while_typed_and_removed_once_sent(fresh_so_server: Any) -> None:
    app = app_for(fresh_so_server)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ComposeScreen(5, internal=False))
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), "compose")
        await pilot.press(*"Half a reply")
        await until(pilot, lambda: "Half a reply" in _disk(), "the reply on disk")
        assert json.loads(_disk())["drafts"][0]["kind"] == "reply"

    again = app_for(fresh_so_server)
    async with again.run_test(size=SIZE) as pilot:
        again.push_screen(ComposeScreen(5, internal=False))
        await until(pilot, lambda: isinstance(again.screen, RestoreDraft), "the offer")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(again.screen, ComposeScreen), "compose")
        area = again.screen.query_one("#compose-text", TextArea)
        assert area.text == "Half a reply"
        await pilot.press(*" and the rest.", "ctrl+s")
        await until(pilot, lambda: not isinstance(again.screen, ComposeScreen), "sent")
    assert "Half a reply" not in _disk()


def _disk() -> str:
    path = drafts_path()
    return path.read_text() if path.exists() else ""


def test_a_draft_keeps_the_number_users_quote_and_is_named_by_it(tmp_path: Path) -> None:
    path = tmp_path / "drafts.json"
    store = DraftStore(path, account_key("https://kw.example.com", "a@b.it"))
    numbered = _draft(41227, REPLY)
    numbered.number = "616611"
    store.put(numbered)
    store.put(_draft(12))  # no number known: the id names it, and none is written
    again = DraftStore(path, store.account)
    assert [d.describe() for d in again.mine()] == ["ticket 616611 (reply)", "ticket 12 (edit)"]
    assert drafts_notice(again.mine()).startswith("2 unsaved drafts: ticket 616611 (reply),")
    on_disk = {d["ticket_id"]: d for d in json.loads(path.read_text())["drafts"]}
    assert on_disk[41227]["number"] == "616611" and "number" not in on_disk[12]
