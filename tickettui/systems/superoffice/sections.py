"""Default saved queries and the archive columns behind each visible list column."""

from __future__ import annotations

from collections.abc import Sequence

from tickettui.core.domain import Section

# Archive $filter syntax (NOTES §1a). `le`/`ge` fail on real servers, so none are used.
DEFAULT_SECTIONS: tuple[Section, ...] = (
    Section("my-open", "My open", "ownedBy currentAssociate and status equals 1"),
    Section("unassigned", "Unassigned", "ownedBy equals 0 and status equals 1"),
    Section("all-active", "All active", "status equals 1"),
    Section("postponed", "Postponed", "status equals 3", "activated asc"),
    Section("closed", "Recently closed", "status equals 2", "closedAt desc"),
)
DEFAULT_ORDER = "lastChanged desc"

# Columns every row needs whatever is shown: identity, colours, overdue marking.
ALWAYS_SELECTED = ("ticketId", "title", "readStatus", "status", "deadline")

# Visible column key -> archive columns it needs.
COLUMN_SELECT: dict[str, tuple[str, ...]] = {
    "id": ("ticketId",),
    "read": ("readStatus",),
    "title": ("title",),
    "status": ("ticketStatusName", "status"),
    "priority": ("priorityName",),
    "category": ("categoryFullName",),
    "owner": ("ownedBy/fullName",),
    "customer": ("person/fullName", "contact/name"),
    "last_changed": ("lastChanged",),
    "deadline": ("deadline",),
    "created": ("createdAt",),
}


def archive_select(columns: Sequence[str]) -> list[str]:
    """The smallest $select for the visible columns, in a stable order."""
    chosen: list[str] = list(ALWAYS_SELECTED)
    for key in columns:
        for name in COLUMN_SELECT.get(key, ()):
            if name not in chosen:
                chosen.append(name)
    return chosen
