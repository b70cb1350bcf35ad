"""A Keliweb write whose answer is lost is never sent twice: the backend reads back and says so.

The local Keliweb server injects one fault into exactly the request under test
(``FaultPlan.match``), BEFORE Keliweb applies it or AFTER (it landed, the answer did not).
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.keliweb_fixtures import kw_settings
from tests.waiting import eventually
from tickettui.core import read_back
from tickettui.core.errors import NotApplied, OutcomeUnknown
from tickettui.core.http.retry import RetryPolicy
from tickettui.servers.faults import FaultPlan
from tickettui.systems.keliweb.backend import KeliwebBackend
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.server import LocalKeliweb

TIMEOUT = 0.5  # the client's; the "timeout" fault holds the answer longer


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalKeliweb]:
    plan = FaultPlan(rate=0.0, seed=5, hold_seconds=TIMEOUT + 0.4)
    db = tmp_path_factory.mktemp("kw-outcome") / "kw.sqlite"
    with LocalKeliweb.start(tickets=40, db_path=db, faults=plan) as running:
        yield running


@pytest.fixture()
async def backend(server: LocalKeliweb) -> AsyncIterator[KeliwebBackend]:
    _heal(server)
    fast = RetryPolicy(base_delay=0.01, max_delay=0.05)
    client = KeliwebClient(kw_settings(server).model_copy(update={"timeout": TIMEOUT}), retry=fast)
    backend = KeliwebBackend(client)
    await backend.pick_lists()
    yield backend
    _heal(server)
    await backend.aclose()


def _fail_next(server: LocalKeliweb, kind: str, action: str, *, after: bool) -> FaultPlan:
    plan = server.faults
    assert plan is not None
    plan.kinds, plan.match, plan.rate = (kind,), f"/{action}$", 1.0
    plan.after_share = 1.0 if after else 0.0
    return plan


def _heal(server: LocalKeliweb) -> None:
    assert server.faults is not None
    server.faults.rate, server.faults.match = 0.0, None


def _count(server: LocalKeliweb, sql: str, *args: object) -> int:
    with sqlite3.connect(f"file:{Path(server.db_path)}?mode=ro", uri=True) as conn:
        return int(conn.execute(sql, args).fetchone()[0])


async def _ticket(backend: KeliwebBackend, n: int) -> int:
    from tickettui.core.domain import Section

    rows = await backend.list_tickets(Section("a", "All", "status=All Active Tickets"), ["id"])
    return int(rows[n].id)


@pytest.mark.parametrize("kind", ["reset", "timeout", "502html", "truncated"])
@pytest.mark.parametrize("internal", [False, True], ids=["reply", "note"])
async def test_a_message_that_landed_is_recognised_and_not_resent(
    server: LocalKeliweb, backend: KeliwebBackend, kind: str, internal: bool
) -> None:
    ticket = await _ticket(backend, 1 if internal else 2)
    text = f"Landed, answer lost ({kind}, {'note' if internal else 'reply'})"
    plan = _fail_next(
        server, kind, "add-ticket-note" if internal else "add-ticket-reply", after=True
    )
    before = plan.injected().get(kind, 0)
    await backend.add_message(ticket, text, internal=internal)  # no error: it is there
    assert plan.injected()[kind] == before + 1
    table, column = ("note", "ticketid") if internal else ("reply", "tid")
    sql = f"SELECT COUNT(*) FROM {table} WHERE {column} = ? AND message = ?"
    assert _count(server, sql, ticket, text) == 1


@pytest.mark.parametrize("internal", [False, True], ids=["reply", "note"])
async def test_a_message_that_did_not_land_is_not_applied(
    server: LocalKeliweb, backend: KeliwebBackend, internal: bool
) -> None:
    ticket = await _ticket(backend, 3)
    text = f"Refused by the gateway ({'note' if internal else 'reply'})"
    _fail_next(
        server, "503html", "add-ticket-note" if internal else "add-ticket-reply", after=False
    )
    number = (await backend.ticket(ticket)).summary.display_number  # "616611", not the id
    with pytest.raises(NotApplied, match="send it again") as caught:
        await backend.add_message(ticket, text, internal=internal)
    _heal(server)
    assert f"on ticket {number} did not land" in str(caught.value) and number != str(ticket)
    assert _count(server, "SELECT COUNT(*) FROM reply WHERE message = ?", text) == 0
    assert _count(server, "SELECT COUNT(*) FROM note WHERE message = ?", text) == 0


@pytest.mark.parametrize("internal", [False, True], ids=["reply", "note"])
async def test_a_message_a_busy_server_applies_late_is_found_not_resent(
    server: LocalKeliweb, backend: KeliwebBackend, internal: bool
) -> None:
    ticket = await _ticket(backend, 6)
    text = f"Applied after the client gave up ({'note' if internal else 'reply'})"
    _fail_next(server, "slow", "add-ticket-note" if internal else "add-ticket-reply", after=False)
    await backend.add_message(ticket, text, internal=internal)  # found on a later look
    _heal(server)
    table = "note" if internal else "reply"
    assert _count(server, f"SELECT COUNT(*) FROM {table} WHERE message = ?", text) == 1


async def test_an_update_still_running_on_the_server_is_not_called_lost(
    server: LocalKeliweb, backend: KeliwebBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_back, "IN_FLIGHT_WAITS", (0.0,))  # stop looking before it lands
    ticket = await _ticket(backend, 7)
    form = await backend.edit_form(ticket)
    form.values["subject"] = "Still on its way [kw-outcome-late]"
    _fail_next(server, "slow", "update-ticket", after=False)
    with pytest.raises(OutcomeUnknown, match="may still arrive") as caught:
        await backend.save(form)
    _heal(server)
    assert not isinstance(caught.value, NotApplied)
    sql = "SELECT COUNT(*) FROM ticket WHERE title LIKE '%kw-outcome-late%'"
    await eventually(lambda: _count(server, sql), "the late write to land")
    assert _count(server, sql) == 1


async def test_an_update_that_landed_is_saved_with_a_note(
    server: LocalKeliweb, backend: KeliwebBackend
) -> None:
    ticket = await _ticket(backend, 4)
    form = await backend.edit_form(ticket)
    form.values["subject"] = "Landed after all [kw-outcome-1]"
    form.values["priority"] = "High" if form.values["priority"] != "High" else "Low"
    _fail_next(server, "reset", "update-ticket", after=True)
    result = await backend.save(form)
    assert result.saved and "did not confirm" in result.note
    assert result.current["subject"] == "Landed after all [kw-outcome-1]"
    assert result.current["priority"] == form.values["priority"]


async def test_an_update_that_did_not_land_is_not_applied(
    server: LocalKeliweb, backend: KeliwebBackend
) -> None:
    ticket = await _ticket(backend, 5)
    form = await backend.edit_form(ticket)
    form.values["subject"] = "Never got there [kw-outcome-2]"
    _fail_next(server, "500", "update-ticket", after=False)
    with pytest.raises(NotApplied, match="kept as a draft"):
        await backend.save(form)
    _heal(server)
    assert _count(server, "SELECT COUNT(*) FROM ticket WHERE title LIKE '%kw-outcome-2%'") == 0


@pytest.mark.parametrize("after", [True, False], ids=["landed", "refused"])
async def test_a_new_ticket_with_an_unknown_outcome_is_never_opened_again(
    server: LocalKeliweb, backend: KeliwebBackend, after: bool
) -> None:
    form = await backend.edit_form(None)
    subject = f"Opened once? [kw-outcome-open-{after}]"
    form.values.update(subject=subject, message="Please check the mailbox.")
    _fail_next(server, "reset" if after else "503", "open-ticket", after=after)
    with pytest.raises(OutcomeUnknown, match="check the queue before creating it again") as info:
        await backend.save(form)
    assert "\n" not in str(info.value)
    _heal(server)
    sql = "SELECT COUNT(*) FROM ticket WHERE title = ?"
    assert _count(server, sql, subject) == (1 if after else 0)


async def test_reads_ride_through_faults_and_count_their_retries(server: LocalKeliweb) -> None:
    patient = RetryPolicy(attempts=12, base_delay=0.01, max_delay=0.05)
    client = KeliwebClient(
        kw_settings(server).model_copy(update={"timeout": TIMEOUT}), retry=patient
    )
    async with client:
        backend = KeliwebBackend(client)
        ticket = await _ticket(backend, 0)
        plan = server.faults
        assert plan is not None
        plan.kinds, plan.match, plan.rate = ("503html", "reset", "429", "truncated"), "get-", 0.4
        plan.retry_after = 0
        for _ in range(6):
            assert await backend.messages(ticket)
        assert client.retry_stats.total > 0


def test_the_account_names_server_and_user_never_a_secret(server: LocalKeliweb) -> None:
    settings: Any = kw_settings(server)
    backend = KeliwebBackend(KeliwebClient(settings))
    assert backend.account == (server.base_url, settings.username)
    for secret in (settings.password, settings.client_secret):
        assert secret.get_secret_value() not in backend.account
