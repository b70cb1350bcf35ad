"""Reading tickets: the flat carrier (GetTicket/GetTickets), the entity, defaults, errors."""

from __future__ import annotations

from typing import Any

import httpx

from tickettui.systems.superoffice.server import accounts

from .conftest import DATE_RE, MIN_VALUE, assert_error

CARRIER_DATES = (
    "CreatedAt",
    "LastChanged",
    "ReadByOwner",
    "ReadByCustomer",
    "FirstReadByUser",
    "Activate",
    "ClosedAt",
    "RepliedAt",
    "AlertTimeout",
    "Deadline",
)
ENTITY_DATES = (*CARRIER_DATES, "FirstReadByOwner")


def _ids(api: httpx.Client, filter_: str, count: int = 1) -> list[int]:
    rows = api.get("/v1/Ticket", params={"$select": "ticketId", "$filter": filter_, "$top": count})
    return [int(r["PrimaryKey"]) for r in rows.json()["value"]]


def test_get_ticket_returns_the_flat_carrier(api: httpx.Client) -> None:
    (ticket_id,) = _ids(api, "status equals 'Active' and ownedBy currentAssociate")
    response = api.post("/v1/Agents/Ticket/GetTicket", params={"ticketId": ticket_id})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    ticket = response.json()
    assert ticket["TicketId"] == ticket_id
    assert ticket["BaseStatus"] == "Active"
    assert ticket["OwnedByAssociateId"] == accounts.DEMO_ASSOCIATE_ID
    assert ticket["OwnedBy"] != accounts.DEMO_ASSOCIATE_ID  # ejuser id, not associate id
    assert ticket["OwnedByName"] == accounts.DEMO_USER
    assert isinstance(ticket["Category"], int) and ticket["CategoryFullname"]
    assert ticket["ReadStatus"] in ("Red", "Yellow", "Green")
    for name in CARRIER_DATES:
        assert DATE_RE.match(ticket[name]), (name, ticket[name])
    assert ticket["ClosedAt"] == MIN_VALUE  # active tickets have no close date


def test_select_nulls_every_other_property_but_keeps_the_keys(api: httpx.Client) -> None:
    (ticket_id,) = _ids(api, "ticketId gt 0")
    full = api.post("/v1/Agents/Ticket/GetTicket", params={"ticketId": ticket_id}).json()
    slim = api.post(
        "/v1/Agents/Ticket/GetTicket", params={"ticketId": ticket_id, "$select": "title,ticketId"}
    ).json()
    assert slim.keys() == full.keys()
    assert slim["Title"] == full["Title"] and slim["TicketId"] == ticket_id
    assert all(value is None for key, value in slim.items() if key not in ("Title", "TicketId"))


def test_get_tickets_skips_missing_ids(api: httpx.Client) -> None:
    ids = _ids(api, "ticketId lt 20", 5)
    response = api.post("/v1/Agents/Ticket/GetTickets", json={"TicketIds": [*reversed(ids), 99999]})
    assert [t["TicketId"] for t in response.json()] == list(reversed(ids))
    assert_error(
        api.post("/v1/Agents/Ticket/GetTickets", json={"Ids": [1]}), 400, "ArgumentException"
    )


def test_unknown_ids_are_404_with_the_error_body(api: httpx.Client) -> None:
    body = assert_error(api.get("/v1/Ticket/99999"), 404, "SoNotFoundException")
    assert body["ErrorMessage"] == "Ticket id 99999 not found"
    assert_error(api.post("/v1/Agents/Ticket/GetTicket", params={"ticketId": 99999}), 404)
    assert_error(api.get("/v1/TicketMessage/99999999"), 404)
    assert_error(api.get("/v1/NoSuchThing"), 404)


def test_ticket_entity_has_nested_objects_links_and_custom_fields(api: httpx.Client) -> None:
    (ticket_id,) = _ids(api, "ownedBy currentAssociate and numberOfMessages gt 1")
    entity: dict[str, Any] = api.get(f"/v1/Ticket/{ticket_id}").json()
    assert entity["OwnedBy"]["AssociateId"] == accounts.DEMO_ASSOCIATE_ID
    assert entity["OwnedBy"]["FullName"] == accounts.DEMO_FULL_NAME
    assert entity["Category"]["TicketCategoryId"] and entity["Category"]["Fullname"]
    assert entity["Priority"]["Name"] in ("Low", "Medium", "High", "Critical")
    assert entity["Status"]["Status"] == entity["BaseStatus"]
    assert len(entity["Messages"]) == entity["NumMessages"] > 1
    assert "Body" not in entity["Messages"][0]  # summaries only
    assert {"x_contract_level", "x_affected_users:org"} <= entity["CustomFields"].keys()
    assert entity["_Links"]["Self"].endswith(f"/v1/Ticket/{ticket_id}")
    for name in ENTITY_DATES:
        assert DATE_RE.match(entity[name]), (name, entity[name])
    for message in entity["Messages"]:
        assert DATE_RE.match(message["CreatedAt"])


def test_entity_select_is_case_insensitive(api: httpx.Client) -> None:
    entity = api.get("/v1/Ticket/1", params={"$select": "TITLE,owNedBy"}).json()
    assert entity["Title"] and entity["OwnedBy"] is not None
    assert entity["Category"] is None and entity["CustomFields"] is None


def test_create_default_ticket_entity_fills_server_defaults(api: httpx.Client) -> None:
    entity = api.post("/v1/Agents/Ticket/CreateDefaultTicketEntity").json()
    assert entity["TicketId"] == 0
    assert entity["OwnedBy"]["AssociateId"] == accounts.DEMO_ASSOCIATE_ID
    assert entity["BaseStatus"] == "Active" and entity["Status"]["Name"] == "Open"
    assert entity["Slevel"] == "External"
    assert entity["Category"]["Name"] and entity["Priority"]["Name"] == "Medium"
    assert entity["CreatedAt"] == entity["Deadline"] == MIN_VALUE


def test_hostile_text_is_carried_verbatim(api: httpx.Client) -> None:
    titles = [
        r["title"]
        for r in api.get("/v1/Ticket", params={"$select": "title", "$top": 40}).json()["value"]
    ]
    assert any("[bold red]" in t for t in titles)
    assert any("\x1b[31m" in t for t in titles)
    assert any("\x1b]52;" in t for t in titles)
    assert any("\u202e" in t for t in titles)


def test_so_timezone_include_offset_tags_dates(api: httpx.Client) -> None:
    plain = api.get("/v1/Ticket/1").json()
    utc = api.get("/v1/Ticket/1", headers={"SO-TimeZone": "UTC, includeTZOffset"}).json()
    assert utc["CreatedAt"].endswith("Z") and not plain["CreatedAt"].endswith("Z")
    assert utc["ClosedAt"] == MIN_VALUE or utc["ClosedAt"].endswith("Z")
