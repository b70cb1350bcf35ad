"""Deciding what to tell the agent after a write's answer was lost (no server needed: the
read-back is a function, the server-side stories are in tests/*/test_outcome_unknown.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tickettui.core.domain import Message, MessageKind
from tickettui.core.errors import (
    AnswerTimedOut,
    NotApplied,
    OutcomeUnknown,
    RequestTimedOut,
    ServerError,
    TicketTuiError,
)
from tickettui.core.read_back import LostAnswer, may_still_apply, message_in_thread, read_back

FAST = (0.0, 0.01, 0.01)


def _lost(error: TicketTuiError) -> LostAnswer:
    return LostAnswer(
        error, "The server", "the reply on ticket 6", "your text is kept", "send it again"
    )


class Looks:
    """A thread that shows the write from look number ``lands_on`` (0: never)."""

    def __init__(self, lands_on: int = 0, fail: bool = False) -> None:
        self.count, self.lands_on, self.fail = 0, lands_on, fail

    async def __call__(self) -> str | None:
        self.count += 1
        if self.fail:
            raise RequestTimedOut("The server at so.example.com did not answer within 30 s")
        return "there" if self.lands_on and self.count >= self.lands_on else None


def test_only_a_timed_out_request_may_still_be_running() -> None:
    assert may_still_apply(AnswerTimedOut("no answer in time"))
    assert may_still_apply(ServerError("Gateway Timeout", status=504))
    assert not may_still_apply(ServerError("Bad Gateway", status=502))
    assert not may_still_apply(OutcomeUnknown("the connection dropped"))


async def test_an_answer_lost_after_the_server_finished_is_looked_for_once() -> None:
    looks = Looks()
    with pytest.raises(NotApplied, match=r"The reply on ticket 6 did not land.*send it again"):
        await read_back(looks, _lost(OutcomeUnknown("dropped")), waits=FAST)
    assert looks.count == 1


async def test_a_timed_out_write_that_lands_late_is_found_on_a_later_look() -> None:
    looks = Looks(lands_on=3)
    assert await read_back(looks, _lost(AnswerTimedOut("late")), waits=FAST) == "there"
    assert looks.count == 3


async def test_a_timed_out_write_still_missing_is_unknown_not_lost() -> None:
    looks = Looks()
    with pytest.raises(OutcomeUnknown, match="may still arrive") as caught:
        await read_back(looks, _lost(AnswerTimedOut("late")), waits=FAST)
    assert not isinstance(caught.value, NotApplied) and looks.count == len(FAST)


async def test_an_unreadable_ticket_leaves_the_outcome_unknown() -> None:
    with pytest.raises(OutcomeUnknown, match=r"could not be read back.*reload it before"):
        await read_back(Looks(fail=True), _lost(OutcomeUnknown("dropped")), waits=FAST)


def _message(id_: int, kind: MessageKind, body: str) -> Message:
    return Message(id_, kind, "Agent", datetime(2026, 11, 23, tzinfo=UTC), body)


def test_a_message_is_ours_only_if_it_is_new_of_the_right_kind_and_text() -> None:
    thread = [
        _message(1, MessageKind.REPLY, "Thanks, that helped!"),
        _message(2, MessageKind.NOTE, "Checked the logs"),
        _message(3, MessageKind.CUSTOMER, "Thanks,\r\n that helped! "),  # Keliweb: as the account
    ]
    known = {(MessageKind.REPLY, 1), (MessageKind.NOTE, 2)}
    assert message_in_thread(thread, "Thanks, that helped!", internal=False, known=known)
    assert not message_in_thread(thread[:1], "Thanks, that helped!", internal=False, known=known)
    assert not message_in_thread(thread, "Checked the logs", internal=True, known=known)
    assert message_in_thread(thread, "Checked the logs", internal=True)
    assert not message_in_thread(thread, "Checked the logs", internal=False)
