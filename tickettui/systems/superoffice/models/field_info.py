"""``FieldInfoBase``: what ``GET Ticket/CustomField`` says of each of the tenant's own fields.

Reference: ``GET /api/v1/Ticket/CustomField`` ("custom fields meta-data (published user
defined + extra fields) on TicketEntity", an array) and ``.../CustomField/{fieldName}``. The
base carries the name, the label and the type; the subclass a field is adds its own (a list
field's ``Choices``, a decimal's ``Precision``, a text's ``TextLength``), all kept here.
"""

from __future__ import annotations

from typing import Any

from tickettui.systems.superoffice.models.base import SoModel

__all__ = ["CUSTOM_FIELD_TYPES", "FieldInfo", "field_type_name"]

# CustomFieldType (SuperOffice.Data): the enum's names, sent as strings ("FieldType":
# "ShortText"); its numbers where a server sends those instead.
CUSTOM_FIELD_TYPES = {
    0: "Unknown",
    1: "Integer",
    2: "ShortText",
    3: "LongText",
    4: "Date",
    5: "Blob",
    6: "Checkbox",
    7: "MdoList",
    8: "Decimal",
    9: "DateTime",
    10: "Time",
    11: "TimeSpan",
    12: "RelationTo",
    13: "Attachment",
    14: "DynamicLink",
    15: "ListText",
}
_BY_LOWER_NAME = {name.lower(): name for name in CUSTOM_FIELD_TYPES.values()}


def field_type_name(value: Any) -> str:
    """The CustomFieldType name for what a server sent: ``"Checkbox"``, ``6`` or ``"6"``."""
    if isinstance(value, bool):
        return "Unknown"
    if isinstance(value, int):
        return CUSTOM_FIELD_TYPES.get(value, "Unknown")
    text = str(value or "").strip()
    if text.isdigit():
        return CUSTOM_FIELD_TYPES.get(int(text), "Unknown")
    return _BY_LOWER_NAME.get(text.lower(), "Unknown")


class FieldInfo(SoModel):
    FieldType: Any = None  # CustomFieldType: a name ("ListText"), or its number
    FieldName: str | None = None  # "x_contract_level" or a prog-id "SuperOffice:2"
    DisplayName: str | None = None  # the label; may be multi-language encoded
    Description: str | None = None
    ShortLabel: str | None = None
    HideLabel: bool | None = None
    HideField: bool | None = None  # hidden from the UI: API access only
    IsIndexed: bool | None = None
    IsMandatory: bool | None = None
    IsReadOnly: bool | None = None
    IsExternal: bool | None = None
    Rank: int | None = None
    TemplateVariableName: str | None = None
    # Subclass properties (FieldInfoListText, FieldInfoDecimal, FieldInfoShortText...)
    Choices: list[Any] | None = None
    Precision: int | None = None
    TextLength: int | None = None

    @property
    def type_name(self) -> str:
        return field_type_name(self.FieldType)
