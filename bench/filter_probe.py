"""Timing probe for one filter keystroke over 100k tickets (not a test, not in ``make bench``).

Run: .venv/bin/python -m bench.filter_probe [rows] [rounds]   (default 100000 rows, 3 rounds)

Each keystroke is timed as ``make bench`` times it (``set_filter`` plus rendering every visible
line), for plain words as typed, for field prefixes (``status:``, ``prio:``, ``owner:me``,
``cust:``, ``#``) as typed, and for a few filters typed from scratch. The best of ``rounds``
runs of each keystroke is kept (the machine is shared; the worst keystroke is what we report);
the first round's worst is shown too: a prefix's first use lists its field's values.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import time

from textual.geometry import Region

from bench.ticket_list_probe import NOW, SIZE, Host, make_tickets
from tickettui.ui.widgets.ticket_list import TicketList

PLAIN = ["p", "pr", "pri", "prin", "print", "printer", "printer ", "printer a", "printer an"]
PREFIXED = [
    "s",
    "st",
    "status:",
    "status:o",
    "status:op",
    "status:open",
    "status:open ",
    "status:open p",
    "status:open prio:",
    "status:open prio:h",
    "status:open prio:high",
    "status:open prio:high owner:me",
    "status:open prio:high owner:me cust:1",
    "status:open prio:high owner:me cust:12",
]
SCRATCH = ["vpn", "crash", "customer 12", "zzz", "cust:12", "#123", "title:vpn", "cat:bill"]
SCRATCH += ["id:12"]


async def _measure(rows: int, rounds: int) -> dict[str, list[float]]:
    tickets = make_tickets(rows)
    gc.collect()
    gc.freeze()
    app = Host(lambda: TicketList(tickets, now=lambda: NOW))
    best: dict[str, list[float]] = {"plain": [], "prefixed": [], "scratch": []}
    first: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        table.focus()
        rows_of = getattr(table.rows, "set_me", None)
        if rows_of is not None:
            rows_of("Anna Berg")  # owner:me, where the filter knows it
        await pilot.pause()
        viewport = Region(0, 0, table.size.width, table.size.height)

        def typed(texts: list[str], scratch: bool) -> list[float]:
            times = []
            for text in texts:
                if scratch:
                    table.set_filter("")
                started = time.perf_counter()
                table.set_filter(text)
                table.render_lines(viewport)
                times.append(time.perf_counter() - started)
            table.set_filter("")
            return times

        for _ in range(rounds):
            for name, texts, scratch in (
                ("plain", PLAIN, False),
                ("prefixed", PREFIXED, False),
                ("scratch", SCRATCH, True),
            ):
                times = typed(texts, scratch)
                if not best[name]:
                    first[name] = max(times)
                    best[name] = times
                else:
                    best[name] = [min(a, b) for a, b in zip(best[name], times, strict=True)]
    best["first"] = [max(first.values())]
    return best


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    best = asyncio.run(_measure(rows, rounds))
    print(f"{rows:,} tickets, best of {rounds} per keystroke, set_filter + viewport render")
    worst_first = best.pop("first")[0] * 1000
    print(f"  first round's worst keystroke (fields listed on first use): {worst_first:.1f} ms")
    texts = {"plain": PLAIN, "prefixed": PREFIXED, "scratch": SCRATCH}
    for name, times in best.items():
        print(
            f"  {name:9} worst {max(times) * 1000:6.1f} ms  median "
            f"{statistics.median(times) * 1000:6.1f} ms"
        )
        for text, seconds in zip(texts[name], times, strict=True):
            print(f"      {seconds * 1000:6.1f} ms  {text!r}")


if __name__ == "__main__":
    main()
