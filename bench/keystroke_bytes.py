"""Bytes written to the terminal per keystroke (issue 16, item 2): what crosses an SSH link.

The real ``tickettui`` command (a profile, the password from the environment, 5,000 cached
tickets, the local server behind it) runs in a pseudo-terminal at 160x50, where the queue shows
the preview pane beside the list. The terminal answers Textual's question about synchronized
output as tmux, kitty or WezTerm do, so every frame arrives between ``ESC[?2026h`` and
``ESC[?2026l`` and frames can be counted. After the start has settled, keys are sent one at a
time; after each, everything the app writes until it has been quiet for QUIET seconds is that
key's cost. Reported: one-row moves (the down arrow), page moves (page down) and filter keystrokes.

A Textual DataTable with the same rows, moving its cursor one row, is measured the same way
as the yardstick (bench/datatable_app.py).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

from bench.cold_start import _compile_tickettui
from bench.cold_start_cli import _title_needle, tickettui_command, user_setup

ROWS, COLS = 50, 160
QUIET = 0.35  # seconds without output that end a key's frames (a bench, not a test)
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_YES = b"\x1b[?2026;2$y"  # "mode 2026 known, reset": Textual then wraps frames in it
FRAME_START = b"\x1b[?2026h"
MOVES = 30
PAGES = 6
FILTER = "printer"
DATATABLE = Path(__file__).with_name("datatable_app.py")
KEYS = {"down": b"\x1b[B", "pagedown": b"\x1b[6~"}  # the arrow: DataTable has no j


class Pty:
    """One process in a pseudo-terminal that answers the synchronized-output query."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.process = subprocess.Popen(  # noqa: S603
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.written = bytearray()

    def pump(self, seconds: float) -> int:
        """Read for up to ``seconds``; the number of bytes read."""
        got = 0
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                break
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            if SYNC_QUERY in chunk:
                os.write(self.master, SYNC_YES)
            self.written += chunk
            got += len(chunk)
        return got

    def settle(self, quiet: float = QUIET, limit: float = 30) -> None:
        """Read until nothing has come for ``quiet`` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline and self.pump(quiet):
            pass

    def wait_for(self, needle: re.Pattern[bytes], limit: float = 60) -> None:
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            self.pump(0.2)
            if needle.search(_visible(bytes(self.written))):
                return
            if self.process.poll() is not None:
                break
        shown = _visible(bytes(self.written))[-600:].decode("utf-8", "replace")
        raise RuntimeError(f"{needle.pattern[:60]!r}... never shown; the screen had {shown!r}")

    def key(self, data: bytes) -> tuple[int, int]:
        """Send one key; (bytes written in answer, frames among them)."""
        start = len(self.written)
        os.write(self.master, data)
        self.pump(2.0 if not self.pump(QUIET) else 0)  # the first answer may take a moment
        self.settle()
        answer = bytes(self.written[start:])
        return len(answer), answer.count(FRAME_START)

    def close(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        os.close(self.master)


_ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>]"
)


def _visible(written: bytes) -> bytes:
    return _ESCAPES.sub(b"", written)


def _summary(samples: list[tuple[int, int]]) -> dict[str, Any]:
    sizes = [size for size, _ in samples]
    frames = [count for _, count in samples]
    return {
        "median_bytes": statistics.median(sizes),
        "max_bytes": max(sizes),
        "median_frames": statistics.median(frames),
        "max_frames": max(frames),
        "keys": len(samples),
    }


def measure_tickettui(env: dict[str, str], needle: re.Pattern[bytes]) -> dict[str, Any]:
    pty = Pty([tickettui_command()], env)
    try:
        pty.wait_for(needle)
        pty.settle(quiet=1.5)  # the server's answer replaces the cached rows, then all is still
        moves = [pty.key(KEYS["down"]) for _ in range(MOVES)]
        pages = [pty.key(KEYS["pagedown"]) for _ in range(PAGES)]
        pty.key(b"/")
        typed = [pty.key(letter.encode()) for letter in FILTER]
    finally:
        pty.close()
    return {"move": _summary(moves), "page": _summary(pages), "filter": _summary(typed)}


def measure_datatable(env: dict[str, str], titles: list[str]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as rows:
        rows.write("\n".join(titles))
    try:
        pty = Pty([sys.executable, str(DATATABLE), rows.name], env)
        try:
            pty.wait_for(re.compile(re.escape(titles[0][:12].encode())))
            pty.settle(quiet=1.0)
            moves = [pty.key(KEYS["down"]) for _ in range(MOVES)]
        finally:
            pty.close()
    finally:
        os.unlink(rows.name)
    return {"move": _summary(moves)}


def run() -> dict[str, Any]:
    _compile_tickettui()
    with user_setup() as setup:
        ours = measure_tickettui(setup.env, _title_needle(setup.titles))
        datatable = measure_datatable(setup.env, setup.titles)
    return {"tickettui": ours, "datatable": datatable}


def entries(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    ours, table = result["tickettui"], result["datatable"]

    def note(kind: dict[str, Any]) -> str:
        return (
            f"median of {kind['keys']} keys; max {kind['max_bytes'] / 1000:.1f} KB; "
            f"frames per key median {kind['median_frames']:g}, max {kind['max_frames']}"
        )

    return {
        "bytes_per_row_move_160x50": {
            "value": round(ours["move"]["median_bytes"] / 1000, 2),
            "unit": "KB",
            "target": 2,
            "better": "lower",
            "note": f"the queue with the preview beside; {note(ours['move'])}",
        },
        "bytes_per_page_move_160x50": {
            "value": round(ours["page"]["median_bytes"] / 1000, 2),
            "unit": "KB",
            "target": None,
            "note": note(ours["page"]),
        },
        "bytes_per_filter_key_160x50": {
            "value": round(ours["filter"]["median_bytes"] / 1000, 2),
            "unit": "KB",
            "target": None,
            "note": f"typing {FILTER!r} in the filter; {note(ours['filter'])}",
        },
        "bytes_per_row_move_datatable": {
            "value": round(table["move"]["median_bytes"] / 1000, 2),
            "unit": "KB",
            "target": None,
            "note": f"a Textual DataTable, same rows, no preview; {note(table['move'])}",
        },
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
