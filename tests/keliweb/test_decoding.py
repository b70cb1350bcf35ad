"""Decoding Keliweb's (WHMCS's) answers: the docs' sample, and every quirk real servers have."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

import pytest

from tests.keliweb.docs_sample import DOCS, lists, sample
from tickettui.core.domain import MessageKind, StatusKind
from tickettui.core.errors import (
    ApiError,
    NotFound,
    UnexpectedResponse,
    ValidationFailed,
)
from tickettui.systems.keliweb.bodies import body_text
from tickettui.systems.keliweb.decoding import (
    decode_action,
    decode_departments,
    decode_statuses,
    decode_ticket,
    decode_tickets,
    decode_token,
)
from tickettui.systems.keliweb.lenient import SERVER_ZONE
from tickettui.systems.keliweb.mapping import (
    detail_from_ticket,
    messages_from_ticket,
    summary_from_listed,
)

# --- the documentation's sample ------------------------------------------------------------


def _flatten(value: Any) -> list[tuple[str, str]]:
    """Every "key": "string" pair in document order (what the docs' brace-less text shows)."""
    pairs: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                pairs.append((key, item))
            else:
                pairs.extend(_flatten(item))
    elif isinstance(value, list):
        for item in value:
            pairs.extend(_flatten(item))
    return pairs


def test_fixture_is_the_docs_sample_value_for_value() -> None:
    text = DOCS.read_text()
    payload = text.split("Example Response (JSON payload)", 1)[1]
    documented = [
        (key, json.loads(f'"{value}"'))
        for key, value in re.findall(r'"(\w+)":\s*"((?:[^"\\]|\\.)*)"', payload)
    ]
    assert documented == _flatten(sample())


def test_docs_sample_parses_exactly() -> None:
    ticket = decode_ticket(sample())
    assert ticket.result == "success"
    assert (ticket.ticketid, ticket.tid, ticket.deptid, ticket.userid) == (1, "516757", 1, 1)
    assert ticket.contactid == 0 and ticket.flag == 0
    assert ticket.subject == "This is a sample ticket"
    assert (ticket.status, ticket.priority, ticket.deptname) == (
        "Closed",
        "Medium",
        "Sample Support Department",
    )
    assert ticket.date == datetime(2016, 1, 1, 6, 26, 29, tzinfo=SERVER_ZONE)
    assert ticket.date is not None and ticket.date.tzinfo is SERVER_ZONE
    assert ticket.lastreply == datetime(2016, 1, 1, 6, 30, 16, tzinfo=SERVER_ZONE)
    assert [r.replyid for r in ticket.replies] == [0, 1, 2]
    assert [r.by_staff for r in ticket.replies] == [False, True, False]
    assert ticket.replies[0].is_opening
    assert [n.noteid for n in ticket.notes] == [1]
    assert ticket.notes[0].admin == "Demo Admin"
    assert "KPqH7yG3" not in repr(ticket)  # the client-area hash is a secret


def test_docs_sample_becomes_a_thread_oldest_first() -> None:
    thread = messages_from_ticket(decode_ticket(sample()))
    assert [(m.kind, m.author) for m in thread] == [
        (MessageKind.CUSTOMER, "Cynthia Reilly"),  # reply 0: the opening message
        (MessageKind.NOTE, "Demo Admin"),  # 06:26:42
        (MessageKind.REPLY, "Demo Admin"),  # 06:27:01
        (MessageKind.CUSTOMER, "Cynthia Reilly"),  # name "" on the reply: the ticket's client
    ]
    assert thread[0].body == "Hey,\n\nThis is the first ticket message!\n\nThanks\n\nCynthia"
    assert len({m.id for m in thread}) == 4  # note 1 and reply 1 stay apart


def test_docs_sample_becomes_a_detail() -> None:
    detail = detail_from_ticket(decode_ticket(sample()), lists())
    summary = detail.summary
    assert (summary.id, summary.number, summary.display_number) == (1, "516757", "516757")
    assert summary.status_kind is StatusKind.CLOSED
    assert summary.status_colour == "#888888"
    assert summary.category == "Sample Support Department"
    assert summary.customer == "Cynthia Reilly" and summary.owner == ""
    assert detail.message_count == 4
    assert detail.replied_at == datetime(2016, 1, 1, 6, 30, 16, tzinfo=SERVER_ZONE)


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), (12, 12), (" 12 ", 12), (12.0, 12), ("", None), (None, None), ("0", 0)],
)
def test_ids_as_strings_or_ints(raw: Any, expected: int | None) -> None:
    assert decode_ticket({"ticketid": 1, "deptid": raw}).deptid == expected


