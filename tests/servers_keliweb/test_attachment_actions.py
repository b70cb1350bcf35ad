"""The local Keliweb server's attachments over raw HTTP, as WHMCS 8 behaves (TRIAGE-CALLS §3):
get-ticket's attachments[] and legacy string, get-ticket-attachment's whole file inline (base64,
PHP's escaped slashes) and its documented errors, and the upload field on add-ticket-reply,
add-ticket-note and open-ticket: names reduced to WHMCS's characters, an entry keyed
``filename`` or a disallowed extension skipped silently with ``success``."""

from __future__ import annotations

import base64
import json
from typing import Any

from tests.servers_keliweb.conftest import Api


def field(*entries: dict[str, str]) -> str:
    return base64.b64encode(json.dumps(list(entries)).encode()).decode()


def file_entry(name: str, data: bytes) -> dict[str, str]:
    return {"name": name, "data": base64.b64encode(data).decode()}


def with_files(api: Api) -> dict[str, Any]:
    for ticket in api.all_tickets():
        detail = api.ok("get-ticket", ticketid=ticket["id"])
        opening = detail["replies"]["reply"][0]
        if "login-error.png" in opening["attachment"]:
            return detail
    raise AssertionError("no demo ticket with files")


def test_get_ticket_lists_both_shapes(api: Api) -> None:
    detail = with_files(api)
    opening = detail["replies"]["reply"][0]
    names = [a["filename"] for a in opening["attachments"]]
    assert names[1:] == ["login-error.png", "quote-2026-118.pdf", "server.log"]
    assert [a["index"] for a in opening["attachments"]] == list(range(len(names)))
    legacy = opening["attachment"].split("|")
    assert all(len(part.split("_", 1)[0]) == 6 for part in legacy)
    assert opening["attachments_removed"] is False


def test_get_ticket_attachment_sends_the_whole_file_inline(api: Api) -> None:
    detail = with_files(api)
    response = api.raw(
        "get-ticket-attachment", relatedid=detail["ticketid"], type="ticket", index=1
    )
    assert response.status_code == 200
    assert "\\/" in response.text  # PHP's json_encode writes every "/" of the base64 so
    body = response.json()
    assert set(body) == {"result", "filename", "data"}
    assert body["filename"] == "login-error.png"
    assert base64.b64decode(body["data"]).startswith(b"\x89PNG\r\n\x1a\n")


def test_get_ticket_attachment_errors_are_whmcs_words(api: Api) -> None:
    detail = with_files(api)
    ticket_id = detail["ticketid"]
    assert api.error("get-ticket-attachment", type="ticket", index=0) == "Related ID Required"
    assert (
        api.error("get-ticket-attachment", relatedid=ticket_id, type="invoice", index=0)
        == "Invalid Type. Must be one of ticket, reply, note"
    )
    assert (
        api.error("get-ticket-attachment", relatedid=ticket_id, type="ticket")
        == "Attachment Index Required"
    )
    assert (
        api.error("get-ticket-attachment", relatedid=ticket_id, type="ticket", index=99)
        == "Invalid Attachment Index"
    )
    assert (
        api.error("get-ticket-attachment", relatedid=999999, type="reply", index=0)
        == "Related ID Not Found"
    )


def test_uploads_keep_whmcs_rules_and_still_answer_success(writer: Api) -> None:
    ticket = writer.all_tickets()[0]["id"]
    sent = field(
        file_entry("notes v2 (final)!.txt", b"kept"),
        file_entry("tool.exe", b"MZ"),  # not an allowed extension: skipped
        {"filename": "other.txt", "data": base64.b64encode(b"x").decode()},  # wrong key
    )
    writer.ok("add-ticket-reply", ticketid=ticket, message="with files", attachments=sent)
    writer.ok(
        "add-ticket-note",
        ticketid=ticket,
        message="note file",
        attachments=field(file_entry("n.log", b"note bytes")),
    )
    detail = writer.ok("get-ticket", ticketid=ticket)
    reply = detail["replies"]["reply"][-1]
    assert [a["filename"] for a in reply["attachments"]] == ["notes v2 final.txt"]
    got = writer.ok("get-ticket-attachment", relatedid=reply["replyid"], type="reply", index=0)
    assert base64.b64decode(got["data"]) == b"kept"
    note = detail["notes"]["note"][-1]
    assert [a["filename"] for a in note["attachments"]] == ["n.log"]


def test_open_ticket_takes_files_for_its_first_message(writer: Api) -> None:
    departments = writer.ok("get-support-departments")["departments"]["department"]
    opened = writer.ok(
        "open-ticket",
        deptid=departments[0]["id"],
        subject="Files at the start",
        message="See attached",
        attachments=field(file_entry("shot.png", b"\x89PNG")),
    )
    detail = writer.ok("get-ticket", ticketid=opened["id"])
    assert [a["filename"] for a in detail["replies"]["reply"][0]["attachments"]] == ["shot.png"]
