"""Time zones: every moment in the domain is aware; screens show it in one zone, the agent's.

Systems send times in their own zone, some without saying which (SuperOffice's tenant zone
unless asked for offsets, WHMCS's server zone always): each system's mapping makes them aware
with :func:`aware` at its boundary. Screens and the plain command line show them with
:func:`shown`, in the display zone: the agent's local zone by default, or the zone a profile
names (``timezone_display = "Europe/Oslo"``). JSON prints them with their offset.

The display zone is the process's one setting (the app and each command set it from the
profile at start), so a widget needs no zone handed down to it.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

__all__ = [
    "LOCAL",
    "as_aware",
    "aware",
    "check_zone",
    "display_zone",
    "now",
    "set_display_zone",
    "shown",
    "zone_label",
    "zone_named",
]

LOCAL = "local"  # the agent's own zone, as the machine's clock has it (daylight saving too)

_display: tzinfo | None = None  # None: local
_display_name = LOCAL


def zone_named(name: str) -> tzinfo | None:
    """The zone called ``name``: ``local`` (None: the machine's), ``UTC`` or an IANA name
    (``Europe/Oslo``). ValueError for any other name."""
    text = name.strip()
    if not text or text.lower() == LOCAL:
        return None
    if text.upper() in ("UTC", "Z", "GMT"):
        return UTC
    # Only for a zone named: zoneinfo imports sysconfig (~2.5 ms), before the first frame.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {text!r}: use local, UTC or a name like Europe/Oslo"
        ) from None


def check_zone(name: str) -> str:
    """A profile's ``timezone_display``: kept as written once it names a zone."""
    zone_named(name)
    return name.strip() or LOCAL


def set_display_zone(name: str | None) -> None:
    """Show times in the zone called ``name`` from now on (None or "local": the agent's)."""
    global _display, _display_name
    _display = zone_named(name or LOCAL)
    _display_name = LOCAL if _display is None else (name or LOCAL).strip()


def display_zone() -> tzinfo | None:
    """The zone times are shown in; None: the machine's local zone."""
    return _display


def aware(moment: datetime, zone: tzinfo) -> datetime:
    """``moment`` as sent by a system whose times without an offset are in ``zone``."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def as_aware(moment: datetime) -> datetime:
    """A time kept before times were aware (a cache entry, a draft): it was local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def shown(moment: datetime) -> datetime:
    """``moment`` in the display zone, to be shown (a naive one is taken as already shown)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(_display)


def now() -> datetime:
    """The current time in the display zone (aware): what typed times like "+2d" count from."""
    return datetime.now(_display).astimezone(_display)


def zone_label(moment: datetime | None = None) -> str:
    """The display zone as a person reads it, for ``moment`` (daylight saving): "UTC",
    "Europe/Oslo (CET)", "local (CEST)"."""
    at = shown(moment) if moment is not None and moment.tzinfo is not None else now()
    short = at.tzname() or ""
    if _display is UTC:
        return "UTC"
    if _display_name == LOCAL:
        return f"local ({short})" if short else LOCAL
    return f"{_display_name} ({short})" if short and short != _display_name else _display_name
