"""Benchmark 5: a 10,000-ticket queue from the local server, lean vs one GetTicket at a time.

Both sides use the same client, pool and server process. The one-at-a-time side is sampled on
the first ``SAMPLE`` tickets and extrapolated to all of them (printed as such).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from bench.byte_count import CountingTransport
from bench.servers import ServerProcess, settings
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.domain import Section
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.mapping import summary_from_row
from tickettui.systems.superoffice.sections import DEFAULT_ORDER, archive_select

TICKETS = 10_000
SAMPLE = 500
EVERYTHING = Section("everything", "Everything", "")


def _client(url: str) -> tuple[SuperOfficeClient, CountingTransport]:
    transport = CountingTransport()
    return SuperOfficeClient(settings(url), transport=transport), transport


async def _lean(url: str) -> tuple[float, int, int, list[int]]:
    client, counter = _client(url)
    backend = SuperOfficeBackend(client)
    try:
        await client.current_principal()  # warm the connection, as the app has by then
        counter.bytes = counter.requests = 0
        started = time.perf_counter()
        tickets = await backend.list_tickets(EVERYTHING, DEFAULT_COLUMNS)
        elapsed = time.perf_counter() - started
    finally:
        await backend.aclose()
    return elapsed, counter.bytes, counter.requests, [t.id for t in tickets]


async def _unselected(url: str) -> tuple[float, int]:
    """The same list, same paging, but no $select: every column the archive has by default."""
    client, counter = _client(url)
    try:
        await client.current_principal()
        counter.bytes = 0
        started = time.perf_counter()
        rows = await client.list_tickets([], order_by=DEFAULT_ORDER, page_size=1000, concurrency=4)
        [summary_from_row(r) for r in rows]
        return time.perf_counter() - started, counter.bytes
    finally:
        await client.aclose()


async def _sequential_pages(url: str) -> float:
    """The previous default: pages of 500, one at a time (for the record)."""
    client, _ = _client(url)
    try:
        await client.current_principal()
        started = time.perf_counter()
        rows = await client.list_tickets(
            archive_select(DEFAULT_COLUMNS), order_by=DEFAULT_ORDER, page_size=500, concurrency=1
        )
        [summary_from_row(r) for r in rows]
        return time.perf_counter() - started
    finally:
        await client.aclose()


async def _one_at_a_time(url: str, ids: list[int]) -> tuple[float, int]:
    client, counter = _client(url)
    try:
        await client.current_principal()
        counter.bytes = 0
        started = time.perf_counter()
        for ticket_id in ids:
            await client.get_ticket(ticket_id)
        return time.perf_counter() - started, counter.bytes
    finally:
        await client.aclose()


async def _measure(url: str) -> dict[str, Any]:
    lean_runs = [await _lean(url) for _ in range(3)]
    lean = statistics.median(run[0] for run in lean_runs)
    _, lean_bytes, requests, ids = lean_runs[0]
    assert len(ids) == len(set(ids)) == TICKETS, len(ids)
    unselected, unselected_bytes = await _unselected(url)
    sequential = await _sequential_pages(url)
    sample_time, sample_bytes = await _one_at_a_time(url, ids[:SAMPLE])
    scale = len(ids) / SAMPLE
    return {
        "lean_s": lean,
        "lean_bytes": lean_bytes,
        "lean_requests": requests,
        "unselected_s": unselected,
        "unselected_bytes": unselected_bytes,
        "sequential_pages_s": sequential,
        "one_at_a_time_s": sample_time * scale,
        "one_at_a_time_bytes": sample_bytes * scale,
        "sample": SAMPLE,
    }


def run() -> dict[str, Any]:
    with ServerProcess(TICKETS) as server:
        result = asyncio.run(_measure(server.base_url))
        result["seed"] = server.seed_note
    return result


if __name__ == "__main__":
    print(run())
