"""Live queues' settings and timing: how often each section refreshes itself, how it tells the
agent about new tickets, and how long it waits after a failed refresh (UI-free, no clock).

Profile keys (config.toml): ``refresh = "2m"`` for every section, ``notify = "bell"``, and a
table per section key overriding either (``[profiles.NAME.live.unassigned]``). ``0`` or
``off`` turns refreshing off; an interval is a number with ``s``, ``m`` or ``h``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from tickettui.core.safe_text import inert_line

__all__ = [
    "MIN_INTERVAL",
    "Backoff",
    "LivePolicy",
    "Notify",
    "SectionLive",
    "notification_sequence",
    "parse_interval",
]

# Below this a refresh costs the server more than it tells the agent: refused in the profile.
MIN_INTERVAL = 10.0
MAX_BACKOFF = 15 * 60.0  # a failing section is tried again at least this often
# Patterns compiled on first use (re's cache), not at import: this module loads before the
# first frame, which parses no interval and rings no bell.
_INTERVAL = r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>s|sec|m|min|h)?"
_UNIT = {"s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}


class Notify(StrEnum):
    """How a section tells about new tickets besides flagging their rows."""

    NONE = "none"
    BELL = "bell"  # the terminal's bell (BEL)
    OSC9 = "osc9"  # a desktop notification: iTerm2, Windows Terminal, kitty, foot, ...
    OSC777 = "osc777"  # a desktop notification: VTE terminals (GNOME Terminal), urxvt


def parse_interval(text: str | int | float) -> float | None:
    """Seconds between refreshes; None: off (``0``, ``off``, ``none``, ``never``).

    ValueError (one line) for anything else, or below ``MIN_INTERVAL``."""
    if isinstance(text, bool):
        raise ValueError('write an interval such as "2m", "90s" or "off"')
    if isinstance(text, int | float):
        seconds = float(text)
    else:
        word = text.strip().lower()
        if word in ("0", "off", "none", "never", "no", "false"):
            return None
        match = re.fullmatch(_INTERVAL, word, re.IGNORECASE)
        if match is None:
            raise ValueError(f'{text!r}: write an interval such as "2m", "90s" or "off"')
        seconds = float(match["number"]) * _UNIT[(match["unit"] or "s").lower()]
    if seconds == 0:
        return None
    if seconds < MIN_INTERVAL:
        raise ValueError(f"{text!r}: refresh at most every {MIN_INTERVAL:.0f} seconds")
    return seconds


# The two settings below are NamedTuples, not dataclasses: immutable and compared by value all
# the same, ~0.1 ms to define against ~0.4 ms each, and this module loads before the first frame.


class SectionLive(NamedTuple):
    """One section's live settings."""

    interval: float | None = None  # seconds; None: the section does not refresh itself
    notify: Notify = Notify.NONE


class LivePolicy(NamedTuple):
    """The profile's live settings: a default and overrides by section key."""

    default: SectionLive = SectionLive()
    by_section: Mapping[str, SectionLive] = MappingProxyType({})  # none (read-only, shared)

    def of(self, key: str) -> SectionLive:
        return self.by_section.get(key, self.default)

    @property
    def any_on(self) -> bool:
        return self.default.interval is not None or any(
            s.interval is not None for s in self.by_section.values()
        )


class Backoff:
    """When a section's next refresh is due: its interval after a success; after ``n`` failures
    in a row, the interval doubled ``n`` times, up to ``cap`` (at least the interval)."""

    def __init__(self, interval: float, cap: float = MAX_BACKOFF) -> None:
        self.interval = interval
        self.cap = max(cap, interval)
        self.failures = 0

    @property
    def delay(self) -> float:
        """Seconds from the last attempt to the next."""
        if not self.failures:
            return self.interval
        return min(self.interval * 2.0**self.failures, self.cap)

    def failed(self) -> float:
        self.failures += 1
        return self.delay

    def succeeded(self) -> float:
        self.failures = 0
        return self.delay


_UNSAFE = r"[\x00-\x1f\x7f-\x9f;]"


def _plain(text: str, limit: int = 120) -> str:
    """Server text fit for inside an escape sequence: no control character (an ESC or BEL would
    end the sequence early and the rest would run as the server wrote it), no ';' (OSC 777's
    separator), cut to ``limit`` characters."""
    return re.sub(_UNSAFE, " ", inert_line(text))[:limit].strip()


def notification_sequence(kind: Notify, title: str, body: str) -> str:
    """What to write to the terminal for ``kind`` ("" for none). OSC 9 and OSC 777 pass through
    SSH; tmux passes them on with ``allow-passthrough`` (or shows the bell)."""
    if kind is Notify.BELL:
        return "\a"
    if kind is Notify.OSC9:
        return f"\x1b]9;{_plain(title)}: {_plain(body)}\x1b\\"
    if kind is Notify.OSC777:
        return f"\x1b]777;notify;{_plain(title)};{_plain(body)}\x1b\\"
    return ""
