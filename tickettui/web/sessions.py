"""One app process per browser tab, and the end of every one of them.

``AppProcess`` is textual-serve's ``AppService`` (the packet protocol to a Textual app run with
Textual's web driver) with these changes (textual-serve is pinned below 2 in pyproject.toml for
them):
- the app is started from an argument list, without a shell, with the environment we give it
  on top of ours (a secret asked for at the terminal reaches the app there, never on a command
  line, never in the page);
- in a session of its own, so ctrl+c at the server's terminal reaches the server only, which
  then ends each app in order instead of every app dying mid-write with a traceback;
- an app that ends by itself closes its tab, and one that ends in failure (a profile that no
  longer loads, a crash, a kill) tells the tab why first: the command line's one-line error
  (``tickettui: ...``) when it printed one, else its exit status. textual-serve leaves such a
  tab open on the app's last frame (or on "starting..." for ever) and prints the app's errors
  only to the server's output, twice when the app fails to start;
- an app that exits with ``START_AGAIN`` is started again, once, in the same tab (``web_tab``: a
  start record found out of date; the first app's exit is not passed on to the page).

``Sessions`` keeps the live ones so the server can end them all when it stops: a hang-up (the
app writes every open form's draft and quits, as when its terminal closes), then SIGTERM, then
SIGKILL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService

from tickettui.web import START_AGAIN

__all__ = ["ENDED", "AppProcess", "Sessions", "ending_message"]

QUIT_GRACE = 3.0  # seconds an app has to quit when hung up on, then again after SIGTERM
# How a tab's app is ended, in turn: a hang-up (the app keeps its drafts and quits), SIGTERM,
# SIGKILL. Windows has no hang-up.
if sys.platform == "win32":
    END_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGTERM,)  # TerminateProcess
else:
    END_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGKILL)
EXIT_GRACE = 2.0  # seconds an app that said it exits has to end before its tab is closed anyway
ERRORS_KEPT = 64 * 1024  # the tail of an app's stderr that is kept to say why it ended
ENDED = "tickettui_ended"  # the message naming why an app ended (the page shows it)
ERROR_PREFIX = "tickettui: "  # how the command line starts its one-line errors


def ending_message(status: int | None, errors: str) -> str | None:
    """What a tab shows when its app has ended: nothing for an app that quit (status 0, or
    still ending), else the command line's one-line error, else the exit status. Only that
    one line: the rest of stderr (a traceback) goes to the server's terminal, not the page."""
    if status is None or status == 0:
        return None
    for line in reversed(errors.splitlines()):
        if line.startswith(ERROR_PREFIX):
            return line.strip()
    how = f"by signal {-status}" if status < 0 else f"with exit status {status}"
    return f"{ERROR_PREFIX}the app ended {how}; the terminal that runs `tickettui web` shows why"


async def _tail(stderr: asyncio.StreamReader, errors: bytearray) -> None:
    """Read an app's stderr to its end, keeping the last ERRORS_KEPT bytes in ``errors``."""
    while chunk := await stderr.read(4096):
        errors += chunk
        del errors[:-ERRORS_KEPT]


class _Drained:
    """What textual-serve's reader gets for the app's stderr: nothing (``AppProcess`` reads it
    itself, to tell the tab why an app failed and print it to the server's terminal once)."""

    async def read(self, _size: int = -1) -> bytes:
        return b""


