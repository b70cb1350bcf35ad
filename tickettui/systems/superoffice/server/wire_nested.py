"""The objects a ticket refers to by id, as nested in its entity: list items (status,
category, priority, ticket type, tag) and the sale and project it is linked to.

People are in wire_people.
"""

from __future__ import annotations

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.dates import MIN_VALUE
from tickettui.systems.superoffice.server.office_hours import DAY_NAMES, hours_of
from tickettui.systems.superoffice.server.wire_context import Json, WireContext, finish
from tickettui.systems.superoffice.server.wire_people import person_full_name


def ticket_status(ctx: WireContext, status_id: int) -> Json | None:
    row = ctx.lookups.statuses.get(status_id)
    if row is None:
        return None
    return finish(
        {
            "TicketStatusId": row["status_id"],
            "Name": row["name"],
            "Status": enums.BASE_STATUS[row["base_status"]],
            "TimeCounter": enums.TIME_COUNTER[row["time_counter"]],
            "NoEmailReopen": bool(row["no_email_reopen"]),
            "IsDefault": bool(row["is_default"]),
            "UsedInQueue": bool(row["used_in_queue"]),
        }
    )


def category(ctx: WireContext, category_id: int | None) -> Json | None:
    row = ctx.lookups.categories.get(category_id or 0)
    if row is None:
        return None
    return finish(
        {
            "TicketCategoryId": row["category_id"],
            "ParentId": row["parent_id"],
            "Name": row["name"],
            "Fullname": row["fullname"],
            "CategoryMaster": row["category_master"],
            "Flags": "None",
            "DelegateMethod": "Manual",
            "ExternalName": row["name"],
            "ClosingStatus": "Closed",
            "MsgClosingStatus": "Closed",
            "AssignmentLag": 0,
            "ReplyTemplate": row["reply_template_id"],
            "NotificationEmail": row["notification_email"],
            "DefaultTicketStatus": ticket_status(ctx, row["default_status_id"]),
            "DefaultMessageStatus": None,
            "EffectiveReplyTemplateId": row["reply_template_id"],
            "ExtraFields": {},
            "CustomFields": {},
        }
    )


def priority(ctx: WireContext, priority_id: int | None) -> Json | None:
    row = ctx.lookups.priorities.get(priority_id or 0)
    if row is None:
        return None
    entity: Json = {
        "TicketPriorityId": row["priority_id"],
        "Name": row["name"],
        "Status": "Normal",
        "Flags": "None",
        "SortOrder": row["sort_order"],
        "TicketRead": "None",
        "ChangedOwner": "None",
        "TicketNewinfo": "None",
        "TicketClosed": "Stop",
        "TicketChangedPriority": "Restart",
        "TicketNew": "None",
        "Deadline": row["deadline_minutes"],
    }
    # The priority's office hours (the time counters count within them); the date part of
    # these times is meaningless, a day without hours has MinValue.
    for name, window in zip(DAY_NAMES, hours_of(row["priority_id"]).days, strict=True):
        opens, closes = window if window is not None else (None, None)
        entity[f"{name}Start"] = f"0001-01-01T{opens:%H:%M:%S}" if opens else MIN_VALUE
        entity[f"{name}Stop"] = f"0001-01-01T{closes:%H:%M:%S}" if closes else MIN_VALUE
    entity["NonDates"] = []
    entity["EscalationLevels"] = []
    return finish(entity)


def ticket_type(ctx: WireContext, type_id: int | None) -> Json | None:
    row = ctx.lookups.ticket_types.get(type_id or 0)
    if row is None:
        return None
    return finish(
        {
            "TicketTypeId": row["ticket_type_id"],
            "Name": row["name"],
            "Tooltip": row["tooltip"],
            "Rank": row["rank"],
            "IsDefault": bool(row["is_default"]),
            "Deleted": False,
        }
    )


def tag(ctx: WireContext, tag_id: int) -> Json | None:
    row = ctx.lookups.tags.get(tag_id)
    if row is None:
        return None
    return finish({"Id": row["tag_id"], "Name": row["name"], "ToolTip": row["tooltip"]})


def sale(ctx: WireContext, sale_id: int | None) -> Json | None:
    row = ctx.lookups.sales.get(sale_id or 0)
    if row is None:
        return None
    seller = ctx.lookups.associates.get(row["associate_id"])
    contact = ctx.lookups.contacts.get(row["contact_id"])
    return finish(
        {
            "ContactName": contact["name"] if contact else "",
            "SaleDate": ctx.date(row["sale_date"]),
            "SaleId": row["sale_id"],
            "Probability": row["probability"],
            "Title": row["heading"],
            "Amount": row["amount"],
            "Currency": row["currency"],
            "ProjectName": "",
            "AssociateFullName": seller["full_name"] if seller else "",
            "Description": "",
            "Status": row["status"],
            "WeightedAmount": row["amount"] * row["probability"] / 100,
            "ProjectId": 0,
            "EarningPercent": 0.0,
            "Earning": 0.0,
            "ContactId": row["contact_id"],
            "AssociateId": row["associate_id"],
            "PersonId": row["person_id"],
            "SaleTypeId": 1,
            "SaleTypeName": "Standard",
            "PersonFullName": person_full_name(ctx, row["person_id"]),
            "Completed": "Incomplete",
            "ActiveErpLinks": 0,
            "NextDueDate": MIN_VALUE,
            "Number": row["number"],
        }
    )


def project(ctx: WireContext, project_id: int | None) -> Json | None:
    row = ctx.lookups.projects.get(project_id or 0)
    if row is None:
        return None
    owner = ctx.lookups.associates.get(row["associate_id"])
    return finish(
        {
            "ProjectId": row["project_id"],
            "Name": row["name"],
            "Description": row["description"],
            "Type": row["type_name"],
            "TypeId": 1,
            "AssociateFullName": owner["full_name"] if owner else "",
            "AssociateId": row["associate_id"],
            "Status": row["status_name"],
            "StatusId": 1,
            "Updated": ctx.date(row["updated"]),
            "ProjectNumber": row["project_number"],
            "URL": "",
            "URLName": "",
            "IsPublished": False,
            "PublishFrom": MIN_VALUE,
            "PublishTo": MIN_VALUE,
            "TextId": 0,
            "ActiveErpLinks": 0,
        }
    )
