"""`tickettui update`: one or more changes to many tickets, for scripts (the bulk engine).

Everything is checked before the first write: each ticket number is resolved as `show` does,
each name is matched (any case) against the system's own choices, each change against what the
system can do. Bad input is one line on stderr and exit status 2; nothing is written. Then each
change runs over all the tickets (``core.bulk``: four at a time, the system's call over many
ids where it has one, a lost answer read back and never sent twice) and every ticket's result
is printed, as a table or as JSON. Exit status 1 when any ticket failed (or its outcome is
unknown), 0 when every ticket is done or already so.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import click

from tickettui.cli_support import EXIT_INTERRUPTED, fail, friendly_errors
from tickettui.connection import ConnectionFlags
from tickettui.core.backend import Backend
from tickettui.core.bulk import BulkReport, BulkRun, Outcome, Progress, TicketResult
from tickettui.core.bulk_changes import (
    BadChange,
    BulkChange,
    ChangeKind,
    field_key,
    match_choice,
    unsupported,
)
from tickettui.core.errors import AmbiguousNumber, NotFound
from tickettui.core.safe_text import inert_line

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILED", "update_command"]

EXIT_FAILED = 1  # a ticket failed, or its outcome is unknown
EXIT_BAD_INPUT = 2  # nothing was written: an unknown ticket, name or option (as click's usage)

UPDATE_EPILOG = """\b
Examples:
  tickettui update 7 8 9 --status closed            names in any case
  tickettui update 7 8 --priority high --owner me   two changes, each over both tickets
  tickettui update 616611 616612 --close --note "Duplicate of 616600"
  tickettui update 7 8 --postpone "tomorrow 9:00"   or 2026-11-25 14:00, +2d, +3h
  tickettui update 7 8 9 --read --json              one JSON object per ticket and change
  tickettui update 7 8 9 --status "in progress" --dry-run   what would change; nothing written