@pytest.mark.parametrize(("raw", "expected"), [("3", 3), (3, 3), ("", 0), (None, 0), ("0", 0)])
def test_counts_and_flags_default_to_zero(raw: Any, expected: int) -> None:
    assert decode_ticket({"ticketid": 1, "flag": raw}).flag == expected
    assert decode_tickets({"totalresults": raw}).totalresults == expected


@pytest.mark.parametrize("raw", ["twelve", "1.5", 1.5, [1], {"a": 1}, "1e3"])
def test_a_number_that_is_not_one_is_a_clear_error(raw: Any) -> None:
    with pytest.raises(UnexpectedResponse, match=r"^Keliweb: unexpected data from get-ticket: "):
        decode_ticket({"ticketid": 1, "deptid": raw})


@pytest.mark.parametrize("tid", ["516757", "ABC-123456", 616611, "x9"])
def test_ticket_numbers_as_users_quote_them(tid: Any) -> None:
    assert decode_ticket({"ticketid": 1, "tid": tid}).tid == str(tid)
    assert decode_tickets({"tickets": {"ticket": [{"id": 1, "tid": tid}]}}).tickets[0].tid == str(
        tid
    )
    assert decode_action(
        {"result": "success", "id": 1, "tid": tid}, action="open-ticket"
    ).tid == str(tid)


@pytest.mark.parametrize(
    "tid",
    [
        "\x1b]52;c;cm0gLXJmIH4=\x07",  # writes the clipboard wherever the number is shown
        "616611\x1b[2J",
        "[@click=app.quit]1[/]",
        "../../etc/passwd",
        "12 34",
        "-12",
        "١٢٣",  # digits, but not the ones users type
        "A" * 41,
    ],
)
def test_a_ticket_number_that_is_not_one_is_dropped(tid: str) -> None:
    # The ticket still decodes; it is named by its id instead of a number that could act.
    ticket = decode_ticket({"ticketid": 7, "tid": tid, "subject": "kept"})
    assert (ticket.ticketid, ticket.tid, ticket.subject) == (7, "", "kept")
    listed = decode_tickets({"tickets": {"ticket": [{"id": 7, "tid": tid}]}}).tickets[0]
    assert summary_from_listed(listed, lists()).display_number == "7"
    assert decode_action({"result": "success", "id": 7, "tid": tid}, action="open-ticket").tid == ""


def test_a_missing_ticket_id_is_a_clear_error() -> None:
    with pytest.raises(UnexpectedResponse, match="ticketid"):
        decode_ticket({"result": "success", "subject": "no id"})


# --- lists ----------------------------------------------------------------------------------

REPLY = {"replyid": "4", "message": "hi", "admin": ""}


@pytest.mark.parametrize(
    ("replies", "count"),
    [
        ({"reply": [REPLY, REPLY]}, 2),  # the WHMCS wrapper
        ([REPLY], 1),  # already a list
        ({"reply": REPLY}, 1),  # one element, unwrapped by an XML->JSON bridge
        (REPLY, 1),  # a single object with no wrapper at all
        ([], 0),  # PHP's empty array
        ("", 0),  # old versions and bridges
        (None, 0),
        ({}, 0),
        ({"reply": []}, 0),
        ({"reply": ""}, 0),
        ({"reply": None}, 0),
        ([REPLY, "", None], 1),  # empty elements a bridge left behind
    ],
)
def test_every_list_shape(replies: Any, count: int) -> None:
    assert len(decode_ticket({"ticketid": 1, "replies": replies}).replies) == count


def test_missing_lists_are_empty() -> None:
    ticket = decode_ticket({"ticketid": 1})
    assert ticket.replies == [] and ticket.notes == []


