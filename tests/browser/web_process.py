"""`tickettui web` as a real process, the way an agent starts it, and what it prints."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.waiting import PATIENCE, wait_until

__all__ = ["WebProcess", "alive", "private_env", "web_process"]

URL = re.compile(r"https?://\S+/[A-Za-z0-9_-]{43}/")


def private_env(home: Path, extra: Mapping[str, str]) -> dict[str, str]:
    """The machine's environment without any TICKETTUI_* of the developer's, with a home,
    config, cache and data of the test's own."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("TICKETTUI_")}
    folders = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / "config",
        "XDG_CACHE_HOME": home / "cache",
        "XDG_DATA_HOME": home / "data",
        "XDG_STATE_HOME": home / "state",
    }
    return (
        base
        | {name: str(path) for name, path in folders.items()}
        | {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "PYTHONUNBUFFERED": "1"}
        | dict(extra)
    )


@dataclass
class WebProcess:
    process: subprocess.Popen[str]
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        for line in self.stdout:
            if found := URL.search(line):
                return found.group(0)
        return ""

    @property
    def token(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[1]

    @property
    def origin(self) -> str:
        return self.url.split(f"/{self.token}/")[0]

    def app_pids(self) -> list[int]:
        """The app processes the server started (one per open tab)."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children

    def interrupt(self) -> int:
        """ctrl+c, as at the terminal; the exit status."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=PATIENCE)


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie, ended but not reaped, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _collect(stream: object, lines: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.append(line)


@contextmanager
def web_process(*args: str, env: Mapping[str, str]) -> Iterator[WebProcess]:
    """``tickettui ARGS`` (web, or demo --web) until it prints its address; stopped after."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tickettui", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(env),
    )
    running = WebProcess(process)
    readers = [
        threading.Thread(target=_collect, args=(process.stdout, running.stdout), daemon=True),
        threading.Thread(target=_collect, args=(process.stderr, running.stderr), daemon=True),
    ]
    for reader in readers:
        reader.start()
    try:
        wait_until(
            lambda: running.url or process.poll() is not None,
            "tickettui web to print its address",
        )
        assert running.url, f"no address printed: {''.join(running.stderr)}"
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=PATIENCE)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for reader in readers:
            reader.join(timeout=PATIENCE)
