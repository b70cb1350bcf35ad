"""Benchmarks 1-3: first paint of 100k tickets (TicketList vs DataTable), keypress, filter.

Headless Textual (``run_test``), the same generated rows for both widgets. DataTable runs at
20,000 rows and, if that extrapolates to under ``DATATABLE_BUDGET_S``, at 100,000 too.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

from textual.geometry import Region

from bench.ticket_list_probe import NOW, SIZE, Host, datatable_for, first_paint, make_tickets
from tickettui.ui.widgets.ticket_list import TicketList

ROWS = 100_000
DATATABLE_SAMPLE = 20_000
DATATABLE_BUDGET_S = 90.0
TYPED = ["p", "pr", "pri", "prin", "print", "printer", "printer ", "printer a", "printer an"]


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95)]


async def _interaction(tickets: list[Any]) -> dict[str, float]:
    app = Host(lambda: TicketList(tickets, now=lambda: NOW))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        table.focus()
        await pilot.pause()
        gc.collect()
        # Keypress to repaint: the key's action plus Textual's full-screen compositor render
        # (_compositor is private API: fine for a benchmark, never for the app).
        moves: list[float] = []
        actions: list[Callable[[], None]] = [table.action_cursor_down] * 300
        actions += [table.action_cursor_page_down] * 60 + [table.action_cursor_up] * 100
        for action in actions:
            started = time.perf_counter()
            action()
            app.screen._compositor.render_update(full=True)
            moves.append(time.perf_counter() - started)

        async def press(key: str, repeat: int = 40) -> float:
            started = time.perf_counter()
            for _ in range(repeat):
                await pilot.press(key)
            return (time.perf_counter() - started) / repeat

        pilot_idle = await press("f12")  # unbound: the pilot's own round trip
        pilot_j = await press("j")

        viewport = Region(0, 0, table.size.width, table.size.height)
        filters: list[float] = []
        for text in TYPED:  # the first keystroke builds the search index
            started = time.perf_counter()
            table.set_filter(text)
            table.render_lines(viewport)
            filters.append(time.perf_counter() - started)
        table.set_filter("")
        scratch: list[float] = []
        for text in ("vpn", "crash", "customer 12", "zzz"):
            table.set_filter("")
            started = time.perf_counter()
            table.set_filter(text)
            table.render_lines(viewport)
            scratch.append(time.perf_counter() - started)
    return {
        "key_median_s": statistics.median(moves),
        "key_p95_s": _p95(moves),
        "key_max_s": max(moves),
        "pilot_key_s": max(0.0, pilot_j - pilot_idle),
        "filter_first_s": filters[0],
        "filter_worst_s": max(filters + scratch),
        "filter_median_s": statistics.median(filters + scratch),
    }


async def _measure() -> dict[str, Any]:
    tickets = make_tickets(ROWS)
    gc.collect()
    gc.freeze()  # the same heap for both widgets: rows are long-lived, as in the app
    ours = statistics.median(
        [(await first_paint(lambda: TicketList(tickets, now=lambda: NOW)))[0] for _ in range(3)]
    )
    sample, _ = await first_paint(datatable_for(tickets[:DATATABLE_SAMPLE]))
    estimate = sample * ROWS / DATATABLE_SAMPLE
    measured = estimate < DATATABLE_BUDGET_S
    datatable = (await first_paint(datatable_for(tickets)))[0] if measured else estimate
    result: dict[str, Any] = {
        "ours_s": ours,
        "datatable_s": datatable,
        "datatable_measured": measured,
        "datatable_20k_s": sample,
    }
    result |= await _interaction(tickets)
    return result


def run() -> dict[str, Any]:
    return asyncio.run(_measure())


if __name__ == "__main__":
    print(run())
