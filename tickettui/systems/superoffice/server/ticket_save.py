"""``POST v1/Ticket``: NetServer's save semantics for TicketEntity.

Rules (NOTES sections 3a, 6 and pitfalls 5 and 8):
- ``TicketId`` 0 inserts and any other id updates (404 if the ticket does not exist).
- A property that is absent keeps its stored value. A property sent as null is saved as
  empty, so posting back an entity fetched with ``$select`` wipes the nulled fields,
  as on the real server. Required references (Category, Priority, Status) sent as null
  keep their value, because the database cannot store "no category".
- Server-managed fields (dates, counters, ReadStatus, time metrics) are ignored on input
  and recomputed.
- ``Status.TicketStatusId`` wins over ``BaseStatus``; BaseStatus is derived from the status.
- Time metrics: closing sets TimeToClose (within the priority's office hours) and
  RealTimeToClose (24x7); leaving a status adds the time spent in it to TimeSpent* of its
  TimeCounter (office hours and 24x7, in seconds). See office_hours.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.body import MISSING, Body, as_int
from tickettui.systems.superoffice.server.dates import from_stored, parse_input, to_stored
from tickettui.systems.superoffice.server.errors import bad_request, not_found
from tickettui.systems.superoffice.server.office_hours import (
    elapsed_seconds,
    hours_of,
    office_minutes,
    office_seconds,
    wall_minutes,
)
from tickettui.systems.superoffice.server.store import (
    TICKET_COLUMNS,
    Lookups,
    get_ticket,
)
from tickettui.systems.superoffice.server.ticket_fields import apply_fields

AUTO_ASSIGN = 2147483647  # OwnedBy MaxInt: assign by the category's rules


def save_ticket(
    conn: sqlite3.Connection, lookups: Lookups, body: Body, caller: int, now: datetime
) -> int:
    ticket_id = body.integer("TicketId")
    existing = get_ticket(conn, ticket_id) if ticket_id else None
    if ticket_id and existing is None:
        raise not_found(f"Ticket id {ticket_id} not found")
    stamp = to_stored(now)
    row: dict[str, Any] = (
        dict(existing) if existing is not None else _new_row(lookups, caller, stamp)
    )
    creating = existing is None

    for name, column in (("Title", "title"), ("Author", "author"), ("FromAddress", "from_address")):
        value = body.text(name)
        if value is not None:
            row[column] = value
    for name, column in (("Deadline", "deadline"), ("Activate", "activate")):
        if body.has(name):
            row[column] = _date(body, name)
    for name, column, mapping in (
        ("Slevel", "slevel", enums.SLEVEL),
        ("Origin", "origin", enums.ORIGIN),
    ):
        value = body.get(name)
        if value is not MISSING and value is not None:
            row[column] = _enum(mapping, value, name)
    if body.has("ConnectId"):
        row["connect_id"] = body.integer("ConnectId")

    _apply_references(row, body, lookups, creating)
    old_owner = existing["owned_by"] if existing is not None else None
    _apply_owner(row, body, lookups, caller)
    _apply_status(row, body, lookups, existing, now)
    _count_time_in_status(row, lookups, existing, now)
    _apply_fields(row, body)

    if creating:
        if not row["author"]:
            caller_row = lookups.associates.get(caller)
            row["author"] = caller_row["name"] if caller_row else ""
        if row["deadline"] is None and row["priority_id"] in lookups.priorities:
            minutes = lookups.priorities[row["priority_id"]]["deadline_minutes"]
            row["deadline"] = to_stored(now + timedelta(minutes=minutes))
    elif row["owned_by"] != old_owner:
        # A new owner has not read the ticket yet.
        row["read_status"] = enums.RED
        row["read_by_owner"] = None
        row["first_read_by_owner"] = None
    row["last_changed"] = stamp

    tag_ids = _tag_ids(body, lookups)
    conn.execute("BEGIN")
    try:
        if creating:
            row["ticket_id"] = None  # let SQLite pick the next id
            columns = list(TICKET_COLUMNS)
            cursor = conn.execute(
                f"INSERT INTO ticket ({', '.join(columns)}) "  # noqa: S608
                f"VALUES ({', '.join('?' for _ in columns)})",
                [row[c] for c in columns],
            )
            ticket_id = int(cursor.lastrowid or 0)
        else:
            columns = [c for c in TICKET_COLUMNS if c != "ticket_id"]
            conn.execute(
                f"UPDATE ticket SET {', '.join(f'{c} = ?' for c in columns)} WHERE ticket_id = ?",  # noqa: S608
                [*(row[c] for c in columns), ticket_id],
            )
        if tag_ids is not None:
            conn.execute("DELETE FROM ticket_tag WHERE ticket_id = ?", (ticket_id,))
            conn.executemany(
                "INSERT INTO ticket_tag VALUES (?, ?)", [(ticket_id, t) for t in tag_ids]
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return ticket_id


def _new_row(lookups: Lookups, caller: int, stamp: str) -> dict[str, Any]:
    status = lookups.default_status_for(enums.ACTIVE)
    ticket_type = lookups.default_ticket_type()
    row: dict[str, Any] = dict.fromkeys(TICKET_COLUMNS, 0)
    row.update(
        {
            "title": "",
            "author": "",
            "from_address": "",
            "language": "",
            "created_at": stamp,
            "last_changed": stamp,
            "created_by": caller,
            "owned_by": 0,
            "read_by_owner": None,
            "read_by_customer": None,
            "first_read_by_owner": None,
            "first_read_by_user": None,
            "activate": None,
            "closed_at": None,
            "replied_at": None,
            "alert_timeout": None,
            "deadline": None,
            "category_id": lookups.default_category()["category_id"],
            "priority_id": lookups.default_priority()["priority_id"],
            "slevel": enums.EXTERNAL,
            "base_status": enums.ACTIVE,
            "status_id": status["status_id"] if status else 1,
            "origin": 7,
            "person_id": None,
            "read_status": enums.RED,
            "sale_id": None,
            "project_id": None,
            "ticket_type_id": ticket_type["ticket_type_id"] if ticket_type else None,
            "secondary_person_ids": "[]",
            "custom_fields": "{}",
            "extra_fields": "{}",
            "status_changed_at": stamp,
        }
    )
    return row


def _date(body: Body, name: str) -> str | None:
    try:
        return parse_input(body.get(name))
    except ValueError as error:
        raise bad_request(f"Property '{name}': {error}") from None


def _enum(mapping: Any, value: Any, name: str) -> int:
    try:
        return enums.parse_enum(mapping, value)
    except ValueError as error:
        raise bad_request(f"Property '{name}': {error}") from None


def _apply_references(row: dict[str, Any], body: Body, lookups: Lookups, creating: bool) -> None:
    for name, id_name, column, table in (
        ("Category", "TicketCategoryId", "category_id", lookups.categories),
        ("Priority", "TicketPriorityId", "priority_id", lookups.priorities),
    ):
        ref = body.ref_id(name, id_name)
        if ref is None or (ref == 0 and creating):
            continue
        if ref not in table:
            raise bad_request(f"{name} id {ref} does not exist")
        row[column] = ref
    # Optional links: null or id 0 clears them.
    for name, id_name, column, table in (
        ("Person", "PersonId", "person_id", lookups.persons),
        ("Sale", "SaleId", "sale_id", lookups.sales),
        ("Project", "ProjectId", "project_id", lookups.projects),
        ("TicketType", "TicketTypeId", "ticket_type_id", lookups.ticket_types),
    ):
        if not body.has(name):
            continue
        ref = body.ref_id(name, id_name)
        if not ref:
            row[column] = None
        elif ref not in table:
            raise bad_request(f"{name} id {ref} does not exist")
        else:
            row[column] = ref
    if body.has("SecondaryPersons"):
        people = body.get("SecondaryPersons") or []
        if not isinstance(people, list):
            raise bad_request("Property 'SecondaryPersons' must be an array")
        ids = []
        for item in people:
            person_id = Body(item).integer("PersonId") if isinstance(item, dict) else 0
            if person_id not in lookups.persons:
                raise bad_request(f"Person id {person_id} does not exist")
            ids.append(person_id)
        row["secondary_person_ids"] = json.dumps(ids)


def _apply_owner(row: dict[str, Any], body: Body, lookups: Lookups, caller: int) -> None:
    owner = body.ref_id("OwnedBy", "AssociateId")
    if owner is None:
        return
    if owner == AUTO_ASSIGN:
        category = lookups.categories.get(row["category_id"])
        owner = category["category_master"] if category else caller
    # A ticket may keep an owner who has since left (saving it unchanged is fine); only
    # assigning it to an unknown or deleted associate is refused.
    unchanged = owner == row.get("owned_by")
    if (
        owner != 0
        and not unchanged
        and (owner not in lookups.associates or lookups.associates[owner]["deleted"])
    ):
        raise bad_request(f"Associate id {owner} cannot own tickets")
    row["owned_by"] = owner


def _apply_status(
    row: dict[str, Any], body: Body, lookups: Lookups, existing: Any, now: datetime
) -> None:
    old_base = existing["base_status"] if existing is not None else None
    status_id = body.ref_id("Status", "TicketStatusId")
    base_value = body.get("BaseStatus")
    if status_id:
        status = lookups.statuses.get(status_id)
        if status is None:
            raise bad_request(f"Ticket status id {status_id} does not exist")
        row["status_id"] = status_id
        row["base_status"] = status["base_status"]
    elif base_value is not MISSING and base_value is not None:
        base = _enum(enums.BASE_STATUS, base_value, "BaseStatus")
        if base == 0:
            base = row["base_status"]  # "Unknown" (RHQ's create sample) keeps the default
        if base != row["base_status"]:
            status = lookups.default_status_for(base)
            if status is None:
                raise bad_request(f"No ticket status maps to base status {enums.BASE_STATUS[base]}")
            row["status_id"] = status["status_id"]
            row["base_status"] = base
    stamp = to_stored(now)
    base = row["base_status"]
    if base == enums.CLOSED and old_base != enums.CLOSED:
        row["closed_at"] = stamp
        created = from_stored(row["created_at"])
        row["time_to_close"] = office_minutes(created, now, hours_of(row["priority_id"]))
        row["real_time_to_close"] = wall_minutes(created, now)
    elif base != enums.CLOSED and old_base == enums.CLOSED:
        row["closed_at"] = None  # reopened: the close metrics no longer apply
        row["time_to_close"] = row["real_time_to_close"] = 0
    if base == enums.POSTPONED:
        if row["activate"] is None:
            # Postponing without a date: NetServer's GUI default is "tomorrow"; we use
            # the next day at 08:00 so the ticket is never postponed into the past.
            row["activate"] = to_stored(
                (now + timedelta(days=1)).replace(hour=8, minute=0, second=0)
            )
    else:
        row["activate"] = None


# A status's TimeCounter -> the counters its time adds to (0, "None": none).
SPENT_COLUMNS = {
    1: ("time_spent_internally", "real_time_spent_internally"),
    2: ("time_spent_externally", "real_time_spent_externally"),
    3: ("time_spent_queue", "real_time_spent_queue"),
}


def _count_time_in_status(
    row: dict[str, Any], lookups: Lookups, existing: Any, now: datetime
) -> None:
    """Leaving a status adds the time spent in it to its counter: seconds within the office
    hours of the priority it had, and 24x7 (the current status is never counted, NOTES 6)."""
    stamp = to_stored(now)
    if existing is None:
        row["status_changed_at"] = stamp
        return
    if row["status_id"] == existing["status_id"]:
        return
    row["status_changed_at"] = stamp
    old = lookups.statuses.get(existing["status_id"])
    columns = SPENT_COLUMNS.get(old["time_counter"]) if old is not None else None
    if columns is None:
        return
    since = existing["status_changed_at"] or existing["last_changed"] or existing["created_at"]
    start = from_stored(since)
    business, real = columns
    row[business] += office_seconds(start, now, hours_of(existing["priority_id"]))
    row[real] += elapsed_seconds(start, now)


def _apply_fields(row: dict[str, Any], body: Body) -> None:
    # The ticket's extra fields, field by field (see ticket_fields); fields the client did
    # not send keep their values. Plug-in data in ExtraFields is the plug-ins' to change.
    row["custom_fields"] = apply_fields(
        row["custom_fields"], body.get("CustomFields", None), body.get("ExtraFields", None)
    )


def _tag_ids(body: Body, lookups: Lookups) -> list[int] | None:
    if not body.has("Tags"):
        return None
    tags = body.get("Tags") or []
    if not isinstance(tags, list):
        raise bad_request("Property 'Tags' must be an array")
    ids: list[int] = []
    for item in tags:
        tag_id = as_int(item.get("Id") if isinstance(item, dict) else item, "Tags.Id")
        if tag_id not in lookups.tags:
            raise bad_request(f"Tag id {tag_id} does not exist")
        if tag_id not in ids:
            ids.append(tag_id)
    return ids
