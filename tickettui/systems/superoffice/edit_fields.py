"""The editable fields of a SuperOffice ticket: read them off an entity, write them back.

An edit always starts from the full entity (``GET Ticket/{id}``) and only the fields the user
changed are written onto a freshly re-read entity, so everything else the server holds goes
back untouched. The tenant's own fields (``custom_fields``) follow the built-in ones, keyed by
their names (``x_contract_level``), which never clash with ours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from tickettui.core.domain import Choice, FieldKind, FieldSpec, FieldValue
from tickettui.core.zones import aware
from tickettui.systems.superoffice.custom_fields import (
    TicketField,
    apply_field,
    editable,
    read_fields,
)
from tickettui.systems.superoffice.models import (
    Associate,
    MDOListItem,
    Tag,
    TicketCategoryEntity,
    TicketEntity,
    TicketPriorityEntity,
    TicketStatusEntity,
)
from tickettui.systems.superoffice.models.field_info import FieldInfo

UNASSIGNED = "0"
TITLE_MAX = 255  # the ticket.title column's length


@dataclass(slots=True)
class PickLists:
    """The MDO lists and status entities edits choose from (fetched once per session)."""

    statuses: list[TicketStatusEntity]
    priorities: list[MDOListItem]
    categories: list[MDOListItem]  # flat, FullName like "Support/Hardware"
    associates: list[MDOListItem]
    tags: list[MDOListItem]

    def status(self, status_id: str) -> TicketStatusEntity | None:
        return next((s for s in self.statuses if str(s.TicketStatusId) == status_id), None)

    def label(self, items: Sequence[MDOListItem], value: str) -> str:
        item = next((i for i in items if str(i.Id) == value), None)
        return (item.FullName or item.Name or value) if item else value


def _choices(items: Sequence[MDOListItem], *, full: bool = False) -> tuple[Choice, ...]:
    return tuple(
        Choice(str(i.Id), (i.FullName if full and i.FullName else i.Name) or str(i.Id))
        for i in items
        if not i.Deleted
    )


def field_specs(
    lists: PickLists, *, new: bool, custom: Sequence[TicketField] = ()
) -> list[FieldSpec]:
    """The built-in fields (a new ticket's first message too), then the tenant's own that can
    be edited (``custom``)."""
    statuses = tuple(
        Choice(
            str(s.TicketStatusId), f"{s.Name} ({s.Status})" if s.Name != s.Status else s.Name or ""
        )
        for s in lists.statuses
        if (s.Status or "") not in ("Deleted", "Merged")
    )
    owners = (Choice(UNASSIGNED, "(unassigned)"), *_choices(lists.associates))
    specs = [
        FieldSpec("title", "Title", FieldKind.TEXT, required=True, max_length=TITLE_MAX),
        FieldSpec("status", "Status", FieldKind.CHOICE, statuses, required=True),
        FieldSpec("priority", "Priority", FieldKind.CHOICE, _choices(lists.priorities), True),
        FieldSpec(
            "category", "Category", FieldKind.CHOICE, _choices(lists.categories, full=True), True
        ),
        FieldSpec("owner", "Owner", FieldKind.CHOICE, owners),
        FieldSpec("deadline", "Deadline", FieldKind.DATETIME),
        FieldSpec("postponed_until", "Postpone until", FieldKind.DATETIME),
        FieldSpec("tags", "Tags", FieldKind.TAGS, _choices(lists.tags)),
        FieldSpec(
            "security_level",
            "Security level",
            FieldKind.CHOICE,
            (Choice("External", "External (customer can see)"), Choice("Internal", "Internal")),
        ),
    ]
    if new:  # what the customer asked comes before the tenant's fields
        specs.append(FieldSpec("message", "First message", FieldKind.TEXT))
    specs.extend(field.spec() for field in editable(custom))
    return specs


BUILT_IN = frozenset(
    {"title", "status", "priority", "category", "owner", "deadline", "postponed_until", "tags"}
    | {"security_level", "message"}
)


def _id(value: int | None) -> str | None:
    return None if value is None else str(value)


def values_of(
    entity: TicketEntity, infos: Mapping[str, FieldInfo], zone: tzinfo = UTC
) -> dict[str, FieldValue]:
    """The editable values as the form shows them (ids as text), the tenant's fields typed;
    dates aware (``zone``: that of a date the server sent without an offset)."""
    owner = entity.OwnedBy.AssociateId if entity.OwnedBy else None
    custom = {f.key: f.field.value for f in editable(read_fields(entity, infos))}
    return custom | {
        "title": entity.Title or "",
        "status": _id(entity.Status.TicketStatusId) if entity.Status else None,
        "priority": _id(entity.Priority.TicketPriorityId) if entity.Priority else None,
        "category": _id(entity.Category.TicketCategoryId) if entity.Category else None,
        "owner": UNASSIGNED if owner in (None, 0, 1) else str(owner),
        "deadline": None if entity.Deadline is None else aware(entity.Deadline, zone),
        "postponed_until": None if entity.Activate is None else aware(entity.Activate, zone),
        "tags": tuple(sorted(str(t.Id) for t in (entity.Tags or []) if t.Id is not None)),
        "security_level": entity.Slevel,
    }


def _as_int(value: FieldValue) -> int:
    if not isinstance(value, str):
        raise TypeError(f"expected an id, got {value!r}")
    return int(value)


def _as_date(value: FieldValue) -> datetime | None:
    return value if isinstance(value, datetime) else None


def apply_values(
    entity: TicketEntity,
    values: Mapping[str, FieldValue],
    keys: Sequence[str],
    lists: PickLists,
    infos: Mapping[str, FieldInfo],
) -> None:
    """Write the given fields onto ``entity`` in place, keeping BaseStatus consistent."""
    custom = {f.key: f for f in read_fields(entity, infos)} if set(keys) - BUILT_IN else {}
    for key in keys:
        value = values.get(key)
        if key not in BUILT_IN:
            if key not in custom:
                raise ValueError(f"the ticket has no field {key!r} any more")
            apply_field(entity, custom[key], value)
        elif key == "title":
            entity.Title = str(value or "")
        elif key == "status" and value is not None:
            status = lists.status(str(value))
            if status is None:
                raise ValueError(f"unknown status {value!r}")
            entity.Status = status.model_copy()
            # Status and BaseStatus must agree (NOTES §8.5).
            entity.BaseStatus = status.Status
        elif key == "priority" and value is not None:
            entity.Priority = TicketPriorityEntity(
                TicketPriorityId=_as_int(value), Name=lists.label(lists.priorities, str(value))
            )
        elif key == "category" and value is not None:
            entity.Category = TicketCategoryEntity(
                TicketCategoryId=_as_int(value),
                Name=lists.label(lists.categories, str(value)).rsplit("/", 1)[-1],
                Fullname=lists.label(lists.categories, str(value)),
            )
        elif key == "owner":
            owner_id = 0 if value in (None, UNASSIGNED) else _as_int(value)
            entity.OwnedBy = Associate(
                AssociateId=owner_id,
                FullName=lists.label(lists.associates, str(owner_id)) if owner_id else "",
            )
        elif key == "deadline":
            entity.Deadline = _as_date(value)
        elif key == "postponed_until":
            entity.Activate = _as_date(value)
        elif key == "tags":
            ids = value if isinstance(value, tuple) else ()
            entity.Tags = [Tag(Id=int(i), Name=lists.label(lists.tags, i)) for i in ids]
        elif key == "security_level" and value is not None:
            entity.Slevel = str(value)
