"""Every screen and dialog at 80x24 (the SSH default), on both systems, and at 160x50 where
the wide layout differs (issue 19, item 15): nothing cut mid-word or mid-key, `?` always in
the footer, the sort in the title bar, hints wrapped, the message being answered in view above
the editor.

Against the seeded local servers (deterministic), the clock stopped at the seeds' reference
moment and times in UTC (tests/ui/snapshot_helpers.py). Nothing here writes to a server.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.keliweb_fixtures import kw_factory, kw_server
from tests.pilot import settle, until
from tests.ui.snapshot_helpers import FrozenDetailApp, FrozenQueueApp, still_cursors
from tickettui.core.drafts import NOTE, REPLY, Draft, DraftStore
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.ui.screens.compose import ComposeScreen
from tickettui.ui.screens.credential_prompt import CredentialPrompt
from tickettui.ui.screens.queue import QueueScreen

__all__ = ["kw_server"]  # fixture, imported for pytest

pytestmark = pytest.mark.usefixtures("utc")  # tests/ui/conftest.py

SO_TICKET = 130  # open, overdue, customer messages, replies and a note
KW_TICKET = 40287  # the first of Keliweb's "All active": messages, replies, a note
TICKETS = {"superoffice": SO_TICKET, "keliweb": KW_TICKET}
SAVED = datetime(2026, 11, 19, 17, 30)  # a draft's time: not today, so shown with its date

Steps = Callable[[Pilot[Any]], Awaitable[None]]


@pytest.fixture(params=["superoffice", "keliweb"])
def system(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def factory(system: str, request: pytest.FixtureRequest) -> Callable[[], Any]:
    if system == "superoffice":
        return request.getfixturevalue("so_backend_factory")  # type: ignore[no-any-return]
    server: LocalKeliweb = request.getfixturevalue("kw_server")
    return kw_factory(server)


def keys(*pressed: str, wait_for: type | None = None) -> Steps:
    """Settle, press ``pressed``, then wait for the screen ``wait_for`` (if given; not for
    the workers then: a dialog a worker opened holds that worker until it is answered)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*pressed)
        if wait_for is None:
            await settle(pilot)
        else:
            await until(pilot, lambda: isinstance(pilot.app.screen, wait_for), str(wait_for))
        still_cursors(pilot)
        await pilot.pause()

    return run_before


# --- the queue and its dialogs ------------------------------------------------------------


def test_queue_sorted_keeps_the_sort_in_the_title(snap_compare: Any, factory: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, QueueScreen)
        screen.sort_by("priority", True)
        await settle(pilot)

    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)


def test_sort_dialog(snap_compare: Any, factory: Any) -> None:
    from tickettui.ui.screens.pickers import SortPicker

    run_before = keys("s", wait_for=SortPicker)
    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)


def test_status_picker(snap_compare: Any, factory: Any) -> None:
    from tickettui.ui.screens.pickers import ChoicePicker

    run_before = keys("t", wait_for=ChoicePicker)
    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)


def test_priority_picker(snap_compare: Any, factory: Any) -> None:
    from tickettui.ui.screens.pickers import ChoicePicker

    run_before = keys("P", wait_for=ChoicePicker)
    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)


def test_close_asks_first(snap_compare: Any, factory: Any) -> None:
    from tickettui.ui.screens.pickers import ConfirmLoss

    run_before = keys("c", wait_for=ConfirmLoss)
    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)


def test_queue_help(snap_compare: Any, factory: Any) -> None:
    from tickettui.ui.screens.help import HelpScreen

    run_before = keys("question_mark", wait_for=HelpScreen)
    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)


def test_queue_at_160x50(snap_compare: Any, factory: Any) -> None:
    assert snap_compare(FrozenQueueApp(factory), terminal_size=(160, 50), run_before=keys("j", "j"))


def test_postpone_hint_wraps(snap_compare: Any, so_backend_factory: Any) -> None:
    """SuperOffice only: Keliweb has no postpone (its `p` is hidden)."""
    from tickettui.ui.screens.pickers import DatePrompt

    run_before = keys("p", wait_for=DatePrompt)
    assert snap_compare(
        FrozenQueueApp(so_backend_factory), terminal_size=(80, 24), run_before=run_before
    )


def test_drafts_review(snap_compare: Any, so_backend_factory: Any) -> None:
    from tickettui.ui.screens.drafts_review import DraftsScreen

    drafts = DraftStore()
    drafts.put(draft(SO_TICKET, REPLY, "Thanks, we are on it."))
    drafts.put(draft(7, NOTE, "Called the customer."))
    app = FrozenQueueApp(so_backend_factory, drafts=drafts)
    app.drafts_announced = True  # the start-up toast is not the picture
    run_before = keys("D", wait_for=DraftsScreen)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_credential_prompt(snap_compare: Any, so_backend_factory: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.push_screen(
            CredentialPrompt(
                "Password for agent@example.com",
                "The server no longer accepts the session (401): sign in again to go on",
            )
        )
        await until(pilot, lambda: isinstance(pilot.app.screen, CredentialPrompt), "the prompt")
        still_cursors(pilot)
        await pilot.pause()

    assert snap_compare(
        FrozenQueueApp(so_backend_factory), terminal_size=(80, 24), run_before=run_before
    )


def test_queue_with_marks(snap_compare: Any, factory: Any) -> None:
    """Three tickets marked: the ✓ column, "3 marked" in the title, the marks' keys first."""
    run_before = keys("space", "space", "j", "space")
    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)


