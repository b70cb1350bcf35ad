"""The server applies each bulk write and then the answer is lost (fault injection after the
app ran): every change is found by reading back, and none is sent twice."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests.conftest import backend_factory_for
from tests.core.bulk_servers import column, rows, superoffice
from tickettui.core.bulk import BulkRun, Outcome
from tickettui.core.bulk_changes import BulkChange, ChangeKind, match_choice
from tickettui.servers.faults import FaultPlan
from tickettui.systems.superoffice.server import accounts

IDS = list(range(1, 17))
READ_BACK = "not confirmed by the server; read back: it has the change"


def _after(match: str, kind: str = "500") -> FaultPlan:
    """Every request matching ``match`` is applied, then its answer is lost."""
    return FaultPlan(rate=1.0, kinds=(kind,), after_share=1.0, match=match, seed=1)


async def test_a_status_patch_whose_answer_is_lost_is_read_back_not_sent_again(
    tmp_path: Path,
) -> None:
    with superoffice(tmp_path, faults=_after(r"^PATCH ")) as (server, log):
        backend = backend_factory_for(server)()
        try:
            choices = await backend.choices("status")
            change = BulkChange.field(
                ChangeKind.STATUS, match_choice(choices, "waiting for customer", what="status")
            )
            report = await BulkRun(backend, IDS, change).run()
        finally:
            await backend.aclose()
        statuses = column(server, "SELECT ticket_id, status_id FROM ticket WHERE ticket_id <= 16")
    patched = [r for r in report.results if r.outcome is Outcome.DONE]
    assert report.all_ok and patched
    assert all(r.reason == READ_BACK for r in patched)
    assert all(statuses[i] == int(str(change.value)) for i in IDS)
    assert log.total("^PATCH ") == len(patched)  # once each, though no answer came back
    assert log.writes(r"^POST /SuperOffice/api/v1/Ticket$") == 0


async def test_replies_whose_answers_are_lost_arrive_once_each(tmp_path: Path) -> None:
    faults = _after(r"^POST /SuperOffice/api/v1/TicketMessage$", kind="reset")
    with superoffice(tmp_path, faults=faults) as (server, log):
        backend = backend_factory_for(server)()
        reply = BulkChange.message("Fixed on our side: please try again.", internal=False)
        try:
            report = await BulkRun(backend, IDS, reply).run()
        finally:
            await backend.aclose()
        sent = Counter(
            r[0] for r in rows(server, "SELECT ticket_id FROM message WHERE body = ?", reply.text)
        )
    assert [r.outcome for r in report.results] == [Outcome.DONE] * len(IDS)
    assert dict(sent) == dict.fromkeys(IDS, 1)
    assert log.total("TicketMessage$") == len(IDS)


async def test_take_whose_answer_is_lost_is_decided_ticket_by_ticket(tmp_path: Path) -> None:
    with superoffice(tmp_path, faults=_after("AcceptTickets", kind="502")) as (server, log):
        backend = backend_factory_for(server)()
        try:
            report = await BulkRun(backend, IDS, BulkChange.take()).run()
        finally:
            await backend.aclose()
        owners = column(server, "SELECT ticket_id, owned_by FROM ticket WHERE ticket_id <= 16")
    assert [(r.outcome, r.reason) for r in report.results] == [(Outcome.DONE, READ_BACK)] * 16
    assert all(owners[i] == accounts.DEMO_ASSOCIATE_ID for i in IDS)
    # The one call landed; reading each ticket found it: nothing was sent again.
    assert log.total("AcceptTickets") == 1
    assert log.total("^PATCH ") == 0 and log.writes(r"Ticket$") == 0
