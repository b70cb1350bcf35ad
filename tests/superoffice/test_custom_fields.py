"""A ticket's CustomFields and ExtraFields read and written by the client, from payloads shaped
as the NetServer reference shows them (no server): encoded values, ``:org`` and
``:DisplayText`` keys beside the fields, prog-id keys, plug-in keys, labels from
``GET Ticket/CustomField`` or none."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from tickettui.core.domain import FieldKind
from tickettui.systems.superoffice import field_encoding
from tickettui.systems.superoffice.custom_fields import (
    apply_field,
    custom_fields,
    label_text,
    read_fields,
)
from tickettui.systems.superoffice.edit_fields import values_of
from tickettui.systems.superoffice.models import TicketEntity
from tickettui.systems.superoffice.models.field_info import FieldInfo

INFOS = {
    info["FieldName"]: FieldInfo.model_validate(info)
    for info in (
        {"FieldName": "x_level", "FieldType": "ListText", "DisplayName": "Level", "Rank": 2,
         "Choices": ["Gold", "Silver"]},
        {"FieldName": "x_users", "FieldType": "Integer", "DisplayName": "Users", "Rank": 1},
        {"FieldName": "x_hours", "FieldType": "Decimal", "DisplayName": "Hours", "Rank": 3,
         "Precision": 1},
        {"FieldName": "x_ok", "FieldType": 6, "DisplayName": "US:\"Approved\";NO:\"Godkjent\"",
         "Rank": 4},
        {"FieldName": "x_due", "FieldType": "Date", "DisplayName": "Due", "Rank": 5},
        {"FieldName": "x_call", "FieldType": "DateTime", "DisplayName": "Call at", "Rank": 6},
        {"FieldName": "x_note", "FieldType": "LongText", "DisplayName": "Note", "Rank": 7,
         "TextLength": 200},
        {"FieldName": "x_src", "FieldType": "ShortText", "DisplayName": "Source", "Rank": 8,
         "IsReadOnly": True},
        {"FieldName": "x_secret", "FieldType": "ShortText", "DisplayName": "Secret", "Rank": 9,
         "HideField": True},
        {"FieldName": "SuperOffice:3", "FieldType": "MdoList", "DisplayName": "Region",
         "Rank": 10},
        {"FieldName": "x_when", "FieldType": "Time", "DisplayName": "Time", "Rank": 11},
    )
}  # fmt: skip
CUSTOM = {
    "x_note": "[I:7] is not a number here, it is text",
    "x_note:org": "[I:7] is not a number here, it is text",
    "x_users": "[I:42]",
    "x_users:org": "[I:42]",
    "x_level": "Gold",
    "x_hours": "[F:2.5]",
    "x_ok": "[I:0]",
    "x_due": "[D:2020.08.27]",
    "x_call": "[DT:06/19/2019 14:35:56.00000]",
    "x_src": "Web form",
    "x_secret": "s3cret",
    "SuperOffice:3": "[I:12]",
    "SuperOffice:3:DisplayText": "Nordics",
    "SuperOffice:3:DisplayTooltip": "Norway, Sweden, Denmark",
    "x_when": "[T:06/19/2019 14:35:56.00000]",
}
EXTRA = {"x_users": "[I:42]", "custom.sla": "4h response", "erp.customer_no": "[I:20003]"}


def entity(custom: dict[str, Any] | None = None, extra: dict[str, Any] | None = None) -> Any:
    return TicketEntity.model_validate(
        {"TicketId": 7, "Title": "t", "CustomFields": CUSTOM if custom is None else custom,
         "ExtraFields": EXTRA if extra is None else extra}
    )  # fmt: skip


def by_key(fields: Any) -> dict[str, Any]:
    return {f.key: f for f in fields}


def test_fields_are_labelled_typed_and_ranked_as_the_tenant_says() -> None:
    fields = custom_fields(entity(), INFOS)
    assert [f.key for f in fields] == [
        "x_users", "x_level", "x_hours", "x_ok", "x_due", "x_call", "x_note", "x_src",
        "x_secret", "SuperOffice:3", "x_when", "custom.sla", "erp.customer_no",
    ]  # fmt: skip
    f = by_key(fields)
    assert (f["x_users"].label, f["x_users"].kind, f["x_users"].value) == (
        "Users",
        FieldKind.NUMBER,
        42,
    )
    assert f["x_level"].kind is FieldKind.CHOICE and [c.label for c in f["x_level"].choices] == [
        "Gold",
        "Silver",
    ]
    assert f["x_hours"].value == 2.5
    assert (f["x_ok"].label, f["x_ok"].kind, f["x_ok"].value) == ("Approved", FieldKind.BOOL, False)
    assert f["x_due"].value == date(2020, 8, 27)
    assert f["x_call"].value == datetime(2019, 6, 19, 14, 35, 56)
    assert f["x_note"].value == CUSTOM["x_note"]  # a text field's brackets are text
    assert f["x_src"].editable is False and f["x_src"].value == "Web form"
    assert f["x_secret"].hidden and not f["x_secret"].editable
    # A user-defined list field shows its item's name; not edited (its list is not ours).
    region = f["SuperOffice:3"]
    assert (region.label, region.value, region.editable) == ("Region", "Nordics", False)
    assert f["x_when"].kind is FieldKind.TEXT and not f["x_when"].editable
    assert {f[k].source for k in ("custom.sla", "erp.customer_no")} == {"ExtraFields"}
    assert f["custom.sla"].label == "custom.sla" and not f["custom.sla"].editable
    assert f["erp.customer_no"].value == 20003


def test_without_descriptions_fields_go_by_key_and_prefix() -> None:
    f = by_key(custom_fields(entity(), {}))
    assert f["x_users"].label == "x_users" and f["x_users"].value == 42
    assert f["x_due"].kind is FieldKind.DATE and f["x_hours"].kind is FieldKind.NUMBER
    assert f["x_level"].kind is FieldKind.TEXT and f["x_level"].editable
    assert "x_users:org" not in f and "SuperOffice:3:DisplayText" not in f


def test_a_value_not_of_its_type_is_shown_as_sent_and_not_edited() -> None:
    f = by_key(custom_fields(entity({"x_users": "[I:lots]", "x_due": "tomorrow"}, {}), INFOS))
    assert (f["x_users"].kind, f["x_users"].value, f["x_users"].editable) == (
        FieldKind.TEXT,
        "lots",
        False,
    )
    assert f["x_due"].value == "tomorrow" and not f["x_due"].editable


def test_empty_values_and_min_value_dates_are_none() -> None:
    custom = {"x_users": "", "x_ok": "", "x_due": "[D:01/01/0001]", "x_level": "", "x_note": ""}
    values = values_of(entity(custom, {}), INFOS)
    assert {k: values[k] for k in custom} == {
        "x_users": None,
        "x_ok": None,
        "x_due": None,
        "x_level": None,
        "x_note": "",
    }


def test_edit_values_hold_only_editable_fields() -> None:
    values = values_of(entity(), INFOS)
    assert {"x_users", "x_level", "x_hours", "x_ok", "x_due", "x_call", "x_note"} <= set(values)
    assert not {"x_src", "x_secret", "SuperOffice:3", "x_when", "custom.sla"} & set(values)


@pytest.mark.parametrize(
    ("key", "value", "wire"),
    [
        ("x_users", 43, "[I:43]"),
        ("x_users", None, ""),
        ("x_hours", 0.75, "[F:0.75]"),
        ("x_ok", True, "[I:1]"),
        ("x_due", date(2027, 1, 31), "[D:2027.01.31]"),  # the form the server used
        ("x_call", datetime(2027, 1, 31, 9, 5), "[DT:01/31/2027 09:05:00.0000000]"),
        ("x_level", "Silver", "Silver"),
        ("x_note", "[D:not a date]", "[D:not a date]"),
    ],
)
def test_a_change_is_written_encoded_and_nothing_else_moves(
    key: str, value: Any, wire: str
) -> None:
    ticket = entity()
    before = ticket.to_wire()
    apply_field(ticket, by_key(read_fields(ticket, INFOS))[key], value)
    after = ticket.to_wire()
    assert after["CustomFields"] == before["CustomFields"] | {key: wire}  # ":org" untouched
    mirrored = key in before["ExtraFields"]
    assert after["ExtraFields"] == before["ExtraFields"] | ({key: wire} if mirrored else {})
    assert {k: v for k, v in after.items() if k not in ("CustomFields", "ExtraFields")} == {
        k: v for k, v in before.items() if k not in ("CustomFields", "ExtraFields")
    }


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("[I:-5]", FieldKind.NUMBER, -5),
        ("[F:3.14159]", FieldKind.NUMBER, 3.14159),
        ("[D:06/19/2019]", FieldKind.DATE, date(2019, 6, 19)),
        ("[DT:2019-09-11]", FieldKind.DATE, date(2019, 9, 11)),
        ("[DT:04/28/2024 20:28:37.0000000]", FieldKind.DATETIME, datetime(2024, 4, 28, 20, 28, 37)),
        ("[DT:01/01/0001 00:00:00.0000000]", FieldKind.DATETIME, None),
        ("[I:1]", FieldKind.BOOL, True),
        (True, FieldKind.BOOL, True),  # a JSON boolean, as some servers send
        (42, FieldKind.NUMBER, 42),
    ],
)
def test_encoded_values_as_the_reference_shows_them(raw: Any, kind: FieldKind, value: Any) -> None:
    assert field_encoding.typed(kind, raw) == value


def test_dates_are_written_back_in_the_form_they_came() -> None:
    day = date(2026, 3, 4)
    encode = field_encoding.encode
    assert encode(FieldKind.DATE, day, whole=False) == "[D:03/04/2026]"
    assert encode(FieldKind.DATE, day, whole=False, current="[D:2020.08.27]") == "[D:2026.03.04]"
    assert encode(FieldKind.DATE, day, whole=False, current="[DT:2019-09-11]") == "[DT:2026-03-04]"


def test_labels_in_several_languages_and_plain_ones() -> None:
    assert label_text('US:"Contract ""A""";NO:"Kontrakt"') == 'Contract "A"'
    assert label_text("Contract level") == "Contract level"
    assert label_text('Say "hi"') == 'Say "hi"'
