"""Live queues: a section's list kept current by fetching only what changed (UI-free, no clock).

A system that can say what changed since a point implements ``PollsChanges`` (and says so in
``Capabilities.change_polling``). Each tick it gets the section, the cursor it returned last
time (None the first time: it sets its starting point and reports nothing) and the rows held
now, and answers a ``ChangeBatch``: the rows that are new or changed *in the section*, the ids
that left it, and the cursor for the next tick. How each system finds them:

- SuperOffice: the Ticket archive with ``lastChanged afterTime '<mark - overlap>'``, once with
  the section's filter (the changed rows that are in it) and once without it, ids only (every
  changed ticket: one held but no longer matching has left the section). See
  ``systems/superoffice/changes.py``.
- Keliweb (WHMCS): no changed-since filter. The first pages, newest reply first, down to the
  first held ticket that has not changed; the total tells whether one left, and only then is
  the whole section read. See ``systems/keliweb/changes.py``.

``LiveSection`` merges a batch into the held rows by id (changed rows replaced where they are,
new ones put first, the ones that left removed), flags new and changed tickets until seen and
counts them. Built for 100,000 rows: a tick costs what changed, plus one pass over the rows
only when some left.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Protocol, runtime_checkable

from tickettui.core.domain import Capabilities, Section, TicketSummary
from tickettui.core.errors import TicketTuiError

__all__ = [
    "ChangeBatch",
    "ChangeCursor",
    "Flag",
    "LiveSection",
    "Merged",
    "PollsChanges",
    "change_poller",
]


@dataclass(frozen=True, slots=True)
class ChangeCursor:
    """Where the last tick stopped: the newest change seen (its time, as the server stamps it)
    and the (ticket id, change time) pairs already reported near it, so the overlap asked again
    is not reported twice. Systems without change times keep ``mark`` None."""

    mark: datetime | None = None
    seen: frozenset[tuple[int, datetime]] = frozenset()


@dataclass(slots=True)
class ChangeBatch:
    changed: list[TicketSummary] = field(default_factory=list)  # new or changed, in the section
    left: frozenset[int] = frozenset()  # held ids no longer in the section
    cursor: ChangeCursor = ChangeCursor()
    # The whole section, where the system had to read it all (then ``changed``/``left`` are
    # worked out from it here).
    complete: list[TicketSummary] | None = None


@runtime_checkable
class PollsChanges(Protocol):
    async def changes_since(
        self,
        section: Section,
        columns: Sequence[str],
        cursor: ChangeCursor | None,
        held: Mapping[int, TicketSummary],
    ) -> ChangeBatch:
        """What changed in ``section`` since ``cursor`` (None: start here, report nothing);
        ``held`` is the section's rows by id as the agent sees them."""
        ...


def change_poller(backend: object, capabilities: Capabilities) -> PollsChanges:
    """``backend`` as a ``PollsChanges``; one clear line where the system cannot say what
    changed (its sections are then only reloaded whole)."""
    if capabilities.change_polling and isinstance(backend, PollsChanges):
        return backend
    raise TicketTuiError(f"{capabilities.system_name} cannot tell what changed in a section")


class Flag(StrEnum):
    NEW = "new"  # came into the section since the agent last looked
    CHANGED = "changed"  # was there, and changed


@dataclass(frozen=True, slots=True)
class Merged:
    """What one merge did."""

    new: tuple[int, ...] = ()  # ids new to the section (for the bell or notification)
    changed: tuple[int, ...] = ()
    left: tuple[int, ...] = ()

    @property
    def anything(self) -> bool:
        return bool(self.new or self.changed or self.left)


