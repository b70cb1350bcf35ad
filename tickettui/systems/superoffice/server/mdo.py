"""MDO pick-lists (``GET v1/MDOList/{name}``) and the TicketStatus list entity."""

from __future__ import annotations

from typing import Any

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.errors import not_found
from tickettui.systems.superoffice.server.store import Lookups
from tickettui.systems.superoffice.server.wire import TABLE_RIGHT

Json = dict[str, Any]


def _item(
    item_id: int,
    name: str,
    *,
    tooltip: str = "",
    rank: int = 0,
    extra: str = "",
    full_name: str = "",
    deleted: bool = False,
    children: list[Json] | None = None,
) -> Json:
    return {
        "Id": item_id,
        "Name": name,
        "ToolTip": tooltip,
        "Deleted": deleted,
        "Rank": rank,
        "Type": "",
        "ChildItems": children or [],
        "IconHint": "",
        "ColorBlock": 0,
        "ExtraInfo": extra,
        "StyleHint": "",
        "FullName": full_name or name,
        "TableRight": dict(TABLE_RIGHT),
        "FieldProperties": {},
    }


def _categories(lookups: Lookups, flat: bool) -> list[Json]:
    items: dict[int, Json] = {}
    for row in lookups.categories.values():
        items[row["category_id"]] = _item(
            row["category_id"],
            row["fullname"] if flat else row["name"],
            tooltip=row["fullname"],
            rank=row["rank"],
            full_name=row["fullname"],
            extra=f"parentId={row['parent_id']}&replyTemplateId={row['reply_template_id']}",
        )
    if flat:
        return list(items.values())
    roots: list[Json] = []
    for row in lookups.categories.values():
        parent = items.get(row["parent_id"])
        (parent["ChildItems"] if parent else roots).append(items[row["category_id"]])
    return roots


def mdo_list(lookups: Lookups, name: str, *, flat: bool = False, query: str = "") -> list[Json]:
    key = name.lower()
    items: list[Json]
    if key == "ejcategory":
        items = _categories(lookups, flat)
    elif key == "ticketpriority":
        items = [
            _item(r["priority_id"], r["name"], rank=r["sort_order"])
            for r in lookups.priorities.values()
        ]
    elif key == "ticketstatus":
        # ExtraInfo carries the base status, so clients can keep BaseStatus consistent.
        items = [
            _item(
                r["status_id"], r["name"], rank=r["rank"], extra=enums.BASE_STATUS[r["base_status"]]
            )
            for r in lookups.statuses.values()
        ]
    elif key == "associate":
        items = [
            _item(
                r["associate_id"],
                r["full_name"],
                tooltip=r["name"],
                rank=r["rank"],
                deleted=bool(r["deleted"]),
                extra=f"person_id={r['person_id']}&contact_id={r['contact_id']}",
            )
            for r in lookups.associates.values()
        ]
    elif key == "tickettype":
        items = [
            _item(r["ticket_type_id"], r["name"], tooltip=r["tooltip"], rank=r["rank"])
            for r in lookups.ticket_types.values()
        ]
    elif key == "tags":
        items = [
            _item(r["tag_id"], r["name"], tooltip=r["tooltip"], rank=i)
            for i, r in enumerate(lookups.tags.values(), 1)
        ]
    elif key in ("replytemplate", "replytemplateheadings"):
        from tickettui.systems.superoffice.server.reply_templates import template_list

        items = template_list(key, flat=flat, item=_item)
    else:
        # Real NetServer rejects an unknown provider name rather than returning [];
        # a 404 makes a misspelt list name visible instead of an empty pick-list.
        raise not_found(f"MDO list '{name}' not found")
    if query:
        needle = query.lower()
        items = [i for i in items if needle in i["Name"].lower() or i["ChildItems"]]
    return items
