"""The editable fields of a Keliweb ticket, and the update-ticket fields a change becomes.

Values are text as the form shows them: status and priority titles, department and flag ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tickettui.core.domain import Choice, FieldKind, FieldSpec, FieldValue
from tickettui.systems.keliweb.client import PRIORITIES, FormValue
from tickettui.systems.keliweb.models import TicketResponse
from tickettui.systems.keliweb.pick_lists import PickLists

__all__ = ["NOT_FLAGGED", "field_specs", "new_ticket_values", "update_fields", "values_of"]

NOT_FLAGGED = "0"
SUBJECT_MAX = 255  # tbltickets.title
DEFAULT_PRIORITY = "Medium"


def field_specs(lists: PickLists, *, new: bool, flag: str = NOT_FLAGGED) -> list[FieldSpec]:
    departments = tuple(Choice(str(d.id), d.name or str(d.id)) for d in lists.departments)
    priorities = tuple(Choice(p, p) for p in PRIORITIES)
    subject = FieldSpec("subject", "Subject", FieldKind.TEXT, required=True, max_length=SUBJECT_MAX)
    if new:
        return [
            FieldSpec("department", "Department", FieldKind.CHOICE, departments, required=True),
            subject,
            FieldSpec("priority", "Priority", FieldKind.CHOICE, priorities, required=True),
            FieldSpec("message", "First message", FieldKind.TEXT, required=True),
        ]
    statuses = tuple(Choice(s.title, s.title) for s in lists.statuses if s.title)
    admin_ids = sorted({*lists.admins, *([int(flag)] if flag.isdigit() and flag != "0" else [])})
    flags = (
        Choice(NOT_FLAGGED, "(not flagged)"),
        *(Choice(str(i), lists.admin_label(i)) for i in admin_ids if i),
    )
    return [
        subject,
        FieldSpec("status", "Status", FieldKind.CHOICE, statuses, required=True),
        FieldSpec("priority", "Priority", FieldKind.CHOICE, priorities, required=True),
        FieldSpec("department", "Department", FieldKind.CHOICE, departments, required=True),
        FieldSpec("flag", "Flagged to", FieldKind.CHOICE, flags),
    ]


def values_of(ticket: TicketResponse) -> dict[str, FieldValue]:
    return {
        "subject": ticket.subject,  # decoded by the model: the text as the agent sees it
        "status": ticket.status,
        "priority": ticket.priority,
        "department": str(ticket.deptid) if ticket.deptid is not None else None,
        "flag": str(ticket.flag) if ticket.flag else NOT_FLAGGED,
    }


def new_ticket_values(lists: PickLists) -> dict[str, FieldValue]:
    first = lists.departments[0] if lists.departments else None
    return {
        "department": str(first.id) if first else None,
        "subject": "",
        "priority": DEFAULT_PRIORITY,
        "message": "",
    }


def _id(value: FieldValue, what: str) -> int:
    text = str(value or "").strip()
    if not text.isdigit():
        raise ValueError(f"{what} must be an id, not {value!r}")
    return int(text)


def update_fields(values: Mapping[str, FieldValue], keys: Sequence[str]) -> dict[str, FormValue]:
    """update-ticket's fields for the changed ``keys`` only (everything else stays untouched).

    Text goes out as the agent sees it, decoded, never escaped by us: WHMCS escapes its input
    (htmlspecialchars) before it stores or compares it, so a subject ``Q&A <draft>`` is stored
    as ``Q&amp;A &lt;draft&gt;`` and read back as ``Q&A <draft>``; sending the escaped form
    would store ``&amp;amp;``. A status title is matched against the stored titles, which are
    escaped too (an admin's ``Waiting & Pending`` is kept as ``Waiting &amp; Pending``): the
    decoded title we show, escaped on the way in, is exactly the stored one. The department
    goes as its id and the priority is one of WHMCS's fixed words, so neither depends on it.
    """
    fields: dict[str, FormValue] = {}
    for key in keys:
        value = values.get(key)
        if key in ("subject", "status", "priority"):
            fields[key] = str(value or "")
        elif key == "department":
            fields["deptid"] = _id(value, "department")
        elif key == "flag":
            if value in (None, "", NOT_FLAGGED):
                fields["removeFlag"] = True
            else:
                fields["flag"] = _id(value, "flag")
    return fields
