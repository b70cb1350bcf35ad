"""Wire models: the docs' samples parse, real-style payloads round-trip without losing a byte."""

from __future__ import annotations

import copy
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from tickettui.systems.superoffice.models import (
    ArchivePage,
    BaseStatus,
    MDOListItem,
    Origin,
    ReadStatus,
    Slevel,
    Ticket,
    TicketCategoryEntity,
    TicketEntity,
    TicketMessageEntity,
    known,
)

FIXTURES = Path(__file__).parent / "fixtures"
# Copies of the vendor's reference pages (samples there are illustrative, not real answers).
REFERENCE = FIXTURES / "reference"


FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)


def json_bodies(markdown: str) -> list[Any]:
    """Every fenced block's JSON body (the part after the HTTP headers), in page order."""
    bodies: list[Any] = []
    for block in FENCE.findall(markdown):
        lines = block.splitlines()
        start = next((i for i, line in enumerate(lines) if line.startswith(("{", "["))), None)
        if start is not None:
            bodies.append(json.loads("\n".join(lines[start:])))
    return bodies


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _doc_page(name: str) -> list[Any]:
    return json_bodies((REFERENCE / name).read_text(encoding="utf-8"))


# -- the reference pages' samples ------------------------------------------------------------


def test_docs_get_ticket_sample_parses() -> None:
    (body,) = _doc_page("Agents-Ticket-GetTicket.md")
    ticket = Ticket.model_validate(body)
    assert ticket.TicketId == 605
    assert ticket.TableRight is not None and ticket.TableRight.Mask == "Delete"
    assert ticket.read_status is ReadStatus.GREEN
    assert ticket.CreatedAt is not None and ticket.CreatedAt.utcoffset() is not None
    assert ticket.FieldProperties is not None
    assert ticket.FieldProperties["fieldName"].FieldLength == 394


def test_docs_get_tickets_sample_parses() -> None:
    request, response = _doc_page("Agents-Ticket-GetTickets.md")
    assert request == {"TicketIds": [839, 249]}
    tickets = TypeAdapter(list[Ticket]).validate_python(response)
    assert [t.TicketId for t in tickets] == [889]
    assert tickets[0].SaleHeading == "atque"


def test_docs_post_ticket_request_and_response_parse() -> None:
    request, response = _doc_page("POST-Ticket.md")
    sent = TicketEntity.model_validate(request)
    saved = TicketEntity.model_validate(response)
    assert sent.TicketId == 283 and saved.TicketId == 224
    assert saved.SecondaryPersons and saved.SecondaryPersons[0].Firstname == "Genevieve"
    assert saved.Messages and saved.Messages[0].TicketMessageId == 142
    assert saved.Tags and saved.Tags[0].Name == "Weissnat, Romaguera and Walter"
    assert saved.CustomFields == {"CustomFields1": "sequi", "CustomFields2": "illum"}
    # Docs samples re-parse identically after a dump (dates normalised to our spelling).
    assert TicketEntity.model_validate(sent.to_wire()) == sent


def test_docs_create_default_sample_parses() -> None:
    (body,) = _doc_page("Agents-Ticket-CreateDefaultTicketEntity.md")
    entity = TicketEntity.model_validate(body)
    assert entity.TicketId == 460
    assert entity.origin is Origin.AUTO_GENERATED


@pytest.mark.parametrize(
    ("name", "model"),
    [("docs_get_ticket.json", Ticket), ("docs_post_ticket_response.json", TicketEntity)],
)
def test_bundled_doc_samples_parse_without_the_shared_dir(name: str, model: type[Any]) -> None:
    parsed = model.model_validate(fixture(name))
    assert model.model_validate(parsed.to_wire()) == parsed


# -- nothing is lost -------------------------------------------------------------------------


def test_entity_round_trip_changes_only_the_edited_field() -> None:
    original = fixture("real_ticket_entity.json")
    entity = TicketEntity.model_validate(copy.deepcopy(original))

    entity.Title = "Printer on floor 3: toner replaced"
    sent = entity.to_wire()

    expected = copy.deepcopy(original)
    expected["Title"] = "Printer on floor 3: toner replaced"
    assert sent == expected  # unknown top-level and nested fields, CustomFields, _Links, dates
    # Byte-for-byte the same JSON once key order is ignored.
    assert json.dumps(sent, sort_keys=True) == json.dumps(expected, sort_keys=True)


def test_round_trip_keeps_what_we_do_not_model() -> None:
    entity = TicketEntity.model_validate(fixture("real_ticket_entity.json"))
    extra = entity.model_extra or {}
    assert extra["_Links"]["Self"].endswith("/Ticket/1042")
    assert extra["SomeFieldFromANewerServer"] == {"Enabled": True, "Values": [1, "two", None]}
    assert entity.OwnedBy is not None
    assert (entity.OwnedBy.model_extra or {})["NewerAssociateField"] == {"x": [1, 2]}
    assert entity.Person is not None and (entity.Person.model_extra or {})["PersonNumber"] == "P-77"


def test_real_dates_parse_naive_and_minvalue_is_none() -> None:
    entity = TicketEntity.model_validate(fixture("real_ticket_entity.json"))
    assert entity.CreatedAt == datetime(2022, 10, 17, 8, 26)
    assert entity.CreatedAt.tzinfo is None
    assert entity.ClosedAt is None and entity.Deadline is None
    assert entity.to_wire()["ClosedAt"] == "0001-01-01T00:00:00"


