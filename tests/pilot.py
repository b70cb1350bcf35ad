"""Driving the app in a test: wait for its workers or for what the agent would see, and read the
screen and the toasts as the agent reads them.

Every wait here waits for a condition (``tests/waiting.py``), never for a time, and a wait that
gives up shows the screen and the toasts. What the tests read of a running app that Textual
keeps private goes through ``tickettui.ui.textual_compat``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tests.waiting import PATIENCE, eventually
from tickettui.ui import textual_compat
from tickettui.ui.widgets.ticket_list import TicketList

__all__ = [
    "error_notifications",
    "notifications",
    "screen_text",
    "settle",
    "shown",
    "until",
    "wait_for",
]

SETTLE_ROUNDS = 100  # looks at the workers before settle gives up (each waits for them)
# Longer than any timer a key starts before its worker does (the list's highlight debounce): by
# the time settle first looks at the workers, that timer has fired, however busy the machine.
TIMERS = TicketList.HIGHLIGHT_DELAY + 0.02


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker (loads, counts, preview, ticket, messages, sends) has finished."""
    app = pilot.app
    for _ in range(SETTLE_ROUNDS):
        await pilot.pause(TIMERS)  # let debounce timers fire and start their workers
        if all(worker.is_finished for worker in app.workers):
            await pilot.pause()
            if all(worker.is_finished for worker in app.workers):
                return
        # An exclusive worker replaced by a newer one counts as cancelled: wait for the newer.
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
    running = [worker.name for worker in app.workers if not worker.is_finished]
    raise AssertionError(f"workers still running: {running}\n{shown(app)}")


async def until(
    pilot: Pilot[Any], condition: Callable[[], Any], what: str, seconds: float = PATIENCE
) -> None:
    """Until ``condition()`` holds (a key may not have started its worker yet); a wait that
    gives up after ``seconds`` shows the screen and the toasts."""
    await eventually(condition, what, seconds, pause=pilot.pause, context=lambda: shown(pilot.app))


async def wait_for(
    pilot: Pilot[Any], condition: Callable[[], Any], what: str, seconds: float = PATIENCE
) -> None:
    """Until what the agent would see has happened, then until the workers are done."""
    await until(pilot, condition, what, seconds)
    await settle(pilot)


def screen_text(app: App[Any]) -> str:
    """Every character the terminal would receive for the current screen, dialogs and toasts
    included."""
    return "\n".join(strip.text for strip in textual_compat.rendered_strips(app.screen))


def notifications(app: App[Any], severity: str | None = None) -> list[str]:
    """The toasts' messages, oldest first (of one severity, if given)."""
    return [
        n.message
        for n in textual_compat.notifications(app)
        if severity is None or n.severity == severity
    ]


def error_notifications(app: App[Any]) -> list[str]:
    return notifications(app, "error")


def shown(app: App[Any]) -> str:
    """The screen and the toasts, for a failure message."""
    try:
        screen, text, toasts = type(app.screen).__name__, screen_text(app), notifications(app)
    except Exception as error:  # the app may have gone: the failure still says what it waited for
        return f"(the screen could not be read: {error!r})"
    return f"the screen ({screen}):\n{text}\nthe toasts: {toasts}"
