"""Benchmark 4: process start to first paint, tickettui's cached queue vs a minimal Textual app.

Both run as fresh processes in a pseudo-terminal (120x36, the real Linux driver), started the
same way; several runs each, alternating, median. tickettui's cache holds a 10,000-ticket
section (what the parent loaded from the local server), so the frame timed has those rows.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path
from typing import Any

from bench.servers import ServerProcess, settings

RUNS = 7
CHILD = Path(__file__).with_name("first_paint.py")
ROWS, COLS = 36, 120


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def first_paint(args: list[str], env: dict[str, str]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        stamp = Path(folder) / "painted"
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
        started = time.time()
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, str(CHILD), args[0], str(stamp), *args[1:]],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        try:
            process.wait(timeout=60)
        finally:
            os.close(slave)
            if process.poll() is None:
                process.kill()
        os.close(master)
        if not stamp.exists():
            raise RuntimeError(f"{args[0]}: no first paint")
        return float(stamp.read_text()) - started


async def _fill_cache(url: str, cache_dir: str) -> int:
    os.environ["TICKETTUI_CACHE_DIR"] = cache_dir
    from tickettui.cache import with_cache
    from tickettui.core.columns import DEFAULT_COLUMNS
    from tickettui.core.domain import Section
    from tickettui.systems.superoffice.backend import SuperOfficeBackend
    from tickettui.systems.superoffice.client import SuperOfficeClient
    from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS

    backend = with_cache(SuperOfficeBackend(SuperOfficeClient(settings(url))))
    try:
        tickets = await backend.inner.list_tickets(Section("all", "All", ""), DEFAULT_COLUMNS)
        first = DEFAULT_SECTIONS[0]  # the section the queue opens on
        assert backend.cache is not None
        from tickettui.cache.store import section_key

        key = section_key(first.key, first.query, first.order_by)
        backend.cache.save_section(key, list(DEFAULT_COLUMNS), tickets)
        return len(tickets)
    finally:
        await backend.aclose()


def _compile_tickettui() -> None:
    """Bytecode for tickettui, as an installed copy has (pip compiles on install).

    Textual in site-packages has its .pyc; a checkout under PYTHONDONTWRITEBYTECODE would
    otherwise compile every tickettui module on every start, which no installed copy does.
    """
    import compileall

    import tickettui

    compileall.compile_dir(Path(tickettui.__file__).parent, quiet=1)


def run() -> dict[str, Any]:
    _compile_tickettui()
    with ServerProcess(10_000) as server, tempfile.TemporaryDirectory() as cache_dir:
        rows = asyncio.run(_fill_cache(server.base_url, cache_dir))
        from tickettui.systems.superoffice.server import accounts

        env = os.environ | {
            "TERM": "xterm-256color",
            "TICKETTUI_CACHE_DIR": cache_dir,
            "BENCH_USER": accounts.DEMO_USER,
            "BENCH_PASSWORD": accounts.DEMO_PASSWORD,
        }
        env.pop("TEXTUAL", None)
        ours: list[float] = []
        minimal: list[float] = []
        first_paint(["minimal"], env)  # warm the OS file cache for both
        first_paint(["tickettui", server.base_url], env)
        for _ in range(RUNS):
            minimal.append(first_paint(["minimal"], env))
            ours.append(first_paint(["tickettui", server.base_url], env))
    return {
        "rows": rows,
        "runs": RUNS,
        "ours_s": statistics.median(ours),
        "minimal_s": statistics.median(minimal),
        "ours_all": ours,
        "minimal_all": minimal,
    }


if __name__ == "__main__":
    print(run())