class AppProcess(AppService):
    def __init__(self, argv: Sequence[str], env: Mapping[str, str], **service: Any) -> None:
        super().__init__(" ".join(argv), **service)  # the command is only a label there
        self._argv = list(argv)
        self._extra_env = dict(env)
        self.process: asyncio.subprocess.Process | None = None
        self._size = (80, 24)  # the tab's terminal, for an app started again
        self._started_again = False
        self._stopping = False  # the server ends the app: the tab goes (or went) anyway
        # Per process (a tab has a second one when its app asked to start again): the tail of
        # its stderr as it is read, and the one ending (the tab told and closed, or restarted).
        self._errors: dict[asyncio.subprocess.Process, tuple[bytearray, asyncio.Task[None]]] = {}
        self._endings: dict[asyncio.subprocess.Process, asyncio.Future[None]] = {}

    async def start(self, width: int, height: int) -> None:
        self._size = (width, height)
        await super().start(width, height)

    async def set_terminal_size(self, width: int, height: int) -> None:
        self._size = (width, height)
        await super().set_terminal_size(width, height)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height) | self._extra_env
        process = await asyncio.create_subprocess_exec(
            *self._argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        assert process.stdin is not None and process.stderr is not None
        errors = bytearray()
        self._errors[process] = (errors, asyncio.ensure_future(_tail(process.stderr, errors)))
        process.stderr = _Drained()  # type: ignore[assignment]
        self._process = self.process = process
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        process = self._process  # this run's: another may be started before it returns
        await super().run()  # until the app's output ends
        if process is not None:
            await self._ended(process)

    async def on_meta(self, data: bytes) -> None:
        if json.loads(data).get("type") == "exit" and self._process is not None:
            # The app says it is leaving: its tab closes once it has (or after EXIT_GRACE),
            # and says why if it left in failure (a crash exits through here too).
            self._ended(self._process)
            return
        await super().on_meta(data)

    def _ended(self, process: asyncio.subprocess.Process) -> asyncio.Future[None]:
        if process not in self._endings:
            self._endings[process] = asyncio.ensure_future(self._after(process))
        return self._endings[process]

    async def _after(self, process: asyncio.subprocess.Process) -> None:
        """Once ``process`` has ended: close its tab, saying why if it failed, or start the
        app again in the same tab if it asked to (``START_AGAIN``, once)."""
        status = None
        with contextlib.suppress(TimeoutError):
            status = await asyncio.wait_for(process.wait(), EXIT_GRACE)
        errors, reading = self._errors.pop(process)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(reading), EXIT_GRACE)
        text = errors.decode("utf-8", "replace")
        if status == START_AGAIN and not self._started_again and not self._stopping:
            self._started_again = True  # what it printed is why it starts again: expected
            await self._open_app_process(*self._size)
            self._task = asyncio.create_task(self.run())
            return
        if text:
            sys.stderr.write(text if text.endswith("\n") else f"{text}\n")
        if self._stopping:
            return
        with contextlib.suppress(ConnectionError, RuntimeError):
            if message := ending_message(status, text):
                await self.remote_write_str(json.dumps([ENDED, message]))
            await self.remote_close()

    async def end(self) -> None:
        """Hang up on the app, as a closed terminal does; whatever still runs after that is
        terminated, then killed.

        Not textual-serve's quit message: Textual's web driver turns it (and SIGTERM) into a
        bare exit that skips the app's own quit, so the last keys typed into a reply or an
        edit, not yet in their draft (written 0.3 s after the last change), were lost when the
        tab closed. A hang-up is the app's quit that writes every open form's draft first.
        """
        self._stopping = True
        process = self.process
        if process is not None:
            for signum in END_SIGNALS:
                if process.returncode is not None:
                    break
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signum)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), QUIT_GRACE)
        if self._task is not None:  # the app's last output, and its stderr to the terminal
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._task), QUIT_GRACE)


class Sessions:
    """The browser tabs connected now: each one's websocket and app process.

    Ending an app is a task of its own, shielded from the tab's handler: aiohttp cancels a
    handler whose connection goes away, and an app must not be left running because the
    handler that would have ended it was cancelled half-way. ``end_all`` waits for those too.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._live: dict[AppProcess, web.WebSocketResponse] = {}
        self._ending: set[asyncio.Task[None]] = set()

    def __len__(self) -> int:
        return len(self._live)

    def full(self) -> bool:
        return len(self._live) >= self.limit

    def processes(self) -> list[asyncio.subprocess.Process]:
        return [app.process for app in self._live if app.process is not None]

    def add(self, app: AppProcess, websocket: web.WebSocketResponse) -> None:
        self._live[app] = websocket

    async def end(self, app: AppProcess) -> None:
        self._live.pop(app, None)
        ending = asyncio.ensure_future(app.end())
        self._ending.add(ending)
        ending.add_done_callback(self._ending.discard)
        await asyncio.shield(ending)

    async def end_all(self, _app: web.Application | None = None) -> None:
        """on_shutdown: close every tab's websocket and end every app, all at once."""
        live = list(self._live.items())
        await asyncio.gather(
            *(_close(websocket) for _, websocket in live),
            *(self.end(app) for app, _ in live),
            *list(self._ending),
            return_exceptions=True,
        )


async def _close(websocket: web.WebSocketResponse) -> None:
    with contextlib.suppress(ConnectionError, RuntimeError):
        await websocket.close(code=1001, message=b"server stopped")
