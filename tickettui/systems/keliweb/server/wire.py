"""Rows -> WHMCS API payloads, with the types real servers send (NOTES section 3).

Ids and counts are strings in GetTicket (as in the docs' sample), GetTickets rows come
from WHMCS 8's models (ints for ``flag``), and empty lists have the shapes PHP gives them.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tickettui.systems.keliweb.server import store
from tickettui.systems.keliweb.server.store import Row

REQUESTOR_OWNER = "Owner"
REQUESTOR_CONTACT = "Sub-Account"
REQUESTOR_OPERATOR = "Operator"


class Requestors:
    """Names and e-mails of clients, contacts and admins, looked up once per request."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._clients: dict[int, Row | None] = {}
        self._contacts: dict[int, Row | None] = {}
        self._admins: dict[str, Row | None] = {}

    def of_client_side(self, user_id: int, contact_id: int) -> tuple[str, str, str]:
        if contact_id:
            if contact_id not in self._contacts:
                self._contacts[contact_id] = store.contact(self.conn, contact_id)
            row = self._contacts[contact_id]
            if row is not None:
                return _full(row), row["email"], REQUESTOR_CONTACT
        return (*self.owner(user_id), REQUESTOR_OWNER)

    def owner(self, user_id: int) -> tuple[str, str]:
        if user_id not in self._clients:
            self._clients[user_id] = store.client(self.conn, user_id)
        row = self._clients[user_id]
        return (_full(row), row["email"]) if row is not None else ("", "")

    def of_admin(self, name: str) -> tuple[str, str, str]:
        if name not in self._admins:
            self._admins[name] = self.conn.execute(
                "SELECT * FROM admin WHERE firstname || ' ' || lastname = ?", (name,)
            ).fetchone()
        row = self._admins[name]
        return name, (row["email"] if row is not None else ""), REQUESTOR_OPERATOR


def _full(row: Row) -> str:
    return f"{row['firstname']} {row['lastname']}"


def _attachments(attachment: str) -> list[dict[str, Any]]:
    # WHMCS keeps attachments as "<random>_<name>|<random>_<name>" and lists them by index.
    names = [part for part in attachment.split("|") if part]
    return [{"filename": name.split("_", 1)[-1], "index": i} for i, name in enumerate(names)]


def ticket_summary(row: Row, people: Requestors) -> dict[str, Any]:
    """One ``tickets.ticket[]`` item of GetTickets (``id``, not ``ticketid``)."""
    name, email, kind = people.of_client_side(row["userid"], row["contactid"])
    return {
        "id": str(row["id"]),
        "tid": row["tid"],
        "deptid": str(row["did"]),
        "userid": str(row["userid"]),
        "name": row["name"],
        "email": row["email"],
        "cc": row["cc"],
        "c": row["c"],
        "date": row["date"],
        "subject": row["title"],
        "status": row["status"],
        "priority": row["urgency"],
        "admin": row["admin"],
        "attachment": row["attachment"],
        "lastreply": row["lastreply"],
        "flag": row["flag"],  # an int here, "0" in GetTicket: both happen for real
        "service": row["service"],
        "requestor_name": name,
        "requestor_email": email,
        "requestor_type": kind,
        "owner_name": people.owner(row["userid"])[0],
    }


def ticket_detail(
    ticket: Row,
    dept_name: str,
    replies: list[Row],
    notes: list[Row],
    *,
    descending: bool,
    people: Requestors,
) -> dict[str, Any]:
    name, email, kind = people.of_client_side(ticket["userid"], ticket["contactid"])
    body: dict[str, Any] = {
        "result": "success",
        "ticketid": str(ticket["id"]),
        "tid": ticket["tid"],
    }
    if ticket["show_ticketnum"]:
        body["ticketnum"] = ticket["tid"]  # the docs' name for tid, sent by some versions
    body |= {
        "c": ticket["c"],
        "deptid": str(ticket["did"]),
        "deptname": dept_name,
        "userid": str(ticket["userid"]),
        "contactid": str(ticket["contactid"]),
        "name": ticket["name"],
        "email": ticket["email"],
        "cc": ticket["cc"],
        "date": ticket["date"],
        "subject": ticket["title"],
        "status": ticket["status"],
        "priority": ticket["urgency"],
        "admin": ticket["admin"],
        "lastreply": ticket["lastreply"],
        "flag": str(ticket["flag"]),
        "service": ticket["service"],
        "requestor_name": name,
        "requestor_email": email,
        "requestor_type": kind,
        "attachments": _attachments(ticket["attachment"]),
    }
    items = [_reply(r, people) for r in replies]
    if descending:
        items.reverse()
    # The opening message is synthesised as reply "0": first in ASC, last in DESC.
    opening = _opening_reply(ticket, name, email, kind)
    items = [*items, opening] if descending else [opening, *items]
    body["replies"] = {"reply": items}
    # GetTicket initialises notes as a PHP array(): no notes encode as [] (not {}).
    body["notes"] = {"note": [_note(n) for n in notes]} if notes else []
    return body


def _opening_reply(ticket: Row, name: str, email: str, kind: str) -> dict[str, Any]:
    # No "rating" key on the synthesised reply, exactly as in the docs' sample.
    return {
        "replyid": "0",
        "userid": str(ticket["userid"]),
        "contactid": str(ticket["contactid"]),
        "name": ticket["name"],
        "email": ticket["email"],
        "requestor_name": ticket["admin"] or name,
        "requestor_email": email,
        "requestor_type": REQUESTOR_OPERATOR if ticket["admin"] else kind,
        "date": ticket["date"],
        "message": ticket["message"],
        "attachment": ticket["attachment"],
        "attachments": _attachments(ticket["attachment"]),
        "attachments_removed": False,
        "admin": ticket["admin"],
        "editor": ticket["editor"],
    }


def _reply(row: Row, people: Requestors) -> dict[str, Any]:
    if row["admin"]:
        name, email, kind = people.of_admin(row["admin"])
    else:
        name, email, kind = people.of_client_side(row["userid"], row["contactid"])
    return {
        "replyid": str(row["id"]),
        "userid": str(row["userid"]),
        "contactid": str(row["contactid"]),
        "name": row["name"],
        "email": row["email"],
        "requestor_name": name,
        "requestor_email": email,
        "requestor_type": kind,
        "date": row["date"],
        "message": row["message"],
        "attachment": row["attachment"],
        "attachments": _attachments(row["attachment"]),
        "attachments_removed": False,
        "admin": row["admin"],
        "rating": str(row["rating"]),
        "editor": row["editor"],
    }


def _note(row: Row) -> dict[str, Any]:
    return {
        "noteid": str(row["id"]),
        "date": row["date"],
        "message": row["message"],
        "attachment": row["attachments"],
        "attachments": _attachments(row["attachments"]),
        "attachments_removed": False,
        "admin": row["admin"],
        "editor": row["editor"],
    }
