"""WHMCS dates: naive ``Y-m-d H:i:s`` in the server's local time (NOTES section 3.4).

Keliweb is Italian, so the local server runs on Europe/Rome; a zone with DST exposes
clients that treat the naive wire dates as UTC.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

SERVER_ZONE = ZoneInfo("Europe/Rome")
WIRE_FORMAT = "%Y-%m-%d %H:%M:%S"


def server_now() -> datetime:
    """Now as a naive Europe/Rome wall-clock time."""
    return datetime.now(SERVER_ZONE).replace(tzinfo=None, microsecond=0)


def to_wire(value: datetime) -> str:
    return value.strftime(WIRE_FORMAT)


def from_wire(value: str) -> datetime:
    return datetime.strptime(value, WIRE_FORMAT)
