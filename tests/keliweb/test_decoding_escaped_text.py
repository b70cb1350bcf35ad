"""Keliweb (WHMCS) text that the server stores HTML-escaped: decoded once, in the decoder."""

from __future__ import annotations

from typing import Any

import pytest

from tests.keliweb.docs_sample import lists
from tickettui.core.safe_text import inert_line
from tickettui.systems.keliweb.decoding import (
    decode_departments,
    decode_statuses,
    decode_ticket,
    decode_tickets,
)
from tickettui.systems.keliweb.edit_fields import field_specs, update_fields, values_of
from tickettui.systems.keliweb.mapping import (
    detail_from_ticket,
    messages_from_ticket,
    summary_from_listed,
)
from tickettui.systems.keliweb.pick_lists import PickLists

# --- text WHMCS stored HTML-escaped -----------------------------------------------------------
#
# WHMCS runs request input through htmlspecialchars(ENT_QUOTES) before it stores it, so names,
# department names, subjects and status titles come back escaped from every get-* call. The
# models decode them once; message bodies are left to bodies.body_text.

ESCAPED_TICKET: dict[str, Any] = {
    "result": "success",
    "ticketid": "9",
    "tid": "616611",
    "deptid": "3",
    "deptname": "Sales &amp; Billing",
    "name": "Se\u00e1n O&#039;Brien",
    "email": "o&#039;brien@example.com",
    "cc": "a&amp;b@example.com",
    "subject": "Q&amp;A &lt;draft&gt; &quot;v2&quot;",
    "status": "Waiting &amp; Pending",
    "priority": "High",
    "admin": "Anna &quot;Ops&quot; Rossi",
    "requestor_name": "Se\u00e1n O&#039;Brien",
    "requestor_email": "o&#039;brien@example.com",
    "requestor_type": "Owner",
    "flag": "0",
    "replies": {
        "reply": [
            {
                "replyid": "0",
                "name": "Se\u00e1n O&#039;Brien",
                "requestor_name": "Se\u00e1n O&#039;Brien",
                "message": "Tom &amp;amp; Jerry &lt;b&gt;",
                "admin": "",
            },
            {"replyid": "4", "message": "ok", "admin": "Marco D&#039;Angelo"},
        ]
    },
    "notes": {"note": [{"noteid": "1", "message": "n", "admin": "Marco D&#039;Angelo"}]},
}


def escaped_lists() -> PickLists:
    return PickLists(
        departments=decode_departments(
            {"departments": {"department": [{"id": "3", "name": "Sales &amp; Billing"}]}}
        ).departments,
        statuses=decode_statuses(
            {"statuses": {"status": [{"title": "Waiting &amp; Pending", "color": "#123456"}]}}
        ).statuses,
    )


def test_escaped_ticket_columns_decode_once() -> None:
    ticket = decode_ticket(ESCAPED_TICKET)
    assert ticket.name == ticket.requestor_name == "Se\u00e1n O'Brien"
    assert ticket.email == ticket.requestor_email == "o'brien@example.com"
    assert ticket.cc == "a&b@example.com"
    assert ticket.deptname == "Sales & Billing"
    assert ticket.subject == 'Q&A <draft> "v2"'
    assert ticket.status == "Waiting & Pending"
    assert ticket.admin == 'Anna "Ops" Rossi'
    assert ticket.replies[0].name == ticket.replies[0].requestor_name == "Se\u00e1n O'Brien"
    assert ticket.replies[1].admin == ticket.notes[0].admin == "Marco D'Angelo"
    assert ticket.tid == "616611"


def test_message_bodies_stay_raw_in_the_model_and_are_decoded_by_body_text_alone() -> None:
    ticket = decode_ticket(ESCAPED_TICKET)
    assert ticket.replies[0].message == "Tom &amp;amp; Jerry &lt;b&gt;"  # as WHMCS sent it
    thread = messages_from_ticket(ticket)
    assert thread[0].author == "Se\u00e1n O'Brien"
    assert [m.author for m in thread[1:]] == ["Marco D'Angelo", "Marco D'Angelo"]


