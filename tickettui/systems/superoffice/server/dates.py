"""Date handling: storage as naive tenant-local text, NetServer's wire format.

Real NetServer sends ``YYYY-MM-DDTHH:MM:SS`` (no fraction, no offset) in the tenant's
base zone, and .NET MinValue ``0001-01-01T00:00:00`` for "no date" (NOTES section 7).
We store the same naive text in SQLite (it sorts correctly) and NULL for "no date".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Europe/Oslo rather than UTC: SuperOffice tenants are mostly Nordic, and a non-UTC
# zone with DST exposes clients that wrongly treat naive wire dates as UTC.
TENANT_ZONE = ZoneInfo("Europe/Oslo")
MIN_VALUE = "0001-01-01T00:00:00"
STORED_FORMAT = "%Y-%m-%dT%H:%M:%S"

_INPUT_RE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:\.(?P<frac>\d{1,7}))?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)

# Short zone codes the SO-TimeZone header documents besides IANA ids.
_ZONE_ALIASES = {"UTC": "UTC", "GMT": "UTC", "NO": "Europe/Oslo", "US-NY": "America/New_York"}


def to_stored(value: datetime) -> str:
    # isoformat is several times faster than strftime, which matters when seeding 100k.
    return value.replace(tzinfo=None, microsecond=0).isoformat(timespec="seconds")


def from_stored(value: str) -> datetime:
    # fromisoformat: "T" or a space between date and time (a row written by hand has one).
    return datetime.fromisoformat(value)


def parse_input(value: object) -> str | None:
    """Parse a date sent by a client into stored form; None means "no date".

    Accepts 0-7 fractional digits and an optional ``Z``/``+HH:MM``/``-HHMM`` offset;
    dates with an offset are converted to tenant-local time. Raises ValueError.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if not text:
        return None
    match = _INPUT_RE.match(text)
    if match is None:
        raise ValueError(f"not a date: {value!r}")
    if match["date"].startswith("0001-01-01"):
        return None  # MinValue, with or without offset, is the empty date
    clock = match["time"] or "00:00:00"
    if len(clock) == 5:
        clock += ":00"
    parsed = datetime.strptime(f"{match['date']}T{clock}", STORED_FORMAT)
    offset = match["tz"]
    if offset:
        parsed = parsed.replace(tzinfo=_offset_zone(offset))
        parsed = parsed.astimezone(TENANT_ZONE).replace(tzinfo=None)
    return to_stored(parsed)


def _offset_zone(text: str) -> tzinfo:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(sign * delta)


@dataclass(frozen=True)
class DateFormatter:
    """Formats stored dates for one response, honouring ``SO-TimeZone``.

    ``SO-TimeZone: UTC, includeTZOffset`` converts to UTC and appends ``Z``; another zone
    appends ``+HH:MM``. Simplification: the real server converts only some date fields;
    we convert every date consistently. MinValue is never converted or tagged.
    """

    zone: tzinfo | None = None
    include_offset: bool = False

    def __call__(self, stored: str | None) -> str:
        if not stored:
            return MIN_VALUE
        if self.zone is None and not self.include_offset:
            return stored
        local = from_stored(stored).replace(tzinfo=TENANT_ZONE)
        shown = local.astimezone(self.zone) if self.zone is not None else local
        text = shown.strftime(STORED_FORMAT)
        if not self.include_offset:
            return text
        offset = shown.utcoffset() or timedelta(0)
        if offset == timedelta(0) and self.zone is UTC:
            return text + "Z"
        minutes = int(offset.total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        minutes = abs(minutes)
        return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def formatter_from_header(header: str | None) -> DateFormatter:
    """Build the formatter from an ``SO-TimeZone`` header value (unknown zones ignored)."""
    if not header:
        return DateFormatter()
    parts = [part.strip() for part in header.split(",") if part.strip()]
    include = any(part.lower() == "includetzoffset" for part in parts)
    zone: tzinfo | None = None
    for part in parts:
        if part.lower() == "includetzoffset":
            continue
        name = _ZONE_ALIASES.get(part.upper(), part)
        if name == "UTC":
            zone = UTC
            continue
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            zone = None
    return DateFormatter(zone=zone, include_offset=include)


def tenant_now() -> datetime:
    """Wall-clock now in the tenant zone, naive and without microseconds."""
    return datetime.now(TENANT_ZONE).replace(tzinfo=None, microsecond=0)