@pytest.mark.parametrize(
    ("decode", "key", "inner", "item"),
    [
        (decode_tickets, "tickets", "ticket", {"id": "5", "tid": "123456"}),
        (decode_departments, "departments", "department", {"id": "2", "name": "Sales"}),
        (decode_statuses, "statuses", "status", {"title": "Open", "count": 3, "color": "#779500"}),
    ],
)
@pytest.mark.parametrize("shape", ["wrapped", "single", "empty-list", "empty-string", "null"])
def test_list_answers_in_every_shape(
    decode: Any, key: str, inner: str, item: dict[str, Any], shape: str
) -> None:
    value = {
        "wrapped": {inner: [item]},
        "single": {inner: item},
        "empty-list": [],
        "empty-string": "",
        "null": None,
    }[shape]
    answer = decode({"result": "success", "totalresults": "1", key: value})
    assert len(getattr(answer, key)) == (1 if shape in ("wrapped", "single") else 0)


def test_get_tickets_without_tickets_key_is_an_empty_page() -> None:
    page = decode_tickets({"result": "success", "totalresults": 0, "startnumber": 0})
    assert page.tickets == [] and page.totalresults == 0


def test_listed_tickets_use_id_and_ticketid_alike() -> None:
    page = decode_tickets({"tickets": {"ticket": [{"id": "5"}, {"ticketid": "6"}]}})
    assert [t.id for t in page.tickets] == [5, 6]


# --- identifiers ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["tid", "ticketnum"])
def test_ticket_number_as_tid_or_ticketnum(key: str) -> None:
    assert decode_ticket({"id": "7", key: "ABC-123456"}).tid == "ABC-123456"
    assert decode_ticket({"ticketid": "7", key: 516757}).tid == "516757"


def test_unknown_fields_are_kept() -> None:
    ticket = decode_ticket({"ticketid": 1, "editor": "markdown", "attachments": [{"index": 0}]})
    assert ticket.model_extra == {"editor": "markdown", "attachments": [{"index": 0}]}


# --- errors in the body -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Ticket ID Not Found", NotFound),
        ("Ticket ID not found", NotFound),
        ("Invalid Ticket Priority. Valid priorities are: Low,Medium,High", ValidationFailed),
        ("Message is required", ValidationFailed),
        ("Something else went wrong", ApiError),
    ],
)
def test_result_error_with_http_200_is_a_typed_error(message: str, kind: type[ApiError]) -> None:
    with pytest.raises(kind) as info:
        decode_ticket({"result": "error", "message": message})
    assert str(info.value) == f"Keliweb: {message}"
    assert info.value.status == 200


def test_get_emails_style_status_error() -> None:
    with pytest.raises(ApiError, match="Keliweb: nope"):
        decode_action({"status": "error", "message": "nope"}, action="get-emails")


def test_result_error_without_a_message_names_the_action() -> None:
    with pytest.raises(ApiError, match=r"^Keliweb: update-ticket failed \(no reason given\)$"):
        decode_action({"result": "error"}, action="update-ticket")


@pytest.mark.parametrize("data", [None, [], "ok", 3, [{"ticketid": 1}]])
def test_not_an_object_is_unexpected(data: Any) -> None:
    with pytest.raises(UnexpectedResponse, match="instead of a JSON object"):
        decode_ticket(data)


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2016-01-01 06:26:29", datetime(2016, 1, 1, 6, 26, 29, tzinfo=SERVER_ZONE)),
        ("2016-01-01T06:26:29", datetime(2016, 1, 1, 6, 26, 29, tzinfo=SERVER_ZONE)),
        ("2016-01-01 06:26", datetime(2016, 1, 1, 6, 26, tzinfo=SERVER_ZONE)),
        ("2016-01-01", datetime(2016, 1, 1, tzinfo=SERVER_ZONE)),
        ("0000-00-00 00:00:00", None),
        ("0000-00-00", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_in_the_servers_zone(raw: Any, expected: datetime | None) -> None:
    # WHMCS sends its server's local time with no zone: Europe/Rome (assumed, NOTES 3.4).
    value = decode_ticket({"ticketid": 1, "lastreply": raw}).lastreply
    assert value == expected
    assert value is None or value.tzinfo is SERVER_ZONE


@pytest.mark.parametrize("raw", ["2016-02-30 10:00:00", "yesterday", "2016-01-01 06:26:29+02:00"])
def test_bad_dates_are_clear_errors(raw: str) -> None:
    with pytest.raises(UnexpectedResponse, match="lastreply"):
        decode_ticket({"ticketid": 1, "lastreply": raw})


# --- message bodies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Line one\r\nLine two\r\n", "Line one\nLine two"),
        ("Tom &amp; Jerry&#039;s &quot;site&quot; &gt; 5", 'Tom & Jerry\'s "site" > 5'),
        ("<p>Hello</p><p>World<br>again</p>", "Hello\n\nWorld\nagain"),
        ("&lt;p&gt;Escaped &amp;amp; markup&lt;/p&gt;", "Escaped & markup"),
        (
            "**Bold** and `code`\r\n\r\n- item one\r\n- item two",
            "**Bold** and `code`\n\n- item one\n- item two",
        ),
        ("See <https://example.com/x>", "See <https://example.com/x>"),  # Markdown autolink
        ("1 &lt; 2", "1 < 2"),
    ],
)
def test_message_bodies_read_as_plain_text(raw: str, text: str) -> None:
    assert body_text(raw) == text


