"""`make bench`: every benchmark side by side in one run; a table, and bench/results.json.

results.json: {"name": {"value": x, "unit": "...", "target": y}} (plus "met" and a "note").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import (
    bulk_bench,
    cold_start,
    cold_start_cli,
    keystroke_bytes,
    list_bench,
    live_tick,
    load,
    message_render,
)
from bench.servers import ServerProcess

HERE = Path(__file__).parent
MEMORY_TICKETS = 100_000


def memory() -> dict[str, Any]:
    from tickettui.systems.superoffice.server import accounts

    with ServerProcess(MEMORY_TICKETS) as server:
        env = os.environ | {
            "BENCH_USER": accounts.DEMO_USER,
            "BENCH_PASSWORD": accounts.DEMO_PASSWORD,
            "TICKETTUI_CACHE_DIR": str(HERE / ".data" / "cache-memory"),
        }
        out = subprocess.run(  # noqa: S603
            [sys.executable, str(HERE / "memory_child.py"), server.base_url, str(MEMORY_TICKETS)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=400,
        )
        peak, loaded = out.stdout.split()[-2:]
        return {"peak_bytes": int(peak), "load_s": float(loaded), "seed": server.seed_note}


def main() -> None:
    started = time.perf_counter()
    print("seeding/reusing bench/.data/so-100k.sqlite (first run: ~20 s) ...", flush=True)
    mem = memory()
    print("1-3: TicketList vs DataTable at 100k ...", flush=True)
    lists = list_bench.run()
    print("4: cold start vs a minimal Textual app ...", flush=True)
    cold = cold_start.run()
    print("4b: cold start of the real command vs a minimal Textual app ...", flush=True)
    cold_cli = cold_start_cli.run()
    print("4c: bytes written per keystroke at 160x50, against a DataTable ...", flush=True)
    keys = keystroke_bytes.run()
    print("5: loading 10k tickets ...", flush=True)
    loading = load.run()
    print("6: one live-queue tick, 100k-ticket section, 10 changed ...", flush=True)
    tick = live_tick.run()
    print("7: bulk status change of 500 tickets, 50 ms per request (~2 min) ...", flush=True)
    bulk = bulk_bench.run()
    print("8: rendering mail, old vs new: a 1 MB HTML body, a 300-message thread ...", flush=True)
    render = message_render.run()

    dt_how = "measured" if lists["datatable_measured"] else "extrapolated from 20k"
    results: dict[str, dict[str, Any]] = {
        "first_paint_100k_ticketlist": {
            "value": round(lists["ours_s"], 3),
            "unit": "s",
            "target": 0.5,
            "better": "lower",
        },
        "first_paint_100k_datatable": {
            "value": round(lists["datatable_s"], 2),
            "unit": "s",
            "target": None,
            "note": dt_how,
        },
        "first_paint_speedup_vs_datatable": {
            "value": round(lists["datatable_s"] / lists["ours_s"], 1),
            "unit": "x",
            "target": 30,
            "better": "higher",
        },
        "keypress_repaint_p95_100k": {
            "value": round(lists["key_p95_s"] * 1000, 2),
            "unit": "ms",
            "target": 16,
            "better": "lower",
            "note": f"cursor/page moves + full-screen compositor render; median "
            f"{lists['key_median_s'] * 1000:.1f} ms, max {lists['key_max_s'] * 1000:.1f} ms; "
            "pilot.press end to end minus the pilot's own wait "
            f"{lists['pilot_key_s'] * 1000:.1f} ms",
        },
        "filter_keystroke_worst_100k": {
            "value": round(lists["filter_worst_s"] * 1000, 1),
            "unit": "ms",
            "target": 50,
            "better": "lower",
            "note": f"set_filter + viewport render, 13 keystrokes; median "
            f"{lists['filter_median_s'] * 1000:.1f} ms, "
            f"first {lists['filter_first_s'] * 1000:.1f} ms",
        },
        "cold_start_cached_queue": {
            "value": round(cold["ours_s"], 3),
            "unit": "s",
            "target": None,
            "note": f"{cold['rows']} cached rows, median of {cold['runs']} processes in a pty",
        },
        "cold_start_minimal_textual": {
            "value": round(cold["minimal_s"], 3),
            "unit": "s",
            "target": None,
        },
        "cold_start_ratio_vs_minimal": {
            "value": round(cold["ours_s"] / cold["minimal_s"], 2),
            "unit": "x",
            "target": None,
            "note": "in-process, straight to the queue screen (no command line, config, "
            "credentials); the target is the real command's (cold_start_real_ratio_vs_minimal)",
        },
        "load_10k_lean": {
            "value": round(loading["lean_s"], 3),
            "unit": "s",
            "target": None,
            "note": f"{loading['lean_requests']} requests, $select + 4 pages "
            f"of 1000 at a time; old default (500/page, sequential) "
            f"{loading['sequential_pages_s']:.3f} s",
        },
        "load_10k_one_getticket_at_a_time": {
            "value": round(loading["one_at_a_time_s"], 1),
            "unit": "s",
            "target": None,
            "note": f"sampled on {loading['sample']} tickets, extrapolated to 10,000",
        },
        "load_10k_speedup": {
            "value": round(loading["one_at_a_time_s"] / loading["lean_s"], 1),
            "unit": "x",
            "target": 10,
            "better": "higher",
        },
        "load_10k_bytes_select": {
            "value": round(loading["lean_bytes"] / 1e6, 2),
            "unit": "MB",
            "target": None,
        },
        "load_10k_bytes_no_select": {
            "value": round(loading["unselected_bytes"] / 1e6, 2),
            "unit": "MB",
            "target": None,
            "note": "archive default columns",
        },
        "load_10k_bytes_getticket": {
            "value": round(loading["one_at_a_time_bytes"] / 1e6, 1),
            "unit": "MB",
            "target": None,
            "note": "full GetTicket carriers, extrapolated",
        },
        "peak_memory_100k_loaded": {
            "value": round(mem["peak_bytes"] / 2**20, 1),
            "unit": "MB",
            "target": 120,
            "better": "lower",
            "note": f"the app headless, 100k tickets over HTTP in {mem['load_s']:.1f} s, "
            "cache written, filter used; ru_maxrss",
        },
        "live_tick_100k_bytes": {
            "value": round(tick["bytes"] / 1000, 1),
            "unit": "KB",
            "target": 100,
            "better": "lower",
            "note": f"{tick['requests']} requests, {tick['flagged']} of {tick['rows']} rows "
            "flagged; status lines, headers and bodies",
        },
        "live_tick_100k_loop_cpu": {
            "value": round(tick["loop_cpu_s"] * 1000, 1),
            "unit": "ms",
            "target": 50,
            "better": "lower",
            "note": f"CPU time of the loop's thread: client call + merge over loopback; "
            f"wall {tick['wall_s'] * 1000:.1f} ms",
        },
    }
    results.update(cold_start_cli.entries(cold_cli))
    results.update(keystroke_bytes.entries(keys))
    results.update(bulk_bench.entries(bulk))
    results.update(message_render.entries(render))
    results = with_met(results)
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    print(f"\nwritten bench/results.json in {time.perf_counter() - started:.0f} s")


def with_met(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each entry with a target and a direction gets "met" (the direction itself is dropped)."""
    for entry in results.values():
        better, target = entry.pop("better", None), entry["target"]
        if better and target is not None:
            ok = entry["value"] <= target if better == "lower" else entry["value"] >= target
            entry["met"] = ok
    return results


def print_table(results: dict[str, dict[str, Any]]) -> None:
    print()
    print(f"{'benchmark':36} {'value':>12} {'target':>10}  met")
    for name, entry in results.items():
        value = f"{entry['value']} {entry['unit']}"
        target = "" if entry["target"] is None else f"{entry['target']} {entry['unit']}"
        met = {True: "yes", False: "NO"}.get(entry.get("met"), "")  # type: ignore[arg-type]
        print(f"{name:36} {value:>12} {target:>10}  {met}")
        if entry.get("note"):
            print(f"{'':38}{entry['note']}")


if __name__ == "__main__":
    main()
