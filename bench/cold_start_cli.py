"""Cold start of the real command, timed from outside as a user starts it (issue 16, item 1).

The installed ``tickettui`` console script with a profile from config.toml and its password from
the environment, its first section (5,000 tickets) already in the disk cache, in a pseudo-terminal
at 120x36; against a minimal Textual app (one Static and a Footer) started the same way, as a
script of the same Python. Each is timed from ``Popen`` until its text is on the terminal: a
ticket row's title for tickettui, "Hello" for the minimal app. The two alternate, median of RUNS.

Unlike bench/cold_start.py (an in-process path straight to the queue screen), this includes what
the user's command does first: the command line, config and profile, the credential chain, the
imports on the way.

The warm-up start is a full one and keeps the start record (``tickettui.start_record``), as a
user's first start with a configuration does; the timed starts are the ones every later start
is: painted from that record and the cache, the full start right after the first paint. A third
series, alternating with the other two, has the record removed before each start: the first
start after config.toml changed (reported, no target).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.cold_start import _compile_tickettui, _fill_cache
from bench.servers import ServerProcess
from tickettui.start_record import FILE_NAME as START_RECORDS

RUNS = 9
TICKETS = 5_000
ROWS, COLS = 36, 120
MINIMAL = Path(__file__).with_name("minimal_app.py")
# Escape sequences, so what is left is the text the terminal shows (rows are written whole).
ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>]"
)


def time_to_text(
    argv: list[str], env: dict[str, str], needle: re.Pattern[bytes], *, then_quit: bool = False
) -> float:
    """Seconds from starting ``argv`` in a fresh pty until ``needle`` is on its screen.
    ``then_quit``: the user then quits it (ctrl+q), and it is given the time to end."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    written = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b""
                written += chunk
                if needle.search(ESCAPES.sub(b"", written)):
                    shown = time.perf_counter() - started
                    if then_quit:
                        _quit(master, process)
                    return shown
                if not chunk:
                    break
            if process.poll() is not None or time.perf_counter() - started > 60:
                break
        shown = ESCAPES.sub(b"", written)[-600:].decode("utf-8", "replace")
        raise RuntimeError(f"{argv[0]}: {needle.pattern!r} never shown; it showed: {shown!r}")
    finally:
        with contextlib.suppress(ProcessLookupError):  # quit and gone already
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)


def _quit(master: int, process: subprocess.Popen[bytes]) -> None:
    """ctrl+q, then read what it writes until it has ended (a full pty would hold it up)."""
    os.write(master, b"\x11")
    deadline = time.perf_counter() + 20
    while process.poll() is None and time.perf_counter() < deadline:
        if select.select([master], [], [], 0.1)[0]:
            try:
                os.read(master, 65536)
            except OSError:
                break
    process.wait(timeout=max(0.0, deadline - time.perf_counter()))


def _title_needle(titles: list[str]) -> re.Pattern[bytes]:
    """Any cached ticket's title, by its first characters (the column may cut the rest)."""
    starts = {t[:12] for t in titles if len(t) >= 12}
    return re.compile(b"|".join(re.escape(s.encode()) for s in sorted(starts)))


def _config(folder: Path, url: str, user: str) -> Path:
    config = folder / "config.toml"
    config.write_text(
        f'default_profile = "bench"\n\n[profiles.bench]\nurl = "{url}"\nauth = "basic"\n'
        f'user = "{user}"\n',
        encoding="utf-8",
    )
    return config


@dataclass(frozen=True)
class UserSetup:
    """What a user who has run tickettui before has: a profile, the password in the
    environment, the first section (TICKETS tickets) in the disk cache, the server running."""

    env: dict[str, str]
    titles: list[str]  # of the cached tickets, to know a ticket row on the screen
    rows: int


@contextmanager
def user_setup() -> Iterator[UserSetup]:
    from tickettui.systems.superoffice.server import accounts

    with ServerProcess(TICKETS) as server, tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        cache = home / "cache"
        rows = asyncio.run(_fill_cache(server.base_url, str(cache)))
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(home),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "TICKETTUI_CONFIG": str(_config(home, server.base_url, accounts.DEMO_USER)),
            "TICKETTUI_PASSWORD": accounts.DEMO_PASSWORD,
            "TICKETTUI_CACHE_DIR": str(cache),
            "TICKETTUI_DATA_DIR": str(home / "data"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "TEXTUAL_ANIMATIONS": "none",
        }
        if "PYTHONPATH" in os.environ:  # a checkout to measure other than the installed one
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        yield UserSetup(env, _cached_titles(server.base_url, cache), rows)


