"""Deciding whether a write whose answer was lost landed, by reading the ticket back.

A save, reply or note is never sent again blindly: a second reply would reach the customer
twice. When the answer is lost the ticket is read back. An answer lost *after* the server
finished (a dropped connection, a proxy's 5xx, a cut-off body) needs one look. A request that
timed out may still be running on the server, so it is looked for again a few times; if it is
still missing, nobody can know yet whether it will land, and the user is told to reload before
sending again rather than to send again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TypeVar

from tickettui.core.domain import Message, MessageKind
from tickettui.core.errors import (
    AnswerTimedOut,
    NotApplied,
    OutcomeUnknown,
    ServerError,
    TicketTuiError,
)

__all__ = ["IN_FLIGHT_WAITS", "LostAnswer", "may_still_apply", "message_in_thread", "read_back"]

T = TypeVar("T")

# Seconds to wait before each look when the server may still be working on the request:
# about three seconds in all, then the user decides (the app says what to check).
IN_FLIGHT_WAITS: tuple[float, ...] = (0.0, 1.0, 2.0)
GATEWAY_TIMEOUT = 504


def may_still_apply(error: BaseException) -> bool:
    """True when the server may not have finished the request yet (it timed out on the way)."""
    if isinstance(error, AnswerTimedOut):
        return True
    return isinstance(error, ServerError) and error.status == GATEWAY_TIMEOUT


@dataclass(frozen=True, slots=True)
class LostAnswer:
    """A write whose answer was lost, and the words to tell the user about it."""

    error: TicketTuiError
    server: str  # "The server", "Keliweb"
    what: str  # "the reply on ticket 6", "the change to ticket 6"
    kept: str  # "your text is kept", "your edit is kept as a draft"
    again: str  # "send it again", "save again"

    @classmethod
    def of_save(cls, error: TicketTuiError, server: str, number: int | str) -> LostAnswer:
        """``number``: the ticket as users quote it (Keliweb's tid, not its id)."""
        what = f"the change to ticket {number}"
        return cls(error, server, what, "your edit is kept as a draft", "save again")

    @classmethod
    def of_message(
        cls, error: TicketTuiError, server: str, number: int | str, *, internal: bool
    ) -> LostAnswer:
        what = f"the {'note' if internal else 'reply'} on ticket {number}"
        return cls(error, server, what, "your text is kept", "send it again")


async def read_back(
    check: Callable[[], Awaitable[T | None]],
    lost: LostAnswer,
    *,
    waits: tuple[float, ...] | None = None,
) -> T:
    """What ``check()`` found of the write (it returns None while the write is not there).

    Raises NotApplied when the write is certainly not there, OutcomeUnknown when that cannot
    be known (the ticket could not be read, or the request may still be running).
    """
    in_flight = may_still_apply(lost.error)
    looks = (waits or IN_FLIGHT_WAITS) if in_flight else (0.0,)
    for pause in looks:
        if pause:
            await asyncio.sleep(pause)
        try:
            found = await check()
        except TicketTuiError as reread:
            raise OutcomeUnknown(
                f"{lost.server} did not confirm {lost.what} ({lost.error}) and the ticket could "
                f"not be read back ({reread}): reload it before you {lost.again}; {lost.kept}"
            ) from lost.error
        if found is not None:
            return found
    if in_flight:
        raise OutcomeUnknown(
            f"{lost.server} did not answer in time and {lost.what} is not there yet: it may "
            f"still arrive, so reload the ticket before you {lost.again}; {lost.kept}"
        ) from lost.error
    what = lost.what[:1].upper() + lost.what[1:]
    # The transport error is not repeated: "may or may not have been saved" is settled now.
    raise NotApplied(
        f"{what} did not land (read back after the answer was lost): {lost.kept}; {lost.again}"
    ) from lost.error


def message_in_thread(
    thread: Iterable[Message],
    text: str,
    *,
    internal: bool,
    known: Collection[tuple[MessageKind, int]] = (),
) -> bool:
    """Whether the thread holds this reply (or note) apart from the ``known`` messages (what
    the agent saw before sending). Whitespace is compared loosely: servers store CRLF, trim and
    turn HTML into text. A reply may be shown as the customer's own (Keliweb posts it so)."""
    wanted = " ".join(text.split())
    return any(
        (message.kind is MessageKind.NOTE) == internal
        and (message.kind, message.id) not in known
        and " ".join(message.body.split()) == wanted
        for message in thread
    )
