"""What a bulk action reports: one result per ticket, progress while it runs, a summary.

Kept apart from the engine (``core.bulk``) so the screens and the command line that show a
report need not read how one is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from tickettui.core.bulk_changes import BulkChange

__all__ = ["BulkReport", "Outcome", "Progress", "TicketResult", "outcome_counts"]


class Outcome(StrEnum):
    DONE = "done"  # changed (the server confirmed it, or reading it back showed it)
    UNCHANGED = "unchanged"  # already so: counts as done, nothing was written
    WOULD_CHANGE = "would_change"  # dry run: would be changed
    FAILED = "failed"  # not changed; ``reason`` says why
    UNKNOWN = "unknown"  # the answer was lost and reading back could not tell: reload first
    NOT_STARTED = "not_started"  # stopped before its turn

    @property
    def ok(self) -> bool:
        return self in (Outcome.DONE, Outcome.UNCHANGED, Outcome.WOULD_CHANGE)

    @property
    def words(self) -> str:
        """How a summary or a table says it: "done", "already so", "not started"..."""
        return _WORDS[self]


_WORDS = {
    Outcome.DONE: "done",
    Outcome.UNCHANGED: "already so",
    Outcome.WOULD_CHANGE: "would change",
    Outcome.FAILED: "failed",
    Outcome.UNKNOWN: "unknown",
    Outcome.NOT_STARTED: "not started",
}


@dataclass(frozen=True, slots=True)
class TicketResult:
    ticket_id: int
    outcome: Outcome
    # FAILED/UNKNOWN: why, one inert line; DONE: a note where there is one ("not confirmed by
    # the server; read back: it has the change"); dry run: what would change.
    reason: str = ""
    before: str = ""  # what the ticket had, as the agent reads it, where it was read

    @property
    def ok(self) -> bool:
        return self.outcome.ok


@dataclass(frozen=True, slots=True)
class Progress:
    done: int  # DONE, UNCHANGED, WOULD_CHANGE
    failed: int  # FAILED, UNKNOWN
    total: int

    @property
    def finished(self) -> int:
        return self.done + self.failed


@dataclass(slots=True)
class BulkReport:
    change: BulkChange
    results: list[TicketResult]  # one per ticket, in the order given
    dry_run: bool = False
    stopped: bool = False

    def of(self, *outcomes: Outcome) -> list[TicketResult]:
        return [r for r in self.results if r.outcome in outcomes]

    @property
    def done(self) -> list[TicketResult]:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[TicketResult]:
        return self.of(Outcome.FAILED, Outcome.UNKNOWN)

    @property
    def not_started(self) -> list[TicketResult]:
        return self.of(Outcome.NOT_STARTED)

    @property
    def all_ok(self) -> bool:
        return all(r.ok for r in self.results)

    def summary(self) -> str:
        """One line: "12 done, 3 already so, 2 failed, 5 not started" (counts that are 0 left
        out); "nothing to do" for no tickets."""
        counts = outcome_counts(self)
        parts = [f"{n} {outcome.words}" for outcome, n in counts.items() if n]
        return ", ".join(parts) or "nothing to do"

    def retry_ids(self) -> list[int]:
        """The tickets to keep marked for another try: failed, unknown, not started."""
        return [r.ticket_id for r in self.results if not r.ok]


def outcome_counts(report: BulkReport) -> Mapping[Outcome, int]:
    """How many tickets ended each way (summaries)."""
    counts = dict.fromkeys(Outcome, 0)
    for result in report.results:
        counts[result.outcome] += 1
    return counts
