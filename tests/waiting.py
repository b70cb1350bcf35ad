"""Waiting for a condition, never for a time: the one polling loop of the tests.

A test that waits passes when what it waits for has happened, however long a busy machine takes
to get there; ``PATIENCE`` only decides when a test that will never pass says so. No Textual
here: tests of the core and the servers wait with it too (``tests/pilot.py`` adds the app).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

__all__ = ["PATIENCE", "eventually", "wait_until"]

# Seconds before a wait gives up. Generous on purpose: `make test` runs two workers on two
# cores, maybe beside other jobs, and what takes 0.2 s on a quiet machine can take 20 there.
PATIENCE = 60.0
POLL = 0.05  # seconds between two looks


async def eventually(
    condition: Callable[[], Any],
    what: str,
    seconds: float = PATIENCE,
    *,
    pause: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    context: Callable[[], str] | None = None,
) -> None:
    """Return once ``condition()`` is true; after ``seconds`` fail, naming ``what`` (and adding
    ``context()``, e.g. the screen). ``pause``: how to let time pass (a pilot's, in an app)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            shown = f"\n{context()}" if context is not None else ""
            raise AssertionError(f"timed out after {seconds:g} s waiting for {what}{shown}")
        await pause(POLL)


def wait_until(
    condition: Callable[[], Any],
    what: str,
    seconds: float = PATIENCE,
    *,
    pause: Callable[[float], Any] = time.sleep,
) -> None:
    """``eventually`` for code without an event loop (a server's answers, a process, a pty:
    ``pause`` may read it meanwhile)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:g} s waiting for {what}")
        pause(POLL)