def test_escaped_listed_ticket_departments_and_statuses_decode_once() -> None:
    row = {
        "id": "9",
        "tid": "616611",
        "deptid": "3",
        "deptname": "Sales &amp; Billing",
        "name": "",
        "requestor_name": "",
        "owner_name": "Se\u00e1n O&#039;Brien",
        "subject": "1 &lt; 2 &amp;&amp; &quot;x&quot;",
        "status": "Waiting &amp; Pending",
    }
    listed = decode_tickets({"tickets": {"ticket": [row]}}).tickets[0]
    assert (listed.deptname, listed.owner_name) == ("Sales & Billing", "Se\u00e1n O'Brien")
    assert (listed.subject, listed.status) == ('1 < 2 && "x"', "Waiting & Pending")
    lists = escaped_lists()
    assert lists.departments[0].name == "Sales & Billing"
    assert lists.statuses[0].title == "Waiting & Pending"
    summary = summary_from_listed(listed, lists)
    assert summary.title == '1 < 2 && "x"'
    assert summary.customer == "Se\u00e1n O'Brien"
    assert summary.category == "Sales & Billing"
    assert (summary.status, summary.status_colour) == ("Waiting & Pending", "#123456")


def test_escaped_detail_shows_every_name_decoded() -> None:
    detail = detail_from_ticket(decode_ticket(ESCAPED_TICKET), escaped_lists())
    assert detail.summary.title == 'Q&A <draft> "v2"'
    assert detail.summary.customer == detail.person == "Se\u00e1n O'Brien"
    assert detail.email == "o'brien@example.com"
    assert detail.summary.category == "Sales & Billing"
    assert detail.summary.status == "Waiting & Pending"
    assert detail.summary.status_colour == "#123456"  # the ticket's status found in the list
    assert detail.extra["CC"] == "a&b@example.com"
    assert detail.extra["Opened by"] == 'Anna "Ops" Rossi'
    assert detail.extra["Requestor"] == "Se\u00e1n O'Brien (Owner)"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Tom &amp;amp; Jerry", "Tom &amp; Jerry"),  # escaped twice in the store: one level off
        ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),
        ("AT&amp;T", "AT&T"),
        ("O&#39;Brien &#x27;x&#x27;", "O'Brien 'x'"),  # numeric forms other versions use
        ("plain text", "plain text"),
        ("", ""),
    ],
)
def test_escaped_text_is_decoded_exactly_one_level(stored: str, shown: str) -> None:
    listed = decode_tickets({"tickets": {"ticket": [{"id": 1, "subject": stored}]}}).tickets[0]
    assert listed.subject == shown
    # Nothing downstream decodes again: the row and the edit form show the same text.
    assert summary_from_listed(listed, lists()).title == shown
    ticket = decode_ticket({"ticketid": 1, "subject": stored, "name": stored})
    assert values_of(ticket)["subject"] == shown
    assert detail_from_ticket(ticket, lists()).person == shown


def test_escaped_text_accepts_what_plain_text_accepts() -> None:
    ticket = decode_ticket({"ticketid": 1, "name": 42, "subject": None, "status": {}})
    assert (ticket.name, ticket.subject, ticket.status) == ("42", "", "")


def test_control_characters_hidden_in_entities_never_come_out_raw() -> None:
    # "&#27;" is ESC: HTML5 (html.unescape) drops numeric references to C0/C1 controls, so no
    # escape sequence can be smuggled in through entities; what is left (a BiDi override here)
    # is any other text, which only inert text may show.
    ticket = decode_ticket(
        {"ticketid": 1, "subject": "&#27;[31mred&#x1b;[0m &#x202e;cod.exe", "name": "&#7;bell"}
    )
    assert ticket.subject == "[31mred[0m \u202ecod.exe"
    assert ticket.name == "bell"
    shown = inert_line(detail_from_ticket(ticket, lists()).summary.title)
    assert shown == "[31mred[0m <U+202E>cod.exe"


def test_the_edit_form_shows_decoded_text_and_sends_it_decoded() -> None:
    # WHMCS escapes what it receives (subject, and the status it matches against its stored,
    # escaped titles): we send the text as the agent sees it, never escaped ourselves.
    ticket = decode_ticket(ESCAPED_TICKET)
    values = values_of(ticket)
    assert (values["subject"], values["status"]) == ('Q&A <draft> "v2"', "Waiting & Pending")
    specs = {s.key: s for s in field_specs(escaped_lists(), new=False)}
    assert [c.label for c in specs["department"].choices] == ["Sales & Billing"]
    assert [(c.value, c.label) for c in specs["status"].choices] == [
        ("Waiting & Pending", "Waiting & Pending")
    ]
    sent = update_fields(values, ["subject", "status"])
    assert sent == {"subject": 'Q&A <draft> "v2"', "status": "Waiting & Pending"}
