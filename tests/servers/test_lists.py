"""MDO pick-lists and the TicketStatus list entity."""

from __future__ import annotations

import httpx

from .conftest import assert_error

ITEM_KEYS = {
    "Id",
    "Name",
    "ToolTip",
    "Deleted",
    "Rank",
    "Type",
    "ChildItems",
    "IconHint",
    "ColorBlock",
    "ExtraInfo",
    "StyleHint",
    "FullName",
    "TableRight",
    "FieldProperties",
}


def test_categories_are_a_tree_or_flat(api: httpx.Client) -> None:
    tree = api.get("/v1/MDOList/ejcategory").json()
    support = next(i for i in tree if i["Name"] == "Support")
    assert set(support) == ITEM_KEYS
    assert support["ExtraInfo"].startswith("parentId=-1&replyTemplateId=")
    assert {c["FullName"] for c in support["ChildItems"]} >= {"Support/Hardware", "Support/On-line"}
    flat = api.get("/v1/MDOList/ejcategory", params={"flat": "true"}).json()
    assert "Billing/Invoices" in {i["Name"] for i in flat}
    assert all(i["ChildItems"] == [] for i in flat)


def test_status_priority_associate_type_and_tag_lists(api: httpx.Client) -> None:
    statuses = {
        i["Id"]: (i["Name"], i["ExtraInfo"]) for i in api.get("/v1/MDOList/ticketstatus").json()
    }
    assert statuses[1] == ("Open", "Active") and statuses[2] == ("Closed", "Closed")
    assert statuses[6] == ("Waiting for customer", "Active")
    assert [i["Name"] for i in api.get("/v1/MDOList/ticketpriority").json()] == [
        "Low",
        "Medium",
        "High",
        "Critical",
    ]
    people = api.get("/v1/MDOList/associate").json()
    assert any(i["Name"] == "Hannah Berg" for i in people)
    assert all(
        i["ExtraInfo"].startswith("person_id=") and "&contact_id=" in i["ExtraInfo"] for i in people
    )
    assert api.get("/v1/MDOList/tickettype").json()
    assert "VIP" in {i["Name"] for i in api.get("/v1/MDOList/Tags").json()}
    assert_error(api.get("/v1/MDOList/nosuchlist"), 404)


def test_ticket_status_items(api: httpx.Client) -> None:
    items = api.get("/v1/List/TicketStatus/Items").json()
    by_id = {i["TicketStatusId"]: i for i in items}
    assert by_id[1]["Status"] == "Active" and by_id[1]["IsDefault"] is True
    assert by_id[7]["Name"] == "In progress" and by_id[7]["TimeCounter"] == "Internally"
    assert {"NoEmailReopen", "UsedInQueue"} <= by_id[2].keys()
