"""Property tests of the tenant's fields on a ticket: whatever a server puts in CustomFields,
ExtraFields and the field descriptions, reading never fails; and any value of a field's type
written into the entity reads back as that value."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tickettui.core.domain import FieldKind
from tickettui.systems.superoffice.custom_fields import apply_field, read_fields
from tickettui.systems.superoffice.edit_fields import values_of
from tickettui.systems.superoffice.mapping import detail_from_entity
from tickettui.systems.superoffice.models import TicketEntity
from tickettui.systems.superoffice.models.field_info import CUSTOM_FIELD_TYPES, FieldInfo

TYPES = sorted(CUSTOM_FIELD_TYPES.values())
ENCODED = st.one_of(
    st.text(max_size=30),
    st.builds(lambda t, b: f"[{t}:{b}]", st.sampled_from(["I", "F", "D", "DT", "T"]), st.text()),
    st.builds(lambda n: f"[I:{n}]", st.integers()),
    st.builds(lambda x: f"[F:{x}]", st.floats()),
    st.builds(lambda d: f"[D:{d:%m/%d/%Y}]", st.dates()),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
)  # fmt: skip
KEYS = st.one_of(
    st.sampled_from(["x_a", "x_b", "SuperOffice:1", "x_a:org", "SuperOffice:1:DisplayText"]),
    st.text(min_size=1, max_size=12),
)
INFO = st.fixed_dictionaries(
    {
        "FieldName": st.sampled_from(["x_a", "x_b", "SuperOffice:1", "x_c"]),
        "FieldType": st.one_of(st.sampled_from(TYPES), st.integers(-1, 20), st.text(max_size=8)),
    },
    optional={
        "DisplayName": st.one_of(st.none(), st.text(max_size=20)),
        "Rank": st.one_of(st.none(), st.integers(-5, 5)),
        "IsReadOnly": st.booleans(),
        "HideField": st.booleans(),
        "IsMandatory": st.booleans(),
        "Choices": st.one_of(st.none(), st.lists(st.one_of(st.text(max_size=8), st.integers()))),
        "Precision": st.one_of(st.none(), st.integers(0, 4)),
        "TextLength": st.one_of(st.none(), st.integers(0, 300)),
    },
)


def entity(custom: dict[str, Any], extra: dict[str, Any]) -> TicketEntity:
    return TicketEntity.model_validate(
        {"TicketId": 1, "CustomFields": custom, "ExtraFields": extra}
    )


@settings(max_examples=300, deadline=None)
@given(
    custom=st.dictionaries(KEYS, ENCODED, max_size=8),
    extra=st.dictionaries(KEYS, ENCODED, max_size=5),
    infos=st.lists(INFO, max_size=5),
)
def test_reading_never_fails(
    custom: dict[str, Any], extra: dict[str, Any], infos: list[dict[str, Any]]
) -> None:
    by_name = {i["FieldName"]: FieldInfo.model_validate(i) for i in infos}
    ticket = entity(custom, extra)
    fields = read_fields(ticket, by_name)
    assert len({f.key for f in fields}) == len(fields)
    assert not [f for f in fields if f.key.endswith((":org", ":DisplayText"))]
    detail_from_entity(ticket, by_name)
    values_of(ticket, by_name)
    for field in fields:
        field.spec()


VALUES = {
    "Integer": (FieldKind.NUMBER, st.integers(-(2**31), 2**31 - 1)),
    "Decimal": (
        FieldKind.NUMBER,
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    ),
    "Checkbox": (FieldKind.BOOL, st.booleans()),
    "Date": (FieldKind.DATE, st.dates(min_value=date(1753, 1, 1))),
    "DateTime": (
        FieldKind.DATETIME,
        st.datetimes(min_value=datetime(1753, 1, 1), max_value=datetime(9999, 12, 31)),
    ),
    "ShortText": (FieldKind.TEXT, st.text(max_size=40)),
    "ListText": (FieldKind.CHOICE, st.text(min_size=1, max_size=20)),
}
CURRENT = st.sampled_from(["", "[D:2020.08.27]", "[DT:2019-09-11]", "[D:06/19/2019]", "x"])


@settings(max_examples=400, deadline=None)
@given(data=st.data(), type_name=st.sampled_from(sorted(VALUES)), current=CURRENT)
def test_any_value_written_reads_back(data: st.DataObject, type_name: str, current: str) -> None:
    kind, values = VALUES[type_name]
    value = data.draw(values)
    infos = {"x_f": FieldInfo(FieldName="x_f", FieldType=type_name, DisplayName="F")}
    ticket = entity({"x_f": current, "x_f:org": current}, {"x_f": current, "other": "[I:1]"})
    (field,) = [f for f in read_fields(ticket, infos) if f.key == "x_f"]
    apply_field(ticket, field, value)
    (again,) = [f for f in read_fields(ticket, infos) if f.key == "x_f"]
    assert again.field.kind is kind and again.field.value == value
    assert ticket.CustomFields is not None and ticket.CustomFields["x_f:org"] == current
    assert ticket.ExtraFields == {"x_f": ticket.CustomFields["x_f"], "other": "[I:1]"}
