"""Dates as agents type them: "2026-11-25 14:00", "25.11.2026", "tomorrow 9:00", "+2d", "+3h".

A typed time is in the zone of ``now`` (the display zone's aware now from
``tickettui.core.zones.now``, or naive with a naive ``now``); a time is shown in the display zone.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from tickettui.core.zones import shown

_RELATIVE = re.compile(r"^\+\s*(\d+)\s*([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
)
_DEFAULT_TIME = time(9, 0)  # a bare day means the start of the working day
HINT = "use e.g. 2026-11-25 14:00, 25.11.2026, tomorrow 9:00, +2d or +3h"


def parse_user_datetime(text: str, now: datetime) -> datetime | None:
    """None for empty input (clears the date); ValueError with a one-line reason otherwise."""
    value = " ".join(text.strip().lower().split())
    if not value:
        return None
    if match := _RELATIVE.match(value):
        amount, unit = int(match.group(1)), match.group(2)
        return (now + timedelta(**{_UNITS[unit]: amount})).replace(second=0, microsecond=0)
    for word, days in (("today", 0), ("tomorrow", 1)):
        if value == word or value.startswith(word + " "):
            rest = value[len(word) :].strip()
            at = _parse_time(rest) if rest else _DEFAULT_TIME
            return datetime.combine(now.date() + timedelta(days=days), at, now.tzinfo)
    for fmt in _FORMATS:
        try:
            parsed = datetime.strptime(value.replace("t", "T"), fmt)
        except ValueError:
            continue
        if "%H" not in fmt:
            parsed = datetime.combine(parsed.date(), _DEFAULT_TIME)
        return parsed.replace(tzinfo=now.tzinfo)
    raise ValueError(f"Not a date: {text.strip()!r} — {HINT}")


def _parse_time(text: str) -> time:
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
        raise ValueError(f"Not a time: {text!r} — {HINT}")
    return time(int(match.group(1)), int(match.group(2) or 0))


def format_user_datetime(value: datetime | None) -> str:
    """As an agent types it, in the display zone."""
    return shown(value).strftime("%Y-%m-%d %H:%M") if value else ""
