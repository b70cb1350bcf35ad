"""Replies, notes, updates and new tickets, read back through get-ticket."""

from __future__ import annotations

from typing import Any

from tickettui.systems.keliweb.server import accounts

from .conftest import Api


def _ticket_with(api: Api, status: str) -> dict[str, Any]:
    return api.all_tickets(status=status)[0]


def test_a_reply_comes_from_the_customer_and_sets_customer_reply(writer: Api) -> None:
    row = _ticket_with(writer, "Answered")
    text = "L'errore <b>500</b> & co.\r\nè ancora lì"
    assert writer.call("add-ticket-reply", ticketid=row["id"], message=text) == {
        "result": "success"
    }
    ticket = writer.ok("get-ticket", ticketid=row["id"], repliessort="DESC")
    newest = ticket["replies"]["reply"][0]
    assert newest["admin"] == "" and newest["requestor_type"] in ("Owner", "Sub-Account")
    # WHMCS stores input HTML-encoded and hands it back that way.
    assert newest["message"] == "L&#039;errore &lt;b&gt;500&lt;/b&gt; &amp; co.\r\nè ancora lì"
    assert ticket["status"] == "Customer-Reply"
    assert ticket["lastreply"] == newest["date"] >= row["lastreply"]
    assert writer.all_tickets()[0]["id"] == row["id"]  # newest activity first


def test_a_reply_with_a_status_canonicalises_it(writer: Api) -> None:
    row = _ticket_with(writer, "Answered")
    writer.ok("add-ticket-reply", ticketid=row["id"], message="grazie", status="on hold")
    assert writer.ok("get-ticket", ticketid=row["id"])["status"] == "On Hold"


def test_reply_errors_come_back_with_http_200(writer: Api) -> None:
    row = writer.all_tickets()[0]
    assert writer.error("add-ticket-reply", ticketid=row["id"], message="  ") == (
        "Message is required"
    )
    assert writer.error("add-ticket-reply", ticketid=1, message="x") == "Ticket ID Not Found"


def test_a_note_is_added_by_the_api_admin(writer: Api) -> None:
    row = writer.all_tickets()[0]
    before = writer.ok("get-ticket", ticketid=row["id"])
    writer.ok("add-ticket-note", ticketnum=row["tid"], message="**Nota**: richiamare", markdown=1)
    after = writer.ok("get-ticket", ticketid=row["id"])
    note = after["notes"]["note"][-1]
    assert note["admin"] == accounts.API_ADMIN_NAME and note["editor"] == "markdown"
    assert note["message"] == "**Nota**: richiamare"
    assert after["lastreply"] == before["lastreply"] and after["status"] == before["status"]
    assert writer.error("add-ticket-note", ticketid=1, message="x") == "Ticket ID not found"
    assert writer.error("add-ticket-note", ticketid=row["id"]) == "Message is required"


def test_update_ticket_changes_fields_and_validates_them(writer: Api) -> None:
    row = _ticket_with(writer, "Open")
    changed = writer.call(
        "update-ticket",
        ticketid=row["id"],
        status="in progress",
        priority="High",
        deptid=2,
        subject="Fattura & rimborso",
        flag=3,
    )
    assert changed == {"result": "success", "ticketid": int(row["id"])}
    ticket = writer.ok("get-ticket", ticketid=row["id"])
    assert ticket["status"] == "In Progress" and ticket["priority"] == "High"
    assert ticket["deptid"] == "2" and ticket["deptname"] == "Amministrazione"
    assert ticket["subject"] == "Fattura &amp; rimborso" and ticket["flag"] == "3"
    writer.ok("update-ticket", ticketid=row["id"], removeFlag=1, status="Closed")
    ticket = writer.ok("get-ticket", ticketid=row["id"])
    assert ticket["flag"] == "0" and ticket["status"] == "Closed"

    titles = [s["title"] for s in writer.ok("get-support-statuses")["statuses"]["status"]]
    assert writer.error("update-ticket", ticketid=row["id"], status="Solved") == (
        f"Invalid Ticket Status. Valid statuses are: {','.join(titles)}"
    )
    assert writer.error("update-ticket", ticketid=row["id"], priority="Urgent") == (
        "Invalid Ticket Priority. Valid priorities are: Low,Medium,High"
    )
    assert writer.error("update-ticket", ticketid=row["id"], flag=99) == "Invalid Admin ID for Flag"
    assert writer.error("update-ticket", ticketid=row["id"], flag=7) == "Invalid Admin ID for Flag"
    assert writer.error("update-ticket", ticketid=row["id"], deptid=99) == (
        "Department ID Not Found"
    )
    assert writer.error("update-ticket", ticketid=1, status="Open") == "Ticket ID Not Found"
    assert writer.error("update-ticket") == "Ticket ID Not Found"


def test_open_ticket_returns_id_tid_and_c(writer: Api) -> None:
    before = writer.ok("get-tickets")["totalresults"]
    body = writer.call(
        "open-ticket",
        deptid=4,
        subject="Rinnovo dominio pizzeria.it",
        message="Vorrei rinnovare il dominio.\r\nGrazie",
        priority="Urgent",
    )
    assert set(body) == {"result", "id", "tid", "c"} and body["result"] == "success"
    assert isinstance(body["id"], int) and len(body["tid"]) == 6 and len(body["c"]) == 8
    ticket = writer.ok("get-ticket", ticketid=body["id"])
    assert ticket["status"] == "Open" and ticket["priority"] == "Low"  # unknown -> Low
    assert ticket["tid"] == body["tid"] and ticket["c"] == body["c"]
    assert ticket["replies"]["reply"][0]["message"] == "Vorrei rinnovare il dominio.\r\nGrazie"
    assert writer.ok("get-tickets")["totalresults"] == before + 1
    assert writer.error("open-ticket", deptid=99, subject="s", message="m") == (
        "Department ID not found"
    )
    assert writer.error("open-ticket", deptid=1, message="m") == "Subject is required"
    assert writer.error("open-ticket", deptid=1, subject="s") == "Message is required"
    assert writer.error("open-ticket", deptid=1, subject="s", message="m", contactid=1) == (
        "Contact ID Not Found"
    )
