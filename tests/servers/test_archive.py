"""GET v1/Ticket (the "Ticket" archive provider): Slim rows, paging, $filter, $orderBy."""

from __future__ import annotations

from typing import Any

import httpx

from tickettui.systems.superoffice.server import archive

from .conftest import DATE_RE, TICKETS, assert_error


def _rows(api: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    query = {f"${k}" if not k.startswith("$") else k: v for k, v in params.items()}
    response = api.get("/v1/Ticket", params=query)
    assert response.status_code == 200, response.text
    return list(response.json()["value"])


def _ids(api: httpx.Client, filter_: str) -> list[int]:
    return [r["ticketId"] for r in _rows(api, select="ticketId", filter=filter_, top=1000)]


def test_slim_shape(api: httpx.Client) -> None:
    response = api.get(
        "/v1/Ticket",
        params={"$select": "ticketId,title,ownedBy/fullName,person/fullName", "$top": 3},
    )
    body = response.json()
    assert list(body) == ["odata.metadata", "odata.nextLink", "value"]
    assert body["odata.metadata"].endswith("/SuperOffice/api/v1/archive/$metadata")
    assert body["odata.nextLink"] is None
    row = body["value"][0]
    assert list(row) == [
        "PrimaryKey",
        "EntityName",
        "ticketId",
        "title",
        "ownedBy/fullName",
        "person/fullName",
    ]
    assert row["PrimaryKey"] == str(row["ticketId"]) and row["EntityName"] == "ticket"


def test_list_columns_are_display_values_and_dates_are_plain(api: httpx.Client) -> None:
    columns = (
        "status,ticketStatusName,priorityName,categoryFullName,ownedBy,readStatus,slevel,origin"
    )
    dates = "createdAt,lastChanged,deadline,closedAt,activated,repliedAt,readByOwner"
    rows = _rows(api, select=f"{columns},{dates}", top=200)
    assert {r["status"] for r in rows} <= {"Active", "Closed", "Postponed", "Deleted", "Merged"}
    assert {r["readStatus"] for r in rows} <= {"Red", "Yellow", "Green"}
    assert "Open" in {r["ticketStatusName"] for r in rows}
    assert any("/" in r["categoryFullName"] for r in rows)
    for row in rows:
        for name in dates.split(","):
            assert DATE_RE.match(row[name]), (name, row[name])
    assert any(r["closedAt"] == "0001-01-01T00:00:00" for r in rows)


def test_paging_returns_every_row_once_and_ends_with_a_short_page(api: httpx.Client) -> None:
    seen: list[int] = []
    pages = []
    while True:
        page = _rows(api, select="ticketId", orderBy="ticketId", top=40, skip=len(seen))
        pages.append(len(page))
        seen += [r["ticketId"] for r in page]
        if len(page) < 40:
            break
    assert sorted(seen) == seen == list(range(1, TICKETS + 1))
    assert pages == [40, 40, 40, 30]
    assert len(_rows(api, select="ticketId")) == archive.DEFAULT_TOP


def test_top_is_capped() -> None:
    assert archive._limits("5000", None) == (archive.MAX_TOP, 0)


def test_filter_current_associate_one_of_and_contains(api: httpx.Client) -> None:
    mine = _rows(
        api,
        select="ownedBy,status",
        filter="ownedBy currentAssociate and status oneOf (1,3)",
        top=1000,
    )
    assert mine and {r["ownedBy"] for r in mine} == {"agent"}
    assert {r["status"] for r in mine} <= {"Active", "Postponed"}
    titles = [
        r["title"] for r in _rows(api, select="title", filter="title contains 'invoice'", top=1000)
    ]
    assert titles and all("invoice" in t.lower() for t in titles)
    quoted = _rows(api, select="title", filter=r"title contains 'don\'t match anything'")
    assert quoted == []


def test_and_binds_tighter_than_or(api: httpx.Client) -> None:
    late_closed = set(_ids(api, "ticketId gt 140 and status equals 2"))
    early_closed = set(_ids(api, "ticketId lt 5 and status equals 2"))
    assert early_closed != {1, 2, 3, 4}  # otherwise the test cannot tell the difference
    loose = set(_ids(api, "ticketId lt 5 or ticketId gt 140 and status equals 2"))
    bracketed = set(_ids(api, "(ticketId lt 5 or ticketId gt 140) and status equals 2"))
    assert loose == {1, 2, 3, 4} | late_closed
    assert bracketed == early_closed | late_closed
    assert set(_ids(api, "ticketId between (10,12)")) == {10, 11, 12}


def test_more_operators(api: httpx.Client) -> None:
    assert set(_ids(api, "ticketId ne 1 and ticketId less 4")) == {2, 3}
    assert _ids(api, "ticketStatusName equals 6") == _ids(api, "ticketStatus oneOf (6)")
    assert set(_ids(api, "readStatus equals 'Red'")) == set(_ids(api, "readStatus equals 3"))
    recent = _ids(api, "createdAt after '2026-06-01'")
    older = _ids(api, "createdAt before '2026-06-02'")
    assert recent and older and len(set(recent) | set(older)) == TICKETS
    assert _ids(api, "tags oneOf (1,2)") != []
    assert set(_ids(api, "title begins 'Re:'")) <= set(_ids(api, "title contains 'Re'"))


def test_unsupported_filters_are_400(api: httpx.Client) -> None:
    for bad in (
        "ticketId le 5",
        "ticketId ge 5",
        "nosuchColumn equals 1",
        "ticketId frobnicates 1",
        "title contains",
        "(ticketId lt 5",
        "ticketId eq 'x'",
    ):
        response = api.get("/v1/Ticket", params={"$filter": bad})
        assert_error(response, 400, "ArgumentException")


def test_order_by(api: httpx.Client) -> None:
    rows = _rows(api, select="createdAt,priorityName,ticketId", orderBy="createdAt desc", top=1000)
    created = [r["createdAt"] for r in rows]
    assert created == sorted(created, reverse=True)
    rows = _rows(
        api, select="priorityName,ticketId", orderBy="priorityName asc,ticketId desc", top=1000
    )
    keys = [(r["priorityName"], -r["ticketId"]) for r in rows]
    assert keys == sorted(keys)
    assert_error(api.get("/v1/Ticket", params={"$orderBy": "ticketId sideways"}), 400)


def test_messages_archive_returns_bodies(api: httpx.Client) -> None:
    (ticket,) = _rows(
        api, select="ticketId,numberOfMessages", filter="numberOfMessages gt 2", top=1
    )
    response = api.get(
        f"/v1/Ticket/{ticket['ticketId']}/Messages",
        params={
            "$select": "ticketMessageId,createdAt,author,slevel,body,htmlBody",
            "$orderBy": "createdAt",
        },
    )
    rows = response.json()["value"]
    assert len(rows) == ticket["numberOfMessages"]
    assert all(r["EntityName"] == "ticketmessage" and r["body"] for r in rows)
    assert [r["createdAt"] for r in rows] == sorted(r["createdAt"] for r in rows)
    assert {r["slevel"] for r in rows} <= {"Internal", "External"}
    assert_error(api.get("/v1/Ticket/99999/Messages"), 404)
