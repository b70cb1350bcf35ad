"""Benchmark: one live-queue refresh tick of a 100,000-ticket section in which 10 tickets changed.

The server runs in its own process (bench/servers.py, the 100k database). In this process: the
whole section is loaded once (as the queue has it), the tick's starting point is set, another
client changes 10 tickets through the API, then one tick: ``changes_since`` over loopback and
the merge into the 100,000 rows. Measured: bytes received over HTTP for the tick (status lines,
headers and bodies) and the CPU time of this thread during the tick (the event loop's thread:
the HTTP client, JSON decoding, mapping and merge all run there; the server's work does not).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from bench.byte_count import CountingTransport
from bench.servers import ServerProcess, settings
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.domain import QuickAction, Section
from tickettui.core.live_refresh import LiveSection
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient

TICKETS = 100_000
CHANGED = 10
EVERYTHING = Section("everything", "Everything", "")


async def _measure(url: str) -> dict[str, Any]:
    counter = CountingTransport(head=True)
    backend = SuperOfficeBackend(SuperOfficeClient(settings(url), transport=counter))
    other = SuperOfficeBackend(SuperOfficeClient(settings(url)))
    try:
        live = LiveSection(EVERYTHING.key, await backend.list_tickets(EVERYTHING, DEFAULT_COLUMNS))
        live.held()  # the id index: built once per full load, not per tick
        start = await backend.changes_since(EVERYTHING, DEFAULT_COLUMNS, None, live.by_id())
        live.merge(start)
        priorities = await other.choices("priority")
        chosen = live.tickets[100 : 100 + CHANGED]
        for ticket in chosen:
            choice = next(c for c in priorities if c.label != ticket.priority)
            await other.quick_action(ticket.id, QuickAction.SET_PRIORITY, choice.value)

        counter.bytes = counter.requests = 0
        cpu, wall = time.thread_time(), time.perf_counter()
        batch = await backend.changes_since(EVERYTHING, DEFAULT_COLUMNS, live.cursor, live.by_id())
        merged = live.merge(batch)
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
        flagged = sorted(merged.changed)
        if flagged != sorted(t.id for t in chosen):
            raise RuntimeError(f"the tick flagged {flagged}, not the {CHANGED} changed")
        return {
            "bytes": counter.bytes,
            "requests": counter.requests,
            "loop_cpu_s": cpu,
            "wall_s": wall,
            "rows": len(live.tickets),
            "flagged": len(flagged),
        }
    finally:
        await backend.aclose()
        await other.aclose()


def run() -> dict[str, Any]:
    with ServerProcess(TICKETS) as server:
        return asyncio.run(_measure(server.base_url))


if __name__ == "__main__":
    print(run())
