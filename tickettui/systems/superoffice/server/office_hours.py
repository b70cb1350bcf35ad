"""Minutes within the priorities' office hours (weekdays 08:00-16:00).

TimeToReply/TimeToClose count only office hours; the Real* variants are wall-clock.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

OPEN, CLOSE = time(8, 0), time(16, 0)


def office_minutes(start: datetime, end: datetime) -> int:
    if end <= start:
        return 0
    total = 0.0
    day = start.date()
    while day <= end.date():
        if day.weekday() < 5:
            window_start = max(start, datetime.combine(day, OPEN))
            window_end = min(end, datetime.combine(day, CLOSE))
            if window_end > window_start:
                total += (window_end - window_start).total_seconds()
        day += timedelta(days=1)
    return int(total // 60)


def wall_minutes(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))