def tickettui_command() -> str:
    """The installed console script, as a user runs it."""
    command = shutil.which("tickettui", path=str(Path(sys.executable).parent))
    if command is None:
        raise RuntimeError("the tickettui command is not installed in this environment")
    return command


def run() -> dict[str, Any]:
    _compile_tickettui()
    with user_setup() as setup:
        env, ours_needle, hello = setup.env, _title_needle(setup.titles), re.compile(rb"Hello")
        ours_argv = [tickettui_command()]
        minimal_argv = [sys.executable, str(MINIMAL)]
        records = Path(env["TICKETTUI_CACHE_DIR"]) / START_RECORDS
        # Warm the OS file cache for both; ours keeps its start record.
        time_to_text(minimal_argv, env, hello)
        # ... and, as a user's first session, is quit (what the app keeps at its end is kept).
        time_to_text(ours_argv, env, ours_needle, then_quit=True)
        if not records.exists():
            raise RuntimeError("the full start kept no start record")
        ours: list[float] = []
        full: list[float] = []
        minimal: list[float] = []
        for _ in range(RUNS):
            minimal.append(time_to_text(minimal_argv, env, hello))
            ours.append(time_to_text(ours_argv, env, ours_needle))
            records.unlink()  # as after an edit of config.toml: the full start, which keeps it
            full.append(time_to_text(ours_argv, env, ours_needle))
    return {
        "rows": setup.rows,
        "runs": RUNS,
        "ours_s": statistics.median(ours),
        "full_s": statistics.median(full),
        "minimal_s": statistics.median(minimal),
        "ours_all": ours,
        "full_all": full,
        "minimal_all": minimal,
    }


def _cached_titles(url: str, cache: Path) -> list[str]:
    from tickettui.cache.store import TicketCache, section_key
    from tickettui.core.columns import DEFAULT_COLUMNS
    from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS
    from tickettui.systems.superoffice.server import accounts
    from tickettui.systems.superoffice.urls import api_base_url

    first = DEFAULT_SECTIONS[0]
    store = TicketCache.for_server(api_base_url(url), accounts.DEMO_USER, directory=cache)
    try:
        tickets = store.load_section(
            section_key(first.key, first.query, first.order_by), list(DEFAULT_COLUMNS)
        )
    finally:
        store.close()
    if not tickets:
        raise RuntimeError("the cache holds no tickets for the first section")
    return [t.title for t in tickets]


if __name__ == "__main__":
    result = run()
    print(
        f"real command {result['ours_s']:.3f} s, minimal {result['minimal_s']:.3f} s: "
        f"{result['ours_s'] / result['minimal_s']:.2f}x ({result['rows']} cached rows); "
        f"without a start record {result['full_s']:.3f} s: "
        f"{result['full_s'] / result['minimal_s']:.2f}x"
    )


def entries(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """make bench's rows: both medians and their ratio, the ratio against its target."""
    how = f"median of {result['runs']} processes each, alternating, pty 120x36"
    return {
        "cold_start_real_command": {
            "value": round(result["ours_s"], 3),
            "unit": "s",
            "target": None,
            "note": f"`tickettui` with a profile, password from the environment, "
            f"{result['rows']} cached rows, its start record kept by an earlier start; "
            f"until a ticket row is on screen; {how}",
        },
        "cold_start_real_command_without_record": {
            "value": round(result["full_s"], 3),
            "unit": "s",
            "target": None,
            "note": f"the same with no start record (the first start after config.toml "
            f"changed): {result['full_s'] / result['minimal_s']:.2f}x the minimal app",
        },
        "cold_start_real_minimal_textual": {
            "value": round(result["minimal_s"], 3),
            "unit": "s",
            "target": None,
            "note": "one Static and a Footer, started as a script of the same Python",
        },
        "cold_start_real_ratio_vs_minimal": {
            "value": round(result["ours_s"] / result["minimal_s"], 2),
            "unit": "x",
            "target": 1.3,
            "better": "lower",
        },
    }
