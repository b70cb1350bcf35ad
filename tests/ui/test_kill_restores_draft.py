"""Kill -9 the real app mid-edit; the next start offers the draft and restores it.

``tickettui`` runs as a subprocess in a pseudo-terminal (120x40) against the local server,
exactly as an agent starts it. Keys go in through the pty; what the app draws comes out of it.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tickettui.servers.superoffice import accounts

CSI = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]"
)
MARK = "KILLTEST"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


class Terminal:
    """One ``tickettui`` process in a pty."""

    def __init__(self, env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tickettui"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.output = ""

    def read(self, seconds: float = 0.1) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
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

    def wait_for(self, needle: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if needle in self.read(0.2):
                return
            if self.process.poll() is not None:
                break
        tail = self.text[-1500:]
        raise AssertionError(f"{needle!r} never appeared; the screen ended with: {tail!r}")

    def type(self, keys: str, pause: float = 0.05) -> None:
        for key in keys:
            os.write(self.master, key.encode())
            time.sleep(pause)
            self.read(0.01)

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


@pytest.fixture()
def terminal_env(fresh_so_server: Any, tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path / "home"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "TICKETTUI_URL": fresh_so_server.base_url,
        "TICKETTUI_USER": accounts.DEMO_USER,
        "TICKETTUI_PASSWORD": accounts.DEMO_PASSWORD,
        "TICKETTUI_CONFIG": str(tmp_path / "config.toml"),
        "TICKETTUI_DATA_DIR": str(tmp_path / "data"),
        "TICKETTUI_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "TEXTUAL_ANIMATIONS": "none",
    }
    yield env


def test_a_killed_edit_comes_back(terminal_env: dict[str, str], tmp_path: Path) -> None:
    drafts = tmp_path / "data" / "drafts.json"
    first = Terminal(terminal_env)
    try:
        first.wait_for("My open")
        first.read(1.0)  # the first section's rows
        first.type("e")
        first.wait_for("Edit ticket")
        first.read(0.5)
        first.type(" " + MARK)
        deadline = time.monotonic() + 10
        while not (drafts.exists() and MARK in drafts.read_text()):
            assert time.monotonic() < deadline, "the draft never reached the disk"
            first.read(0.1)
    finally:
        first.kill()  # SIGKILL: no clean-up code runs
    saved = json.loads(drafts.read_text())["drafts"]
    assert len(saved) == 1 and saved[0]["kind"] == "edit"
    ticket_id = saved[0]["ticket_id"]
    assert MARK in saved[0]["values"]["title"]
    assert oct(drafts.stat().st_mode & 0o777) == oct(0o600)

    second = Terminal(terminal_env)
    try:
        second.wait_for("unsaved draft")
        assert f"ticket {ticket_id} (edit)" in second.text
        assert MARK not in second.text  # not restored yet
        second.type("D")
        second.wait_for("Unsaved drafts")
        second.type("\r")
        second.wait_for("restore it?")
        second.type("y")
        second.wait_for(MARK)
        second.wait_for("Draft restored")
    finally:
        second.kill()


def test_a_dropped_ssh_session_keeps_what_was_typed_last(
    terminal_env: dict[str, str], tmp_path: Path
) -> None:
    """sshd sends SIGHUP when the link drops: keys typed a moment before are in the draft,
    though the draft timer had no time to fire."""
    drafts = tmp_path / "data" / "drafts.json"
    term = Terminal(terminal_env)
    try:
        term.wait_for("My open")
        term.read(1.0)
        term.type("e")
        term.wait_for("Edit ticket")
        term.read(0.5)
        os.write(term.master, f" {MARK}-HUP".encode())  # one burst...
        term.read(0.1)  # ...read by the app, then the link drops (the draft timer waits 0.3 s)
        os.killpg(term.process.pid, signal.SIGHUP)
        term.process.wait(timeout=15)
    finally:
        term.kill()
    assert drafts.exists(), "no draft was kept"
    saved = json.loads(drafts.read_text())["drafts"]
    assert [d["kind"] for d in saved] == ["edit"]
    assert f"{MARK}-HUP" in saved[0]["values"]["title"]