def test_bulk_confirm_counts_the_tickets(snap_compare: Any, factory: Any) -> None:
    from tickettui.ui.screens.pickers import ConfirmLoss

    run_before = keys("space", "space", "space", "c", wait_for=ConfirmLoss)
    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)


def test_bulk_summary_names_each_failure(snap_compare: Any, so_backend_factory: Any) -> None:
    """The summary of a bulk action that did not all go (its report made here: a real run
    writes the server's clock into the list); tests/ui/test_bulk_actions.py runs them."""
    from tickettui.core.bulk import BulkReport, Outcome, TicketResult
    from tickettui.core.bulk_changes import BulkChange, ChangeKind
    from tickettui.core.domain import Choice
    from tickettui.ui.screens.bulk_summary import BulkSummary

    report = BulkReport(
        BulkChange.field(ChangeKind.PRIORITY, Choice("3", "High")),
        [
            TicketResult(140, Outcome.DONE),
            TicketResult(134, Outcome.UNCHANGED, "already so"),
            TicketResult(99999, Outcome.FAILED, "Ticket 99999 not found"),
            TicketResult(128, Outcome.FAILED, "Someone else changed priority meanwhile"),
            TicketResult(126, Outcome.NOT_STARTED),
        ],
        stopped=True,
    )

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.push_screen(BulkSummary(report, {i: str(i) for i in (140, 134, 128, 126)}))
        await until(pilot, lambda: isinstance(pilot.app.screen, BulkSummary), "the summary")
        await pilot.pause()

    app = FrozenQueueApp(so_backend_factory)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_bulk_reply(snap_compare: Any, factory: Any) -> None:
    """One reply for the marked tickets (the palette's "Reply to marked")."""

    async def run_before(pilot: Pilot[Any]) -> None:
        from tickettui.ui.screens.bulk_compose import BulkCompose

        await settle(pilot)
        await pilot.press("space", "space")
        screen = pilot.app.screen
        assert isinstance(screen, QueueScreen)
        screen.bulk_message(False)
        await until(pilot, lambda: isinstance(pilot.app.screen, BulkCompose), "the editor")
        still_cursors(pilot)
        await pilot.press(*"Fixed", "full_stop")
        await pilot.pause()

    assert snap_compare(FrozenQueueApp(factory), terminal_size=(80, 24), run_before=run_before)


# --- the ticket and what opens from it ----------------------------------------------------


def test_ticket_at_160x50(snap_compare: Any, factory: Any, system: str) -> None:
    assert snap_compare(
        FrozenDetailApp(factory, TICKETS[system]), terminal_size=(160, 50), run_before=settle
    )


def test_ticket_help(snap_compare: Any, factory: Any, system: str) -> None:
    from tickettui.ui.screens.help import HelpScreen

    run_before = keys("question_mark", wait_for=HelpScreen)
    app = FrozenDetailApp(factory, TICKETS[system])
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_reply_keeps_the_message_answered_in_view(
    snap_compare: Any, factory: Any, system: str
) -> None:
    run_before = typed("r", "Thanks,", "enter", "we", "space", "are", "space", "on", "space", "it.")
    app = FrozenDetailApp(factory, TICKETS[system])
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_reply_at_160x50(snap_compare: Any, factory: Any, system: str) -> None:
    app = FrozenDetailApp(factory, TICKETS[system])
    assert snap_compare(app, terminal_size=(160, 50), run_before=typed("r", "Thanks."))


def test_note(snap_compare: Any, factory: Any, system: str) -> None:
    app = FrozenDetailApp(factory, TICKETS[system])
    assert snap_compare(app, terminal_size=(80, 24), run_before=typed("i", "Escalated."))


def test_discarding_a_reply_asks_first(snap_compare: Any, factory: Any, system: str) -> None:
    from tickettui.ui.screens.pickers import ConfirmLoss

    async def run_before(pilot: Pilot[Any]) -> None:
        await typed("r", "Thanks.")(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmLoss), "the question")
        await pilot.pause()

    app = FrozenDetailApp(factory, TICKETS[system])
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_restore_draft(snap_compare: Any, factory: Any, system: str) -> None:
    from tickettui.ui.screens.restore_draft import RestoreDraft

    drafts = DraftStore()
    drafts.put(draft(TICKETS[system], REPLY, "Thanks, we are on it."))
    app = FrozenDetailApp(factory, TICKETS[system], drafts=drafts)
    run_before = keys("r", wait_for=RestoreDraft)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_edit_form(snap_compare: Any, factory: Any, system: str) -> None:
    from tickettui.ui.screens.edit import EditScreen

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("e")
        app = pilot.app
        await until(
            pilot, lambda: isinstance(app.screen, EditScreen) and app.screen.ready, "the form"
        )
        still_cursors(pilot)
        await pilot.pause()

    app = FrozenDetailApp(factory, TICKETS[system])
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# --- helpers --------------------------------------------------------------------------------


def typed(key: str, *text: str) -> Steps:
    """Open the composer with ``key`` on the ticket, then type ``text`` (words or key names)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(key)
        await until(pilot, lambda: isinstance(pilot.app.screen, ComposeScreen), "the composer")
        await settle(pilot)
        still_cursors(pilot)
        for chunk in text:
            await pilot.press(*(chunk,) if chunk in ("enter", "space") else chunk)
        await settle(pilot)

    return run_before


def draft(ticket_id: int, kind: str, text: str) -> Draft:
    return Draft(
        ticket_id=ticket_id,
        saved_at=SAVED,
        base={},
        values={"text": text},
        kind=kind,
        number=str(ticket_id),
    )
