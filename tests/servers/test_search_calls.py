"""The local SuperOffice server's search calls, over raw HTTP (TRIAGE-CALLS §5): the agent UI's
FindTicketsByTitleOrId, and the archive's string restrictions a search sends (``title
contains``, ``person/fullName``, ``content`` and TicketMessage ``body``), case-insensitive
LIKE with ``%`` and ``_`` as themselves and a quote escaped with a backslash, as documented."""

from __future__ import annotations

from typing import Any

import httpx

FIND = "/v1/Agents/CustomerService/FindTicketsByTitleOrId"
ODD_TITLE = '50% off_plan for O\'Brien & <Co> "VIP"'


def _new_ticket(writer: httpx.Client, title: str) -> int:
    entity = writer.post("/v1/Agents/Ticket/CreateDefaultTicketEntity").json()
    entity["Title"] = title
    response = writer.post("/v1/Ticket", params={"notify": "false"}, json=entity)
    assert response.status_code == 200, response.text
    return int(response.json()["TicketId"])


def _ids(api: httpx.Client, filter_: str, provider: str = "Ticket") -> list[int]:
    key = "ticketId"
    response = api.get(f"/v1/{provider}", params={"$select": key, "$filter": filter_, "$top": 1000})
    assert response.status_code == 200, response.text
    return [int(row[key]) for row in response.json()["value"]]


def _find(api: httpx.Client, text: str, rows: int = 50) -> list[dict[str, Any]]:
    response = api.post(FIND, json={"TitleOrId": text, "MaxRows": rows})
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()
    return found


def test_find_by_title_or_id_answers_the_documented_fields(api: httpx.Client) -> None:
    found = _find(api, "PRINTER")  # case-insensitive
    assert found
    assert set(found[0]) == {
        "TicketId",
        "Title",
        "OwnerName",
        "CategoryName",
        "PriorityName",
        "TicketUrl",
        "PersonName",
        "ContactName",
    }
    assert all("printer" in row["Title"].lower() for row in found)
    assert found[0]["TicketUrl"].endswith(f"ticketId={found[0]['TicketId']}")


def test_a_number_also_finds_the_ticket_with_that_id_first(api: httpx.Client) -> None:
    found = _find(api, "5")
    assert found[0]["TicketId"] == 5
    assert all(row["TicketId"] == 5 or "5" in row["Title"] for row in found)


def test_max_rows_limits_the_answer(api: httpx.Client) -> None:
    assert len(_find(api, "e", rows=3)) == 3
    assert _find(api, "e", rows=0) == []
    assert _find(api, "no such title anywhere") == []


def test_like_wildcards_are_matched_as_themselves_and_a_quote_is_escaped(
    writer: httpx.Client,
) -> None:
    ticket_id = _new_ticket(writer, ODD_TITLE)
    assert [row["TicketId"] for row in _find(writer, "50% OFF_")] == [ticket_id]
    assert _ids(writer, r"title contains '% off_plan for o\'brien'") == [ticket_id]
    assert _ids(writer, "title contains '<co> \"vip\"'") == [ticket_id]
    # % and _ are no wildcards: "5_%" is not "any title with a 5 in it".
    assert _ids(writer, "title contains '5_%'") == []


def test_a_customers_name_and_the_message_text(api: httpx.Client) -> None:
    row = api.get("/v1/Ticket", params={"$select": "ticketId,person/fullName", "$top": 1}).json()[
        "value"
    ][0]
    surname = row["person/fullName"].split()[-1]
    by_name = _ids(api, f"person/fullName contains '{surname.upper()}'")
    assert row["ticketId"] in by_name
    begins = _ids(api, f"person/fullName begins '{row['person/fullName'][:3].lower()}'")
    assert row["ticketId"] in begins
    in_messages = _ids(api, "content contains 'PASSWORD'")
    by_message = set(_ids(api, "body contains 'password'", provider="TicketMessage"))
    assert in_messages and set(in_messages) == by_message


def test_every_letter_matches_in_either_case_as_sql_server_compares(writer: httpx.Client) -> None:
    ticket_id = _new_ticket(writer, "Ærlig talt: Østby-fakturaen er feil")
    assert _ids(writer, "title contains 'østby-FAKTURAEN'") == [ticket_id]
    assert _ids(writer, "title begins 'ærlig'") == [ticket_id]
    assert [row["TicketId"] for row in _find(writer, "ØSTBY")] == [ticket_id]
    assert _ids(writer, "title contains 'ostby'") == []  # accents still count (CI_AS)
