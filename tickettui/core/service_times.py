"""A ticket's service times in words an agent reads right: what the metrics panel and
``tickettui show`` print. No Textual, no Rich.

``TimeMetrics`` holds seconds. Each counter comes twice:

- **business**: counted only within the office hours of the ticket's priority (SuperOffice's
  TimeToReply, TimeToClose, TimeSpent*). Shown in hours and minutes, never days: "62h 30m
  business". A day of office hours is not 24 hours, so "2d 14h" of them would read as two and a
  half calendar days when it is a week and a half of work.
- **24x7**: wall-clock time (the Real* twins), in days and hours: "43d 2h 24x7".

A time to reply or to close is measured when the reply or the close happens; until then the
system sends 0 ("not yet", not "no time at all"). Such a counter says so, with how long the
ticket has waited or how far past its deadline it is: "not replied yet · overdue 43d 2h".
The time spent in internal, external and queue statuses leaves out the status the ticket is
in now (it is added when the ticket leaves it), so a fresh ticket has "none so far".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tickettui.core.domain import StatusKind, TicketDetail, TimeMetrics
from tickettui.core.durations import human_duration

__all__ = [
    "BUSINESS",
    "CLOSE",
    "REAL",
    "REPLY",
    "Counter",
    "business_duration",
    "counters",
    "pending_close",
    "pending_reply",
    "seconds_between",
]

BUSINESS = "business"  # within the priority's office hours
REAL = "24\u00d77"  # 24 hours a day, 7 days a week: the "Real" counters
REPLY, CLOSE = "To reply", "To close"


def business_duration(seconds: int) -> str:
    """Office-hours time in hours and minutes, never days: "62h 30m", "8h", "45m", "40s"."""
    sign = "-" if seconds < 0 else ""
    remaining = abs(int(seconds))
    if remaining < 60:
        return f"{sign}{remaining}s" if remaining else "0m"
    hours, rest = divmod(remaining, 3600)
    minutes = rest // 60
    if not hours:
        return f"{sign}{minutes}m"
    return f"{sign}{hours}h {minutes}m" if minutes else f"{sign}{hours}h"


def seconds_between(start: datetime, end: datetime) -> int:
    """Seconds from ``start`` to ``end``; an aware and a naive (local) time compare too."""
    if start.tzinfo is None and end.tzinfo is not None:
        end = end.astimezone().replace(tzinfo=None)
    elif start.tzinfo is not None and end.tzinfo is None:
        end = end.astimezone()
    return int((end - start).total_seconds())


@dataclass(frozen=True, slots=True)
class Counter:
    """One line of the panel: "To reply", and what it says."""

    label: str
    text: str
    pending: bool = False  # has not happened yet
    overdue: bool = False  # ... and the ticket is past its deadline


def _both(business: int | None, real: int | None) -> str:
    parts = []
    if business is not None:
        parts.append(f"{business_duration(business)} {BUSINESS}")
    if real is not None:
        parts.append(f"{human_duration(real)} {REAL}")
    return " · ".join(parts)


def _late(detail: TicketDetail, now: datetime) -> int:
    """Seconds past the deadline (0 if none, not yet, or the ticket is closed)."""
    deadline = detail.summary.deadline
    if deadline is None or detail.summary.status_kind is StatusKind.CLOSED:
        return 0
    return max(0, seconds_between(deadline, now))


def _waiting(detail: TicketDetail, now: datetime) -> str:
    created = detail.summary.created
    if created is None:
        return ""
    return human_duration(max(0, seconds_between(created, now)))


def pending_reply(detail: TicketDetail) -> bool:
    """Whether the ticket's time to reply is still to come: no reply yet, only zeros."""
    m = detail.metrics
    if m is None or detail.replied_at is not None:
        return False
    values = (m.time_to_reply, m.real_time_to_reply)
    return any(v is not None for v in values) and not any(values)


def pending_close(detail: TicketDetail) -> bool:
    m = detail.metrics
    if m is None or detail.closed_at is not None:
        return False
    if detail.summary.status_kind is StatusKind.CLOSED:
        return False
    values = (m.time_to_close, m.real_time_to_close)
    return any(v is not None for v in values) and not any(values)


def _reply(detail: TicketDetail, m: TimeMetrics, now: datetime) -> Counter | None:
    if m.time_to_reply is None and m.real_time_to_reply is None:
        return None
    if not pending_reply(detail):
        return Counter(REPLY, _both(m.time_to_reply, m.real_time_to_reply))
    if detail.summary.status_kind is StatusKind.CLOSED:
        return Counter(REPLY, "closed without a reply", pending=True)
    late = _late(detail, now)
    if late:
        return Counter(REPLY, f"not replied yet · overdue {human_duration(late)}", True, True)
    waiting = _waiting(detail, now)
    text = f"not replied yet · waiting {waiting}" if waiting else "not replied yet"
    return Counter(REPLY, text, pending=True)


def _close(detail: TicketDetail, m: TimeMetrics, now: datetime) -> Counter | None:
    if m.time_to_close is None and m.real_time_to_close is None:
        return None
    if not pending_close(detail):
        return Counter(CLOSE, _both(m.time_to_close, m.real_time_to_close))
    waiting = _waiting(detail, now)
    text = f"not closed yet · open {waiting}" if waiting else "not closed yet"
    return Counter(CLOSE, text, pending=True)


def counters(detail: TicketDetail, now: datetime) -> list[Counter]:
    """Every counter the system tracks for the ticket, in the panel's order."""
    m = detail.metrics
    if m is None:
        return []
    shown = [_reply(detail, m, now), _close(detail, m, now)]
    for label, business, real in (
        ("Internal", m.spent_internally, m.real_spent_internally),
        ("External", m.spent_externally, m.real_spent_externally),
        ("In queue", m.spent_queue, m.real_spent_queue),
    ):
        if business is None and real is None:
            continue
        none = not business and not real
        shown.append(Counter(label, "none so far" if none else _both(business, real)))
    return [counter for counter in shown if counter is not None]
