"""Rows -> the JSON shapes NetServer sends (entities, carriers, nested objects).

Field names and order follow the reference pages in the project's API notes
(shared/api/superoffice). Everything here is pure: rows and lookups in, plain dicts out.

The shapes live in the wire_* modules; this one gathers what the server's routes use:
wire_context (WireContext, rights, $select), wire_people, wire_nested (list items, sale,
project), wire_ticket_carrier, wire_ticket_entity and wire_messages.
"""

from __future__ import annotations

from tickettui.systems.superoffice.server.wire_context import (
    TABLE_RIGHT,
    Json,
    WireContext,
    apply_select,
    field_properties,
)
from tickettui.systems.superoffice.server.wire_messages import (
    message_entity,
    message_headers,
    message_summary,
)
from tickettui.systems.superoffice.server.wire_nested import (
    category,
    priority,
    project,
    sale,
    tag,
    ticket_status,
    ticket_type,
)
from tickettui.systems.superoffice.server.wire_people import (
    SYSTEM_EJ_USER_ID,
    associate,
    ej_user_id,
    person,
    person_full_name,
    principal,
)
from tickettui.systems.superoffice.server.wire_ticket_carrier import ticket_carrier
from tickettui.systems.superoffice.server.wire_ticket_entity import (
    default_ticket_entity,
    ticket_entity,
)

__all__ = [
    "SYSTEM_EJ_USER_ID",
    "TABLE_RIGHT",
    "Json",
    "WireContext",
    "apply_select",
    "associate",
    "category",
    "default_ticket_entity",
    "ej_user_id",
    "field_properties",
    "message_entity",
    "message_headers",
    "message_summary",
    "person",
    "person_full_name",
    "principal",
    "priority",
    "project",
    "sale",
    "tag",
    "ticket_carrier",
    "ticket_entity",
    "ticket_status",
    "ticket_type",
]
