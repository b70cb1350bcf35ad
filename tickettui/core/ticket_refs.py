"""What a user types to name a ticket: the number they see, or ``id:N`` for the internal id.

The same rules for every command and the palette's "go to ticket": a plain number is the
number users see, or failing that an internal id; ``#616611`` is only the number users see;
``id:41227`` only the internal id. The last two are the way out when a plain number names two
tickets (Keliweb: one ticket's public number and another's internal id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tickettui.core.errors import NotFound

__all__ = ["TicketRef", "parse_ticket_ref"]

# Letters, digits and dashes: WHMCS masks ("ABC-123456") and plain numbers.
_NUMBER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?")
_ID = re.compile(r"id:\s*(\d{1,18})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TicketRef:
    number: str  # as the user quoted it, without "#" (for an id: the digits)
    by_id: bool = False  # "id:N": the internal id, nothing else
    by_number: bool = False  # "#N": the number users see, nothing else

    @property
    def as_int(self) -> int | None:
        """The number as an integer, where it is one."""
        return int(self.number) if self.number.isdigit() else None


def parse_ticket_ref(text: str) -> TicketRef:
    """``"616611"``, ``"#616611"``, ``"ABC-123456"``, ``"id:41227"``; NotFound (one line) for
    anything that cannot name a ticket."""
    cleaned = text.strip()
    forced = _ID.fullmatch(cleaned)
    if forced:
        return TicketRef(forced.group(1), by_id=True)
    by_number = cleaned.startswith("#")
    cleaned = cleaned.removeprefix("#").strip()
    if not _NUMBER.fullmatch(cleaned):
        shown = cleaned[:40] + ("…" if len(cleaned) > 40 else "")
        raise NotFound(f"{shown!r} is not a ticket number (e.g. 616611, ABC-123456 or id:41227)")
    return TicketRef(cleaned, by_number=by_number)
