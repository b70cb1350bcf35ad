"""The ticket actions behind ``POST /api/v2/keliweb/<action>`` (WHMCS semantics, NOTES §2).

Which layer reports a missing parameter: Keliweb's Laravel wrapper validates the ids it
must resolve before it can call WHMCS for *this* customer (``ticketid`` of
add-ticket-reply, ``ticketid``/``ticketnum`` of get-ticket, ``deptid`` of open-ticket —
all documented as required on Keliweb's own pages) and answers 422. Everything else,
including message and subject text and every parameter of the methods Keliweb does not
document (get-tickets, update-ticket, add-ticket-note, departments, statuses), goes
through to WHMCS, whose errors are ``{"result":"error"}`` with HTTP 200.

Every action is scoped to the customer behind the token: another customer's ticket is
"Ticket ID Not Found", exactly like a missing one.

WHMCS HTML-escapes its input: every request variable goes through
``htmlspecialchars(..., ENT_QUOTES)`` before WHMCS's code reads it (``Call.text``), so text is
stored escaped (subjects, messages, cc) and matched escaped against what is stored escaped
(status titles, which admins typed into WHMCS's forms; the subject and e-mail filters).
get-* return the stored text as it is. A client sends text as its user wrote it; text it
escaped itself would be escaped twice. Ids, numbers and the fixed words (priorities,
pseudo-statuses, ASC/DESC) have nothing to escape, so they are read as sent (``Call.get``).
"""

from __future__ import annotations

import secrets
import sqlite3
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tickettui.systems.keliweb.server import accounts, store, wire
from tickettui.systems.keliweb.server.attachments import ATTACHMENT_ACTION, store_uploads
from tickettui.systems.keliweb.server.collation import FOLD, fold, install_fold
from tickettui.systems.keliweb.server.dates import to_wire
from tickettui.systems.keliweb.server.errors import ValidationFailed, WhmcsError
from tickettui.systems.keliweb.server.form import Form
from tickettui.systems.keliweb.server.php import encode, intval, truthy
from tickettui.systems.keliweb.server.store import Row

PRIORITIES = ("Low", "Medium", "High")
AWAITING_REPLY = "Awaiting Reply"
ALL_ACTIVE = "All Active Tickets"
MY_FLAGGED = "My Flagged Tickets"


@dataclass(frozen=True)
class Call:
    conn: sqlite3.Connection
    user_id: int  # the Keliweb customer behind the access token
    now: datetime  # Europe/Rome wall clock
    form: Form

    def get(self, name: str) -> str:
        return self.form.get(name, "")

    def text(self, name: str) -> str:
        """The value as WHMCS's code sees it: HTML-escaped (``htmlspecialchars``, ENT_QUOTES)."""
        return encode(self.get(name))

    def has(self, name: str) -> bool:
        return self.form.get(name, "") != ""


Action = Callable[[Call], dict[str, Any]]


# -- shared --------------------------------------------------------------------------------


def _require_int(call: Call, name: str, *, without: str | None = None) -> None:
    """Laravel's ``required|integer`` (or ``required_without:<other>|integer``)."""
    value = call.get(name).strip()
    if not value:
        if without is None:
            raise ValidationFailed({name: [f"The {name} field is required."]})
        if not call.has(without):
            raise ValidationFailed(
                {name: [f"The {name} field is required when {without} is not present."]}
            )
        return
    if not value.lstrip("+-").isdigit():
        raise ValidationFailed({name: [f"The {name} must be an integer."]})


def _own_ticket(call: Call, row: Row | None) -> Row | None:
    if row is None or row["userid"] != call.user_id:
        return None
    # A merged ticket stands for the ticket it went into (followed once, as WHMCS does).
    if row["merged_ticket_id"]:
        target = store.ticket_by_id(call.conn, row["merged_ticket_id"])
        if target is not None and target["userid"] == call.user_id:
            return target
    return row


def _find_ticket(call: Call, *, by_number: bool) -> Row | None:
    if by_number and call.has("ticketnum"):
        return _own_ticket(call, store.ticket_by_tid(call.conn, call.get("ticketnum").strip()))
    return _own_ticket(call, store.ticket_by_id(call.conn, intval(call.get("ticketid"))))


def _canonical_status(conn: sqlite3.Connection, value: str) -> str | None:
    """The stored title ``value`` names, case-insensitively; ``value`` as WHMCS sees input
    (escaped), compared with titles stored escaped."""
    for row in store.statuses(conn):
        if row["title"].lower() == value.strip().lower():
            return str(row["title"])
    return None


