"""A closed terminal, a dropped SSH link or a SIGTERM ends the real app within two seconds,
whatever it is doing, and keeps what was typed.

Each test starts ``tickettui`` in a pty against the local server, takes it to a moment (still
starting, loading a section whose list the server holds back, the queue painted, the edit form,
a dialog, $EDITOR) and then

- closes the terminal: no signal comes, the app only reads end-of-file and its writes fail;
- drops the SSH link: SIGHUP to the process group, as sshd's shell passes it on, and the
  terminal goes; or
- sends SIGTERM to the app, as an admin or a service manager does; the terminal stays.

The process must then be gone within two seconds (before the fix, some lived on for good and
then ignored SIGTERM too): two seconds of its own, that is, not counting the time it waited for a
CPU another job had (``OwnClock``), so a busy machine does not make a prompt app late. Every
other wait here waits for something to happen, however long a busy machine takes.
"""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

from tests.conftest import SMALL_QUEUE
from tests.pty_terminal import OwnClock, Terminal, app_env
from tests.waiting import PATIENCE, wait_until

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a pty, and /proc to see the editor go"
)

DEADLINE = 2.0  # seconds from the hang-up to the process gone: what an agent is promised
AFTER_THE_DEADLINE = 10.0  # how long a failing test waits more, to say "late" or "never"
MARK = "HANGUPMARK"

Moment = Callable[[Terminal], str | None]  # gets the app there; returns what was typed
Hangup = Callable[[Terminal], None]


@pytest.fixture()
def env(fresh_so_server: Any, tmp_path: Path) -> dict[str, str]:
    # A server of its own: the real app writes by reading (a ticket opened is marked read), and
    # the tests on the shared server (the queue snapshots) must not see that.
    return app_env(fresh_so_server, tmp_path)


# --- the moments ---------------------------------------------------------------------------


def right_after_start(term: Terminal) -> None:
    return None


def after(seconds: float) -> Moment:
    def moment(term: Terminal) -> None:
        term.read(seconds)  # picks a moment of the start-up (importing, loading the queue)

    moment.__name__ = f"after_{seconds}s"
    return moment


def queue_painted(term: Terminal) -> None:
    term.wait_for(" tickets")  # the header counts them once the rows are there


def in_the_edit_form(term: Terminal) -> str:
    queue_painted(term)
    term.type("e")
    term.wait_for("Title *")  # the form has loaded
    term.type(" " + MARK)
    term.wait_for(MARK)
    return MARK


def in_a_dialog(term: Terminal) -> None:
    queue_painted(term)
    term.type("c")
    term.wait_for("Close ticket")


MOMENTS = [
    right_after_start,
    after(0.3),
    after(0.6),
    after(1.0),
    queue_painted,
    in_the_edit_form,
    in_a_dialog,
]

# --- the ways a terminal goes ----------------------------------------------------------------


def close_the_terminal(term: Terminal) -> None:
    term.close()


def drop_the_ssh_link(term: Terminal) -> None:
    term.signal(signal.SIGHUP)
    term.close()


def send_sigterm(term: Terminal) -> None:
    term.process.send_signal(signal.SIGTERM)


HANGUPS = [close_the_terminal, drop_the_ssh_link, send_sigterm]


def assert_ends_in_time(term: Terminal) -> None:
    started = time.monotonic()
    if term.ended_within(DEADLINE, its_own_time=True):
        assert term.process.returncode != 0, "a hang-up or SIGTERM is not a success"
        return
    late = term.ended_within(AFTER_THE_DEADLINE)
    took = time.monotonic() - started
    verdict = f"it ended after {took:.1f} s" if late else f"still running after {took:.0f} s"
    raise AssertionError(f"not gone within {DEADLINE} s of its own: {verdict}")


def drafts_in(env: dict[str, str]) -> list[dict[str, Any]]:
    path = Path(env["TICKETTUI_DATA_DIR"]) / "drafts.json"
    drafts: list[dict[str, Any]] = json.loads(path.read_text())["drafts"]
    return drafts


@pytest.mark.parametrize("hang_up", HANGUPS, ids=lambda way: way.__name__)
@pytest.mark.parametrize("moment", MOMENTS, ids=lambda moment: moment.__name__)
def test_the_app_is_gone_within_two_seconds(
    env: dict[str, str], moment: Moment, hang_up: Hangup
) -> None:
    term = Terminal(env)
    try:
        typed = moment(term)
        hang_up(term)
        assert_ends_in_time(term)
    finally:
        term.kill()
    if typed is not None:
        (draft,) = drafts_in(env)
        assert draft["kind"] == "edit" and typed in draft["values"]["title"]


# --- a section still loading ----------------------------------------------------------------


class _HeldLists(BaseHTTPMiddleware):
    """Holds every ticket list the app asks for until the test lets go: the section is still
    loading however fast the machine is."""

    def __init__(self, app: Any, release: threading.Event) -> None:
        super().__init__(app)
        self.release = release

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        path = request.url.path
        if request.method == "GET" and (path.endswith("/Ticket") or "/archive/" in path):
            await asyncio.to_thread(self.release.wait, PATIENCE)
        return await call_next(request)


