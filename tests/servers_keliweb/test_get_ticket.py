"""get-ticket: WHMCS's GetTicket payload with its real quirks."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from tickettui.systems.keliweb.server import LocalKeliweb, accounts

from .conftest import Api

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def _db(server: LocalKeliweb, sql: str, *params: Any) -> list[Any]:
    conn = sqlite3.connect(server.db_path)
    try:
        return list(conn.execute(sql, params).fetchall())
    finally:
        conn.close()


def _busy_ticket(api: Api) -> dict[str, Any]:
    for row in api.all_tickets():
        body = api.ok("get-ticket", ticketid=row["id"])
        if len(body["replies"]["reply"]) >= 3:
            return body
    raise AssertionError("no ticket with replies")


def test_a_ticket_has_string_ids_naive_dates_and_the_opening_message_as_reply_0(
    api: Api,
) -> None:
    ticket = _busy_ticket(api)
    for key in ("ticketid", "deptid", "userid", "contactid", "flag"):
        assert isinstance(ticket[key], str) and ticket[key].isdigit(), key
    assert re.fullmatch(r"\d{6}", ticket["tid"]) and re.fullmatch(r"[A-Za-z0-9]{8}", ticket["c"])
    assert ticket["userid"] == str(accounts.DEMO_USER_ID)
    assert DATE_RE.match(ticket["date"]) and DATE_RE.match(ticket["lastreply"])
    assert ticket["priority"] in ("Low", "Medium", "High")
    replies = ticket["replies"]["reply"]
    assert replies[0]["replyid"] == "0" and "rating" not in replies[0]
    assert replies[0]["date"] == ticket["date"]
    assert [r["date"] for r in replies] == sorted(r["date"] for r in replies)
    assert replies[-1]["date"] == ticket["lastreply"]
    staff = [r for r in replies if r["requestor_type"] == "Operator" and r["replyid"] != "0"]
    assert staff and all(r["admin"] for r in staff)
    assert all(r["admin"] == "" for r in replies if r["requestor_type"] != "Operator")


def test_desc_puts_reply_0_last_and_lower_case_desc_means_asc(api: Api) -> None:
    ticket = _busy_ticket(api)
    ascending = ticket["replies"]["reply"]
    descending = api.ok("get-ticket", ticketid=ticket["ticketid"], repliessort="DESC")
    ids = [r["replyid"] for r in descending["replies"]["reply"]]
    assert ids[-1] == "0"
    assert ids[:-1] == [r["replyid"] for r in reversed(ascending[1:])]
    lower = api.ok("get-ticket", ticketid=ticket["ticketid"], repliessort="desc")
    assert lower["replies"]["reply"] == ascending


def test_notes_are_wrapped_or_an_empty_array(api: Api, local_kw: LocalKeliweb) -> None:
    with_notes = _db(
        local_kw,
        "SELECT t.id FROM ticket t WHERE userid = ? AND merged_ticket_id = 0 AND EXISTS "
        "(SELECT 1 FROM note n WHERE n.ticketid = t.id) LIMIT 1",
        accounts.DEMO_USER_ID,
    )[0][0]
    without = _db(
        local_kw,
        "SELECT t.id FROM ticket t WHERE userid = ? AND merged_ticket_id = 0 AND NOT EXISTS "
        "(SELECT 1 FROM note n WHERE n.ticketid = t.id) LIMIT 1",
        accounts.DEMO_USER_ID,
    )[0][0]
    notes = api.ok("get-ticket", ticketid=with_notes)["notes"]
    assert notes["note"] and {"noteid", "date", "message", "admin"} <= set(notes["note"][0])
    assert notes["note"][0]["admin"]
    assert api.ok("get-ticket", ticketid=without)["notes"] == []


def test_lookup_by_ticketnum_and_the_drifting_ticketnum_key(api: Api) -> None:
    tickets = api.all_tickets()
    seen_key = seen_without = False
    for row in tickets[:40]:
        body = api.ok("get-ticket", ticketnum=row["tid"])
        assert body["ticketid"] == row["id"] and body["tid"] == row["tid"]
        if "ticketnum" in body:
            assert body["ticketnum"] == body["tid"]
            seen_key = True
        else:
            seen_without = True
    assert seen_key and seen_without


def test_unknown_and_foreign_tickets_are_not_found_with_http_200(
    api: Api, local_kw: LocalKeliweb
) -> None:
    assert api.error("get-ticket", ticketid=1) == "Ticket ID Not Found"
    assert api.error("get-ticket", ticketnum="000000") == "Ticket ID Not Found"
    foreign = _db(local_kw, "SELECT id FROM ticket WHERE userid = ?", accounts.OTHER_USER_ID)
    assert foreign
    assert api.error("get-ticket", ticketid=foreign[0][0]) == "Ticket ID Not Found"
    visible = {int(t["id"]) for t in api.all_tickets()}
    assert not visible & {row[0] for row in foreign}


def test_a_merged_ticket_shows_the_ticket_it_went_into(api: Api, local_kw: LocalKeliweb) -> None:
    merged, target = _db(
        local_kw,
        "SELECT id, merged_ticket_id FROM ticket WHERE merged_ticket_id > 0 LIMIT 1",
    )[0]
    assert api.ok("get-ticket", ticketid=merged)["ticketid"] == str(target)
    assert str(merged) not in {t["id"] for t in api.all_tickets()}


def test_messages_carry_html_entities_crlf_and_markdown(api: Api, local_kw: LocalKeliweb) -> None:
    def some(sql: str) -> int:
        return int(_db(local_kw, sql)[0][0])

    entity = some("SELECT tid FROM reply WHERE message LIKE '%&#039;%' AND userid = 1873 LIMIT 1")
    message = " ".join(
        r["message"] for r in api.ok("get-ticket", ticketid=entity)["replies"]["reply"]
    )
    assert "&#039;" in message and "\r\n" in message and "'" not in message
    opening = some(
        "SELECT id FROM ticket WHERE message LIKE '%&lt;%' AND userid = 1873"
        " AND merged_ticket_id = 0 LIMIT 1"
    )
    reply0 = api.ok("get-ticket", ticketid=opening)["replies"]["reply"][0]
    assert "&lt;" in reply0["message"] and "<" not in reply0["message"]
    markdown = some("SELECT tid FROM reply WHERE editor = 'markdown' AND userid = 1873 LIMIT 1")
    replies = api.ok("get-ticket", ticketid=markdown)["replies"]["reply"]
    marked = [r for r in replies if r["editor"] == "markdown"]
    assert marked and any("**" in r["message"] or "- " in r["message"] for r in marked)


def test_hostile_text_is_sent_raw(api: Api) -> None:
    subjects = " ".join(t["subject"] for t in api.all_tickets())
    for needle in ("[bold red]", "\x1b[31m", "\x1b]52;", "\u202e", "\x00"):
        assert needle in subjects, repr(needle)
