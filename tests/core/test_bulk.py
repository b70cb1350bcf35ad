"""An agent changes many tickets at once (core.bulk) against the local SuperOffice server: what
the server ends up holding, and what reached it, decide every test."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import backend_factory_for
from tests.core.bulk_servers import column, rows, superoffice
from tickettui.core.bulk import BulkRun, Outcome, Progress
from tickettui.core.bulk_changes import BadChange, BulkChange, ChangeKind, match_choice
from tickettui.systems.superoffice.server import accounts
from tickettui.systems.superoffice.server.enums import GREEN, RED

IDS = list(range(1, 41))
ME = accounts.DEMO_ASSOCIATE_ID
STATUS_WRITES = r"^PATCH /SuperOffice/api/v1/Ticket/\d+$|^POST /SuperOffice/api/v1/Ticket$"


async def _choice(backend: object, key: str, name: str) -> BulkChange:
    kind = ChangeKind(key)
    choices = await backend.choices(key)  # type: ignore[attr-defined]
    return BulkChange.field(kind, match_choice(choices, name, what=key))


async def test_a_status_for_forty_tickets_lands_once_each_four_at_a_time(tmp_path: Path) -> None:
    with superoffice(tmp_path, delay=0.02) as (server, log):
        backend = backend_factory_for(server)()
        try:
            change = await _choice(backend, "status", "In progress")
            log.reset()
            seen: list[Progress] = []
            report = await BulkRun(backend, IDS, change, on_progress=seen.append).run()
        finally:
            await backend.aclose()
        status_id = int(str(change.value))
        now = column(server, "SELECT ticket_id, status_id FROM ticket WHERE ticket_id <= 40")
        already = [r.ticket_id for r in report.results if r.outcome is Outcome.UNCHANGED]
        changed = [r.ticket_id for r in report.results if r.outcome is Outcome.DONE]
        assert sorted(already + changed) == IDS, report
        assert all(now[i] == status_id for i in IDS)
        # One write per ticket that needed one, none for the others; never more than 4 at once.
        assert log.writes(STATUS_WRITES) == len(changed)
        assert 1 < log.most_in_flight <= 4
        # Progress counted every ticket once, ending at the total.
        assert [p.finished for p in seen] == list(range(1, 41))
        assert seen[-1] == Progress(done=40, failed=0, total=40)


async def test_a_ticket_that_does_not_exist_fails_with_its_reason_the_rest_are_done(
    tmp_path: Path,
) -> None:
    with superoffice(tmp_path) as (server, _log):
        backend = backend_factory_for(server)()
        try:
            change = await _choice(backend, "priority", "high")
            report = await BulkRun(backend, [1, 2, 99999, 3], change).run()
        finally:
            await backend.aclose()
    outcomes = {r.ticket_id: r for r in report.results}
    assert [r.ticket_id for r in report.results] == [1, 2, 99999, 3]
    assert outcomes[99999].outcome is Outcome.FAILED
    assert "99999" in outcomes[99999].reason and "\n" not in outcomes[99999].reason
    assert all(outcomes[i].ok for i in (1, 2, 3))
    assert report.retry_ids() == [99999]


async def test_stop_sends_nothing_new_and_reports_the_tickets_not_started(tmp_path: Path) -> None:
    with superoffice(tmp_path, delay=0.02) as (server, _log):
        backend = backend_factory_for(server)()
        try:
            note = BulkChange.message("Looking into this batch now.", internal=True)
            run: BulkRun

            def stop_after_three(progress: Progress) -> None:
                if progress.finished >= 3:
                    run.stop()

            run = BulkRun(backend, IDS, note, on_progress=stop_after_three)
            report = await run.run()
        finally:
            await backend.aclose()
        notes = Counter(
            r[0] for r in rows(server, "SELECT ticket_id FROM message WHERE body = ?", note.text)
        )
    done = [r.ticket_id for r in report.results if r.outcome is Outcome.DONE]
    not_started = [r.ticket_id for r in report.results if r.outcome is Outcome.NOT_STARTED]
    assert report.stopped
    # The three that ended it, and those already in flight (at most three more), finished.
    assert 3 <= len(done) <= 6 and len(done) + len(not_started) == 40
    assert dict(notes) == dict.fromkeys(done, 1)


async def test_read_and_unread_go_in_one_call(tmp_path: Path) -> None:
    with superoffice(tmp_path) as (server, log):
        backend = backend_factory_for(server)()
        try:
            await backend.current_user()
            log.reset()
            read = await BulkRun(backend, IDS, BulkChange(ChangeKind.READ)).run()
            unread = await BulkRun(backend, IDS[:10], BulkChange(ChangeKind.UNREAD)).run()
        finally:
            await backend.aclose()
        states = column(server, "SELECT ticket_id, read_status FROM ticket WHERE ticket_id <= 40")
    assert read.all_ok and unread.all_ok
    assert log.total("UpdateTicketsReadStatus") == 2 and log.total() == 2
    assert [states[i] for i in IDS] == [RED] * 10 + [GREEN] * 30


async def test_take_goes_in_one_call_and_without_it_ticket_by_ticket_asked_once(
    tmp_path: Path,
) -> None:
    with superoffice(tmp_path, missing=["AcceptTickets$"]) as (
        server,
        log,
    ):
        backend = backend_factory_for(server)()
        try:
            first = await BulkRun(backend, IDS[:20], BulkChange.take()).run()
            second = await BulkRun(backend, IDS[20:], BulkChange.take()).run()
        finally:
            await backend.aclose()
        owners = column(server, "SELECT ticket_id, owned_by FROM ticket WHERE ticket_id <= 40")
    assert first.all_ok and second.all_ok
    assert all(owners[i] == ME for i in IDS)
    assert log.total("AcceptTickets") == 1  # the older server was asked once, then remembered


async def test_take_where_the_server_has_the_call(tmp_path: Path) -> None:
    with superoffice(tmp_path) as (server, log):
        backend = backend_factory_for(server)()
        try:
            await backend.current_user()
            log.reset()
            report = await BulkRun(backend, IDS, BulkChange.take()).run()
        finally:
            await backend.aclose()
        owners = column(server, "SELECT ticket_id, owned_by FROM ticket WHERE ticket_id <= 40")
    assert [r.outcome for r in report.results] == [Outcome.DONE] * 40
    assert all(owners[i] == ME for i in IDS)
    assert log.total() == 1 and log.total("AcceptTickets") == 1


async def test_without_patch_each_ticket_is_saved_once(tmp_path: Path) -> None:
    with superoffice(tmp_path, missing=[r"^PATCH "]) as (server, log):
        backend = backend_factory_for(server)()
        try:
            change = await _choice(backend, "priority", "low")
            log.reset()
            report = await BulkRun(backend, IDS[:12], change).run()
        finally:
            await backend.aclose()
        priorities = column(
            server, "SELECT ticket_id, priority_id FROM ticket WHERE ticket_id <= 12"
        )
    changed = [r.ticket_id for r in report.results if r.outcome is Outcome.DONE]
    assert report.all_ok and all(priorities[i] == int(str(change.value)) for i in IDS[:12])
    # The first PATCHes (those in flight) were refused (no route); then none was tried again
    # and every ticket that needed it was saved, one write each.
    assert 1 <= log.total("^PATCH ") <= 4
    assert log.writes(r"^POST /SuperOffice/api/v1/Ticket$") == len(changed)


async def test_a_dry_run_reads_and_writes_nothing(tmp_path: Path) -> None:
    with superoffice(tmp_path) as (server, log):
        backend = backend_factory_for(server)()
        try:
            changes = [
                await _choice(backend, "status", "closed"),
                BulkChange.take(),
                BulkChange(ChangeKind.READ),
                BulkChange(ChangeKind.CLOSE),
                BulkChange.message("Not really sent", internal=False),
            ]
            log.reset()
            reports = [await BulkRun(backend, IDS, c, dry_run=True).run() for c in changes]
        finally:
            await backend.aclose()
    assert log.writes(r"Ticket$|Ticket/\d+$|AcceptTickets|ReadStatus|TicketMessage") == 0
    for report in reports:
        assert {r.outcome for r in report.results} <= {Outcome.WOULD_CHANGE, Outcome.UNCHANGED}
    status = reports[0]
    would = [r for r in status.results if r.outcome is Outcome.WOULD_CHANGE]
    assert would and all(r.reason.endswith("→ Closed") and r.before for r in would)


async def test_a_change_the_system_cannot_make_is_refused_before_anything_is_sent(
    tmp_path: Path,
) -> None:
    with superoffice(tmp_path) as (server, log):
        backend = backend_factory_for(server)()
        try:
            choices = await backend.choices("status")
            with pytest.raises(BadChange, match="No status 'Resolved'; valid: Open"):
                match_choice(choices, "Resolved", what="status")
            log.reset()
            with pytest.raises(BadChange):
                await BulkRun(backend, IDS, BulkChange(ChangeKind.STATUS, None)).run()
        finally:
            await backend.aclose()
    assert log.total() == 0
