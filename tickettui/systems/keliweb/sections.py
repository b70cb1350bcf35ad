"""Queue sections for Keliweb: WHMCS's pseudo-statuses, then each department and each status.

``Section.query`` holds a WHMCS get-tickets filter as a small query string, e.g.
``status=Open``, ``deptid=2`` or ``status=Awaiting Reply&deptid=2`` (keys: status, deptid,
subject; an empty query lists every ticket). Profiles can add sections in the same format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode

from tickettui.core.domain import Section
from tickettui.core.errors import ConfigurationError
from tickettui.systems.keliweb.models import Department, Status

__all__ = ["FIXED_SECTIONS", "TicketFilter", "parse_query", "server_sections"]

# WHMCS' pseudo-statuses (GetTickets): these are API words, not a list of real statuses.
ALL_ACTIVE = "All Active Tickets"
AWAITING_REPLY = "Awaiting Reply"
MY_FLAGGED = "My Flagged Tickets"

FIXED_SECTIONS: tuple[Section, ...] = (
    Section("all-active", "All active", f"status={ALL_ACTIVE}"),
    Section("awaiting-reply", "Awaiting reply", f"status={AWAITING_REPLY}"),
    Section("my-flagged", "My flagged", f"status={MY_FLAGGED}"),
)


@dataclass(frozen=True, slots=True)
class TicketFilter:
    status: str | None = None
    deptid: int | None = None
    subject: str | None = None

    def query(self) -> str:
        pairs = [
            (k, str(v))
            for k, v in (
                ("status", self.status),
                ("deptid", self.deptid),
                ("subject", self.subject),
            )
            if v not in (None, "")
        ]
        return urlencode(pairs, quote_via=quote, safe=" ") if pairs else ""


def parse_query(query: str) -> TicketFilter:
    """``status=Open&deptid=2`` -> a filter; an unknown key or a bad id is a ConfigurationError."""
    values: dict[str, str] = {}
    for key, value in parse_qsl(query.strip(), keep_blank_values=True):
        key = key.strip().lower()
        if key not in ("status", "deptid", "subject"):
            raise ConfigurationError(
                f"Keliweb section query {query!r}: unknown key {key!r} "
                "(use status, deptid, subject)"
            )
        values[key] = value.strip()
    deptid = values.get("deptid") or None
    if deptid is not None and not deptid.isdigit():
        raise ConfigurationError(f"Keliweb section query {query!r}: deptid must be a number")
    return TicketFilter(
        status=values.get("status") or None,
        deptid=int(deptid) if deptid else None,
        subject=values.get("subject") or None,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def server_sections(departments: Sequence[Department], statuses: Sequence[Status]) -> list[Section]:
    """The fixed sections, one per department, then one per status the server defines."""
    sections = list(FIXED_SECTIONS)
    for dept in departments:
        sections.append(
            Section(
                f"dept-{dept.id}",
                dept.name or f"Department {dept.id}",
                TicketFilter(deptid=dept.id).query(),
            )
        )
    for status in statuses:
        if status.title:
            sections.append(
                Section(
                    f"status-{_slug(status.title)}",
                    status.title,
                    TicketFilter(status=status.title).query(),
                )
            )
    return sections