def _editor(call: Call) -> str:
    # The WHMCS code reads "markdown"; the docs' "useMarkdown" is silently ignored (NOTES §4).
    return "markdown" if truthy(call.get("markdown")) else "plain"


def _contact_id(call: Call) -> int:
    if not call.has("contactid"):
        return 0
    contact = store.contact(call.conn, intval(call.get("contactid")))
    if contact is None or contact["userid"] != call.user_id:
        raise WhmcsError("Contact ID Not Found")
    return int(contact["id"])


def _attach(call: Call, kind: str, update: str, related: int | None) -> None:
    """Keep the files of the ``attachments`` field on the row just written (attachments.py)."""
    names = store_uploads(call.conn, call.get("attachments"), kind, int(related or 0))
    if names:
        call.conn.execute(update, (names, related))


def _scope(user_id: int) -> tuple[str, list[Any]]:
    return "t.userid = ? AND t.merged_ticket_id = 0", [user_id]


# -- reads ---------------------------------------------------------------------------------


def get_ticket(call: Call) -> dict[str, Any]:
    _require_int(call, "ticketid", without="ticketnum")
    ticket = _find_ticket(call, by_number=True)
    if ticket is None:
        raise WhmcsError("Ticket ID Not Found")
    # Case-sensitive on purpose: WHMCS checks in_array(..., ['ASC', 'DESC']), so "desc" is ASC.
    descending = call.get("repliessort") == "DESC"
    dept = store.department(call.conn, ticket["did"])
    return wire.ticket_detail(
        ticket,
        dept["name"] if dept is not None else "",
        store.replies(call.conn, ticket["id"]),
        store.notes(call.conn, ticket["id"]),
        descending=descending,
        people=wire.Requestors(call.conn),
    )


def get_tickets(call: Call) -> dict[str, Any]:
    where, params = _scope(call.user_id)
    clauses = [where]
    # Department assignments scope an admin, not a customer: behind Keliweb the token's
    # customer is the scope, so ignore_dept_assignments is accepted and has no effect.
    if call.has("deptid"):
        clauses.append("t.did = ?")
        params.append(intval(call.get("deptid")))
    if call.has("clientid"):
        clauses.append("t.userid = ?")
        params.append(intval(call.get("clientid")))
    if call.has("email"):
        clauses.append(
            "(t.email = ? COLLATE NOCASE"
            " OR t.userid IN (SELECT id FROM client WHERE email = ? COLLATE NOCASE)"
            " OR t.contactid IN (SELECT id FROM contact WHERE email = ? COLLATE NOCASE))"
        )
        params.extend([call.text("email")] * 3)
    if call.has("subject"):
        install_fold(call.conn)  # case- and accent-insensitive, as MySQL's unicode_ci
        clauses.append(f"{FOLD}(t.title) LIKE ?")
        params.append(f"%{fold(call.text('subject')) or ''}%")
    status = call.text("status")  # the pseudo-statuses have nothing to escape
    if status == AWAITING_REPLY:
        clauses.append("t.status IN (SELECT title FROM ticket_status WHERE showawaiting = 1)")
    elif status == ALL_ACTIVE:
        clauses.append("t.status IN (SELECT title FROM ticket_status WHERE showactive = 1)")
    elif status == MY_FLAGGED:
        clauses.append(
            "t.flag = ? AND t.status IN (SELECT title FROM ticket_status WHERE showactive = 1)"
        )
        params.append(accounts.API_ADMIN_ID)
    elif status:
        clauses.append("t.status = ? COLLATE NOCASE")  # MySQL compares case-insensitively
        params.append(status)
    sql_where = " AND ".join(clauses)
    total = call.conn.execute(
        f"SELECT COUNT(*) FROM ticket t WHERE {sql_where}",  # noqa: S608
        params,
    ).fetchone()[0]
    start = max(0, intval(call.get("limitstart")))
    limit = intval(call.get("limitnum")) if call.has("limitnum") else 25
    rows = call.conn.execute(
        f"SELECT * FROM ticket t WHERE {sql_where} "  # noqa: S608
        "ORDER BY t.lastreply DESC, t.id DESC LIMIT ? OFFSET ?",
        [*params, max(0, limit), start],
    ).fetchall()
    body: dict[str, Any] = {
        "result": "success",
        "totalresults": total,
        "startnumber": start,
        "numreturned": len(rows),
    }
    if rows:  # WHMCS only creates the key inside the loop: no match, no "tickets"
        people = wire.Requestors(call.conn)
        body["tickets"] = {"ticket": [wire.ticket_summary(r, people) for r in rows]}
    return body


