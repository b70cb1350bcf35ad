"""The local server's calls for bulk actions, over raw HTTP as the real ones are documented:
AcceptTickets (TRIAGE-CALLS section 1), UpdateTicketsReadStatus, and PATCH Ticket/{id} with a
JSON Patch (test + replace; a failed test is 409) or a JSON Merge Patch."""

from __future__ import annotations

from pathlib import Path

import httpx

from tickettui.servers.faults import FaultPlan
from tickettui.systems.superoffice.server import LocalSuperOffice, accounts

from .conftest import assert_error, client

ME = accounts.DEMO_ASSOCIATE_ID


def test_accept_tickets_makes_the_caller_the_owner_and_answers_204(writer: httpx.Client) -> None:
    ids = (21, 22, 23)
    before = {i: writer.get(f"/v1/Ticket/{i}").json() for i in ids}
    answer = writer.post("/v1/Agents/Ticket/AcceptTickets", json={"TicketIds": list(ids)})
    assert answer.status_code == 204 and answer.content == b""
    for ticket_id in ids:
        ticket = writer.get(f"/v1/Ticket/{ticket_id}").json()
        assert ticket["OwnedBy"]["AssociateId"] == ME
        if before[ticket_id]["OwnedBy"]["AssociateId"] != ME:
            assert ticket["ReadStatus"] == "Red"  # a new owner has not read it yet
        else:
            assert ticket == before[ticket_id]  # already the caller's: nothing changed
    assert_error(writer.post("/v1/Agents/Ticket/AcceptTickets", json={"TicketIds": 5}), 400)


def test_read_status_for_many_answers_the_ids_updated(writer: httpx.Client) -> None:
    answer = writer.post(
        "/v1/Agents/Ticket/UpdateTicketsReadStatus",
        json={"TicketIds": [24, 25, 999999], "NewStatus": "Green"},
    )
    assert answer.status_code == 200 and answer.json() == [24, 25]
    assert writer.get("/v1/Ticket/24").json()["ReadStatus"] == "Green"


def test_a_json_patch_tests_then_replaces_and_keeps_base_status_consistent(
    writer: httpx.Client,
) -> None:
    open_it = [{"op": "replace", "path": "/Status/TicketStatusId", "value": 1}]
    assert writer.patch("/v1/Ticket/26", json=open_it).json()["BaseStatus"] == "Active"
    before = writer.get("/v1/Ticket/26").json()
    closed = 2  # the default "Closed" status
    patch = [
        {"op": "test", "path": "/Status/TicketStatusId", "value": 1},
        {"op": "replace", "path": "status/ticketstatusid", "value": closed},  # any case
    ]
    answer = writer.patch("/v1/Ticket/26", json=patch)
    assert answer.status_code == 200, answer.text
    after = answer.json()
    assert after["Status"]["TicketStatusId"] == closed and after["BaseStatus"] == "Closed"
    assert after["Title"] == before["Title"] and after["LastChanged"] >= before["LastChanged"]

    # The same patch again: the test fails (the status moved), 409, nothing changes.
    refused = writer.patch("/v1/Ticket/26", json=patch)
    assert_error(refused, 409)
    assert writer.get("/v1/Ticket/26").json()["Status"]["TicketStatusId"] == closed


def test_merge_patch_unknown_paths_and_missing_tickets(writer: httpx.Client) -> None:
    answer = writer.patch("/v1/Ticket/27", json={"Priority": {"TicketPriorityId": 1}})
    assert answer.status_code == 200 and answer.json()["Priority"]["TicketPriorityId"] == 1
    bad = [{"op": "replace", "path": "/NoSuchThing/Id", "value": 1}]
    assert_error(writer.patch("/v1/Ticket/27", json=bad), 400)
    assert_error(writer.patch("/v1/Ticket/27", json=[{"op": "move", "path": "/Title"}]), 400)
    owner = [{"op": "replace", "path": "/OwnedBy/AssociateId", "value": 999}]
    assert_error(writer.patch("/v1/Ticket/27", json=owner), 400)
    assert_error(writer.patch("/v1/Ticket/999999", json=[]), 404)


def test_faults_strike_the_bulk_calls_too(tmp_path: Path) -> None:
    plan = FaultPlan(rate=1.0, kinds=("500",), after_share=0.0, match="AcceptTickets", seed=1)
    with (
        LocalSuperOffice.start(
            tickets=30, seed=7, db_path=tmp_path / "so.sqlite", faults=plan
        ) as server,
        client(server) as http,
    ):
        owner = http.get("/v1/Ticket/3").json()["OwnedBy"]["AssociateId"]
        answer = http.post("/v1/Agents/Ticket/AcceptTickets", json={"TicketIds": [3]})
        assert answer.status_code == 500
        assert http.get("/v1/Ticket/3").json()["OwnedBy"]["AssociateId"] == owner
    assert plan.injected() == {"500": 1}
