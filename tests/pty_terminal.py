"""The real ``tickettui`` in a pseudo-terminal (120x40), driven as an agent drives it.

Keys go in through the pty; what the app draws comes out of it. The terminal can also go away
under the app, as a closed tmux window or a dropped SSH link makes it go.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.waiting import PATIENCE
from tickettui.systems.superoffice.server import accounts

CSI = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]"
)
ROWS, COLUMNS = 40, 120
APP = ("-m", "tickettui")


def app_env(server: Any, tmp_path: Path) -> dict[str, str]:
    """The app signed in to ``server``, with its config, cache and drafts under ``tmp_path``."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path / "home"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "TICKETTUI_URL": server.base_url,
        "TICKETTUI_USER": accounts.DEMO_USER,
        "TICKETTUI_PASSWORD": accounts.DEMO_PASSWORD,
        "TICKETTUI_CONFIG": str(tmp_path / "config.toml"),
        "TICKETTUI_DATA_DIR": str(tmp_path / "data"),
        "TICKETTUI_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "TEXTUAL_ANIMATIONS": "none",
    }


class Terminal:
    """One ``tickettui`` process (``python -m tickettui``, or ``python *args``) in a pty, in a
    session and process group of its own."""

    def __init__(self, env: dict[str, str], args: Sequence[str] = APP) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.output = ""
        self.open = True

    def read(self, seconds: float = 0.1) -> str:
        deadline = time.monotonic() + seconds
        while self.open and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                self.output += chunk.decode("utf-8", errors="replace")
        return self.text

    @property
    def text(self) -> str:
        return CSI.sub("", self.output)

    def wait_for(self, needle: str, seconds: float = PATIENCE) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if needle in self.read(0.2):
                return
            if self.process.poll() is not None:
                if needle in self.read(0.2):  # the last it wrote
                    return
                break
        tail = self.text[-1500:]
        raise AssertionError(f"{needle!r} never appeared; the screen ended with: {tail!r}")

    def type(self, keys: str, pause: float = 0.05) -> None:
        for key in keys:
            os.write(self.master, key.encode())
            time.sleep(pause)
            self.read(0.01)

    def close(self) -> None:
        """The terminal goes away (its window closed, the SSH link dropped): the app's reads
        see end-of-file and its writes fail. No signal comes with it: the app is not the
        terminal's session leader, as under a shell that passes nothing on."""
        if self.open:
            self.open = False
            os.close(self.master)

    def signal(self, signum: int) -> None:
        """``signum`` to the app's process group, as sshd's shell or tmux sends it."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def ended_within(self, seconds: float, *, its_own_time: bool = False) -> bool:
        """Whether the process ends within ``seconds``; reads the screen meanwhile, so a full
        pty never holds it up. ``its_own_time``: seconds of the process's own (``OwnClock``),
        so that a busy machine does not make a prompt process late."""
        clock = OwnClock(self.process.pid) if its_own_time else None
        started = time.monotonic()
        while True:
            # The clock looks at /proc/<pid> first: once poll() has reaped the process, it is gone.
            elapsed = clock.elapsed() if clock else time.monotonic() - started
            if self.process.poll() is not None:
                return True
            if elapsed >= seconds or time.monotonic() - started >= max(seconds, PATIENCE):
                return False
            if self.open:
                self.read(0.02)
            else:
                time.sleep(0.02)

    def kill(self) -> None:
        """SIGKILL to whatever is left of the process group (no clean-up code runs)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.close()


def run_queue_wait(pid: int) -> float | None:
    """Seconds the main thread of process ``pid`` has spent runnable but waiting for a CPU
    (Linux: /proc/<pid>/schedstat); None where the kernel does not say, or once it is gone."""
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


class OwnClock:
    """The seconds that passed for process ``pid`` since the clock started, less the time it
    waited for a CPU that other jobs had: what it spent running, or waiting for something of
    its own (a timer, a lock, input). On a quiet machine that is the wall time; on a busy one
    a deadline measured on it still says whether the process was prompt, not whether the
    machine was. Wall time where the kernel does not tell (no /proc/<pid>/schedstat)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.started = time.monotonic()
        self.first = self.last = run_queue_wait(pid)

    def elapsed(self) -> float:
        now = run_queue_wait(self.pid)
        if now is not None:
            self.last = now  # once the process is gone, its last figure stands
        wall = time.monotonic() - self.started
        if self.first is None or self.last is None:
            return wall
        return wall - (self.last - self.first)