def _status_counts(call: Call, dept_id: int | None) -> dict[str, int]:
    where, params = _scope(call.user_id)
    if dept_id is not None:
        where += " AND t.did = ?"
        params.append(dept_id)
    rows = call.conn.execute(
        f"SELECT t.status, COUNT(*) FROM ticket t WHERE {where} GROUP BY t.status",  # noqa: S608
        params,
    )
    return {row[0]: int(row[1]) for row in rows}


def get_support_departments(call: Call) -> dict[str, Any]:
    statuses = store.statuses(call.conn)
    active = {s["title"] for s in statuses if s["showactive"]}
    awaiting = {s["title"] for s in statuses if s["showawaiting"]}
    departments = []
    for dept in store.departments(call.conn):  # sorted by name, as WHMCS does
        counts = _status_counts(call, dept["id"])
        departments.append(
            {
                "id": str(dept["id"]),
                "name": dept["name"],
                "awaitingreply": str(sum(n for s, n in counts.items() if s in awaiting)),
                "opentickets": str(sum(n for s, n in counts.items() if s in active)),
            }
        )
    return {
        "result": "success",
        "totalresults": str(len(departments)),
        "departments": {"department": departments},
    }


def get_support_statuses(call: Call) -> dict[str, Any]:
    counts = _status_counts(call, intval(call.get("deptid")) if call.has("deptid") else None)
    statuses = [
        {"title": row["title"], "count": counts.get(row["title"], 0), "color": row["color"]}
        for row in store.statuses(call.conn)
    ]
    return {
        "result": "success",
        "totalresults": len(statuses),
        "statuses": {"status": statuses},
    }


# -- writes --------------------------------------------------------------------------------


def add_ticket_reply(call: Call) -> dict[str, Any]:
    _require_int(call, "ticketid")
    ticket = _find_ticket(call, by_number=False)
    if ticket is None:
        raise WhmcsError("Ticket ID Not Found")
    message = call.get("message")
    if not message.strip():
        raise WhmcsError("Message is required")
    contact_id = _contact_id(call)
    # Replies through the reseller API come from the customer: no admin, so WHMCS marks
    # the ticket Customer-Reply. An explicit status is matched case-insensitively to a
    # title; an unknown one is stored as sent, as WHMCS 8.7 lets it through (NOTES §4).
    status = "Customer-Reply"
    if call.has("status"):
        status = _canonical_status(call.conn, call.text("status")) or call.text("status")
    now = to_wire(call.now)
    cursor = call.conn.execute(
        "INSERT INTO reply (tid, userid, contactid, name, email, date, message, admin,"
        " attachment, rating, editor) VALUES (?, ?, ?, '', '', ?, ?, '', '', 0, ?)",
        (ticket["id"], call.user_id, contact_id, now, call.text("message"), _editor(call)),
    )
    _attach(call, "reply", "UPDATE reply SET attachment = ? WHERE id = ?", cursor.lastrowid)
    call.conn.execute(
        "UPDATE ticket SET status = ?, lastreply = ?, clientunread = 0, adminunread = ''"
        " WHERE id = ?",
        (status, now, ticket["id"]),
    )
    return {"result": "success"}


def add_ticket_note(call: Call) -> dict[str, Any]:
    ticket = _find_ticket(call, by_number=True)
    if ticket is None:
        raise WhmcsError("Ticket ID not found")  # lower-case "not": WHMCS's own wording
    message = call.get("message")
    if not message.strip():
        raise WhmcsError("Message is required")
    cursor = call.conn.execute(
        "INSERT INTO note (ticketid, admin, date, message, attachments, editor)"
        " VALUES (?, ?, ?, ?, '', ?)",
        (
            ticket["id"],
            encode(accounts.API_ADMIN_NAME),  # the admin's name as stored: escaped
            to_wire(call.now),
            call.text("message"),
            _editor(call),
        ),
    )
    _attach(call, "note", "UPDATE note SET attachments = ? WHERE id = ?", cursor.lastrowid)
    return {"result": "success"}


