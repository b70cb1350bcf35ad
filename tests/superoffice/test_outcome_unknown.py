"""A save whose answer is lost is never sent twice: the backend reads back and tells the user.

The local server injects one fault into exactly the request under test (``FaultPlan.match``),
either BEFORE the server applies it or AFTER (the change landed, the answer did not).
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.waiting import eventually
from tickettui.core import read_back
from tickettui.core.errors import NotApplied, OutcomeUnknown
from tickettui.servers.faults import FaultPlan
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.retry import RetryPolicy
from tickettui.systems.superoffice.server import LocalSuperOffice

TIMEOUT = 0.5  # the client's; the "timeout" fault holds the answer longer


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    plan = FaultPlan(rate=0.0, seed=5, hold_seconds=TIMEOUT + 0.4)
    db = tmp_path_factory.mktemp("outcome") / "so.sqlite"
    running = LocalSuperOffice.start(tickets=30, db_path=db, faults=plan)
    yield running
    running.stop()


@pytest.fixture()
async def backend(server: Any) -> AsyncIterator[SuperOfficeBackend]:
    from tests.conftest import demo_settings

    server.faults.rate = 0.0
    fast = RetryPolicy(base_delay=0.01, max_delay=0.05)
    client = SuperOfficeClient(demo_settings(server, timeout=TIMEOUT), retry=fast)
    backend = SuperOfficeBackend(client)
    await backend.pick_lists()
    yield backend
    await backend.aclose()


def _fail_next(server: Any, kind: str, match: str, *, after: bool) -> FaultPlan:
    plan: FaultPlan = server.faults
    plan.kinds, plan.match, plan.rate = (kind,), match, 1.0
    plan.after_share = 1.0 if after else 0.0
    return plan


def _heal(server: Any) -> None:
    server.faults.rate = 0.0


def _rows(server: Any, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{Path(server.db_path)}?mode=ro", uri=True) as conn:
        return list(conn.execute(sql, args))


@pytest.mark.parametrize("kind", ["reset", "timeout", "502html", "truncated"])
async def test_a_save_that_landed_without_an_answer_is_reported_saved(
    server: Any, backend: SuperOfficeBackend, kind: str
) -> None:
    ticket_id = saveable(server, 1)[0]
    form = await backend.edit_form(ticket_id)
    title = f"Landed, answer lost ({kind})"
    form.values["title"] = title
    plan = _fail_next(server, kind, r"^POST .*/v1/Ticket$", after=True)
    before = plan.counts[kind]
    result = await backend.save(form)
    _heal(server)
    assert result.saved
    assert "did not confirm" in result.note
    assert result.current["title"] == title
    assert plan.counts[kind] == before + 1  # one POST: it was not sent again
    assert _rows(server, "SELECT title FROM ticket WHERE ticket_id = ?", ticket_id) == [(title,)]


@pytest.mark.parametrize("kind", ["reset", "503", "500html"])
async def test_a_save_that_did_not_land_says_so_and_is_not_resent(
    server: Any, backend: SuperOfficeBackend, kind: str
) -> None:
    ticket_id = saveable(server, 2)[1]
    form = await backend.edit_form(ticket_id)
    old = form.values["title"]
    form.values["title"] = f"Never arrived ({kind})"
    _fail_next(server, kind, r"^POST .*/v1/Ticket$", after=False)
    with pytest.raises(NotApplied, match=r"did not land.*kept as a draft; save again"):
        await backend.save(form)
    _heal(server)
    assert _rows(server, "SELECT title FROM ticket WHERE ticket_id = ?", ticket_id) == [(old,)]
    # Saving again (what the user does) now works, once.
    result = await backend.save(form)
    assert result.saved and not result.note


def saveable(server: Any, count: int) -> list[int]:
    """Tickets a save can succeed on (some seeded tickets belong to a deleted colleague)."""
    rows = _rows(
        server,
        "SELECT t.ticket_id FROM ticket t LEFT JOIN associate a ON a.associate_id = t.owned_by"
        " WHERE t.owned_by = 0 OR a.deleted = 0 ORDER BY t.ticket_id",
    )
    return [row[0] for row in rows[:count]]


def _count_messages(server: Any, ticket_id: int, body: str) -> int:
    rows = _rows(
        server, "SELECT COUNT(*) FROM message WHERE ticket_id = ? AND body = ?", ticket_id, body
    )
    return int(rows[0][0])


@pytest.mark.parametrize("kind", ["reset", "timeout", "502"])
async def test_a_reply_that_landed_without_an_answer_is_not_sent_twice(
    server: Any, backend: SuperOfficeBackend, kind: str
) -> None:
    text = f"Reply whose answer was lost ({kind})"
    _fail_next(server, kind, r"^POST .*/v1/TicketMessage$", after=True)
    await backend.add_message(5, text, internal=False)
    _heal(server)
    assert _count_messages(server, 5, text) == 1


async def test_a_reply_a_busy_server_applies_after_the_client_gave_up_is_not_sent_twice(
    server: Any, backend: SuperOfficeBackend
) -> None:
    text = "Reply the busy server applied late"
    _fail_next(server, "slow", r"^POST .*/v1/TicketMessage$", after=False)
    await backend.add_message(8, text, internal=False)  # found on a later look: no error
    _heal(server)
    assert _count_messages(server, 8, text) == 1


async def test_a_write_still_running_on_the_server_is_not_called_lost(
    server: Any, backend: SuperOfficeBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One look only: the server is still working on the reply when the app gives up looking.
    monkeypatch.setattr(read_back, "IN_FLIGHT_WAITS", (0.0,))
    text = "Reply still on its way"
    _fail_next(server, "slow", r"^POST .*/v1/TicketMessage$", after=False)
    with pytest.raises(OutcomeUnknown, match=r"may still arrive.*reload the ticket") as caught:
        await backend.add_message(9, text, internal=False)
    _heal(server)
    assert not isinstance(caught.value, NotApplied)  # "send it again" would reply twice
    await eventually(lambda: _count_messages(server, 9, text) == 1, "the late write to land")


async def test_a_note_that_did_not_land_says_so(server: Any, backend: SuperOfficeBackend) -> None:
    text = "Note lost on the way"
    _fail_next(server, "reset", r"^POST .*/v1/TicketMessage$", after=False)
    with pytest.raises(NotApplied, match=r"The note on ticket 6 did not land.*send it again"):
        await backend.add_message(6, text, internal=True)
    _heal(server)
    assert _count_messages(server, 6, text) == 0


async def test_the_same_text_sent_earlier_does_not_count_as_landed(
    server: Any, backend: SuperOfficeBackend
) -> None:
    text = "Thanks, that helped!"
    await backend.add_message(7, text, internal=False)
    _fail_next(server, "503", r"^POST .*/v1/TicketMessage$", after=False)
    with pytest.raises(NotApplied):
        await backend.add_message(7, text, internal=False)
    _heal(server)
    assert _count_messages(server, 7, text) == 1


async def test_a_create_whose_answer_was_lost_is_not_repeated(
    server: Any, backend: SuperOfficeBackend
) -> None:
    form = await backend.edit_form(None)
    form.values["title"] = "Created once, answer lost"
    plan = _fail_next(server, "reset", r"^POST .*/v1/Ticket$", after=True)
    before = plan.counts["reset"]
    with pytest.raises(OutcomeUnknown, match="check the queue before creating it again"):
        await backend.save(form)
    _heal(server)
    assert plan.counts["reset"] == before + 1
    assert _rows(
        server, "SELECT COUNT(*) FROM ticket WHERE title = ?", "Created once, answer lost"
    ) == [(1,)]


async def test_reads_ride_out_a_fault_on_half_the_requests(
    server: Any, backend: SuperOfficeBackend
) -> None:
    plan: FaultPlan = server.faults
    plan.kinds = ("503", "429", "reset", "truncated", "502html")
    plan.match, plan.rate, plan.after_share, plan.retry_after = r"^GET ", 0.5, 0.5, 0
    client: SuperOfficeClient = backend._client
    client._retry = RetryPolicy(attempts=12, base_delay=0.01, max_delay=0.05)
    retried = client.retry_stats.total
    for ticket_id in range(1, 13):
        assert (await backend.ticket(ticket_id)).summary.id == ticket_id
    _heal(server)
    assert client.retry_stats.total > retried
