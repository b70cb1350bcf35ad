"""Bulk status change of 500 tickets on the local SuperOffice server, 50 ms added per request:
the bulk path (core.bulk) against changing them one at a time in sequence (the single-ticket
path every screen uses: ``Backend.quick_action(SET_STATUS)``), through the same backend.

Three servers seeded alike (the same 500 tickets, the same statuses), one per run, each
counting what reaches it (``RequestLog``, 50 ms before every request is handled):

- one at a time: ``quick_action`` ticket after ticket (edit form, re-read, save);
- bulk: ``BulkRun`` (a GetTickets batch read, one checked PATCH per ticket, 4 in flight);
- bulk without PATCH (a server that lacks it, as where no call over many tickets exists):
  ``BulkRun`` saving ticket by ticket, 4 in flight; the writes must stay one per ticket.

Writes are counted at the server: PATCH Ticket/{id} and POST Ticket.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from starlette.middleware import Middleware

from tickettui.core.bulk import BulkRun, Outcome
from tickettui.core.bulk_changes import BulkChange, ChangeKind, match_choice
from tickettui.core.domain import QuickAction
from tickettui.servers.request_log import RequestLog, RequestLogging
from tickettui.systems.superoffice.server import LocalSuperOffice, accounts

TICKETS = 500
LATENCY = 0.05
TARGET = "In progress"
WRITES = r"^PATCH /SuperOffice/api/v1/Ticket/\d+$|^POST /SuperOffice/api/v1/Ticket$"


def _backend(server: LocalSuperOffice) -> Any:
    from tickettui import systems
    from tickettui.backends import app_backend
    from tickettui.systems.record import BackendContext
    from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

    settings = SuperOfficeSettings(
        url=server.base_url,
        auth=AuthScheme.BASIC,
        user=accounts.DEMO_USER,
        password=SecretStr(accounts.DEMO_PASSWORD),
    )
    return app_backend(systems.system("superoffice"), settings, BackendContext())()


async def _one_way(db: Path, how: str) -> dict[str, Any]:
    log = RequestLog(delay=LATENCY, missing=(r"^PATCH ",) if how == "bulk_no_patch" else ())
    server = LocalSuperOffice.start(
        tickets=TICKETS, seed=7, db_path=db, middleware=[Middleware(RequestLogging, log=log)]
    )
    backend = _backend(server)
    try:
        # Signed in, pick lists loaded: both ways start warm, as in the app.
        choice = match_choice(await backend.choices("status"), TARGET, what="status")
        log.reset()
        ids = list(range(1, TICKETS + 1))
        started = time.perf_counter()
        if how == "one_at_a_time":
            for ticket_id in ids:
                await backend.quick_action(ticket_id, QuickAction.SET_STATUS, choice.value)
            done, changed = len(ids), None
        else:
            change = BulkChange.field(ChangeKind.STATUS, choice)
            report = await BulkRun(backend, ids, change).run()
            done, changed = len(report.done), len(report.of(Outcome.DONE))
            assert report.all_ok, [r for r in report.results if not r.ok][:3]
        seconds = time.perf_counter() - started
    finally:
        await backend.aclose()
        server.stop()
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        with_target = conn.execute(
            "SELECT count(*) FROM ticket WHERE status_id = ?", (int(str(choice.value)),)
        ).fetchone()[0]
    return {
        "seconds": seconds,
        "requests": log.total(),
        # Applied writes: a PATCH the server refused (404, no such route) changed nothing.
        "writes": log.writes(WRITES) - (log.total("^PATCH ") if log.missing else 0),
        "refused": log.total("^PATCH ") if log.missing else 0,
        "done": done,
        "changed": changed,
        "with_target_status": with_target,
        "most_in_flight": log.most_in_flight,
    }


def run() -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="tickettui-bulk-bench-") as tmp:
        for how in ("bulk", "bulk_no_patch", "one_at_a_time"):
            results[how] = asyncio.run(_one_way(Path(tmp) / f"{how}.sqlite", how))
    one, bulk = results["one_at_a_time"], results["bulk"]
    results["speedup"] = one["seconds"] / bulk["seconds"]
    results["speedup_no_patch"] = one["seconds"] / results["bulk_no_patch"]["seconds"]
    return results


def entries(bulk: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The figures as bench/results.json entries (run.py adds "met")."""
    one, fast, saves = bulk["one_at_a_time"], bulk["bulk"], bulk["bulk_no_patch"]
    tickets = TICKETS
    return {
        "bulk_status_500_bulk": {
            "value": round(fast["seconds"], 2),
            "unit": "s",
            "target": None,
            "note": f"{fast['requests']} requests ({fast['writes']} writes: one checked PATCH per "
            f"ticket that needed it, {tickets - fast['changed']} already so), at most "
            f"{fast['most_in_flight']} in flight; 50 ms added per request",
        },
        "bulk_status_500_one_at_a_time": {
            "value": round(one["seconds"], 2),
            "unit": "s",
            "target": None,
            "note": f"{one['requests']} requests ({one['writes']} writes), quick_action "
            "ticket after ticket through the same backend",
        },
        "bulk_status_500_speedup": {
            "value": round(bulk["speedup"], 1),
            "unit": "x",
            "target": 10,
            "better": "higher",
        },
        "bulk_status_500_without_bulk_call": {
            "value": round(saves["seconds"], 2),
            "unit": "s",
            "target": None,
            "note": f"a server without PATCH: {saves['requests']} requests, a save per ticket "
            f"4 at a time, {round(bulk['speedup_no_patch'], 1)}x the one-at-a-time time",
        },
        "bulk_writes_per_ticket_without_bulk_call": {
            "value": round(saves["writes"] / max(1, saves["changed"]), 2),
            "unit": "writes",
            "target": 1,
            "better": "lower",
            "note": f"{saves['writes']} saves for {saves['changed']} tickets that needed one "
            f"(counted at the server; {saves['refused']} PATCH refused with 404 first)",
        },
    }


def main() -> None:
    """Only this benchmark: its entries merged into bench/results.json (make bench runs all)."""
    import json

    from bench.run import HERE, print_table, with_met

    mine = with_met(entries(run()))
    path = HERE / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results.update(mine)
    path.write_text(json.dumps(results, indent=2) + "\n")
    print_table(mine)


if __name__ == "__main__":
    main()
