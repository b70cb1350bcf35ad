"""The priorities' office hours, and time counted within them or around the clock.

NetServer counts TimeToReply, TimeToClose (minutes) and TimeSpentInternally/Externally/Queue
(seconds) "within the priority's office hours" (the priority's MonStart..SunStop; NOTES
section 6, POST-Ticket.md); their Real* twins count 24x7. Each priority here has hours of its
own (``PRIORITY_HOURS``), and the wire shows them on the priority (wire_nested.priority).

Stored dates are naive tenant-local times (dates.py). Office hours are read on that local
clock; elapsed time is measured on the real one, so the night the clocks go forward lasts 23
hours and the night they go back 25. No office hours here include the night hours in which
the tenant's clocks change (``OfficeHours`` refuses a window opening before 04:00), so a whole
day of office hours is equally long every day, and whole weeks are counted without a loop.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from tickettui.systems.superoffice.server.dates import TENANT_ZONE

__all__ = [
    "DAY_NAMES",
    "PRIORITY_HOURS",
    "STANDARD_HOURS",
    "OfficeHours",
    "elapsed_seconds",
    "hours_of",
    "office_minutes",
    "office_seconds",
    "wall_minutes",
]

Window = tuple[time, time]
EARLIEST_OPEN = time(4, 0)  # clocks change at 02:00/03:00 local: never inside a window
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _seconds(window: Window | None) -> int:
    if window is None:
        return 0
    opens, closes = window
    return (closes.hour - opens.hour) * 3600 + (closes.minute - opens.minute) * 60


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """Opening and closing time of each weekday, Monday first; None: closed all day."""

    days: tuple[Window | None, ...]
    week_seconds: int = field(init=False)

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError("office hours need seven days, Monday first")
        for window in self.days:
            if window is not None and not EARLIEST_OPEN <= window[0] < window[1]:
                raise ValueError(f"office hours {window} must open after 04:00 and close later")
        object.__setattr__(self, "week_seconds", sum(_seconds(w) for w in self.days))

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        hours = self.days[day.weekday()]
        if hours is None:
            return None
        return datetime.combine(day, hours[0]), datetime.combine(day, hours[1])

    def full_days_seconds(self, first: date, count: int) -> int:
        """Office seconds of ``count`` whole days from ``first`` on."""
        weeks, rest = divmod(max(count, 0), 7)
        start = first.weekday()
        return weeks * self.week_seconds + sum(
            _seconds(self.days[(start + n) % 7]) for n in range(rest)
        )


def weekdays(opens: time, closes: time) -> OfficeHours:
    return OfficeHours(((opens, closes),) * 5 + (None, None))


STANDARD_HOURS = weekdays(time(8, 0), time(16, 0))
PRIORITY_HOURS: Mapping[int, OfficeHours] = {
    1: STANDARD_HOURS,  # Low
    2: STANDARD_HOURS,  # Medium
    3: weekdays(time(7, 0), time(19, 0)),  # High: a longer day
    4: OfficeHours(((time(6, 0), time(22, 0)),) * 7),  # Critical: every day, weekends too
}


def hours_of(priority_id: int | None) -> OfficeHours:
    """The office hours of a priority (a priority we do not know keeps the standard ones)."""
    return PRIORITY_HOURS.get(priority_id or 0, STANDARD_HOURS)


def _instant(local: datetime) -> datetime:
    return local.replace(tzinfo=TENANT_ZONE).astimezone(UTC)


def elapsed_seconds(start: datetime, end: datetime) -> int:
    """Seconds from ``start`` to ``end`` (tenant-local) on the real clock; 0 if not after."""
    if end <= start:
        return 0
    return int((_instant(end) - _instant(start)).total_seconds())


def office_seconds(start: datetime, end: datetime, hours: OfficeHours) -> int:
    """Seconds from ``start`` to ``end`` (tenant-local) that fall within ``hours``."""
    if end <= start:
        return 0
    first, last = start.date(), end.date()

    def part(day: date) -> int:
        window = hours.window(day)
        if window is None:
            return 0
        return elapsed_seconds(max(start, window[0]), min(end, window[1]))

    if first == last:
        return part(first)
    between = (last - first).days - 1
    return part(first) + hours.full_days_seconds(first + timedelta(days=1), between) + part(last)


def office_minutes(start: datetime, end: datetime, hours: OfficeHours) -> int:
    return office_seconds(start, end, hours) // 60


def wall_minutes(start: datetime, end: datetime) -> int:
    return elapsed_seconds(start, end) // 60