# --- reply order --------------------------------------------------------------------------------


def _thread(sort: str) -> dict[str, Any]:
    replies = [
        {"replyid": "0", "date": "2024-03-01 09:00:00", "message": "opening", "name": "Ann"},
        {"replyid": "8", "date": "2024-03-01 10:00:00", "message": "staff", "admin": "Bo"},
        {"replyid": "9", "date": "2024-03-01 11:00:00", "message": "thanks", "name": "Ann"},
    ]
    if sort == "DESC":  # WHMCS puts the opening message last when DESC
        replies = [replies[2], replies[1], replies[0]]
    return {"ticketid": 1, "name": "Ann", "replies": {"reply": replies}, "notes": []}


@pytest.mark.parametrize("sort", ["ASC", "DESC"])
def test_opening_message_leads_whatever_the_sort(sort: str) -> None:
    thread = messages_from_ticket(decode_ticket(_thread(sort)))
    assert [m.body for m in thread] == ["opening", "staff", "thanks"]
    assert [m.kind for m in thread] == [
        MessageKind.CUSTOMER,
        MessageKind.REPLY,
        MessageKind.CUSTOMER,
    ]


def test_opening_message_leads_a_note_written_the_same_second() -> None:
    data = _thread("ASC")
    data["notes"] = {"note": [{"noteid": "1", "date": "2024-03-01 09:00:00", "message": "n"}]}
    thread = messages_from_ticket(decode_ticket(data))
    assert [m.kind for m in thread][:2] == [MessageKind.CUSTOMER, MessageKind.NOTE]


# --- tokens ------------------------------------------------------------------------------------


def test_token_answer_hides_its_secrets() -> None:
    answer = decode_token(
        {
            "token_type": "Bearer",
            "expires_in": "3600",
            "access_token": "A" * 40,
            "refresh_token": "R" * 40,
        }
    )
    assert answer.expires_in == 3600
    assert "A" * 40 not in repr(answer) and "R" * 40 not in repr(answer)


def test_token_answer_without_access_token_is_unexpected() -> None:
    with pytest.raises(UnexpectedResponse, match="access_token"):
        decode_token({"token_type": "Bearer", "expires_in": 3600})


# --- list items -------------------------------------------------------------------------------


def test_listed_ticket_becomes_a_row() -> None:
    page = decode_tickets(
        {
            "totalresults": "1",
            "tickets": {
                "ticket": [
                    {
                        "id": "42",
                        "tid": "781234",
                        "deptid": "1",
                        "name": "",
                        "email": "ann@example.com",
                        "subject": "Sito lento",
                        "status": "Open",
                        "priority": "High",
                        "flag": "6",
                        "date": "2024-03-01 09:00:00",
                        "lastreply": "0000-00-00 00:00:00",
                    }
                ]
            },
        }
    )
    row = summary_from_listed(page.tickets[0], lists())
    assert (row.id, row.number, row.title) == (42, "781234", "Sito lento")
    assert row.status_colour == "#779500"  # the server's colour, with the # WHMCS may leave out
    assert row.category == "Sample Support Department"
    assert row.customer == "ann@example.com"
    assert row.owner == "Admin #6"
    # no reply yet: the opening date
    assert row.last_changed == datetime(2024, 3, 1, 9, 0, tzinfo=SERVER_ZONE)
