"""Bulk actions from the queue: the triage keys and palette commands act on the marked tickets
when there are marks (issue 14, item 2), through the core's bulk engine (``core.bulk``).

One action: choose the value (the same pickers as for one ticket), a confirm that says how many
tickets and what changes (only `y` says yes), then ``BulkRun`` with its progress in the status
line ("Closing 12/40… esc stops"). `esc` stops: no ticket is started after it, those in flight
finish. At the end the tickets done are unmarked, the others stay marked for a retry, and a
summary says what was done and why each failure failed (a dialog when any failed, else a toast).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding

from tickettui.core import zones
from tickettui.core.domain import QuickAction
from tickettui.core.safe_text import inert_line
from tickettui.ui.marks import Marks

if TYPE_CHECKING:
    from tickettui.core.bulk import BulkReport, BulkRun, Progress
    from tickettui.core.bulk_changes import BulkChange, ChangeKind
    from tickettui.core.domain import Choice
    from tickettui.ui.app import TicketApp

__all__ = ["BULK_BINDINGS", "BulkMixin", "confirm_text", "progress_text"]

BULK_BINDINGS = [
    # Before the queue's other esc keys: while a bulk action runs, esc stops it.
    Binding("escape", "stop_bulk", "Stop", id="bulk.stop"),
]


def _quick_change(action: QuickAction) -> ChangeKind:
    """The bulk change a triage key makes. (The core's bulk modules are imported when marked
    tickets are first acted on: the queue's first frame has no use for them.)"""
    from tickettui.core.bulk_changes import ChangeKind

    return {
        QuickAction.CLOSE: ChangeKind.CLOSE,
        QuickAction.ASSIGN_TO_ME: ChangeKind.TAKE,
        QuickAction.MARK_READ: ChangeKind.READ,
        QuickAction.MARK_UNREAD: ChangeKind.UNREAD,
        QuickAction.POSTPONE: ChangeKind.POSTPONE,
        QuickAction.SET_PRIORITY: ChangeKind.PRIORITY,
        QuickAction.SET_STATUS: ChangeKind.STATUS,
    }[action]


def _doing(kind: ChangeKind) -> str:
    from tickettui.core.bulk_changes import ChangeKind

    return {
        ChangeKind.STATUS: "Setting the status",
        ChangeKind.PRIORITY: "Setting the priority",
        ChangeKind.OWNER: "Assigning",
        ChangeKind.TAKE: "Taking",
        ChangeKind.CATEGORY: "Setting the category",
        ChangeKind.READ: "Marking read",
        ChangeKind.UNREAD: "Marking unread",
        ChangeKind.CLOSE: "Closing",
        ChangeKind.POSTPONE: "Postponing",
        ChangeKind.REPLY: "Replying",
        ChangeKind.NOTE: "Adding notes",
    }.get(kind, "Changing")


SHOWN_NUMBERS = 3  # tickets named in the confirm; the rest are counted


def tickets(count: int) -> str:
    return f"{count} ticket{'s' * (count != 1)}"


def confirm_text(change: BulkChange, numbers: list[str]) -> str:
    """ "Close 3 tickets (#481, #476, #474)?" — how many, which, and what changes."""
    shown = ", ".join(f"#{inert_line(n)}" for n in numbers[:SHOWN_NUMBERS])
    if len(numbers) > SHOWN_NUMBERS:
        shown += f" and {len(numbers) - SHOWN_NUMBERS} more"
    what = change.describe()
    return f"{what[:1].upper()}{what[1:]}: {tickets(len(numbers))} ({shown})?"


def progress_text(change: BulkChange, progress: Progress, stopping: bool) -> str:
    """The status line while it runs: "Closing 12/40…  esc stops"."""
    doing = _doing(change.kind)
    text = f"{doing} {progress.finished}/{progress.total}…"
    if progress.failed:
        text += f" {progress.failed} failed"
    return text + ("  stopping…" if stopping else "  esc stops")


class BulkMixin:
    """For the queue screen: needs ``marks``, ``app``, ``marked_numbers()``,
    ``bulk_finished(report)`` and ``bulk_progress_changed()``."""

    app: TicketApp
    marks: Marks
    bulk_progress: str = ""
    _bulk_run: BulkRun | None = None

    def marked_numbers(self, ticket_ids: list[int]) -> list[str]:
        raise NotImplementedError

    def bulk_progress_changed(self) -> None:
        raise NotImplementedError

    def bulk_finished(self, report: BulkReport) -> None:
        raise NotImplementedError

    @property
    def bulk_running(self) -> bool:
        return self._bulk_run is not None

    def action_stop_bulk(self) -> None:
        run = self._bulk_run
        if run is not None:
            run.stop()
            self._show_progress(run)

    # --- choosing what to change -------------------------------------------------------------

    @work(group="bulk", exclusive=True)
    async def bulk_quick(self, action: QuickAction) -> None:
        """A triage key on the marked tickets."""
        ids = self.marks.ids
        kind = _quick_change(action)
        try:
            change = await self._choose(kind, ids)
        except Exception as error:
            self.app.report_error(error, tickets(len(ids)))
            return
        if change is not None:
            await self._confirm_and_run(ids, change)

    @work(group="bulk", exclusive=True)
    async def bulk_field(self, kind: ChangeKind) -> None:
        """A palette command on the marked tickets: category or owner."""
        ids = self.marks.ids
        try:
            change = await self._choose(kind, ids)
        except Exception as error:
            self.app.report_error(error, tickets(len(ids)))
            return
        if change is not None:
            await self._confirm_and_run(ids, change)

    @work(group="bulk", exclusive=True)
    async def bulk_message(self, internal: bool) -> None:
        """A palette command: one reply (or note) sent to each marked ticket."""
        from tickettui.ui.screens.bulk_compose import BulkCompose

        ids = self.marks.ids
        caps = self.app.capabilities
        title = caps.note_title if internal else caps.reply_title
        hint = caps.note_hint if internal else caps.reply_hint
        text = await self.app.push_screen_wait(
            BulkCompose(f"{title} on each of {tickets(len(ids))}", hint)
        )
        if text:
            from tickettui.core.bulk_changes import BulkChange

            change = BulkChange.message(text, internal=internal)
            await self._confirm_and_run(ids, change)

    async def _choose(self, kind: ChangeKind, ids: list[int]) -> BulkChange | None:
        from tickettui.core.bulk_changes import BulkChange, ChangeKind, field_key
        from tickettui.ui.screens.pickers import ChoicePicker, DatePrompt

        app = self.app
        count = tickets(len(ids))
        if kind is ChangeKind.TAKE:
            return BulkChange.take()
        if kind in (ChangeKind.CLOSE, ChangeKind.READ, ChangeKind.UNREAD):
            return BulkChange(kind)
        if kind is ChangeKind.POSTPONE:
            until = await app.push_screen_wait(DatePrompt(f"Postpone {count} until"))
            if until is None:
                return None
            return BulkChange.postpone(_aware(until))
        key = field_key(app.capabilities, kind)
        form = await app.backend.edit_form(ids[0])  # the field's choices, as for one ticket
        choices: list[Choice] = list(form.spec(key).choices)
        name = form.spec(key).label or kind.value.title()
        picked = await app.push_screen_wait(ChoicePicker(f"{name} of {count}", choices))
        if picked is None:
            return None
        choice = next(c for c in choices if c.value == picked)
        return BulkChange.field(kind, choice)

    # --- confirm, run, report ----------------------------------------------------------------

    async def _confirm_and_run(self, ids: list[int], change: BulkChange) -> None:
        from tickettui.ui.screens.pickers import ConfirmLoss

        app = self.app
        question = confirm_text(change, self.marked_numbers(ids))
        if not await app.push_screen_wait(ConfirmLoss(question)):
            return
        from tickettui.core.bulk import BulkRun  # the engine, once a bulk change is asked for

        run = BulkRun(app.backend, ids, change, on_progress=lambda _p: self._show_progress(run))
        self._bulk_run = run
        self._show_progress(run)
        try:
            report = await run.run()
        except Exception as error:  # refused before anything was sent (BadChange)
            app.report_error(error, tickets(len(ids)))
            return
        finally:
            self._bulk_run = None
            self.bulk_progress = ""
            self.bulk_progress_changed()
        # Named while still marked (the summary names the ones that stay, by their numbers).
        ids = report_ids(report)
        numbers = dict(zip(ids, self.marked_numbers(ids), strict=True))
        self.marks.drop(r.ticket_id for r in report.results if r.ok)
        self.bulk_finished(report)
        self._summarise(report, numbers)

    def _show_progress(self, run: BulkRun) -> None:
        self.bulk_progress = progress_text(run.change, run.progress(), run.stopping)
        self.bulk_progress_changed()

    def _summarise(self, report: BulkReport, numbers: dict[int, str]) -> None:
        from tickettui.ui.screens.bulk_summary import BulkSummary, summary_line

        line = summary_line(report)
        if report.all_ok:
            self.app.notify(line, markup=False)
            return
        self.app.notify(line, severity="warning", timeout=10, markup=False)
        self.app.push_screen(BulkSummary(report, numbers))


def report_ids(report: BulkReport) -> list[int]:
    return [r.ticket_id for r in report.results]


def _aware(moment: datetime) -> datetime:
    """A typed date is in the display zone; the engine wants an aware moment."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zones.now().tzinfo)
