"""Text the local Keliweb server stores and returns HTML-escaped, as WHMCS does.

WHMCS runs every request's input through ``htmlspecialchars(..., ENT_QUOTES)`` before its code
sees it, in its own admin forms and in its API alike, and stores the result: names of clients,
contacts and admins, department names, status titles, subjects and messages come back from
get-* escaped. What it matches against stored text (a status title in update-ticket,
add-ticket-reply and get-tickets, the subject and e-mail filters) is the escaped input too.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from tickettui.systems.keliweb.server import LocalKeliweb

from .conftest import Api

# What htmlspecialchars leaves behind: no raw < > " ', and every & starts an entity.
RAW_SPECIAL = re.compile(r"[<>\"']|&(?!(?:amp|lt|gt|quot|#0?39);)")
TEXT_KEYS = (
    "name",
    "email",
    "cc",
    "subject",
    "status",
    "admin",
    "deptname",
    "requestor_name",
    "requestor_email",
    "owner_name",
)
CUSTOM_STATUS = "Waiting &amp; Pending"  # an admin typed "Waiting & Pending" into WHMCS


def _escaped_as_stored(where: str, value: str) -> None:
    assert not RAW_SPECIAL.search(value), f"{where} is not escaped as WHMCS stores it: {value!r}"


def _texts(item: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for key in TEXT_KEYS:
        if isinstance(item.get(key), str):
            yield key, item[key]


def test_every_name_department_status_and_subject_comes_back_escaped(api: Api) -> None:
    departments = api.ok("get-support-departments")["departments"]["department"]
    statuses = api.ok("get-support-statuses")["statuses"]["status"]
    tickets = api.all_tickets()
    for dept in departments:
        _escaped_as_stored(f"department {dept['id']}", dept["name"])
    for status in statuses:
        _escaped_as_stored("status title", status["title"])
    for row in tickets:
        for key, value in _texts(row):
            _escaped_as_stored(f"get-tickets {row['id']} {key}", value)
    for row in tickets[:25]:
        ticket = api.ok("get-ticket", ticketid=row["id"])
        for key, value in _texts(ticket):
            _escaped_as_stored(f"get-ticket {row['id']} {key}", value)
        notes = ticket["notes"]["note"] if ticket["notes"] else []
        for item in [*ticket["replies"]["reply"], *notes]:
            for key, value in _texts(item):
                _escaped_as_stored(f"get-ticket {row['id']} reply/note {key}", value)


def test_the_demo_data_has_names_departments_and_subjects_with_characters_whmcs_escapes(
    api: Api,
) -> None:
    body = api.ok("get-support-departments")
    departments = [d["name"] for d in body["departments"]["department"]]
    tickets = api.all_tickets()
    names = {t["requestor_name"] for t in tickets} | {t["owner_name"] for t in tickets}
    subjects = {t["subject"] for t in tickets}
    assert any("&amp;" in d for d in departments), departments
    assert any("&#039;" in n for n in names), names
    for entity in ("&amp;", "&lt;", "&quot;", "&#039;"):
        assert any(entity in s for s in subjects), entity


def test_a_subject_is_stored_escaped_and_escaped_input_is_escaped_again(writer: Api) -> None:
    row = writer.all_tickets(status="Open")[0]
    writer.ok("update-ticket", ticketid=row["id"], subject='Q&A <draft> "v2"')
    stored = writer.ok("get-ticket", ticketid=row["id"])["subject"]
    assert stored == "Q&amp;A &lt;draft&gt; &quot;v2&quot;"
    # A client that escapes before sending gets its text escaped twice, as from WHMCS.
    writer.ok("update-ticket", ticketid=row["id"], subject="Q&amp;A")
    assert writer.ok("get-ticket", ticketid=row["id"])["subject"] == "Q&amp;amp;A"


def test_the_subject_filter_matches_what_the_user_typed(writer: Api) -> None:
    row = writer.all_tickets(status="Open")[0]
    writer.ok("update-ticket", ticketid=row["id"], subject='Rinnovo <urgente> & "PEC" d\'ufficio')
    found = writer.all_tickets(subject='<urgente> & "PEC" d\'uff')
    assert [t["id"] for t in found] == [row["id"]]


def test_open_ticket_stores_subject_cc_and_the_customers_name_escaped(writer: Api) -> None:
    body = writer.ok(
        "open-ticket",
        deptid=1,
        subject='L\'ordine <n. 5> & "rimborso"',
        message="Vedi oggetto",
        cc="a&b@example.com",
    )
    ticket = writer.ok("get-ticket", ticketid=body["id"])
    assert ticket["subject"] == "L&#039;ordine &lt;n. 5&gt; &amp; &quot;rimborso&quot;"
    assert ticket["cc"] == "a&amp;b@example.com"
    _escaped_as_stored("name", ticket["name"])


@pytest.fixture()
def custom_status(writable_kw: LocalKeliweb) -> Iterator[str]:
    """A status an admin added with an & in its title: WHMCS keeps the title escaped."""
    with sqlite3.connect(writable_kw.db_path) as conn:
        conn.execute(
            "INSERT INTO ticket_status VALUES (99, ?, '#123456', 8, 1, 0, 0)", (CUSTOM_STATUS,)
        )
    yield CUSTOM_STATUS
    with sqlite3.connect(writable_kw.db_path) as conn:
        conn.execute("UPDATE ticket SET status = 'Open' WHERE status = ?", (CUSTOM_STATUS,))
        conn.execute("DELETE FROM ticket_status WHERE id = 99")


def test_a_status_title_is_matched_as_whmcs_escapes_the_input(
    writer: Api, custom_status: str
) -> None:
    titles = [s["title"] for s in writer.ok("get-support-statuses")["statuses"]["status"]]
    assert custom_status in titles  # the list shows it as stored
    row = writer.all_tickets(status="Open")[0]
    # As the user reads it: escaped on the way in, it is the stored title.
    writer.ok("update-ticket", ticketid=row["id"], status="waiting & pending")
    assert writer.ok("get-ticket", ticketid=row["id"])["status"] == custom_status
    assert [t["id"] for t in writer.all_tickets(status="Waiting & Pending")] == [row["id"]]
    # Already escaped, it is escaped again and matches nothing.
    assert writer.error("update-ticket", ticketid=row["id"], status=custom_status).startswith(
        "Invalid Ticket Status. Valid statuses are: "
    )
    assert writer.all_tickets(status=custom_status) == []
    writer.ok("add-ticket-reply", ticketid=row["id"], message="ok", status="Open")
    writer.ok("add-ticket-reply", ticketid=row["id"], message="ok", status="Waiting & Pending")
    assert writer.ok("get-ticket", ticketid=row["id"])["status"] == custom_status