def update_ticket(call: Call) -> dict[str, Any]:
    ticket = _find_ticket(call, by_number=False)
    if ticket is None:
        raise WhmcsError("Ticket ID Not Found")
    changes: dict[str, Any] = {}
    if call.has("deptid"):
        dept = store.department(call.conn, intval(call.get("deptid")))
        if dept is None:
            raise WhmcsError("Department ID Not Found")
        changes["did"] = dept["id"]
    if call.has("status"):
        status = _canonical_status(call.conn, call.text("status"))
        if status is None:
            titles = ",".join(row["title"] for row in store.statuses(call.conn))
            raise WhmcsError(f"Invalid Ticket Status. Valid statuses are: {titles}")
        changes["status"] = status  # "Closed" needs nothing more here: no e-mails to send
    if call.has("subject"):
        changes["title"] = call.text("subject")
    if call.has("priority"):
        if call.get("priority") not in PRIORITIES:  # case-sensitive in_array()
            raise WhmcsError(
                f"Invalid Ticket Priority. Valid priorities are: {','.join(PRIORITIES)}"
            )
        changes["urgency"] = call.get("priority")
    if call.has("cc"):
        changes["cc"] = call.text("cc")
    if intval(call.get("flag")):
        admin = store.admin(call.conn, intval(call.get("flag")))
        if admin is None or admin["disabled"]:
            raise WhmcsError("Invalid Admin ID for Flag")
        changes["flag"] = admin["id"]
    if truthy(call.get("removeFlag")):
        changes["flag"] = 0
    if changes:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        call.conn.execute(
            f"UPDATE ticket SET {assignments} WHERE id = ?",  # noqa: S608 - fixed column names
            [*changes.values(), ticket["id"]],
        )
    return {"result": "success", "ticketid": int(ticket["id"])}


def open_ticket(call: Call) -> dict[str, Any]:
    _require_int(call, "deptid")
    dept = store.department(call.conn, intval(call.get("deptid")))
    if dept is None:
        raise WhmcsError("Department ID not found")
    if not call.get("subject").strip():
        raise WhmcsError("Subject is required")
    if not call.get("message").strip():
        raise WhmcsError("Message is required")
    contact_id = _contact_id(call)
    priority = call.get("priority")
    if priority not in PRIORITIES:
        priority = "Low"  # OpenTicket quietly falls back instead of failing
    service = ""
    if call.has("serviceid"):
        service = f"S{intval(call.get('serviceid'))}"
    elif call.has("domainid"):
        service = f"D{intval(call.get('domainid'))}"
    people = wire.Requestors(call.conn)
    name = people.of_client_side(call.user_id, contact_id)[0]  # as stored: escaped
    # Other customers open tickets too, so the next id of ours is rarely max + 1.
    last = call.conn.execute("SELECT COALESCE(MAX(id), 0) FROM ticket").fetchone()[0]
    ticket_id = int(last) + 1 + secrets.randbelow(3)
    tid = _new_tid(call.conn)
    c = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(8))
    now = to_wire(call.now)
    row = {
        "id": ticket_id,
        "tid": tid,
        "c": c,
        "did": dept["id"],
        "userid": call.user_id,
        "contactid": contact_id,
        "name": name,
        "email": "",
        "cc": call.text("cc"),
        "date": now,
        "title": call.text("subject"),
        "message": call.text("message"),
        "status": "Open",
        "urgency": priority,
        "admin": "",
        "attachment": "",
        "lastreply": now,
        "flag": 0,
        "service": service,
        "merged_ticket_id": 0,
        "editor": _editor(call),
        "show_ticketnum": 0,
        "clientunread": 0,
        "adminunread": "",
    }
    store.insert(
        call.conn,
        "ticket",
        store.TICKET_COLUMNS,
        [tuple(row[column] for column in store.TICKET_COLUMNS)],
    )
    _attach(call, "ticket", "UPDATE ticket SET attachment = ? WHERE id = ?", ticket_id)
    return {"result": "success", "id": ticket_id, "tid": tid, "c": c}


def _new_tid(conn: sqlite3.Connection) -> str:
    while True:
        tid = str(100000 + secrets.randbelow(900000))
        if store.ticket_by_tid(conn, tid) is None:
            return tid


def _streamed(call: Call) -> dict[str, Any]:
    raise AssertionError("app.py answers get-ticket-attachment itself")


ACTIONS: dict[str, Action] = {
    ATTACHMENT_ACTION: _streamed,
    "get-ticket": get_ticket,
    "get-tickets": get_tickets,
    "add-ticket-reply": add_ticket_reply,
    "add-ticket-note": add_ticket_note,
    "update-ticket": update_ticket,
    "open-ticket": open_ticket,
    "get-support-departments": get_support_departments,
    "get-support-statuses": get_support_statuses,
}
