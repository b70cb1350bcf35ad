"""Soak of the bulk actions: both local servers fail 20% of requests (every kind, 500s and
answers lost after the work among them) while bulk actions run, and after each run the server's
database is held against what the engine reported:

- lost: a ticket reported done (or already so) without the change, or a ticket reported failed
  with it (a failure must mean "not changed"; "unknown" is the only outcome that may be either,
  and the soak re-reads those and counts which way they went);
- applied twice: more than one reply or note per ticket in the database, more than one change
  of the field per ticket (SQLite triggers log every change), more than one PATCH per ticket
  reaching the server (SuperOffice).

``TICKETTUI_SOAK_BULK`` sets the tickets per action (default: ``TICKETTUI_SOAK_REPLIES``, which
``make soak`` sets to 80, and at least 24).
Figures are printed and written beside the other soaks' (``$TICKETTUI_SOAK_FIGURES`` with
``-bulk`` before the suffix).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from starlette.middleware import Middleware

from tests.conftest import superoffice_factory
from tests.core.bulk_servers import column, rows
from tests.keliweb_fixtures import keliweb_factory, kw_settings
from tests.soak.careful_user import (
    CLIENT_TIMEOUT,
    FAULT_RATE,
    as_a_user,
    soak_faults,
    system_backend,
)
from tickettui.core.bulk import BulkReport, BulkRun, Outcome
from tickettui.core.bulk_changes import BulkChange, ChangeKind, match_choice
from tickettui.servers.request_log import RequestLog, RequestLogging
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.keliweb.server import accounts as kw_accounts
from tickettui.systems.keliweb.server.seed import ensure_seeded as kw_seeded
from tickettui.systems.superoffice.server import LocalSuperOffice, accounts
from tickettui.systems.superoffice.server.enums import CLOSED, GREEN
from tickettui.systems.superoffice.server.seed import ensure_seeded
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

# Tickets per bulk action: as many as the soak sends replies (make soak: 80), at least 24.
PER_ACTION = int(
    os.environ.get("TICKETTUI_SOAK_BULK")
    or max(24, int(os.environ.get("TICKETTUI_SOAK_REPLIES", "0")))
)
SEED = 1414
ME = accounts.DEMO_ASSOCIATE_ID


@dataclass
class Tally:
    """What the soak found, over every bulk run of one system."""

    runs: int = 0
    tickets: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    unknown_landed: int = 0  # "unknown" tickets that, re-read, had the change
    lost: list[str] = field(default_factory=list)
    twice: list[str] = field(default_factory=list)

    def check(
        self,
        name: str,
        report: BulkReport,
        has_change: Callable[[int], bool],
        applied: Callable[[int], int],
    ) -> None:
        """``has_change(id)``: the database has it now; ``applied(id)``: how many times."""
        self.runs += 1
        for result in report.results:
            self.tickets += 1
            self.outcomes[result.outcome.value] += 1
            there, times = has_change(result.ticket_id), applied(result.ticket_id)
            where = f"{name} #{result.ticket_id} ({result.outcome.value}: {result.reason})"
            if result.ok and not there:
                self.lost.append(where)
            if result.outcome in (Outcome.FAILED, Outcome.NOT_STARTED) and there:
                self.lost.append(f"{where}: reported not changed, but changed")
            if result.outcome is Outcome.UNKNOWN and there:
                self.unknown_landed += 1
            if times > 1:
                self.twice.append(f"{where}: {times} times")

    def figures(self) -> dict[str, Any]:
        return {
            "bulk_runs": self.runs,
            "ticket_results": self.tickets,
            "outcomes": dict(sorted(self.outcomes.items())),
            "unknown_re_read_and_changed": self.unknown_landed,
            "lost": len(self.lost),
            "applied_twice": len(self.twice),
        }


def _triggers(conn: sqlite3.Connection, table: str, key: str, columns: Sequence[str]) -> None:
    """Log every change of ``columns`` (a change applied twice would show as two rows)."""
    conn.execute("CREATE TABLE IF NOT EXISTS soak_change (ticket INTEGER, col TEXT, value TEXT)")
    for col in columns:
        conn.execute(
            f"CREATE TRIGGER IF NOT EXISTS soak_{col} AFTER UPDATE OF {col} ON {table} "
            f"WHEN NEW.{col} IS NOT OLD.{col} BEGIN "
            f"INSERT INTO soak_change VALUES (NEW.{key}, '{col}', NEW.{col}); END"
        )


def _changes(server: Any, col: str, value: object) -> Counter[int]:
    found = rows(
        server, "SELECT ticket FROM soak_change WHERE col = ? AND value = ?", col, str(value)
    )
    return Counter(r[0] for r in found)


def _messages(server: Any, sql: str, text: str) -> Counter[int]:
    return Counter(r[0] for r in rows(server, sql, text))


# --- SuperOffice -------------------------------------------------------------------------------


def _so_settings(server: LocalSuperOffice) -> SuperOfficeSettings:
    return SuperOfficeSettings(
        url=server.base_url,
        auth=AuthScheme.BASIC,
        user=accounts.DEMO_USER,
        password=SecretStr(accounts.DEMO_PASSWORD),
        timeout=CLIENT_TIMEOUT,
    )


def _so_pick(server: Any, where: str, taken: set[int], *args: Any) -> list[int]:
    """``PER_ACTION`` tickets matching ``where`` no earlier run used (each run its own)."""
    ids = [
        r[0]
        for r in rows(
            server, f"SELECT ticket_id FROM ticket WHERE {where} ORDER BY ticket_id", *args
        )
    ]
    chosen = [i for i in ids if i not in taken][:PER_ACTION]
    taken.update(chosen)
    return chosen


async def test_bulk_actions_under_faults_superoffice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "so.sqlite"
    ensure_seeded(db, tickets=max(300, 10 * PER_ACTION), seed=7)
    with sqlite3.connect(db) as conn:
        _triggers(
            conn,
            "ticket",
            "ticket_id",
            ("status_id", "priority_id", "owned_by", "read_status", "base_status"),
        )
    plan = soak_faults(SEED)
    log = RequestLog()
    server = LocalSuperOffice.start(
        db_path=db, faults=plan, middleware=[Middleware(RequestLogging, log=log)]
    )
    tally, started = Tally(), time.monotonic()
    try:
        backend = superoffice_factory(_so_settings(server))()
        taken: set[int] = set()

        async def run(ids: list[int], change: BulkChange) -> BulkReport:
            return await BulkRun(backend, ids, change).run()

        def patches() -> Counter[int]:
            return Counter(
                int(m.group(1))
                for key, n in log.counts.items()
                if (m := re.fullmatch(r"PATCH /SuperOffice/api/v1/Ticket/(\d+)", key))
                for _ in range(n)
            )

        try:
            # What the agent's screen had looked up before: tried again after an error (a 401
            # the plan injects is "login failed" for that one call), as an agent would. The
            # soak is about the bulk runs, which must not need that.
            statuses = await as_a_user(lambda: backend.choices("status"))
            waiting = match_choice(statuses, "Waiting for customer", what="status")
            wanted = int(waiting.value)
            ids = _so_pick(server, "status_id <> ?", taken, wanted)
            report = await run(ids, BulkChange.field(ChangeKind.STATUS, waiting))
            now = column(server, "SELECT ticket_id, status_id FROM ticket")
            changed, sent = _changes(server, "status_id", wanted), patches()
            tally.check(
                "status", report, lambda i: now[i] == wanted, lambda i: max(changed[i], sent[i])
            )

            priorities = await as_a_user(lambda: backend.choices("priority"))
            high = match_choice(priorities, "high", what="priority")
            ids = _so_pick(server, "priority_id <> ?", taken, int(high.value))
            report = await run(ids, BulkChange.field(ChangeKind.PRIORITY, high))
            now = column(server, "SELECT ticket_id, priority_id FROM ticket")
            changed, sent = _changes(server, "priority_id", high.value), patches()
            tally.check(
                "priority",
                report,
                lambda i: now[i] == int(high.value),
                lambda i: max(changed[i], sent[i]),
            )

            ids = _so_pick(server, "owned_by <> ?", taken, ME)
            await as_a_user(backend.my_owner_value)  # who "me" is: known to the app's queue
            report = await run(ids, BulkChange.take())
            now = column(server, "SELECT ticket_id, owned_by FROM ticket")
            changed, sent = _changes(server, "owned_by", ME), patches()
            tally.check("take", report, lambda i: now[i] == ME, lambda i: max(changed[i], sent[i]))

            ids = _so_pick(server, "read_status <> ?", taken, GREEN)
            report = await run(ids, BulkChange(ChangeKind.READ))
            now = column(server, "SELECT ticket_id, read_status FROM ticket")
            changed = _changes(server, "read_status", GREEN)
            tally.check("read", report, lambda i: now[i] == GREEN, lambda i: changed[i])

            ids = _so_pick(server, "base_status <> ?", taken, CLOSED)
            report = await run(ids, BulkChange(ChangeKind.CLOSE))
            now = column(server, "SELECT ticket_id, base_status FROM ticket")
            changed = _changes(server, "base_status", CLOSED)
            tally.check("close", report, lambda i: now[i] == CLOSED, lambda i: changed[i])

            for kind, internal in (("reply", False), ("note", True)):
                ids = _so_pick(server, "1 = 1", taken)
                change = BulkChange.message(
                    f"Bulk soak {kind}: checked, thanks.", internal=internal
                )
                report = await run(ids, change)
                count = _messages(
                    server, "SELECT ticket_id FROM message WHERE body = ?", change.text
                )
                tally.check(kind, report, lambda i, c=count: c[i] > 0, count.__getitem__)
            retried = system_backend(backend)._client.retry_stats.total
        finally:
            await backend.aclose()
        faults, requests = plan.injected(), plan.requests
    finally:
        server.stop()
    _report("superoffice", tally, faults, requests, retried, started, tmp_path, capsys)


# --- Keliweb -----------------------------------------------------------------------------------


async def test_bulk_actions_under_faults_keliweb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "kw.sqlite"
    kw_seeded(db, tickets=max(300, 10 * PER_ACTION), seed=7)
    with sqlite3.connect(db) as conn:
        _triggers(conn, "ticket", "id", ("status", "urgency", "did"))
    plan = soak_faults(SEED)
    server = LocalKeliweb.start(db_path=db, faults=plan)
    tally, started = Tally(), time.monotonic()
    mine = f"userid = {kw_accounts.DEMO_USER_ID} AND merged_ticket_id = 0"
    taken: set[int] = set()

    def pick(where: str, *args: Any) -> list[int]:
        ids = [
            r[0]
            for r in rows(
                server, f"SELECT id FROM ticket WHERE {mine} AND {where} ORDER BY id", *args
            )
        ]
        chosen = [i for i in ids if i not in taken][:PER_ACTION]
        taken.update(chosen)
        return chosen

    try:
        settings = kw_settings(server).model_copy(update={"timeout": CLIENT_TIMEOUT})
        backend = keliweb_factory(settings)()
        try:
            report = await BulkRun(
                backend,
                pick("status <> 'On Hold'"),
                BulkChange(ChangeKind.STATUS, "On Hold", "On Hold"),
            ).run()
            now = column(server, "SELECT id, status FROM ticket")
            changed = _changes(server, "status", "On Hold")
            tally.check("status", report, lambda i: now[i] == "On Hold", lambda i: changed[i])

            report = await BulkRun(
                backend, pick("urgency <> 'High'"), BulkChange(ChangeKind.PRIORITY, "High", "High")
            ).run()
            now = column(server, "SELECT id, urgency FROM ticket")
            changed = _changes(server, "urgency", "High")
            tally.check("priority", report, lambda i: now[i] == "High", lambda i: changed[i])

            report = await BulkRun(
                backend, pick("status <> 'Closed'"), BulkChange(ChangeKind.CLOSE)
            ).run()
            now = column(server, "SELECT id, status FROM ticket")
            changed = _changes(server, "status", "Closed")
            tally.check("close", report, lambda i: now[i] == "Closed", lambda i: changed[i])

            for kind, internal, sql in (
                ("reply", False, "SELECT tid FROM reply WHERE message = ?"),
                ("note", True, "SELECT ticketid FROM note WHERE message = ?"),
            ):
                change = BulkChange.message(
                    f"Bulk soak {kind}: checked, thanks.", internal=internal
                )
                report = await BulkRun(backend, pick("1 = 1"), change).run()
                count = _messages(server, sql, change.text)
                tally.check(kind, report, lambda i, c=count: c[i] > 0, count.__getitem__)
            retried = system_backend(backend).client.retry_stats.total
        finally:
            await backend.aclose()
        faults, requests = plan.injected(), plan.requests
    finally:
        server.stop()
    _report("keliweb", tally, faults, requests, retried, started, tmp_path, capsys)


def _report(
    system: str,
    tally: Tally,
    faults: dict[str, int],
    requests: int,
    retried: int,
    started: float,
    root: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    figures = {
        "system": system,
        "requests": requests,
        "fault_rate": FAULT_RATE,
        "faults_injected": sum(faults.values()),
        "faults_by_kind": faults,
        "reads_retried": retried,
        **tally.figures(),
        "seconds": round(time.monotonic() - started, 1),
    }
    base = Path(os.environ.get("TICKETTUI_SOAK_FIGURES", root / "soak-figures.json"))
    target = base.with_name(f"{base.stem}-bulk-{system}{base.suffix}")
    target.write_text(json.dumps(figures, indent=2))
    with capsys.disabled():
        print(f"\nbulk soak figures ({system}):", json.dumps(figures))
    assert tally.lost == [], tally.lost
    assert tally.twice == [], tally.twice
    assert figures["faults_injected"] > 0 and tally.outcomes["done"] > 0
