"""One app process per browser tab, and the end of every one of them.

``AppProcess`` is textual-serve's ``AppService`` (the packet protocol to a Textual app run with
Textual's web driver) with two changes, both in ``_open_app_process``, the one method of
textual-serve's we replace (pinned below 2 in pyproject.toml for that reason):
- the app is started from an argument list, without a shell, with the environment we give it
  on top of ours (a secret asked for at the terminal reaches the app there, never on a command
  line, never in the page);
- in a session of its own, so ctrl+c at the server's terminal reaches the server only, which
  then ends each app in order instead of every app dying mid-write with a traceback.

``Sessions`` keeps the live ones so the server can end them all when it stops: ask the app to
quit, then SIGTERM (the app writes open drafts on it), then SIGKILL.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService

__all__ = ["AppProcess", "Sessions"]

QUIT_GRACE = 3.0  # seconds an app has to quit when asked, then again after SIGTERM


class AppProcess(AppService):
    def __init__(self, argv: Sequence[str], env: Mapping[str, str], **service: Any) -> None:
        super().__init__(" ".join(argv), **service)  # the command is only a label there
        self._argv = list(argv)
        self._extra_env = dict(env)
        self.process: asyncio.subprocess.Process | None = None

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
        assert process.stdin is not None
        self._process = self.process = process
        self._stdin = process.stdin
        return process

    async def end(self) -> None:
        """Ask the app to quit; whatever still runs after that is terminated, then killed."""
        with contextlib.suppress(TimeoutError, ConnectionError, RuntimeError):
            await asyncio.wait_for(self.stop(), QUIT_GRACE)
        process = self.process
        if process is None or process.returncode is not None:
            return
        for signal_it in (process.terminate, process.kill):
            with contextlib.suppress(ProcessLookupError):
                signal_it()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), QUIT_GRACE)
                return


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
