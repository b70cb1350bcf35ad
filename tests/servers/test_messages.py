"""Messages: the entity, saving replies and notes, and the read-status rules."""

from __future__ import annotations

from typing import Any

import httpx

from tickettui.systems.superoffice.server import LocalSuperOffice

from .conftest import DATE_RE, assert_error, basic, client


def _ticket(http: httpx.Client, filter_: str) -> dict[str, Any]:
    rows = http.get(
        "/v1/Ticket", params={"$select": "ticketId", "$filter": filter_, "$top": 1}
    ).json()
    return dict(http.get(f"/v1/Ticket/{rows['value'][0]['PrimaryKey']}").json())


def test_message_entity(api: httpx.Client) -> None:
    ticket = _ticket(api, "numberOfMessages gt 1")
    message_id = ticket["Messages"][0]["TicketMessageId"]
    message = api.get(f"/v1/TicketMessage/{message_id}").json()
    assert message["EjMessageId"] == message_id
    assert message["Ticket"]["TicketId"] == ticket["TicketId"]
    assert message["Ticket"]["Title"] == ticket["Title"]
    assert message["Type"] in ("Plain", "Html") and message["Body"]
    assert message["Slevel"] in ("Internal", "External")
    assert isinstance(message["MessageHeaders"], list) and isinstance(
        message["AttachmentsInfo"], list
    )
    assert DATE_RE.match(message["CreatedAt"])


def test_a_colleagues_message_turns_a_green_ticket_yellow(
    writable_so: LocalSuperOffice, writer: httpx.Client
) -> None:
    ticket = _ticket(
        writer, "ownedBy currentAssociate and readStatus equals 'Green' and status equals 1"
    )
    with client(writable_so, basic("PR", "pr")) as colleague:
        response = colleague.post(
            "/v1/TicketMessage",
            params={"notify": "false"},
            json={
                "Ticket": {"TicketId": ticket["TicketId"]},
                "HtmlBody": "<p>Customer called, <b>urgent</b>.</p>",
                "Slevel": "Internal",
            },
        )
    assert response.status_code == 200, response.text
    saved = response.json()
    assert saved["EjMessageId"] > 0 and saved["Type"] == "Html"
    assert saved["Body"] == "Customer called, urgent."
    assert saved["CreatedBy"]["Name"] == "PR"
    after = writer.get(f"/v1/Ticket/{ticket['TicketId']}").json()
    assert after["ReadStatus"] == "Yellow"
    assert after["NumMessages"] == ticket["NumMessages"] + 1
    assert after["LastChanged"] >= ticket["LastChanged"]
    assert after["Messages"][-1]["TicketMessageId"] == saved["EjMessageId"]


def test_the_owners_reply_keeps_green_and_sets_replied_at(writer: httpx.Client) -> None:
    entity = writer.post("/v1/Agents/Ticket/CreateDefaultTicketEntity").json()
    entity["Title"] = "Phone call: VPN drops every hour"
    ticket = writer.post("/v1/Ticket", json=entity).json()
    ticket_id = ticket["TicketId"]
    first = {
        "Ticket": {"TicketId": ticket_id},
        "Body": "Customer reports VPN drops.",
        "Slevel": "Internal",
    }
    assert writer.post("/v1/TicketMessage", json=first).status_code == 200
    assert writer.post(
        "/v1/Agents/Ticket/UpdateTicketsReadStatus",
        json={"TicketIds": [ticket_id], "NewStatus": "Green"},
    ).json() == [ticket_id]
    reply = {
        "Ticket": {"TicketId": ticket_id},
        "Body": "Please update the VPN client.",
        "Slevel": "External",
    }
    assert writer.post("/v1/TicketMessage", json=reply).status_code == 200
    after = writer.get(f"/v1/Ticket/{ticket_id}").json()
    assert after["ReadStatus"] == "Green"
    assert after["NumMessages"] == 2 and after["NumReplies"] == 1
    assert after["RepliedAt"] != "0001-01-01T00:00:00" and DATE_RE.match(after["ReadByOwner"])


def test_update_tickets_read_status(writer: httpx.Client) -> None:
    ticket = _ticket(writer, "readStatus equals 'Red' and ownedBy currentAssociate")
    response = writer.post(
        "/v1/Agents/Ticket/UpdateTicketsReadStatus",
        json={"TicketIds": [ticket["TicketId"], 99999], "NewStatus": "Green"},
    )
    assert response.status_code == 200 and response.json() == [ticket["TicketId"]]
    after = writer.get(f"/v1/Ticket/{ticket['TicketId']}").json()
    assert after["ReadStatus"] == "Green" and DATE_RE.match(after["ReadByOwner"])
    bad = writer.post(
        "/v1/Agents/Ticket/UpdateTicketsReadStatus", json={"TicketIds": [1], "NewStatus": "Blue"}
    )
    assert_error(bad, 400)


def test_message_saves_are_validated(writer: httpx.Client) -> None:
    assert_error(writer.post("/v1/TicketMessage", json={"Body": "orphan"}), 400)
    assert_error(
        writer.post("/v1/TicketMessage", json={"Ticket": {"TicketId": 99999}, "Body": "x"}), 404
    )
    assert_error(writer.post("/v1/TicketMessage", json={"EjMessageId": 99999999, "Body": "x"}), 404)


def test_updating_a_message_keeps_its_ticket(writer: httpx.Client) -> None:
    ticket = _ticket(writer, "numberOfMessages gt 0")
    message_id = ticket["Messages"][0]["TicketMessageId"]
    saved = writer.post(
        "/v1/TicketMessage", json={"EjMessageId": message_id, "Important": True}
    ).json()
    assert saved["EjMessageId"] == message_id and saved["Important"] is True
    assert saved["Ticket"]["TicketId"] == ticket["TicketId"]
    assert (
        writer.get(f"/v1/Ticket/{ticket['TicketId']}").json()["NumMessages"]
        == ticket["NumMessages"]
    )
