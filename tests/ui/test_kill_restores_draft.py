"""Kill -9 the real app mid-edit; the next start offers the draft and restores it.

``tickettui`` runs as a subprocess in a pseudo-terminal (120x40) against the local server,
exactly as an agent starts it. Keys go in through the pty; what the app draws comes out of it.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.pty_terminal import Terminal, app_env
from tests.waiting import PATIENCE, wait_until

MARK = "KILLTEST"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


@pytest.fixture()
def terminal_env(fresh_so_server: Any, tmp_path: Path) -> Iterator[dict[str, str]]:
    yield app_env(fresh_so_server, tmp_path)


def test_a_killed_edit_comes_back(terminal_env: dict[str, str], tmp_path: Path) -> None:
    drafts = tmp_path / "data" / "drafts.json"
    first = Terminal(terminal_env)
    try:
        first.wait_for("My open")
        first.wait_for(" tickets")  # the first section's rows: the header counts them
        first.type("e")
        first.wait_for("Edit ticket")
        first.wait_for("Title *")  # the form has loaded
        first.type(" " + MARK)
        wait_until(
            lambda: drafts.exists() and MARK in drafts.read_text(), "the draft", pause=first.read
        )
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
        term.wait_for(" tickets")
        term.type("e")
        term.wait_for("Edit ticket")
        term.wait_for("Title *")
        os.write(term.master, f" {MARK}-HUP".encode())  # one burst...
        # ...read by the app (it shows it), then at once the link drops: on a quiet machine well
        # before the draft timer (0.3 s after the last key) fires.
        term.wait_for(f"{MARK}-HUP")
        os.killpg(term.process.pid, signal.SIGHUP)
        term.process.wait(timeout=PATIENCE)
    finally:
        term.kill()
    assert drafts.exists(), "no draft was kept"
    saved = json.loads(drafts.read_text())["drafts"]
    assert [d["kind"] for d in saved] == ["edit"]
    assert f"{MARK}-HUP" in saved[0]["values"]["title"]
