"""Two apps open at once (two terminals, two SSH sessions) share ``drafts.json``: neither drops
nor brings back the other's drafts. Each other app is a real process (other_app.py)."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ui.other_app import ACCOUNT, reply
from tickettui.core.drafts import REPLY, DraftStore, drafts_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock is Unix-only")

N = 300  # drafts per app, written as fast as it can
OTHER_APP = Path(__file__).with_name("other_app.py")


class OtherApp:
    """One other_app.py process, started and waiting for its cue."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(OTHER_APP), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        if self.process.stdout.readline() != "ready\n":
            raise AssertionError(f"the other app did not start: {self.finish()}")

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def finish(self) -> str:
        """Let it end (stdin closed) and return what it said on stderr (warnings included)."""
        _, errors = self.process.communicate(timeout=120)
        return errors

    def kill(self) -> None:
        self.process.kill()
        self.process.communicate()


@pytest.fixture()
def other_apps() -> Iterator[list[OtherApp]]:
    """Started with ``other_apps.append(OtherApp(...))``; none outlives the test."""
    started: list[OtherApp] = []
    yield started
    for app in started:
        if app.process.poll() is None:
            app.kill()


def start(other_apps: list[OtherApp], *args: Any) -> OtherApp:
    app = OtherApp(*(str(arg) for arg in args))
    other_apps.append(app)
    return app


def run_together(*apps: OtherApp) -> None:
    for app in apps:
        app.go()
    for app in apps:
        errors = app.finish()
        assert app.process.returncode == 0 and errors == "", errors


def tickets_on_disk(path: Path) -> set[int]:
    return {d["ticket_id"] for d in json.loads(path.read_text(encoding="utf-8"))["drafts"]}


def test_two_apps_keeping_drafts_at_once_keep_every_one(other_apps: list[OtherApp]) -> None:
    path = drafts_path()
    first = start(other_apps, "write", path, 1, N)
    second = start(other_apps, "write", path, N + 1, N)
    run_together(first, second)

    kept = tickets_on_disk(path)
    assert kept == set(range(1, 2 * N + 1)), f"{len(kept)} of {2 * N} drafts left"
    lock = path.with_name("drafts.json.lock")
    assert stat.S_IMODE(os.stat(lock).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_replies_sent_in_one_app_neither_come_back_nor_take_the_others_along(
    other_apps: list[OtherApp],
) -> None:
    path = drafts_path()
    sending = start(other_apps, "write", path, 1, N, "--discard-odd")  # odd ones sent at once
    typing = start(other_apps, "write", path, N + 1, N)
    run_together(sending, typing)

    expected = {t for t in range(1, N + 1) if t % 2 == 0} | set(range(N + 1, 2 * N + 1))
    kept = tickets_on_disk(path)
    assert kept - expected == set(), "sent replies came back as drafts"
    assert expected - kept == set(), "drafts were lost"


def test_a_lock_left_by_a_killed_app_does_not_hold_up_the_next(
    other_apps: list[OtherApp], caplog: pytest.LogCaptureFixture
) -> None:
    path = drafts_path()
    start(other_apps, "hold", path).kill()  # kill -9 while it holds the lock

    store = DraftStore(path, ACCOUNT)
    store.put(reply(1))
    assert tickets_on_disk(path) == {1}
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_while_another_app_holds_the_file_a_draft_is_kept_and_written_with_the_next(
    other_apps: list[OtherApp], caplog: pytest.LogCaptureFixture
) -> None:
    path = drafts_path()
    holder = start(other_apps, "hold", path)  # e.g. stopped with ctrl+z mid-write

    store = DraftStore(path, ACCOUNT, lock_timeout=0.2)
    with caplog.at_level(logging.WARNING, logger="tickettui.drafts"):
        store.put(reply(1))
    assert "kept in memory" in caplog.text
    assert store.get(1, REPLY) is not None  # still offered in this app
    assert not path.exists()

    holder.finish()  # it lets go
    store.put(reply(2))
    assert tickets_on_disk(path) == {1, 2}
    assert {d.ticket_id for d in DraftStore(path, ACCOUNT).mine()} == {1, 2}
