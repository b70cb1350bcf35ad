"""What every NetServer shape is built with: the WireContext (lookups, date format, API
root), the rights each entity carries (TableRight, FieldProperties), and entity ``$select``.

All the wire_* modules are pure: rows and lookups in, plain dicts out, with field names and
their order as in the reference pages of the project's API notes (shared/api/superoffice).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tickettui.systems.superoffice.server.dates import DateFormatter
from tickettui.systems.superoffice.server.store import Lookups

TABLE_RIGHT = {"Mask": "Delete", "Reason": ""}

Json = dict[str, Any]


@dataclass(frozen=True)
class WireContext:
    lookups: Lookups
    date: DateFormatter
    api_root: str  # e.g. http://127.0.0.1:8080/SuperOffice/api


def field_properties(entity: Json) -> Json:
    """FieldProperties as NetServer fills it: one entry per property, full rights."""
    props: Json = {}
    for name, value in entity.items():
        if name in ("TableRight", "FieldProperties", "_Links"):
            continue
        if isinstance(value, bool):
            kind, length = "System.Boolean", 0
        elif isinstance(value, int):
            kind, length = "System.Int32", 0
        elif isinstance(value, str):
            kind, length = "System.String", 255
        elif isinstance(value, list):
            kind, length = "System.Array", 0
        else:
            kind, length = "System.Object", 0
        props[name] = {
            "FieldRight": {"Mask": "FULL", "Reason": ""},
            "FieldType": kind,
            "FieldLength": length,
        }
    return props


def finish(entity: Json, *, top_level: bool = False) -> Json:
    """Add the rights every entity ends with: TableRight, then FieldProperties."""
    entity["TableRight"] = dict(TABLE_RIGHT)
    # Only the requested entity describes its fields; nested objects stay small.
    entity["FieldProperties"] = field_properties(entity) if top_level else {}
    return entity


def apply_select(entity: Json, select: Sequence[str] | None) -> Json:
    """Entity ``$select``: keep every key, null the unselected ones (case-insensitive).

    ``category/id``-style paths select their top-level property.
    """
    if not select:
        return entity
    wanted = {name.split("/")[0].strip().lower() for name in select if name.strip()}
    return {key: (value if key.lower() in wanted else None) for key, value in entity.items()}