@pytest.fixture()
def loading_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    from tickettui.systems.superoffice.server import LocalSuperOffice

    release = threading.Event()
    held = Middleware(_HeldLists, release=release)
    server = LocalSuperOffice.start(
        tickets=SMALL_QUEUE, db_path=tmp_path / "so.sqlite", middleware=[held]
    )
    try:
        yield app_env(server, tmp_path)
    finally:
        release.set()
        server.stop()


@pytest.mark.parametrize("hang_up", HANGUPS, ids=lambda way: way.__name__)
def test_the_app_is_gone_within_two_seconds_while_its_section_loads(
    loading_env: dict[str, str], hang_up: Hangup
) -> None:
    term = Terminal(loading_env)
    try:
        term.wait_for("loading")  # the status line, the list's request held at the server
        hang_up(term)
        assert_ends_in_time(term)
    finally:
        term.kill()


# --- $EDITOR -------------------------------------------------------------------------------

EDITOR = """
import os, signal, sys, time
if sys.argv[1] == "stubborn":
    for signum in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
with open(sys.argv[2], "w") as started:
    started.write(str(os.getpid()))
time.sleep(120)  # an agent writing a long reply
"""


def editor_env(env: dict[str, str], tmp_path: Path, kind: str) -> tuple[dict[str, str], Path]:
    """An $EDITOR that writes its pid to a file once it runs, then waits for its user; a
    "stubborn" one ignores SIGHUP and SIGTERM."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    started = tmp_path / "editor.pid"
    command = [sys.executable, str(script), kind, str(started)]
    return env | {"EDITOR": shlex.join(command)}, started


def in_the_editor(term: Terminal, started: Path) -> int:
    """Reply on the first ticket, type, then ctrl+e: the editor has the terminal."""
    queue_painted(term)
    term.type("\r")
    term.wait_for("r Reply")
    term.type("r")
    term.wait_for("Reply to the customer")
    term.type(MARK)
    term.wait_for(MARK)
    term.type("\x05")  # ctrl+e
    wait_until(lambda: started.exists() and started.read_text(), "the editor", pause=term.read)
    return int(started.read_text())


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


@pytest.mark.parametrize(
    ("editor", "hang_up"),
    [
        ("patient", send_sigterm),  # only the app is told: it must tell the editor
        ("patient", drop_the_ssh_link),
        ("stubborn", drop_the_ssh_link),  # ignores the hang-up: it must not be left behind
        ("stubborn", send_sigterm),
    ],
    ids=["sigterm", "ssh-dropped", "stubborn-editor-ssh-dropped", "stubborn-editor-sigterm"],
)
def test_a_hangup_in_the_editor_ends_app_and_editor_and_keeps_the_reply(
    env: dict[str, str], tmp_path: Path, editor: str, hang_up: Hangup
) -> None:
    env, started = editor_env(env, tmp_path, editor)
    term = Terminal(env)
    editor_pid = 0
    try:
        editor_pid = in_the_editor(term, started)
        hang_up(term)
        assert_ends_in_time(term)
        clock = OwnClock(editor_pid)
        while running(editor_pid):
            assert clock.elapsed() < DEADLINE, "the editor was left running"
            time.sleep(0.02)
    finally:
        term.kill()
        if editor_pid and running(editor_pid):
            os.kill(editor_pid, signal.SIGKILL)
    (draft,) = drafts_in(env)
    assert draft["kind"] == "reply" and draft["values"]["text"] == MARK


# --- suspended (ctrl+z, SIGTSTP) -------------------------------------------------------------


def stopped(pid: int) -> bool:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "T"


def drop_the_ssh_link_to_a_stopped_job(term: Terminal) -> None:
    """A shell that loses its terminal wakes its stopped jobs to hang up."""
    term.signal(signal.SIGHUP)
    term.signal(signal.SIGCONT)
    term.close()


def sigterm_and_continue(term: Terminal) -> None:
    """A stopped process acts on SIGTERM once continued (the kernel holds it until then)."""
    term.process.send_signal(signal.SIGTERM)
    term.process.send_signal(signal.SIGCONT)


@pytest.mark.parametrize(
    "hang_up", [drop_the_ssh_link_to_a_stopped_job, sigterm_and_continue], ids=["ssh", "sigterm"]
)
def test_a_suspended_app_is_gone_within_two_seconds(env: dict[str, str], hang_up: Hangup) -> None:
    term = Terminal(env)
    try:
        in_the_edit_form(term)
        term.signal(signal.SIGTSTP)
        wait_until(lambda: stopped(term.process.pid), "the app to stop", pause=term.read)
        hang_up(term)
        assert_ends_in_time(term)
    finally:
        term.kill()
    (draft,) = drafts_in(env)
    assert MARK in draft["values"]["title"]
