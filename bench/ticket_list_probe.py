"""Timing probe for the queue table (not a test): TicketList vs DataTable on the same rows.

Run: .venv/bin/python bench/ticket_list_probe.py [rows]   (default 100000)
Prints mount + first paint, keypress-to-repaint and filter keystroke times.
"""

from __future__ import annotations

import asyncio
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable

from tickettui.core.columns import DEFAULT_COLUMNS, resolve_columns
from tickettui.core.domain import ReadStatus, TicketSummary
from tickettui.core.safe_text import inert_line
from tickettui.ui.widgets.ticket_list import TicketList

SIZE = (120, 40)
NOW = datetime(2025, 11, 23, 15, 30)
WORDS = [
    "printer",
    "login",
    "invoice",
    "refund",
    "password",
    "vpn",
    "email",
    "outage",
    "slow",
    "crash",
    "upgrade",
]
OWNERS = ("Anna Berg", "Bo Ek", "Cleo Dahl", "Dan Holm", "Eva Lind", "")
DATATABLE_BUDGET_S = 60.0


def make_tickets(count: int) -> list[TicketSummary]:
    rng = random.Random(7)
    return [
        TicketSummary(
            id=i,
            title=" ".join(rng.choice(WORDS) for _ in range(5)),
            status=rng.choice(("Open", "Pending", "Closed")),
            priority=rng.choice(("Low", "Medium", "High")),
            category=rng.choice(("Support", "Sales", "Billing")),
            owner=rng.choice(OWNERS),
            customer=f"Customer {rng.randint(1, 5000)}",
            last_changed=NOW - timedelta(minutes=rng.randint(0, 500_000)),
            deadline=NOW + timedelta(hours=rng.randint(-500, 500)),
            read_status=rng.choice(list(ReadStatus)),
        )
        for i in range(1, count + 1)
    ]


class Host(App[None]):
    def __init__(self, make: Callable[[], Widget]) -> None:
        super().__init__()
        self._make = make

    def compose(self) -> ComposeResult:
        yield self._make()


async def first_paint(make: Callable[[], Widget]) -> tuple[float, Host]:
    """Seconds from app start to the first screen being composed and painted (headless)."""
    started = time.perf_counter()
    app = Host(make)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.export_screenshot()  # forces a full render of what is on screen
        elapsed = time.perf_counter() - started
    return elapsed, app


def datatable_for(tickets: list[TicketSummary]) -> Callable[[], Widget]:
    columns = resolve_columns(DEFAULT_COLUMNS)

    def make() -> Widget:
        table: DataTable[str] = DataTable(cursor_type="row")
        table.add_columns(*(c.title for c in columns))
        table.add_rows([inert_line(c.text(t)) for c in columns] for t in tickets)
        return table

    return make


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


async def keypress_timings(tickets: list[TicketSummary]) -> None:
    app = Host(lambda: TicketList(tickets, now=lambda: NOW))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        table.focus()
        await pilot.pause()
        viewport = Region(0, 0, table.size.width, table.size.height)

        def repaint_after(action: Callable[[], None], repeat: int = 200) -> list[float]:
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                action()
                table.render_lines(viewport)  # every visible line, as a full repaint would
                times.append(time.perf_counter() - started)
            return times

        gc.collect()
        down = repaint_after(table.action_cursor_down)
        page = repaint_after(table.action_cursor_page_down, 100)
        print(
            f"  cursor down + full viewport render:  median {ms(statistics.median(down))}, "
            f"max {ms(max(down))}"
        )
        print(
            f"  page down (all rows new, uncached):  median {ms(statistics.median(page))}, "
            f"max {ms(max(page))}"
        )

        # The action plus Textual's own screen update (compositor + headless driver write).
        # _compositor is private API: fine for a probe, never for the app.
        screen_update = []
        for action in [table.action_cursor_down] * 100 + [table.action_cursor_page_down] * 20:
            started = time.perf_counter()
            action()
            app.screen._compositor.render_update(full=True)
            screen_update.append(time.perf_counter() - started)
        print(
            f"  action + full-screen compositor render: "
            f"median {ms(statistics.median(screen_update))}, "
            f"p95 {ms(sorted(screen_update)[int(len(screen_update) * 0.95)])}, "
            f"max {ms(max(screen_update))}"
        )

        # End to end through Textual (key event, binding, compositor, headless driver).
        async def press(key: str, repeat: int = 50) -> float:
            started = time.perf_counter()
            for _ in range(repeat):
                await pilot.press(key)
            return (time.perf_counter() - started) / repeat

        baseline = await press("f12")  # unbound: the pilot's own round trip
        end_to_end = await press("j")
        print(
            f"  pilot.press('j') end to end:         {ms(end_to_end)} "
            f"(an unbound key costs {ms(baseline)}: the pilot's own wait)"
        )

        typed = ["p", "pr", "pri", "prin", "print", "printer", "printer ", "printer a"]
        typed += ["printer an", "printer ann", "printer anna"]
        times = []
        for text in typed:
            started = time.perf_counter()
            table.set_filter(text)
            table.render_lines(viewport)
            times.append(time.perf_counter() - started)
        print(f"  filter, first keystroke (builds the index): {ms(times[0])}")
        print(
            f"  filter, next keystrokes: median {ms(statistics.median(times[1:]))}, "
            f"max {ms(max(times[1:]))} -> {table.visible_count} rows"
        )
        for text in ("vpn", "crash", "customer 12", "zzz", ""):
            started = time.perf_counter()
            table.set_filter(text)
            table.render_lines(viewport)
            print(
                f"  filter {text!r} from scratch: {ms(time.perf_counter() - started)}"
                f" -> {table.visible_count} rows"
            )
        started = time.perf_counter()
        table.sort_by("last_changed")
        table.render_lines(viewport)
        print(f"  sort by last changed: {ms(time.perf_counter() - started)}")


async def main(rows: int) -> None:
    print(f"{rows:,} tickets, terminal {SIZE[0]}x{SIZE[1]}")
    started = time.perf_counter()
    tickets = make_tickets(rows)
    print(f"  (generating the tickets: {time.perf_counter() - started:.2f} s, not counted)")

    elapsed, _ = await first_paint(lambda: TicketList(tickets, now=lambda: NOW))
    print(f"TicketList mount + first paint: {elapsed:.3f} s")

    sample = min(rows, 20_000)
    elapsed_sample, _ = await first_paint(datatable_for(tickets[:sample]))
    estimate = elapsed_sample * rows / sample
    print(f"DataTable mount + first paint, {sample:,} rows: {elapsed_sample:.2f} s")
    if sample < rows and estimate < DATATABLE_BUDGET_S:
        elapsed_full, _ = await first_paint(datatable_for(tickets))
        print(f"DataTable mount + first paint, {rows:,} rows: {elapsed_full:.2f} s (measured)")
    elif sample < rows:
        print(f"DataTable, {rows:,} rows: ~{estimate:.0f} s (extrapolated, not run)")

    print("TicketList interaction:")
    await keypress_timings(tickets)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
