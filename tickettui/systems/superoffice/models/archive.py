"""OData archive pages (``GET Ticket``, ``GET Ticket/{id}/Messages``, ``GET archive/...``)."""

from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from tickettui.systems.superoffice.dates import parse_so_datetime
from tickettui.systems.superoffice.models.base import SoModel


def primary_key(value: object) -> object:
    # Slim rows send the key as a string ("1"); Full rows as an int.
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.lstrip("-").isdigit():
            return int(text)
    return value


class ArchiveRow(SoModel):
    """A Slim row: ``PrimaryKey``, ``EntityName`` and one property per selected column.

    Columns are kept exactly as sent, under the names selected (``title``, ``person/fullName``);
    read them with ``row["title"]`` or the typed getters.
    """

    PrimaryKey: Annotated[int | None, BeforeValidator(primary_key)] = None
    EntityName: str | None = None

    @property
    def primary_key(self) -> int:
        """``PrimaryKey`` as an int; 0 when the row has none (e.g. a footer/aggregate row)."""
        return self.PrimaryKey or 0

    @property
    def columns(self) -> dict[str, Any]:
        return dict(self.model_extra or {})

    def __getitem__(self, name: str) -> Any:
        extra = self.model_extra or {}
        if name not in extra:
            raise KeyError(name)
        return extra[name]

    def __contains__(self, name: object) -> bool:
        return name in (self.model_extra or {})

    def get(self, name: str, default: Any = None) -> Any:
        return (self.model_extra or {}).get(name, default)

    def get_str(self, name: str) -> str | None:
        value = self.get(name)
        return None if value is None else str(value)

    def get_int(self, name: str) -> int | None:
        value = self.get(name)
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        return None

    def get_bool(self, name: str) -> bool | None:
        value = self.get(name)
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value != 0
        if isinstance(value, str):
            folded = value.strip().casefold()
            if folded in {"true", "1", "yes"}:
                return True
            if folded in {"false", "0", "no", ""}:
                return False
        return None

    def get_date(self, name: str) -> datetime | None:
        """The column as a date-time; None when empty (MinValue) or not a wire date-time."""
        value = self.get(name)
        if not isinstance(value, str):
            return None
        try:
            return parse_so_datetime(value)
        except ValueError:
            return None


class ArchivePage(SoModel):
    """``{"odata.metadata", "odata.nextLink", "value": [...]}``.

    ``odata.nextLink`` is null on real servers: page with ``$skip`` until a short page.
    """

    odata_metadata: str | None = Field(default=None, alias="odata.metadata")
    odata_next_link: str | None = Field(default=None, alias="odata.nextLink")
    value: list[ArchiveRow] = Field(default_factory=list)
