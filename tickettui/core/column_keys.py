"""How each queue column sorts, by what its values mean rather than as text; and which
priorities are urgent enough to stand out.

A sort key of None sorts last in either direction (an empty cell, a missing date). Keys of one
column always compare with each other: ``(int, str)`` tuples, floats, ints or strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from tickettui.core.domain import ReadStatus, StatusKind, TicketSummary

__all__ = [
    "PRIORITY_GLYPHS",
    "PriorityLevel",
    "date_key",
    "number_key",
    "priority_emphasis",
    "priority_key",
    "priority_level",
    "read_key",
    "status_key",
    "text_key",
]

_READ_RANK: Mapping[ReadStatus, int] = {
    ReadStatus.UNREAD: 0,
    ReadStatus.NEW_INFO: 1,
    ReadStatus.READ: 2,
    ReadStatus.UNKNOWN: 3,
}
# Work first: what is open, then what waits, then what is done.
_STATUS_RANK: Mapping[StatusKind, int] = {
    StatusKind.ACTIVE: 0,
    StatusKind.POSTPONED: 1,
    StatusKind.CLOSED: 2,
    StatusKind.OTHER: 3,
}
_NO_RANK = 1 << 30  # a priority the system did not rank sorts after every ranked one


def read_key(ticket: TicketSummary) -> int:
    return _READ_RANK[ticket.read_status]


def number_key(ticket: TicketSummary) -> int:
    # Numeric, so #9 comes before #10; a non-numeric number ("T-12") sorts by its ticket id.
    number = ticket.number
    return int(number) if number.isdigit() else ticket.id


def text_key(value: str) -> str | None:
    return value.casefold() if value else None  # empty cells sort last, like missing dates


def date_key(moment: datetime | None) -> float | None:
    # timestamp() handles naive (local) and aware times alike, so mixed data still compares.
    return None if moment is None else moment.timestamp()


def priority_key(ticket: TicketSummary) -> tuple[int, str] | None:
    """The system's own order (SuperOffice's priority sort order, WHMCS Low < Medium < High),
    the name between equals; a priority the system gave no rank goes after the ranked ones."""
    if not ticket.priority:
        return None
    rank = ticket.priority_rank
    return (_NO_RANK if rank is None else rank, ticket.priority.casefold())


def status_key(ticket: TicketSummary) -> tuple[int, str] | None:
    """By base status (active, postponed, closed, other), then by the status's name."""
    if not ticket.status:
        return None
    return (_STATUS_RANK[ticket.status_kind], ticket.status.casefold())


class PriorityLevel(StrEnum):
    """A priority that stands out in the queue: coloured, or marked by a glyph without colour."""

    HIGH = "high"
    CRITICAL = "critical"


# Systems name their priorities freely (a tenant's own list): the usual words, in the languages
# of the systems' tenants (English, Norwegian, Swedish, Danish, Italian, German).
_CRITICAL_WORDS = ("critical", "urgent", "blocker", "kritisk", "critico", "critica", "kritisch")
_HIGH_WORDS = ("high", "høy", "hög", "høj", "alta", "alto", "hoch")
PRIORITY_GLYPHS: Mapping[PriorityLevel, str] = {
    PriorityLevel.CRITICAL: "‼",
    PriorityLevel.HIGH: "!",
}


def priority_level(ticket: TicketSummary) -> PriorityLevel | None:
    """CRITICAL or HIGH where the priority's name says so ("Critical", "Urgent", "High",
    "1 - High", "Høy"); None for every other priority."""
    name = ticket.priority.casefold()
    if not name:
        return None
    words = "".join(c if c.isalnum() else " " for c in name).split()
    if any(word in _CRITICAL_WORDS for word in words):
        return PriorityLevel.CRITICAL
    if any(word in _HIGH_WORDS for word in words):
        return PriorityLevel.HIGH
    return None


def priority_emphasis(ticket: TicketSummary) -> PriorityLevel | None:
    """How the queue marks the ticket's priority: its level, unless the ticket is closed
    (done work need not stand out)."""
    if ticket.status_kind is StatusKind.CLOSED:
        return None
    return priority_level(ticket)
