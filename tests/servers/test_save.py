"""POST v1/Ticket: create, update, server-managed fields and status consistency."""

from __future__ import annotations

from typing import Any

import httpx

from tickettui.systems.superoffice.server import LocalSuperOffice, accounts

from .conftest import DATE_RE, MIN_VALUE, assert_error, basic, client


def _first(writer: httpx.Client, filter_: str) -> dict[str, Any]:
    rows = writer.get(
        "/v1/Ticket", params={"$select": "ticketId", "$filter": filter_, "$top": 1}
    ).json()
    ticket_id = int(rows["value"][0]["PrimaryKey"])
    return dict(writer.get(f"/v1/Ticket/{ticket_id}").json())


def _save(writer: httpx.Client, entity: dict[str, Any]) -> dict[str, Any]:
    response = writer.post("/v1/Ticket", params={"notify": "false"}, json=entity)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_create_from_the_default_entity(writer: httpx.Client) -> None:
    entity = writer.post("/v1/Agents/Ticket/CreateDefaultTicketEntity").json()
    entity["Title"] = "Laptop will not boot after BIOS update"
    entity["Priority"] = {"TicketPriorityId": 4}
    saved = _save(writer, entity)
    assert saved["TicketId"] > 150
    assert saved["Title"] == entity["Title"]
    assert saved["CreatedBy"]["AssociateId"] == accounts.DEMO_ASSOCIATE_ID
    assert saved["ReadStatus"] == "Red" and saved["BaseStatus"] == "Active"
    assert DATE_RE.match(saved["CreatedAt"]) and saved["Deadline"] > saved["CreatedAt"]
    assert saved["NumMessages"] == 0 and saved["Messages"] == []
    assert writer.get(f"/v1/Ticket/{saved['TicketId']}").json()["Title"] == entity["Title"]


def test_minimal_create_body_like_superoffices_own_sample(writer: httpx.Client) -> None:
    saved = _save(
        writer,
        {
            "TicketId": 0,
            "Title": "Minimal",
            "Category": {"TicketCategoryId": 3},
            "Slevel": "External",
            "BaseStatus": "Active",
            "Origin": "Unknown",
            "ConnectId": -1,
            "ReadStatus": "Unknown",
            "CreatedBy": {},
            "OwnedBy": {},
            "Priority": {},
            "Status": {},
        },
    )
    assert saved["Category"]["TicketCategoryId"] == 3
    assert saved["OwnedBy"]["AssociateId"] == 0  # {} binds to id 0: unassigned
    assert saved["Status"]["TicketStatusId"] == 1 and saved["Priority"]["Name"] == "Medium"
    assert saved["ReadStatus"] == "Red"


def test_update_moves_last_changed_and_keeps_custom_fields(writer: httpx.Client) -> None:
    before = _first(writer, "status equals 1 and ownedBy currentAssociate")
    entity = dict(before)
    entity["Title"] = "Printer on floor 3: toner replaced"
    entity["CustomFields"] = {"x_contract_level": "Platinum", "x_new_field": 42}
    entity["ExtraFields"] = {"x_contract_level": "Platinum"}
    entity["SomethingUnknown"] = {"is": "ignored"}
    saved = _save(writer, entity)
    after = writer.get(f"/v1/Ticket/{before['TicketId']}").json()
    assert saved["Title"] == after["Title"] == "Printer on floor 3: toner replaced"
    assert after["LastChanged"] != before["LastChanged"] and DATE_RE.match(after["LastChanged"])
    assert after["CreatedAt"] == before["CreatedAt"]
    assert after["CustomFields"] == {
        **before["CustomFields"],
        "x_contract_level": "Platinum",
        "x_contract_level:org": "Platinum",  # the value as loaded, now the saved one
    }  # x_new_field is no field of the tenant's: ignored
    assert after["ExtraFields"]["x_contract_level"] == "Platinum"
    assert after["Messages"] == before["Messages"]
    assert "SomethingUnknown" not in after


