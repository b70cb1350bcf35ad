"""How the soak's agent reacts to errors: the way the app's messages tell a careful user to.

"Not saved / did not land" (NotApplied, or any other one-line error): try again. "Did not
confirm ... reload before sending again" (OutcomeUnknown): look at the thread a few times before
sending the reply again — a busy server may still be applying it.

Both soaks (SuperOffice and Keliweb) take everything they share from here.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from tickettui.core.errors import NotApplied, OutcomeUnknown, TicketTuiError
from tickettui.servers.faults import FaultPlan

T = TypeVar("T")

ATTEMPTS = 25
FAULT_RATE = 0.2
CLIENT_TIMEOUT = 0.8  # the "timeout" and "slow" faults hold answers longer than this
RELOAD_PAUSES = (0.0, 1.0, 2.0)  # seconds before each look at the thread


def system_backend(app_backend: Any) -> Any:
    """The system's own backend behind the app's wrappers (cache, then the deferred start),
    once it has been built: for the client's retry figures."""
    from tickettui.cache.backend import CachingBackend
    from tickettui.core.deferred import DeferredBackend

    backend = app_backend.inner if isinstance(app_backend, CachingBackend) else app_backend
    if isinstance(backend, DeferredBackend):
        backend = backend.built
    assert backend is not None, "the backend was never built"
    return backend


def soak_faults(seed: int) -> FaultPlan:
    """What both soaks inject: every kind on 20% of requests, held past the client's timeout."""
    return FaultPlan(
        rate=FAULT_RATE,
        seed=seed,
        hold_seconds=CLIENT_TIMEOUT + 0.5,
        retry_after=1,
        latency=(0.01, 0.15),
    )


async def as_a_user(what: Callable[[], Awaitable[T]], attempts: int = ATTEMPTS) -> T:
    """Try again after an error, as an agent would (only after the app said "not saved")."""
    last: Exception | None = None
    for _ in range(attempts):
        try:
            return await what()
        except TicketTuiError as error:
            last = error
    raise AssertionError(f"gave up after {attempts} tries: {last}")


def _same(text: str) -> str:
    return " ".join(text.split())  # as the thread shows it (CRLF, trailing blanks)


async def send_once(backend: Any, ticket_id: int, text: str, *, internal: bool) -> None:
    """Send a reply or note; after an unconfirmed answer, reload before sending it again."""

    async def attempt() -> None:
        try:
            await backend.add_message(ticket_id, text, internal=internal)
        except NotApplied:
            raise
        except OutcomeUnknown:
            for pause in RELOAD_PAUSES:
                await asyncio.sleep(pause)
                thread = await backend.messages(ticket_id)
                if any(_same(m.body) == _same(text) for m in thread):
                    return
            raise

    await as_a_user(attempt)


async def work_the_queue_then_save(
    app: Any, ticket_id: int, field: str, marker: str, seconds: float
) -> None:
    """Drive the real app under faults: refresh the queue and switch sections for ``seconds``,
    then open the ticket's edit form (again after "could not load"), put ``marker`` in the text
    field ``field`` and press ctrl+s until the app says saved."""
    from textual.widgets import Input

    from tests.pilot import until
    from tickettui.ui.screens.edit import EditScreen
    from tickettui.ui.screens.queue import QueueScreen

    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, QueueScreen), "the queue")
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            await pilot.press("r")
            await pilot.pause(0.4)
            await pilot.press("tab")  # the next section, then back: more reads under faults
            await pilot.pause(0.2)
            await pilot.press("shift+tab")
        for _ in range(ATTEMPTS):
            app.edit_ticket(ticket_id)
            try:
                ready = lambda: isinstance(app.screen, EditScreen) and app.screen.ready  # noqa: E731
                await until(pilot, ready, "the form", 15)
                break
            except AssertionError:
                while isinstance(app.screen, EditScreen):
                    app.pop_screen()  # "could not load": back out and open it again
                    await pilot.pause(0.05)
        screen = app.screen
        assert isinstance(screen, EditScreen)
        text = screen.query_one(f"#field-{field}", Input)
        text.value = f"{text.value[:60]} [{marker}]"
        for _ in range(ATTEMPTS):
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.saving, "the save to end")
            await pilot.pause(0.05)
            if app.screen is not screen:
                break
        assert app.screen is not screen, "the app never saved the edit"
    assert app.return_code in (None, 0)


# --- what both soaks report and clean up ------------------------------------------------------


def hostile_inputs() -> int:
    """How many hostile inputs the soaks try (the README's figures count them)."""
    from tests.hostile_text import HOSTILE_INPUTS

    return HOSTILE_INPUTS


def stop_debug_log(path: Path) -> None:
    """Close the debug log at ``path`` (started by the soak), so it can be read whole."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            handler.close()
            root.removeHandler(handler)