def test_new_entity_sends_only_what_was_set() -> None:
    entity = TicketEntity(TicketId=0, Title="New", BaseStatus="Active")
    entity.Category = TicketCategoryEntity(TicketCategoryId=3)
    assert entity.to_wire() == {
        "TicketId": 0,
        "Title": "New",
        "BaseStatus": "Active",
        "Category": {"TicketCategoryId": 3},
    }


def test_model_copy_update_is_sent() -> None:
    entity = TicketEntity.model_validate(fixture("real_ticket_entity.json"))
    changed = entity.model_copy(update={"ReadStatus": "Yellow"})
    assert changed.to_wire()["ReadStatus"] == "Yellow"
    assert entity.to_wire()["ReadStatus"] == "Green"


def test_table_right_mask_is_a_name_or_a_number() -> None:
    entity = TicketEntity.model_validate(fixture("real_ticket_entity.json"))
    assert entity.TableRight is not None and entity.TableRight.Mask == "Delete"
    assert entity.FieldProperties is not None
    right = entity.FieldProperties["Title"].FieldRight
    assert right is not None and right.Mask == 31


# -- enum-like strings -----------------------------------------------------------------------


def test_unknown_enum_values_parse_and_known_ones_map() -> None:
    ticket = Ticket.model_validate(
        {
            "ReadStatus": "red",
            "BaseStatus": "PostponedSpecific",
            "Slevel": "Internal",
            "Origin": "Teams",
        }
    )
    assert ticket.ReadStatus == "red"
    assert ticket.read_status is ReadStatus.RED
    assert ticket.base_status is None  # a value we do not know: kept, not rejected
    assert ticket.security_level is Slevel.INTERNAL
    assert ticket.origin is None and ticket.Origin == "Teams"
    assert known(BaseStatus, "closed") is BaseStatus.CLOSED
    assert known(BaseStatus, None) is None


# -- archives, lists, messages ----------------------------------------------------------------


def test_archive_page_slim_rows() -> None:
    page = ArchivePage.model_validate(fixture("real_archive_page.json"))
    assert page.odata_next_link is None
    assert page.odata_metadata and page.odata_metadata.endswith("$metadata")
    first, second = page.value
    assert first.PrimaryKey == 1042 and first.primary_key == 1042  # "1042" on the wire
    assert first.EntityName == "ticket"
    assert first["title"] == "Printer on floor 3 prints blank pages"
    assert first["person/fullName"] == "Kari Nordmann"
    assert "title" in first and "nope" not in first
    assert first.get("nope", 5) == 5
    with pytest.raises(KeyError):
        first["nope"]
    assert first.get_int("numberOfMessages") == 2
    assert first.get_bool("has_attachment") is False and second.get_bool("has_attachment") is True
    assert first.get_date("deadline") is None
    assert second.get_date("deadline") == datetime(2022, 10, 21, 16)
    assert set(first.columns) >= {"ticketId", "title", "person/fullName"}
    dumped = page.to_wire()
    assert "odata.nextLink" in dumped and dumped["value"][0]["person/fullName"] == "Kari Nordmann"


def test_archive_row_primary_key_int_or_missing() -> None:
    page = ArchivePage.model_validate(
        {"value": [{"PrimaryKey": 25, "EntityName": "contact"}, {"PrimaryKey": ""}, {}]}
    )
    assert [r.PrimaryKey for r in page.value] == [25, None, None]
    assert page.value[2].primary_key == 0


def test_mdo_list_is_recursive() -> None:
    items = TypeAdapter(list[MDOListItem]).validate_python(fixture("real_mdo_ejcategory.json"))
    names = [i.FullName for top in items for i in top.walk()]
    assert names == [
        "Support",
        "Support/On-line",
        "Support/Hardware",
        "Support/Hardware/Printers",
        "Sales",
    ]
    assert items[0].ChildItems is not None
    assert items[0].ChildItems[0].extra_info() == {"parentId": "3", "replyTemplateId": "2"}
    assert items[1].TableRight is not None and items[1].TableRight.Mask == 1


def test_reply_message_body() -> None:
    reply = TicketMessageEntity.model_validate(
        {
            "Ticket": {"TicketId": 1042},
            "Slevel": "External",
            "Type": "Html",
            "Body": "Hello",
            "HtmlBody": "<p>Hello</p>",
            "MessageCategory": "Message",
        }
    )
    assert reply.Ticket is not None and reply.Ticket.TicketId == 1042
    assert reply.to_wire() == {
        "Ticket": {"TicketId": 1042},
        "Slevel": "External",
        "Type": "Html",
        "Body": "Hello",
        "HtmlBody": "<p>Hello</p>",
        "MessageCategory": "Message",
    }
    full = TicketMessageEntity.model_validate(
        {
            "EjMessageId": 23,
            "CreatedAt": "2022-10-17T10:02:00",
            "CreatedBy": {"AssociateId": 5},
            "AttachmentsInfo": [{"AttachmentId": 1, "Name": "a.png", "AttSize": 10}],
            "MessageHeaders": [{"Id": 1, "Name": "To", "Value": "x@example.com"}],
        }
    )
    assert full.EjMessageId == 23
    assert full.AttachmentsInfo and full.AttachmentsInfo[0].Name == "a.png"
