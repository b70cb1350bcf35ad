"""Bulk actions: one change over many tickets, with the rules of a single save.

Use::

    run = BulkRun(backend, ticket_ids, BulkChange.field(ChangeKind.STATUS, choice),
                  on_progress=lambda p: ..., dry_run=False)
    report = await run.run()          # in a worker; run.stop() from another task (Esc)
    for result in report.results:     # one per ticket, in the order given
        result.ticket_id, result.outcome, result.reason

What it does, ticket by ticket, at most ``CONCURRENCY`` (4) tickets in flight (each ticket's
requests one after another):

- a change of a field (status, priority, owner or "take", category) reads the ticket (its edit
  form), counts it done without a write when it already has the value, else saves through
  ``Backend.save``: re-read, three-way merge, read-back of a lost answer. Where the system
  offers ``BulkCall.FIELD_PATCH``, the values of all tickets are read in a few batch requests
  and each ticket gets one checked request (the server refuses it if the field moved since);
- close, postpone, read and unread go through ``Backend.quick_action`` after the same "already
  so?" look; a reply or a note through ``Backend.add_message`` (which reads back a lost answer);
- read/unread and "take" use the system's call over many ids (``BulkCall.READ_STATUS``,
  ``BulkCall.TAKE``) where it has one. If the server lacks it (``BulkCallMissing``: 404/405)
  or its answer is lost, those tickets go the ticket-by-ticket way, which reads each first: a
  change that landed is found there and never sent again.

Never twice: a write whose answer was lost is read back and decided (``core.read_back``), never
repeated blindly; what cannot be decided is reported ``UNKNOWN`` (reload before retrying).

``stop()``: no ticket is started after it; tickets in flight finish and are reported; the rest
are ``NOT_STARTED``. ``dry_run``: every ticket is read and reported ``WOULD_CHANGE`` (with what
it has now) or ``UNCHANGED``; nothing is written. Every ``reason`` is one inert line. The
report's types live in ``core.bulk_report`` (re-exported here).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from tickettui.core.backend import Backend, SaveResult
from tickettui.core.bulk_calls import BulkCall, BulkCallMissing, BulkCalls
from tickettui.core.bulk_changes import (
    FIELD_KINDS,
    BadChange,
    BulkChange,
    ChangeKind,
    field_key,
    unsupported,
)
from tickettui.core.bulk_report import (
    BulkReport,
    Outcome,
    Progress,
    TicketResult,
)
from tickettui.core.date_input import format_user_datetime
from tickettui.core.domain import (
    EditForm,
    FieldValue,
    QuickAction,
    ReadStatus,
    StatusKind,
)
from tickettui.core.errors import Conflict, OutcomeUnknown, ServerError, TicketTuiError
from tickettui.core.read_back import LostAnswer, read_back
from tickettui.core.safe_text import inert_line

__all__ = [
    "BULK_CHUNK",
    "CONCURRENCY",
    "BulkReport",
    "BulkRun",
    "Outcome",
    "Progress",
    "TicketResult",
    "run_bulk",
]

log = logging.getLogger("tickettui.core.bulk")

CONCURRENCY = 4  # tickets in flight: quick for the agent, gentle for the server
BULK_CHUNK = 500  # ids per call over many tickets
# The answer to a write is lost: it may have landed (a proxy's 5xx after the work, a cut link).
UNCONFIRMED = (OutcomeUnknown, ServerError)


ProgressCallback = Callable[[Progress], None]


@dataclass(slots=True)
class _Target:
    """The value a field change sets, and how it reads."""

    key: str
    value: FieldValue
    label: str


@dataclass(slots=True)
class _State:
    results: dict[int, TicketResult] = field(default_factory=dict)
    # Tickets whose call over many ids lost its answer: found changed later means "done".
    unconfirmed: set[int] = field(default_factory=set)
    # Values read in batch (BulkCall.FIELD_PATCH), by ticket.
    known: dict[int, FieldValue] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # the field's choices: value -> label
    patch_missing: bool = False


class BulkRun:
    """One bulk action; see the module docstring. ``run()`` once; ``stop()`` any time."""

    def __init__(
        self,
        backend: Backend,
        ticket_ids: Iterable[int],
        change: BulkChange,
        *,
        dry_run: bool = False,
        on_progress: ProgressCallback | None = None,
        concurrency: int = CONCURRENCY,
    ) -> None:
        self.backend = backend
        self.ids = list(dict.fromkeys(ticket_ids))
        self.change = change
        self.dry_run = dry_run
        self._on_progress = on_progress
        self._concurrency = max(1, concurrency)
        self._stopping = False
        self._state = _State()
        self._target: _Target | None = None
        self._server = backend.capabilities.system_name or "The server"

    # --- control -----------------------------------------------------------------------------

    def stop(self) -> None:
        """Start no more tickets; those in flight finish and are reported."""
        self._stopping = True

    @property
    def stopping(self) -> bool:
        return self._stopping

    def progress(self) -> Progress:
        results = self._state.results.values()
        done = sum(1 for r in results if r.ok)
        failed = sum(1 for r in results if r.outcome in (Outcome.FAILED, Outcome.UNKNOWN))
        return Progress(done, failed, len(self.ids))

    # --- the run -----------------------------------------------------------------------------

    async def run(self) -> BulkReport:
        """Every ticket's result. BadChange (nothing sent) when the system cannot make it."""
        kind = self.change.kind
        why = unsupported(self.backend.capabilities, kind)
        if why is not None:
            raise BadChange(why)
        if kind in FIELD_KINDS or kind is ChangeKind.TAKE:
            self._target = await self._field_target()
        pending: Sequence[int] = self.ids
        if not self.dry_run and kind in (ChangeKind.READ, ChangeKind.UNREAD):
            pending = await self._many(pending, BulkCall.READ_STATUS)
        elif not self.dry_run and kind is ChangeKind.TAKE:
            pending = await self._many(pending, BulkCall.TAKE)
        if pending and self._target is not None and self._offers(BulkCall.FIELD_PATCH):
            await self._read_values(pending, self._target.key)
        await self._ticket_by_ticket(pending)
        results = [
            self._state.results.get(i) or TicketResult(i, Outcome.NOT_STARTED) for i in self.ids
        ]
        return BulkReport(self.change, results, self.dry_run, self._stopping)

    def _record(self, result: TicketResult) -> None:
        self._state.results[result.ticket_id] = result
        if self._on_progress is not None:
            self._on_progress(self.progress())

    def _offers(self, call: BulkCall) -> bool:
        return call in self.backend.capabilities.bulk_calls and isinstance(self.backend, BulkCalls)

    async def _field_target(self) -> _Target:
        key = field_key(self.backend.capabilities, self.change.kind)
        if self.change.kind is ChangeKind.TAKE:
            me = await self.backend.my_owner_value()
            if me is None:
                raise BadChange(f"{self._server} has no agent to assign tickets to")
            return _Target(key, me, "me")
        value = self.change.value
        if not isinstance(value, str):
            raise BadChange(f"Nothing to set the {self.change.kind.value} to")
        return _Target(key, value, self.change.label or value)

    # --- calls over many tickets --------------------------------------------------------------

    async def _many(self, ids: Sequence[int], call: BulkCall) -> list[int]:
        """Send ``call`` for ``ids`` in chunks; the ids left for the ticket-by-ticket way."""
        if not self._offers(call):
            return list(ids)
        assert isinstance(self.backend, BulkCalls)
        calls: BulkCalls = self.backend
        left: list[int] = []
        chunks = [list(ids[i : i + BULK_CHUNK]) for i in range(0, len(ids), BULK_CHUNK)]
        for n, chunk in enumerate(chunks):
            if self._stopping:
                return left + [i for c in chunks[n:] for i in c]
            try:
                if call is BulkCall.READ_STATUS:
                    read = self.change.kind is ChangeKind.READ
                    updated = set(await calls.mark_read_many(chunk, read))
                else:
                    await calls.take_many(chunk)
                    updated = set(chunk)
            except BulkCallMissing as missing:
                log.info("%s not offered, ticket by ticket: %s", call.value, missing)
                return left + [i for c in chunks[n:] for i in c]
            except TicketTuiError as error:
                # Lost or refused: each ticket is read and decided on its own (never resent
                # blindly; these calls set a state, so a second one could not double anything).
                log.info("%s failed, deciding ticket by ticket: %s", call.value, error)
                if isinstance(error, UNCONFIRMED):
                    self._state.unconfirmed.update(chunk)
                left.extend(chunk)
                continue
            for ticket_id in chunk:
                if ticket_id in updated:
                    self._record(TicketResult(ticket_id, Outcome.DONE))
                else:
                    left.append(ticket_id)  # not updated (gone? no right?): the read will say
        return left

    async def _read_values(self, ids: Sequence[int], key: str) -> None:
        assert isinstance(self.backend, BulkCalls)
        try:
            choices = await self.backend.choices(key)
        except (KeyError, TicketTuiError):
            choices = ()  # values then read as they are
        self._state.labels = {c.value: inert_line(c.label) for c in choices}
        for start in range(0, len(ids), BULK_CHUNK):
            if self._stopping:
                return
            try:
                found = await self.backend.field_values(ids[start : start + BULK_CHUNK], key)
            except TicketTuiError as error:
                # Only a head start: without it each ticket is read on its own.
                log.info("batch read of %s failed: %s", key, error)
                return
            self._state.known.update(found)

    # --- ticket by ticket ---------------------------------------------------------------------

    async def _ticket_by_ticket(self, ids: Sequence[int]) -> None:
        queue = deque(i for i in ids if i not in self._state.results)

        async def worker() -> None:
            while queue and not self._stopping:
                ticket_id = queue.popleft()
                self._record(await self._one_safely(ticket_id))

        await asyncio.gather(*(worker() for _ in range(min(self._concurrency, len(queue)))))

    async def _one_safely(self, ticket_id: int) -> TicketResult:
        try:
            return await self._one(ticket_id)
        except OutcomeUnknown as error:
            return TicketResult(ticket_id, Outcome.UNKNOWN, str(error))
        except TicketTuiError as error:
            return TicketResult(ticket_id, Outcome.FAILED, str(error))
        except Exception as error:  # one ticket's surprise must not end the others
            log.exception("bulk %s on ticket %s", self.change.kind.value, ticket_id)
            what = " ".join(f"{type(error).__name__}: {error}".split())
            return TicketResult(ticket_id, Outcome.FAILED, inert_line(f"Unexpected error: {what}"))

    async def _one(self, ticket_id: int) -> TicketResult:
        kind = self.change.kind
        if self._target is not None:
            return await self._field(ticket_id, self._target)
        if kind in (ChangeKind.REPLY, ChangeKind.NOTE):
            internal = kind is ChangeKind.NOTE
            if self.dry_run:
                return TicketResult(ticket_id, Outcome.WOULD_CHANGE, f"would add one {kind.value}")
            await self.backend.add_message(ticket_id, self.change.text, internal=internal)
            return TicketResult(ticket_id, Outcome.DONE)
        return await self._quick(ticket_id, kind)

    async def _quick(self, ticket_id: int, kind: ChangeKind) -> TicketResult:
        """Close, postpone, read, unread: look first, then the single-ticket action."""
        detail = await self.backend.ticket(ticket_id)
        summary = detail.summary
        until = self.change.until
        if kind is ChangeKind.CLOSE:
            already = summary.status_kind is StatusKind.CLOSED
            before, action = summary.status, QuickAction.CLOSE
        elif kind is ChangeKind.POSTPONE:
            postponed = detail.postponed_until
            already = summary.status_kind is StatusKind.POSTPONED and postponed == until
            shown = format_user_datetime(postponed) if postponed is not None else ""
            before, action = (shown or summary.status), QuickAction.POSTPONE
        else:
            wanted = ReadStatus.READ if kind is ChangeKind.READ else ReadStatus.UNREAD
            already = summary.read_status is wanted
            before = summary.read_status.value.replace("_", " ")
            action = QuickAction.MARK_READ if kind is ChangeKind.READ else QuickAction.MARK_UNREAD
        before = inert_line(before)
        if already:
            return self._already(ticket_id, before)
        if self.dry_run:
            return TicketResult(ticket_id, Outcome.WOULD_CHANGE, self.change.describe(), before)
        saved = await self.backend.quick_action(ticket_id, action, until)
        return self._saved(ticket_id, saved, before)

    def _already(self, ticket_id: int, before: str) -> TicketResult:
        if ticket_id in self._state.unconfirmed and not self.dry_run:
            note = "not confirmed by the server; read back: it has the change"
            return TicketResult(ticket_id, Outcome.DONE, note, before)
        return TicketResult(ticket_id, Outcome.UNCHANGED, "already so", before)

    def _saved(self, ticket_id: int, saved: SaveResult, before: str) -> TicketResult:
        if saved.conflicts:
            keys = ", ".join(c.key for c in saved.conflicts)
            why = f"Someone else changed {keys} meanwhile; nothing was saved"
            return TicketResult(ticket_id, Outcome.FAILED, why, before)
        if not saved.saved:
            return TicketResult(ticket_id, Outcome.FAILED, "The server did not save it", before)
        return TicketResult(ticket_id, Outcome.DONE, inert_line(saved.note), before)

    # --- a field -------------------------------------------------------------------------------

    async def _field(self, ticket_id: int, target: _Target) -> TicketResult:
        state = self._state
        if ticket_id in state.known and not state.patch_missing:
            current = state.known[ticket_id]
            before = state.labels.get(str(current), inert_line(str(current or "")))
            if current == target.value:
                return self._already(ticket_id, before)
            if self.dry_run:
                would = self._would(target, before)
                return TicketResult(ticket_id, Outcome.WOULD_CHANGE, would, before)
            patched = await self._patch(ticket_id, target, current, before)
            if patched is not None:
                return patched
        form = await self.backend.edit_form(ticket_id)
        if not any(spec.key == target.key for spec in form.specs):
            why = f"This ticket has no {target.key} to change"
            return TicketResult(ticket_id, Outcome.FAILED, why)
        current = form.values.get(target.key)
        before = _label(form, target.key, current)
        if current == target.value:
            return self._already(ticket_id, before)
        if self.dry_run:
            return TicketResult(
                ticket_id, Outcome.WOULD_CHANGE, self._would(target, before), before
            )
        form.values[target.key] = target.value
        return self._saved(ticket_id, await self.backend.save(form), before)

    def _would(self, target: _Target, before: str = "") -> str:
        after = inert_line(target.label)
        return f"{before} → {after}" if before else f"→ {after}"

    async def _patch(
        self, ticket_id: int, target: _Target, current: FieldValue, before: str
    ) -> TicketResult | None:
        """One checked request; None to go the save way (the server cannot patch this)."""
        assert isinstance(self.backend, BulkCalls)
        try:
            await self.backend.patch_field(ticket_id, target.key, current, target.value)
        except BulkCallMissing as missing:
            log.info("no field patch, saving ticket by ticket: %s", missing)
            self._state.patch_missing = True
            return None
        except Conflict:
            # It moved since the batch read: decide on what it has now, as a merge would.
            form = await self.backend.edit_form(ticket_id)
            now = form.values.get(target.key)
            before = _label(form, target.key, now)
            if now == target.value:
                return self._already(ticket_id, before)
            if now == current:
                # Only the server's spelling of the value differed (an unassigned owner is 0,
                # 1 or null): nothing was changed, so the save way is safe.
                form.values[target.key] = target.value
                return self._saved(ticket_id, await self.backend.save(form), before)
            why = f"Someone else changed its {target.key} meanwhile (now {before}); not saved"
            return TicketResult(ticket_id, Outcome.FAILED, why, before)
        except UNCONFIRMED as error:
            await self._read_back_field(ticket_id, target, error)
            note = "not confirmed by the server; read back: it has the change"
            return TicketResult(ticket_id, Outcome.DONE, note, before)
        return TicketResult(ticket_id, Outcome.DONE, "", before)

    async def _read_back_field(
        self, ticket_id: int, target: _Target, error: TicketTuiError
    ) -> None:
        """Returns when the ticket has the value; NotApplied / OutcomeUnknown otherwise."""

        async def has_it() -> bool | None:
            form = await self.backend.edit_form(ticket_id)
            return True if form.values.get(target.key) == target.value else None

        what = f"the change to ticket {ticket_id}"
        lost = LostAnswer(error, self._server, what, "nothing else was changed", "try again")
        await read_back(has_it, lost)


def _label(form: EditForm, key: str, value: FieldValue) -> str:
    """How a choice reads (its label), else the value as text; inert."""
    for spec in form.specs:
        if spec.key == key:
            for choice in spec.choices:
                if choice.value == value:
                    return inert_line(choice.label)
    return inert_line("" if value is None else str(value))


async def run_bulk(
    backend: Backend,
    ticket_ids: Iterable[int],
    change: BulkChange,
    *,
    dry_run: bool = False,
    on_progress: ProgressCallback | None = None,
) -> BulkReport:
    """``BulkRun(...).run()`` for callers that never stop it (scripts)."""
    return await BulkRun(
        backend, ticket_ids, change, dry_run=dry_run, on_progress=on_progress
    ).run()
