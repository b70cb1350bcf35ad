"""The base of every wire model: keep what we do not model, write back what we read."""

from typing import Any

from pydantic import BaseModel, ConfigDict


class SoModel(BaseModel):
    """A SuperOffice JSON object. Field names are the JSON (PascalCase) names.

    ``extra="allow"`` keeps every property we do not model (``_Links``, fields of a newer server),
    so an entity loaded, edited and saved loses nothing.
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_wire(self) -> dict[str, Any]:
        """The JSON body to send back: what the server sent plus our edits, unknown fields too.

        ``exclude_unset`` keeps us from inventing ``null`` for properties the server never sent.
        """
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class TableRight(SoModel):
    """``{Mask, Reason}``. ``Mask`` is a flags name (``"Delete"``, ``"FULL"``) or an int bitmask."""

    Mask: str | int | None = None
    Reason: str | None = None


class FieldProperty(SoModel):
    FieldRight: TableRight | None = None
    FieldType: str | None = None
    FieldLength: int | None = None


_TableRight = TableRight  # the field below shadows the class name inside the class body


class Carrier(SoModel):
    """Every carrier may carry its table right and per-field rights."""

    TableRight: _TableRight | None = None
    FieldProperties: dict[str, FieldProperty] | None = None


class Entity(Carrier):
    """Entities also carry user-defined and extra fields, kept verbatim."""

    ExtraFields: dict[str, Any] | None = None
    CustomFields: dict[str, Any] | None = None
