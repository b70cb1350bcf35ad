"""Bulk actions on Keliweb (WHMCS has no call over many tickets): update-ticket once per ticket
that needs it, replies once each, under lost answers too; what Keliweb cannot do is refused."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.core.bulk_servers import column, keliweb, rows
from tests.keliweb_fixtures import kw_factory
from tickettui.core.bulk import BulkRun, Outcome
from tickettui.core.bulk_changes import BadChange, BulkChange, ChangeKind, match_choice
from tickettui.servers.faults import FaultPlan
from tickettui.systems.keliweb.server import accounts

UPDATE = "update-ticket$"


def _mine(server: object) -> list[int]:
    """The account's own tickets (a merged one answers as the ticket it was merged into)."""
    found = rows(
        server,
        "SELECT id FROM ticket WHERE userid = ? AND merged_ticket_id = 0 ORDER BY id LIMIT 12",
        accounts.DEMO_USER_ID,
    )
    return [row[0] for row in found]


async def test_priority_for_many_tickets_one_update_each_where_needed(tmp_path: Path) -> None:
    with keliweb(tmp_path) as (server, log):
        ids = _mine(server)
        backend = kw_factory(server)()
        try:
            choice = match_choice(await backend.choices("priority"), "HIGH", what="priority")
            report = await BulkRun(
                backend, ids, BulkChange.field(ChangeKind.PRIORITY, choice)
            ).run()
            again = await BulkRun(backend, ids, BulkChange.field(ChangeKind.PRIORITY, choice)).run()
        finally:
            await backend.aclose()
        urgency = column(server, "SELECT id, urgency FROM ticket")
    done = [r.ticket_id for r in report.results if r.outcome is Outcome.DONE]
    assert report.all_ok and done and all(urgency[i] == "High" for i in ids)
    assert [r.outcome for r in again.results] == [Outcome.UNCHANGED] * len(ids)
    assert log.total(UPDATE) == len(done)


async def test_department_and_close_on_keliweb(tmp_path: Path) -> None:
    with keliweb(tmp_path) as (server, _log):
        ids = _mine(server)[:6]
        backend = kw_factory(server)()
        try:
            departments = await backend.choices("department")
            change = BulkChange.field(ChangeKind.CATEGORY, departments[-1])
            moved = await BulkRun(backend, ids, change).run()
            closed = await BulkRun(backend, ids, BulkChange(ChangeKind.CLOSE)).run()
        finally:
            await backend.aclose()
        tickets = {r[0]: r[1:] for r in rows(server, "SELECT id, did, status FROM ticket")}
    assert moved.all_ok and closed.all_ok
    assert all(tickets[i] == (int(departments[-1].value), "Closed") for i in ids)


async def test_lost_answers_on_keliweb_apply_once(tmp_path: Path) -> None:
    faults = FaultPlan(
        rate=1.0, kinds=("500",), after_share=1.0, match="update-ticket|add-ticket-note", seed=3
    )
    with keliweb(tmp_path, faults=faults) as (server, log):
        ids = _mine(server)[:8]
        backend = kw_factory(server)()
        note = BulkChange.message("Checked by the night shift.", internal=True)
        try:
            status = match_choice(await backend.choices("status"), "on hold", what="status")
            moved = await BulkRun(backend, ids, BulkChange.field(ChangeKind.STATUS, status)).run()
            noted = await BulkRun(backend, ids, note).run()
        finally:
            await backend.aclose()
        statuses = column(server, "SELECT id, status FROM ticket")
        notes = Counter(
            r[0] for r in rows(server, "SELECT ticketid FROM note WHERE message = ?", note.text)
        )
    changed = [r.ticket_id for r in moved.results if r.outcome is Outcome.DONE]
    assert moved.all_ok and all(statuses[i] == "On Hold" for i in ids)
    assert log.total(UPDATE) == len(changed)
    assert noted.all_ok and dict(notes) == dict.fromkeys(ids, 1)


async def test_what_keliweb_cannot_do_is_one_clear_line_before_anything_is_sent(
    tmp_path: Path,
) -> None:
    with keliweb(tmp_path) as (server, log):
        ids = _mine(server)[:3]
        backend = kw_factory(server)()
        try:
            for change, words in (
                (BulkChange(ChangeKind.READ), "Keliweb has no read status"),
                (BulkChange.take(), "Keliweb cannot assign tickets to you"),
            ):
                log.reset()
                with pytest.raises(BadChange, match=words):
                    await BulkRun(backend, ids, change).run()
                assert log.total() == 0
        finally:
            await backend.aclose()
