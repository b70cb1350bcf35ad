"""``POST v1/TicketMessage``: save a message and update its ticket.

Side effects on the ticket: NumMessages/NumReplies, TimeSpent, LastChanged, RepliedAt
(the first External message by an agent after the opening one, with TimeToReply counted
within the priority's office hours and RealTimeToReply 24x7: office_hours), and
ReadStatus: a message from anyone but the owner is new information, so Green -> Yellow.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
from datetime import datetime
from typing import Any

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.body import MISSING, Body, as_int
from tickettui.systems.superoffice.server.dates import from_stored, to_stored
from tickettui.systems.superoffice.server.errors import bad_request, not_found
from tickettui.systems.superoffice.server.office_hours import (
    hours_of,
    office_minutes,
    wall_minutes,
)
from tickettui.systems.superoffice.server.store import (
    MESSAGE_COLUMNS,
    Lookups,
    get_message,
    get_ticket,
    json_object,
)

_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</p>|</div>|</li>|</h\d>")
_DROP = re.compile(r"(?is)<(script|style)\b.*?</\1>")
_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """The plain-text Body NetServer derives when a client only sends HtmlBody."""
    text = _DROP.sub("", markup)
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def save_message(
    conn: sqlite3.Connection, lookups: Lookups, body: Body, caller: int, now: datetime
) -> int:
    message_id = body.integer("EjMessageId")
    if message_id:
        return _update(conn, body, message_id, now)
    ticket_id = body.ref_id("Ticket", "TicketId")
    if not ticket_id:
        raise bad_request("Property 'Ticket.TicketId' is required to save a new message")
    ticket = get_ticket(conn, ticket_id)
    if ticket is None:
        raise not_found(f"Ticket id {ticket_id} not found")

    stamp = to_stored(now)
    html_body = body.text("HtmlBody") or ""
    plain = body.text("Body")
    text = plain if plain else html_to_text(html_body)
    message_type = _enum(
        enums.MESSAGE_TYPE, body.get("Type"), "Type", enums.HTML if html_body else enums.PLAIN
    )
    # A missing Slevel would bind to 0 (Unknown) in .NET; NetServer then applies the
    # category default, which is External in our tenant.
    slevel = _enum(enums.SLEVEL, body.get("Slevel"), "Slevel", enums.EXTERNAL) or enums.EXTERNAL
    caller_row = lookups.associates.get(caller)
    author = body.text("Author") or (caller_row["name"] if caller_row else "")
    person_id = body.ref_id("Person", "PersonId") or None
    if person_id is not None and person_id not in lookups.persons:
        raise bad_request(f"Person id {person_id} does not exist")
    headers = body.get("MessageHeaders", None)
    attachments = body.get("AttachmentsInfo", None)
    time_spent = as_int(body.get("TimeSpent", 0), "TimeSpent")
    row: dict[str, Any] = {
        "message_id": None,
        "ticket_id": ticket_id,
        "created_at": stamp,
        "changed_at": stamp,
        # CreatedBy in the body is not honoured (NOTES pitfall 2): the caller wrote it.
        "created_by": caller,
        "author": author,
        "slevel": slevel,
        "type": message_type,
        "body": text,
        "html_body": html_body,
        "important": int(bool(body.get("Important", False))),
        "message_category": _enum(
            enums.MESSAGE_CATEGORY, body.get("MessageCategory"), "MessageCategory", 1
        )
        or 1,
        "person_id": person_id,
        "message_id_header": body.text("MessageId") or "",
        "email_header": body.text("EmailHeader") or "",
        "headers_json": json.dumps(headers if isinstance(headers, list) else []),
        "attachments_json": json.dumps(attachments if isinstance(attachments, list) else []),
        "time_spent": time_spent,
        "language": body.text("Language") or "",
        "sentiment": 0,
        "sentiment_confidence": 0,
        "badge": _enum(enums.BADGE, body.get("Badge"), "Badge", 0)
        or (3 if slevel == enums.INTERNAL else 5),
        "search_title": body.text("SearchTitle") or f"Re: {ticket['title']}",
        "debug_info": "",
        "custom_fields": json.dumps(_dict(body, "CustomFields")),
        "extra_fields": json.dumps(_dict(body, "ExtraFields")),
    }

    updates: dict[str, Any] = {
        "num_messages": ticket["num_messages"] + 1,
        "time_spent": ticket["time_spent"] + time_spent,
        "last_changed": stamp,
    }
    if row["attachments_json"] != "[]":
        updates["has_attachment"] = 1
    by_agent = caller_row is not None
    if by_agent and slevel == enums.EXTERNAL:
        updates["num_replies"] = ticket["num_replies"] + 1
        if ticket["replied_at"] is None and ticket["num_messages"] > 0:
            created = from_stored(ticket["created_at"])
            updates["replied_at"] = stamp
            updates["time_to_reply"] = office_minutes(created, now, hours_of(ticket["priority_id"]))
            updates["real_time_to_reply"] = wall_minutes(created, now)
    if caller != ticket["owned_by"] and ticket["read_status"] == enums.GREEN:
        updates["read_status"] = enums.YELLOW

    conn.execute("BEGIN")
    try:
        columns = list(MESSAGE_COLUMNS)
        cursor = conn.execute(
            f"INSERT INTO message ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join('?' for _ in columns)})",
            [row[c] for c in columns],
        )
        conn.execute(
            f"UPDATE ticket SET {', '.join(f'{c} = ?' for c in updates)} WHERE ticket_id = ?",  # noqa: S608
            [*updates.values(), ticket_id],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return int(cursor.lastrowid or 0)


def _update(conn: sqlite3.Connection, body: Body, message_id: int, now: datetime) -> int:
    existing = get_message(conn, message_id)
    if existing is None:
        raise not_found(f"Ticket message id {message_id} not found")
    row = dict(existing)
    html_body = body.text("HtmlBody")
    if html_body is not None:
        row["html_body"] = html_body
    plain = body.text("Body")
    if plain is not None:
        row["body"] = plain
    elif html_body is not None:
        row["body"] = html_to_text(html_body)
    if body.has("Slevel"):
        row["slevel"] = _enum(enums.SLEVEL, body.get("Slevel"), "Slevel", row["slevel"])
    if body.has("Important"):
        row["important"] = int(bool(body.get("Important")))
    if body.has("Type"):
        row["type"] = _enum(enums.MESSAGE_TYPE, body.get("Type"), "Type", row["type"])
    for name, column in (("CustomFields", "custom_fields"), ("ExtraFields", "extra_fields")):
        if body.get(name) not in (MISSING, None):
            merged = json_object(row[column])
            merged.update(_dict(body, name))
            row[column] = json.dumps(merged)
    row["changed_at"] = to_stored(now)
    columns = [c for c in MESSAGE_COLUMNS if c != "message_id"]
    conn.execute("BEGIN")
    conn.execute(
        f"UPDATE message SET {', '.join(f'{c} = ?' for c in columns)} WHERE message_id = ?",  # noqa: S608
        [*(row[c] for c in columns), message_id],
    )
    conn.execute(
        "UPDATE ticket SET last_changed = ? WHERE ticket_id = ?", (to_stored(now), row["ticket_id"])
    )
    conn.execute("COMMIT")
    return message_id


def _enum(mapping: Any, value: Any, name: str, default: int) -> int:
    if value is MISSING or value is None:
        return default
    try:
        return enums.parse_enum(mapping, value)
    except ValueError as error:
        raise bad_request(f"Property '{name}': {error}") from None


def _dict(body: Body, name: str) -> dict[str, Any]:
    value = body.get(name, None)
    if value is None or value is MISSING:
        return {}
    if not isinstance(value, dict):
        raise bad_request(f"Property '{name}' must be an object")
    return value
