"""SuperOffice date-times on the wire: parse what servers send, format what they expect back.

Real servers send ``2022-10-17T08:26:00`` (no fraction, no offset: the tenant's local time) and
``0001-01-01T00:00:00`` (.NET ``DateTime.MinValue``) for "no date". The reference docs' samples
carry 7 fractional digits and an offset; ``SO-TimeZone: ..., includeTZOffset`` adds ``Z``,
``+02:00`` or ``-0500``. We accept all of these, keep naive values naive, and map MinValue to None.

The client always asks for offsets (:func:`timezone_header`: the profile's zone, UTC by
default, plus ``includeTZOffset``), so dates arrive aware; a server that sends one without an
offset anyway sends it in the zone asked for (:func:`wire_zone`), which the mapping attaches.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BeforeValidator, PlainSerializer

__all__ = [
    "MIN_VALUE",
    "SoDateTime",
    "format_so_datetime",
    "parse_so_datetime",
    "timezone_header",
    "wire_zone",
]

MIN_VALUE = "0001-01-01T00:00:00"
OFFSETS = "includeTZOffset"
# SuperOffice names its zones by country code (GET v1/timezone); the common ones, by IANA name.
SO_ZONES = {
    "NO": "Europe/Oslo",
    "SE": "Europe/Stockholm",
    "DK": "Europe/Copenhagen",
    "FI": "Europe/Helsinki",
    "DE": "Europe/Berlin",
    "NL": "Europe/Amsterdam",
    "BE": "Europe/Brussels",
    "FR": "Europe/Paris",
    "GB": "Europe/London",
    "UK": "Europe/London",
    "US-NY": "America/New_York",
    "US-CA": "America/Los_Angeles",
}
log = logging.getLogger("tickettui.systems.superoffice")


def _zone_parts(header: str | None) -> list[str]:
    parts = [part.strip() for part in (header or "").split(",")]
    return [part for part in parts if part and part.lower() != OFFSETS.lower()]


def timezone_header(profile_value: str | None) -> str:
    """``SO-TimeZone`` as sent: the profile's zone (UTC when it names none), always with
    ``includeTZOffset``, so every date says which moment it is (NOTES section 7)."""
    return ", ".join([*(_zone_parts(profile_value) or ["UTC"]), OFFSETS])


def wire_zone(profile_value: str | None) -> tzinfo:
    """The zone a date without an offset is in: the one ``SO-TimeZone`` asks for. A zone we
    cannot name (a numeric id, an unknown code) is taken as UTC, and logged."""
    parts = _zone_parts(profile_value)
    if not parts:
        return UTC
    name = parts[0]
    if name.upper() in ("UTC", "GMT", "Z"):
        return UTC
    try:
        return ZoneInfo(SO_ZONES.get(name.upper(), name))
    except (ZoneInfoNotFoundError, ValueError):
        log.info("SO-TimeZone %r: dates without an offset are taken as UTC", name)
        return UTC


_PATTERN = re.compile(
    r"""
    (?P<date>\d{4}-\d{2}-\d{2})
    [T ]
    (?P<time>\d{2}:\d{2}:\d{2})
    (?:\.(?P<fraction>\d{1,7}))?
    (?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?
    """,
    re.VERBOSE | re.IGNORECASE,
)


def parse_so_datetime(text: str) -> datetime | None:
    """Parse one SuperOffice date-time string; ``None`` for MinValue or an empty string.

    Raises ``ValueError`` naming the text when it is not a date-time.
    """
    text = text.strip()
    if not text:
        return None
    match = _PATTERN.fullmatch(text)
    if match is None:
        raise ValueError(f"not a SuperOffice date-time: {text!r}")
    fraction = match["fraction"] or ""
    if match["date"] == "0001-01-01" and match["time"] == "00:00:00" and not fraction.strip("0"):
        return None
    try:
        value = datetime.fromisoformat(f"{match['date']}T{match['time']}")
    except ValueError as exc:
        raise ValueError(f"not a valid date-time: {text!r} ({exc})") from None
    tz = _parse_offset(match["offset"], text)
    if tz is not None:
        value = value.replace(tzinfo=tz)
    return _add_fraction(value, fraction)


def _parse_offset(offset: str | None, text: str) -> timezone | None:
    if offset is None:
        return None
    if offset.upper() == "Z":
        return UTC
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or "0")
    if hours > 23 or minutes > 59:
        raise ValueError(f"not a valid UTC offset in {text!r}")
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if offset[0] == "-" else delta)


def _add_fraction(value: datetime, fraction: str) -> datetime:
    """Add up to 7 fractional digits; the 7th (100 ns) is rounded half up into microseconds."""
    if not fraction:
        return value
    ticks = int(fraction.ljust(7, "0"))  # 100-nanosecond units, as .NET counts them
    micro, rest = divmod(ticks, 10)
    if rest >= 5:
        micro += 1
    try:
        return value + timedelta(microseconds=micro)
    except OverflowError:  # 9999-12-31T23:59:59.9999995 cannot round up: truncate instead
        return value.replace(microsecond=min(micro, 999_999))


def format_so_datetime(value: datetime | None) -> str:
    """Format as the server writes it: naive stays naive, aware gets ``+HH:MM`` or ``Z``.

    None becomes MinValue (``0001-01-01T00:00:00``).

    Fractional seconds are written only when present (7 digits, as .NET does).
    """
    if value is None:
        return MIN_VALUE
    text = value.replace(microsecond=0, tzinfo=None).isoformat()
    if value.microsecond:
        text += f".{value.microsecond:06d}0"
    offset = value.utcoffset()
    if offset is not None:
        text += _format_offset(offset)
    return text


def _format_offset(offset: timedelta) -> str:
    if not offset:
        return "Z"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _validate(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return parse_so_datetime(value)
    raise ValueError(f"expected a date-time string, got {type(value).__name__}")


SoDateTime = Annotated[
    datetime | None,
    BeforeValidator(_validate),
    PlainSerializer(format_so_datetime, return_type=str, when_used="json"),
]
"""A wire date-time: read by :func:`parse_so_datetime`, written by :func:`format_so_datetime`."""