class LiveSection:
    """One section's rows as a live list: the rows, the cursor, the flags until seen."""

    def __init__(self, key: str, tickets: list[TicketSummary]) -> None:
        self.key = key
        self.cursor: ChangeCursor | None = None
        self.flags: dict[int, Flag] = {}
        self._tickets = tickets
        self._index: dict[int, int] | None = None

    # --- the rows ------------------------------------------------------------------------

    @property
    def tickets(self) -> list[TicketSummary]:
        return self._tickets

    def reset(self, tickets: list[TicketSummary]) -> None:
        """A whole fresh list (a full load): flags of tickets gone are dropped; the cursor stays
        (changes since it are still to come)."""
        self._tickets = tickets
        self._index = None
        ids = self.held()
        self.flags = {i: f for i, f in self.flags.items() if i in ids}

    def held(self) -> Mapping[int, int]:
        """Position of each held ticket by id (built once per list, kept up as rows change)."""
        if self._index is None:
            self._index = {t.id: n for n, t in enumerate(self._tickets)}
        return self._index

    def by_id(self) -> Mapping[int, TicketSummary]:
        """The rows by id: a view over the list and its index, made at no cost (a tick over
        100,000 rows must not copy them)."""
        return _ById(self.held(), self._tickets)

    # --- a tick --------------------------------------------------------------------------

    def merge(self, batch: ChangeBatch) -> Merged:
        """Take ``batch`` in: rows replaced by id, new ones first, the ones that left removed."""
        self.cursor = batch.cursor
        if batch.complete is not None:
            return self._merge_complete(batch.complete)
        index = self.held()
        tickets = self._tickets
        new: list[TicketSummary] = []
        changed: list[int] = []
        for ticket in batch.changed:
            at = index.get(ticket.id)
            if at is None:
                new.append(ticket)
                continue
            if _same(tickets[at], ticket):
                tickets[at] = ticket  # a change time filled in: nothing the agent would see
                continue
            tickets[at] = ticket
            changed.append(ticket.id)
            if self.flags.get(ticket.id) is not Flag.NEW:
                self.flags[ticket.id] = Flag.CHANGED
        left = [i for i in batch.left if i in index]
        if left:
            gone = set(left)
            tickets[:] = [t for t in tickets if t.id not in gone]
            for i in gone:
                self.flags.pop(i, None)
            self._index = None
        if new:
            # Newest first, as the section's default order has them; the list's own sort (the
            # agent's) puts them in place.
            new.reverse()
            tickets[:0] = new
            self._index = None
            for ticket in new:
                self.flags[ticket.id] = Flag.NEW
        return Merged(tuple(t.id for t in new), tuple(changed), tuple(left))

    def _merge_complete(self, fresh: list[TicketSummary]) -> Merged:
        before = dict(self.by_id())
        new = tuple(t.id for t in fresh if t.id not in before)
        changed = tuple(t.id for t in fresh if t.id in before and not _same(before[t.id], t))
        ids = {t.id for t in fresh}
        left = tuple(i for i in before if i not in ids)
        self._tickets[:] = fresh
        self._index = None
        for i in left:
            self.flags.pop(i, None)
        for i in changed:
            if self.flags.get(i) is not Flag.NEW:
                self.flags[i] = Flag.CHANGED
        for i in new:
            self.flags[i] = Flag.NEW
        return Merged(new, changed, left)

    # --- seen ----------------------------------------------------------------------------

    @property
    def unseen(self) -> int:
        """How many flagged tickets the agent has not looked at (the tab's count)."""
        return len(self.flags)

    def flag(self, ticket_id: int) -> Flag | None:
        return self.flags.get(ticket_id)

    def seen(self, ticket_ids: Iterable[int]) -> None:
        for ticket_id in ticket_ids:
            self.flags.pop(ticket_id, None)

    def seen_all(self) -> None:
        self.flags.clear()


class _ById(Mapping[int, TicketSummary]):
    __slots__ = ("_index", "_tickets")

    def __init__(self, index: Mapping[int, int], tickets: list[TicketSummary]) -> None:
        self._index = index
        self._tickets = tickets

    def __getitem__(self, ticket_id: int) -> TicketSummary:
        return self._tickets[self._index[ticket_id]]

    def __contains__(self, ticket_id: object) -> bool:
        return ticket_id in self._index

    def __iter__(self) -> Iterator[int]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def _same(held: TicketSummary, fresh: TicketSummary) -> bool:
    """Whether the agent would see a difference: a held row without a change time (its column
    not fetched) is compared as if it had the fresh one."""
    if held.last_changed is None and fresh.last_changed is not None:
        held = replace(held, last_changed=fresh.last_changed)
    return held == fresh