\b
TICKET is the number you see (616611, ABC-123456 or 7), #N for only that number, id:N for
the internal id. Every number, name and option is checked before anything is written (exit
status 2, one line, when one is wrong). Up to four tickets at a time; read/unread and
--owner me go in one call where the system has one (SuperOffice). A ticket already so counts
as done without a write; an answer lost on the way is read back, never sent twice.
Exit status 1 when a ticket failed or its outcome is unknown (look at it, then run again).
Ctrl+C stops sending: tickets in flight finish, every ticket's result is still printed
(those not started as "not started"), exit status 130.
"""


class BadInput(BadChange):
    """Something on the command line cannot be done: nothing was written."""


@dataclass(frozen=True, slots=True)
class Wanted:
    """The options as given, before they are checked against the system."""

    status: str | None = None
    priority: str | None = None
    owner: str | None = None
    category: str | None = None
    read: bool | None = None  # True --read, False --unread
    close: bool = False
    postpone: str | None = None
    reply: str | None = None
    note: str | None = None

    def any(self) -> bool:
        return any(
            (self.status, self.priority, self.owner, self.category, self.read is not None)
        ) or any((self.close, self.postpone, self.reply is not None, self.note is not None))


async def plan(backend: Backend, wanted: Wanted) -> list[BulkChange]:
    """The changes, in the order they run, each checked; BadInput for the first that is not."""
    caps = backend.capabilities
    changes: list[BulkChange] = []

    async def field(kind: ChangeKind, name: str | None, option: str) -> None:
        if name is None:
            return
        if kind is ChangeKind.OWNER and name.strip().casefold() == "me":
            kind = ChangeKind.TAKE
        _supported(backend, kind, option)
        if kind is ChangeKind.TAKE:
            changes.append(BulkChange.take())
            return
        key = field_key(caps, kind)
        try:
            choices = await backend.choices(key)
        except KeyError:
            raise BadInput(f"{option}: {caps.system_name} has no {kind.value} to set") from None
        what = caps.column_titles.get(kind.value, kind.value).lower()
        try:
            changes.append(BulkChange.field(kind, match_choice(choices, name, what=what)))
        except BadChange as error:
            raise BadInput(f"{option}: {error}") from None

    await field(ChangeKind.STATUS, wanted.status, "--status")
    await field(ChangeKind.PRIORITY, wanted.priority, "--priority")
    await field(ChangeKind.CATEGORY, wanted.category, "--category")
    await field(ChangeKind.OWNER, wanted.owner, "--owner")
    if wanted.read is not None:
        kind = ChangeKind.READ if wanted.read else ChangeKind.UNREAD
        _supported(backend, kind, f"--{kind.value}")
        changes.append(BulkChange(kind))
    if wanted.close:
        _supported(backend, ChangeKind.CLOSE, "--close")
        changes.append(BulkChange(ChangeKind.CLOSE))
    if wanted.postpone is not None:
        _supported(backend, ChangeKind.POSTPONE, "--postpone")
        changes.append(BulkChange.postpone(_moment(wanted.postpone)))
    for text, internal, option in ((wanted.reply, False, "--reply"), (wanted.note, True, "--note")):
        if text is None:
            continue
        if internal:
            _supported(backend, ChangeKind.NOTE, option)
        try:
            changes.append(BulkChange.message(text, internal=internal))
        except BadChange as error:
            raise BadInput(f"{option}: {error}") from None
    return changes


def _supported(backend: Backend, kind: ChangeKind, option: str) -> None:
    why = unsupported(backend.capabilities, kind)
    if why is not None:
        raise BadInput(f"{option}: {why}")


def _moment(text: str) -> Any:
    from tickettui.core.date_input import parse_user_datetime
    from tickettui.core.zones import now

    try:
        when = parse_user_datetime(text, now())
    except ValueError as error:
        raise BadInput(f"--postpone: {error}") from None
    if when is None:
        raise BadInput("--postpone: give a date and time to postpone until")
    return when


async def resolve_all(backend: Backend, tickets: Sequence[str]) -> dict[str, int]:
    """Each number as typed -> its id; BadInput naming the first that is no ticket."""
    ids: dict[str, int] = {}
    for number in dict.fromkeys(tickets):
        try:
            ids[number] = await backend.resolve(number)
        except (NotFound, AmbiguousNumber) as error:
            raise BadInput(str(error)) from None
    return ids


@dataclass(frozen=True, slots=True)
class Row:
    number: str
    change: BulkChange
    result: TicketResult


class Stopper:
    """Ctrl-C while changes run: no ticket is started after it (those in flight finish), the
    changes not begun yet are not started either, and every ticket is still reported."""

    def __init__(self) -> None:
        self.stopped = False
        self.run: BulkRun | None = None

    def stop(self) -> None:
        self.stopped = True
        if self.run is not None:
            self.run.stop()


async def update(
    backend: Backend,
    tickets: Sequence[str],
    wanted: Wanted,
    *,
    dry_run: bool,
    stopper: Stopper | None = None,
    on_progress: Callable[[BulkChange, Progress], None] | None = None,
) -> list[Row]:
    """Check everything, then run each change over every ticket; a row per ticket and change."""
    if not wanted.any():
        raise BadInput(
            "Nothing to change: give --status, --priority, --owner, --close... (see --help)"
        )
    changes = await plan(backend, wanted)
    await backend.current_user()  # signs in: a wrong password is one line, not one per ticket
    ids = await resolve_all(backend, tickets)
    number_of = {ticket_id: number for number, ticket_id in ids.items()}
    stopper = stopper or Stopper()
    rows: list[Row] = []
    for change in changes:
        if stopper.stopped:
            results = [TicketResult(i, Outcome.NOT_STARTED) for i in ids.values()]
        else:

            def progress(done: Progress, change: BulkChange = change) -> None:
                if on_progress is not None:
                    on_progress(change, done)

            stopper.run = BulkRun(
                backend, ids.values(), change, dry_run=dry_run, on_progress=progress
            )
            report: BulkReport = await stopper.run.run()
            results = report.results
        rows += [Row(number_of[r.ticket_id], change, r) for r in results]
    return rows


def row_json(row: Row, dry_run: bool) -> dict[str, Any]:
    """camelCase like `list --json`; empty fields left out."""
    data: dict[str, Any] = {
        "id": row.result.ticket_id,
        "number": inert_line(row.number.lstrip("#")),
        "change": row.change.kind.value,
        "description": row.change.describe(),
        "outcome": row.result.outcome.value,
        "ok": row.result.ok,
        "dryRun": dry_run,
    }
    if row.result.before:
        data["before"] = row.result.before
    if row.result.reason:
        data["reason"] = row.result.reason
    return data


def _result_word(outcome: Outcome) -> str:
    """What went wrong stands out in a table: FAILED, UNKNOWN."""
    bad = outcome in (Outcome.FAILED, Outcome.UNKNOWN)
    return outcome.words.upper() if bad else outcome.words


def print_rows(rows: Sequence[Row], dry_run: bool) -> None:
    """A table: ticket, change, result, detail (every cell inert, one line)."""
    table = [
        (
            inert_line(r.number.lstrip("#")),
            r.change.describe(),
            _result_word(r.result.outcome),
            _detail(r.result),
        )
        for r in rows
    ]
    head = ("TICKET", "CHANGE", "RESULT", "DETAIL")
    widths = [max(len(line[i]) for line in [head, *table]) for i in range(3)]
    for line in [head, *table]:
        cells = [cell.ljust(width) for cell, width in zip(line, widths, strict=False)]
        click.echo("  ".join([*cells, line[3]]).rstrip())
    counts = Counter(r.result.outcome for r in rows)
    summary = ", ".join(f"{counts[o]} {o.words}" for o in Outcome if counts[o])
    click.echo(f"dry run, nothing was written: {summary}" if dry_run else summary)


def _detail(result: TicketResult) -> str:
    if result.outcome is Outcome.WOULD_CHANGE:
        return result.reason
    if result.outcome is Outcome.UNCHANGED:
        return result.before
    return result.reason


@click.command("update", epilog=UPDATE_EPILOG)
@click.argument("tickets", nargs=-1, required=True, metavar="TICKET...")
@click.option("--status", default=None, metavar="NAME", help="Set the status (a name, any case).")
@click.option("--priority", default=None, metavar="NAME", help="Set the priority.")
@click.option("--owner", default=None, metavar="me|NAME", help="Assign: 'me' takes them.")
@click.option(
    "--category", default=None, metavar="NAME", help="Set the category (Keliweb: department)."
)
@click.option("--read/--unread", "read", default=None, help="Mark read, or unread.")
@click.option("--close", is_flag=True, help="Close them.")
@click.option("--postpone", default=None, metavar="WHEN", help='Postpone until WHEN, e.g. "+2d".')
@click.option("--reply", default=None, metavar="TEXT", help="Send this reply to each ticket.")
@click.option("--note", default=None, metavar="TEXT", help="Add this internal note to each.")
@click.option("--dry-run", is_flag=True, help="Read each ticket and say what would change.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one array).")
@click.pass_obj
@friendly_errors
def update_command(
    flags: ConnectionFlags,
    tickets: tuple[str, ...],
    status: str | None,
    priority: str | None,
    owner: str | None,
    category: str | None,
    read: bool | None,
    close: bool,
    postpone: str | None,
    reply: str | None,
    note: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Change many tickets at once: status, priority, owner, category, read or unread, close,
    postpone, one reply or note each. Prints each ticket's result."""
    from tickettui.cli_output import json_text
    from tickettui.cli_tickets import _with_backend

    wanted = Wanted(status, priority, owner, category, read, close, postpone, reply, note)
    stopper = Stopper()
    progress = ProgressLine() if sys.stderr.isatty() else None

    async def work(backend: Backend) -> list[Row]:
        with ctrl_c_stops(stopper):
            try:
                return await update(
                    backend,
                    tickets,
                    wanted,
                    dry_run=dry_run,
                    stopper=stopper,
                    on_progress=progress.show if progress else None,
                )
            finally:
                if progress is not None:
                    progress.clear()

    try:
        rows = _with_backend(flags, work)
    except BadInput as error:
        fail(str(error))
        sys.exit(EXIT_BAD_INPUT)
    if as_json:
        click.echo(json_text([row_json(r, dry_run) for r in rows]))
    else:
        print_rows(rows, dry_run)
    if stopper.stopped:
        fail("stopped (ctrl+c): the tickets not started were not changed")
        sys.exit(EXIT_INTERRUPTED)
    if not all(r.result.ok for r in rows):
        sys.exit(EXIT_FAILED)


@contextlib.contextmanager
def ctrl_c_stops(stopper: Stopper) -> Iterator[None]:
    """The first ctrl+c stops sending (see Stopper); a second one ends the command at once."""
    loop = asyncio.get_running_loop()

    def first() -> None:
        stopper.stop()
        loop.remove_signal_handler(signal.SIGINT)  # the next one interrupts as usual

    try:
        loop.add_signal_handler(signal.SIGINT, first)
    except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, Windows
        yield
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGINT)


class ProgressLine:
    """ "status: 12/40, 1 failed" on a terminal's stderr, rewritten in place, then cleared."""

    def __init__(self) -> None:
        self._width = 0

    def show(self, change: BulkChange, progress: Progress) -> None:
        failed = f", {progress.failed} failed" if progress.failed else ""
        text = f"{change.kind.value}: {progress.finished}/{progress.total}{failed}"
        self._width = max(self._width, len(text))
        click.echo("\r" + text.ljust(self._width), err=True, nl=False)

    def clear(self) -> None:
        if self._width:
            click.echo("\r" + " " * self._width + "\r", err=True, nl=False)