def test_status_decides_the_base_status(writer: httpx.Client) -> None:
    entity = _first(writer, "status equals 'Active'")
    entity["Status"] = {"TicketStatusId": 6}  # Waiting for customer (base Active)
    entity["BaseStatus"] = "Closed"  # inconsistent: the status wins
    saved = _save(writer, entity)
    assert saved["BaseStatus"] == "Active" and saved["Status"]["Name"] == "Waiting for customer"

    saved["Status"] = {"TicketStatusId": 2}
    closed = _save(writer, saved)
    assert closed["BaseStatus"] == "Closed" and DATE_RE.match(closed["ClosedAt"])
    assert closed["ClosedAt"] != MIN_VALUE and closed["RealTimeToClose"] > 0


def test_base_status_alone_picks_its_default_status_and_postpone_keeps_activate(
    writer: httpx.Client,
) -> None:
    entity = _first(writer, "status equals 1")
    entity.pop("Status")
    entity["BaseStatus"] = "Postponed"
    entity["Activate"] = "2027-01-15T09:30:00.1234567+01:00"
    saved = _save(writer, entity)
    assert saved["Status"]["TicketStatusId"] == 3 and saved["BaseStatus"] == "Postponed"
    assert saved["Activate"] == "2027-01-15T09:30:00"


def test_dates_with_offsets_are_stored_in_tenant_time(writer: httpx.Client) -> None:
    entity = _first(writer, "status equals 1")
    entity["Deadline"] = "2026-12-01T10:00:00Z"  # Oslo is UTC+1 in December
    assert _save(writer, entity)["Deadline"] == "2026-12-01T11:00:00"
    entity["Deadline"] = "0001-01-01T00:00:00Z"
    assert _save(writer, entity)["Deadline"] == MIN_VALUE


def test_changing_the_owner_makes_the_ticket_red(writer: httpx.Client) -> None:
    entity = _first(
        writer, "readStatus equals 'Green' and status equals 1 and ownedBy currentAssociate"
    )
    entity["OwnedBy"] = {"AssociateId": 3}
    saved = _save(writer, entity)
    assert saved["OwnedBy"]["Name"] == "TJ" and saved["ReadStatus"] == "Red"
    assert saved["ReadByOwner"] == MIN_VALUE


def test_explicit_nulls_wipe_fields_like_the_real_server(writer: httpx.Client) -> None:
    entity = _first(writer, "personId gt 0")
    selected = writer.get(
        f"/v1/Ticket/{entity['TicketId']}", params={"$select": "TicketId,Title"}
    ).json()
    selected["Title"] = "Posted back after $select"
    saved = _save(writer, selected)
    assert saved["Person"] is None  # nulled by $select, so saved as empty
    assert saved["Category"] == entity["Category"]  # required references survive


def test_bad_saves_are_rejected(writable_so: LocalSuperOffice, writer: httpx.Client) -> None:
    assert_error(writer.post("/v1/Ticket", content=b""), 400, "ArgumentException")
    assert_error(writer.post("/v1/Ticket", content=b"{not json"), 400)
    assert_error(
        writer.post("/v1/Ticket", json={"TicketId": 99999, "Title": "x"}),
        404,
        "SoNotFoundException",
    )
    assert_error(
        writer.post("/v1/Ticket", json={"TicketId": 0, "Status": {"TicketStatusId": 77}}), 400
    )
    assert_error(writer.post("/v1/Ticket", json={"TicketId": 0, "Deadline": "tomorrow"}), 400)
    with client(writable_so, basic(password="nope")) as stranger:
        assert_error(stranger.post("/v1/Ticket", json={"TicketId": 0}), 401)


def test_a_ticket_owned_by_a_former_employee_saves_unchanged(writer: httpx.Client) -> None:
    # Jonas Eriksen (14) has left; his old tickets must still be editable.
    entity = _first(writer, "ownedBy associateIsOneOf (14)")
    entity["Title"] = entity["Title"] + " (checked)"
    saved = _save(writer, entity)
    assert saved["OwnedBy"]["AssociateId"] == 14
    assert saved["Title"].endswith("(checked)")


def test_assigning_a_ticket_to_a_former_employee_is_refused(writer: httpx.Client) -> None:
    entity = _first(writer, "ownedBy currentAssociate")
    entity["OwnedBy"] = {"AssociateId": 14}
    response = writer.post("/v1/Ticket", params={"notify": "false"}, json=entity)
    body = assert_error(response, 400)
    assert "cannot own tickets" in body["ErrorMessage"]
