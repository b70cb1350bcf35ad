"""How the soak's agent reacts to errors: the way the app's messages tell a careful user to.

"Not saved / did not land" (NotApplied, or any other one-line error): try again. "Did not
confirm ... reload before sending again" (OutcomeUnknown): look at the thread a few times before
sending the reply again — a busy server may still be applying it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from tickettui.core.errors import NotApplied, OutcomeUnknown, TicketTuiError

T = TypeVar("T")

ATTEMPTS = 25
RELOAD_PAUSES = (0.0, 1.0, 2.0)  # seconds before each look at the thread


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
