"""Rows -> the JSON shapes NetServer sends (entities, carriers, nested objects).

Field names and order follow the reference pages in the project's API notes
(shared/api/superoffice). Everything here is pure: rows and lookups in, plain dicts out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.dates import MIN_VALUE, DateFormatter
from tickettui.systems.superoffice.server.store import Lookups, Row, json_list, json_object

SYSTEM_EJ_USER_ID = 1  # the flat carrier reports unassigned/external as ejuser 1
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


def _finish(entity: Json, *, top_level: bool = False) -> Json:
    entity["TableRight"] = dict(TABLE_RIGHT)
    # Only the requested entity describes its fields; nested objects stay small.
    entity["FieldProperties"] = field_properties(entity) if top_level else {}
    return entity


# -- nested objects -----------------------------------------------------------------------


def associate(ctx: WireContext, associate_id: int) -> Json:
    row = ctx.lookups.associates.get(associate_id)
    if row is None:
        # Unassigned / system: AssociateId 0 on the entity, ejuser 1 (the system user).
        return _finish(
            {
                "AssociateId": 0,
                "Name": "",
                "PersonId": 0,
                "Rank": 0,
                "Tooltip": "",
                "Type": enums.ASSOCIATE_TYPE[5],
                "GroupIdx": 0,
                "FullName": "",
                "FormalName": "",
                "Deleted": False,
                "EjUserId": SYSTEM_EJ_USER_ID,
                "UserName": "",
            }
        )
    return _finish(
        {
            "AssociateId": row["associate_id"],
            "Name": row["name"],
            "PersonId": row["person_id"],
            "Rank": row["rank"],
            "Tooltip": row["full_name"],
            "Type": enums.ASSOCIATE_TYPE[row["type"]],
            "GroupIdx": row["group_idx"],
            "FullName": row["full_name"],
            "FormalName": f"{row['lastname']}, {row['firstname']}",
            "Deleted": bool(row["deleted"]),
            "EjUserId": row["ej_user_id"],
            "UserName": row["name"],
        }
    )


def ticket_status(ctx: WireContext, status_id: int) -> Json | None:
    row = ctx.lookups.statuses.get(status_id)
    if row is None:
        return None
    return _finish(
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
    return _finish(
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
    # Office hours 08-16 on weekdays; the date part of these times is meaningless.
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri"):
        entity[f"{day}Start"] = "0001-01-01T08:00:00"
        entity[f"{day}Stop"] = "0001-01-01T16:00:00"
    for day in ("Sat", "Sun"):
        entity[f"{day}Start"] = MIN_VALUE
        entity[f"{day}Stop"] = MIN_VALUE
    entity["NonDates"] = []
    entity["EscalationLevels"] = []
    return _finish(entity)


def person(ctx: WireContext, person_id: int | None) -> Json | None:
    row = ctx.lookups.persons.get(person_id or 0)
    if row is None:
        return None
    contact = ctx.lookups.contacts.get(row["contact_id"])
    contact_name = contact["name"] if contact else ""
    department = contact["department"] if contact else ""
    full = " ".join(p for p in (row["firstname"], row["middlename"], row["lastname"]) if p)
    support = ctx.lookups.associates.get(row["support_associate_id"])
    return _finish(
        {
            "Position": "",
            "PersonId": row["person_id"],
            "Mrmrs": row["mrmrs"],
            "Firstname": row["firstname"],
            "Lastname": row["lastname"],
            "MiddleName": row["middlename"],
            "Title": row["title"],
            "Description": "",
            "Email": row["email"],
            "FullName": full,
            "DirectPhone": row["direct_phone"],
            "FormalName": f"{row['lastname']}, {row['firstname']}",
            "CountryId": contact["country_id"] if contact else 0,
            "ContactId": row["contact_id"],
            "ContactName": contact_name,
            "Retired": 0,
            "Rank": 1,
            "ActiveInterests": 0,
            "ContactDepartment": department,
            "ContactCountryId": contact["country_id"] if contact else 0,
            "ContactOrgNr": contact["orgnr"] if contact else "",
            "FaxPhone": "",
            "MobilePhone": row["mobile_phone"],
            "ContactPhone": contact["phone"] if contact else "",
            "AssociateName": support["name"] if support else "",
            "AssociateId": row["support_associate_id"],
            "UsePersonAddress": False,
            "ContactFax": "",
            "Kanafname": "",
            "Kanalname": "",
            "Post1": "",
            "Post2": "",
            "Post3": "",
            "EmailName": row["email"],
            "ContactFullName": f"{contact_name} {department}".strip(),
            "ActiveErpLinks": 0,
            "TicketPriorityId": row["ticket_priority_id"],
            "SupportLanguageId": 0,
            "SupportAssociateId": row["support_associate_id"],
            "CategoryName": "",
            "PersonNumber": row["person_number"],
        }
    )


def person_full_name(ctx: WireContext, person_id: int | None) -> str:
    row = ctx.lookups.persons.get(person_id or 0)
    if row is None:
        return ""
    return " ".join(p for p in (row["firstname"], row["middlename"], row["lastname"]) if p)


def sale(ctx: WireContext, sale_id: int | None) -> Json | None:
    row = ctx.lookups.sales.get(sale_id or 0)
    if row is None:
        return None
    seller = ctx.lookups.associates.get(row["associate_id"])
    contact = ctx.lookups.contacts.get(row["contact_id"])
    return _finish(
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
    return _finish(
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


def tag(ctx: WireContext, tag_id: int) -> Json | None:
    row = ctx.lookups.tags.get(tag_id)
    if row is None:
        return None
    return _finish({"Id": row["tag_id"], "Name": row["name"], "ToolTip": row["tooltip"]})


def ej_user_id(ctx: WireContext, associate_id: int) -> int:
    row = ctx.lookups.associates.get(associate_id)
    return row["ej_user_id"] if row else SYSTEM_EJ_USER_ID


def message_headers(row: Row) -> list[Json]:
    return json_list(row["headers_json"])


def message_summary(ctx: WireContext, row: Row) -> Json:
    """TicketEntity.Messages[]: the TicketMessage carrier, no body (NOTES section 2)."""
    person_row = ctx.lookups.persons.get(row["person_id"] or 0)
    contact = ctx.lookups.contacts.get(person_row["contact_id"]) if person_row else None
    return _finish(
        {
            "TicketMessageId": row["message_id"],
            "CreatedAt": ctx.date(row["created_at"]),
            "Slevel": enums.SLEVEL[row["slevel"]],
            "Important": bool(row["important"]),
            "Author": row["author"],
            "PersonId": row["person_id"] or 0,
            "PersonFullName": person_full_name(ctx, row["person_id"]),
            "ContactId": contact["contact_id"] if contact else 0,
            "ContactName": contact["name"] if contact else "",
            "ContactDepartment": contact["department"] if contact else "",
            "NumAttachments": len(json_list(row["attachments_json"])),
            "EmailHeader": row["email_header"],
            "MessageHeaders": message_headers(row),
            "Language": row["language"],
            "Sentiment": row["sentiment"],
            "SentimentConfidence": row["sentiment_confidence"],
            "CreatedBy": ej_user_id(ctx, row["created_by"]),
            "ChangedAt": ctx.date(row["changed_at"]),
            "Badge": enums.BADGE[row["badge"]],
        }
    )


# -- tickets ---------------------------------------------------------------------------------


def _ticket_scalars(ctx: WireContext, row: Row) -> tuple[Json, Json, Json]:
    """The three runs of scalar fields shared by entity and carrier, in doc order."""
    d = ctx.date
    dates = {
        "CreatedAt": d(row["created_at"]),
        "LastChanged": d(row["last_changed"]),
        "ReadByOwner": d(row["read_by_owner"]),
        "ReadByCustomer": d(row["read_by_customer"]),
        "FirstReadByOwner": d(row["first_read_by_owner"]),
        "FirstReadByUser": d(row["first_read_by_user"]),
        "Activate": d(row["activate"]),
        "ClosedAt": d(row["closed_at"]),
        "RepliedAt": d(row["replied_at"]),
        "AlertTimeout": d(row["alert_timeout"]),
        "Deadline": d(row["deadline"]),
    }
    state = {
        "AlertLevel": row["alert_level"],
        "ConnectId": row["connect_id"],
        "ReadStatus": enums.READ_STATUS[row["read_status"]],
    }
    times = {
        "TimeToReply": row["time_to_reply"],
        "RealTimeToReply": row["real_time_to_reply"],
        "TimeToClose": row["time_to_close"],
        "RealTimeToClose": row["real_time_to_close"],
        "TimeSpentInternally": row["time_spent_internally"],
        "TimeSpentExternally": row["time_spent_externally"],
        "TimeSpentQueue": row["time_spent_queue"],
        "RealTimeSpentInternally": row["real_time_spent_internally"],
        "RealTimeSpentExternally": row["real_time_spent_externally"],
        "RealTimeSpentQueue": row["real_time_spent_queue"],
    }
    return dates, state, times


def ticket_entity(
    ctx: WireContext, row: Row, tag_ids: Sequence[int], messages: Sequence[Row]
) -> Json:
    dates, state, times = _ticket_scalars(ctx, row)
    ticket_id = row["ticket_id"]
    entity: Json = {"TicketId": ticket_id, "Title": row["title"], **dates}
    entity.update(
        {
            "CreatedBy": associate(ctx, row["created_by"]),
            "Author": row["author"],
            "OwnedBy": associate(ctx, row["owned_by"]),
            "Category": category(ctx, row["category_id"]),
            "Slevel": enums.SLEVEL[row["slevel"]],
            "Priority": priority(ctx, row["priority_id"]),
            "BaseStatus": enums.BASE_STATUS[row["base_status"]],
            "Status": ticket_status(ctx, row["status_id"]),
            "Origin": enums.ORIGIN[row["origin"]],
            "Person": person(ctx, row["person_id"]),
            "SecondaryPersons": [
                p for p in (person(ctx, pid) for pid in json_list(row["secondary_person_ids"])) if p
            ],
            **state,
            **times,
            "TimeSpent": row["time_spent"],
            "HasAttachment": bool(row["has_attachment"]),
            "NumReplies": row["num_replies"],
            "NumMessages": row["num_messages"],
            "FromAddress": row["from_address"],
            "Messages": [message_summary(ctx, m) for m in messages],
            "Tags": [t for t in (tag(ctx, tid) for tid in tag_ids) if t],
            "Language": row["language"],
            "Sentiment": row["sentiment"],
            "SentimentConfidence": row["sentiment_confidence"],
            "SuggestedCategoryId": 0,
            "SuggestedCategoryName": "",
            "OrigHumanCategoryId": 0,
            "IconHint": _icon_hint(row),
            "Sale": sale(ctx, row["sale_id"]),
            "Project": project(ctx, row["project_id"]),
            "FormSubmission": None,
            "TicketType": _ticket_type(ctx, row["ticket_type_id"]),
            "ActiveStatusMonitorId": 0,
            "ExtraFields": json_object(row["extra_fields"]),
            "CustomFields": json_object(row["custom_fields"]),
        }
    )
    _finish(entity, top_level=True)
    entity["_Links"] = {
        "Self": f"{ctx.api_root}/v1/Ticket/{ticket_id}",
        "Archive": f"{ctx.api_root}/v1/Ticket",
    }
    return entity


def _ticket_type(ctx: WireContext, type_id: int | None) -> Json | None:
    row = ctx.lookups.ticket_types.get(type_id or 0)
    if row is None:
        return None
    return _finish(
        {
            "TicketTypeId": row["ticket_type_id"],
            "Name": row["name"],
            "Tooltip": row["tooltip"],
            "Rank": row["rank"],
            "IsDefault": bool(row["is_default"]),
            "Deleted": False,
        }
    )


def _icon_hint(row: Row) -> str:
    colour = {enums.RED: "red", enums.YELLOW: "yellow", enums.GREEN: "green"}.get(
        row["read_status"], "blue"
    )
    return f"svgNav_cs_{colour}"


def ticket_carrier(ctx: WireContext, row: Row) -> Json:
    """The flat ``Ticket`` carrier (GetTicket/GetTickets, TicketMessageEntity.Ticket)."""
    lk = ctx.lookups
    dates, state, times = _ticket_scalars(ctx, row)
    dates.pop("FirstReadByOwner")  # not part of the carrier
    owner = lk.associates.get(row["owned_by"])
    creator = lk.associates.get(row["created_by"])
    cat = lk.categories.get(row["category_id"] or 0)
    prio = lk.priorities.get(row["priority_id"] or 0)
    status = lk.statuses.get(row["status_id"])
    person_row = lk.persons.get(row["person_id"] or 0)
    contact = lk.contacts.get(person_row["contact_id"]) if person_row else None
    sale_row = lk.sales.get(row["sale_id"] or 0)
    project_row = lk.projects.get(row["project_id"] or 0)
    type_row = lk.ticket_types.get(row["ticket_type_id"] or 0)
    carrier: Json = {"TicketId": row["ticket_id"], "Title": row["title"], **dates}
    carrier.update(
        {
            "CreatedBy": creator["ej_user_id"] if creator else SYSTEM_EJ_USER_ID,
            "CreatedByName": creator["name"] if creator else "",
            "Author": row["author"],
            "OwnedBy": owner["ej_user_id"] if owner else SYSTEM_EJ_USER_ID,
            "OwnedByName": owner["name"] if owner else "",
            "Category": cat["category_id"] if cat else 0,
            "CategoryName": cat["name"] if cat else "",
            "CategoryFullname": cat["fullname"] if cat else "",
            "Slevel": enums.SLEVEL[row["slevel"]],
            "Priority": prio["priority_id"] if prio else 0,
            "PriorityName": prio["name"] if prio else "",
            "BaseStatus": enums.BASE_STATUS[row["base_status"]],
            "TicketStatus": row["status_id"],
            "TicketStatusDisplayValue": status["name"] if status else "",
            "Origin": enums.ORIGIN[row["origin"]],
            "CustId": row["person_id"] if row["person_id"] else -1,
            "PersonFirstname": person_row["firstname"] if person_row else "",
            "PersonMiddleName": person_row["middlename"] if person_row else "",
            "PersonLastname": person_row["lastname"] if person_row else "",
            "PersonFullname": person_full_name(ctx, row["person_id"]),
            **state,
            **times,
            "HasAttachment": bool(row["has_attachment"]),
            "NumReplies": row["num_replies"],
            "NumMessages": row["num_messages"],
            "FromAddress": row["from_address"],
            "ContactId": contact["contact_id"] if contact else 0,
            "ContactName": contact["name"] if contact else "",
            "OwnedByAssociateId": row["owned_by"],
            "Language": row["language"],
            "Sentiment": row["sentiment"],
            "SentimentConfidence": row["sentiment_confidence"],
            "SaleId": row["sale_id"] or 0,
            "ProjectId": row["project_id"] or 0,
            "SaleHeading": sale_row["heading"] if sale_row else "",
            "ProjectName": project_row["name"] if project_row else "",
            "FormSubmissionId": 0,
            "TicketTypeId": row["ticket_type_id"] or 0,
            "TicketTypeName": type_row["name"] if type_row else "",
        }
    )
    return _finish(carrier, top_level=True)


def default_ticket_entity(ctx: WireContext, associate_id: int) -> Json:
    """CreateDefaultTicketEntity: TicketId 0 and the server's defaults filled in."""
    lk = ctx.lookups
    cat = lk.default_category()
    prio = lk.default_priority()
    status = lk.default_status_for(enums.ACTIVE)
    ticket_type = lk.default_ticket_type()
    entity: Json = {"TicketId": 0, "Title": ""}
    for name in (
        "CreatedAt",
        "LastChanged",
        "ReadByOwner",
        "ReadByCustomer",
        "FirstReadByOwner",
        "FirstReadByUser",
        "Activate",
        "ClosedAt",
        "RepliedAt",
        "AlertTimeout",
        "Deadline",
    ):
        entity[name] = MIN_VALUE
    me = associate(ctx, associate_id)
    entity.update(
        {
            "CreatedBy": me,
            "Author": me["Name"],
            "OwnedBy": associate(ctx, associate_id),
            "Category": category(ctx, cat["category_id"]),
            "Slevel": enums.SLEVEL[enums.EXTERNAL],
            "Priority": priority(ctx, prio["priority_id"]),
            "BaseStatus": enums.BASE_STATUS[enums.ACTIVE],
            "Status": ticket_status(ctx, status["status_id"]) if status else None,
            "Origin": enums.ORIGIN[7],
            "Person": None,
            "SecondaryPersons": [],
            "AlertLevel": 0,
            "ConnectId": 0,
            "ReadStatus": enums.READ_STATUS[enums.RED],
        }
    )
    for name in (
        "TimeToReply",
        "RealTimeToReply",
        "TimeToClose",
        "RealTimeToClose",
        "TimeSpentInternally",
        "TimeSpentExternally",
        "TimeSpentQueue",
        "RealTimeSpentInternally",
        "RealTimeSpentExternally",
        "RealTimeSpentQueue",
        "TimeSpent",
    ):
        entity[name] = 0
    entity.update(
        {
            "HasAttachment": False,
            "NumReplies": 0,
            "NumMessages": 0,
            "FromAddress": "",
            "Messages": [],
            "Tags": [],
            "Language": "",
            "Sentiment": 0,
            "SentimentConfidence": 0,
            "SuggestedCategoryId": 0,
            "SuggestedCategoryName": "",
            "OrigHumanCategoryId": 0,
            "IconHint": "svgNav_cs_red",
            "Sale": None,
            "Project": None,
            "FormSubmission": None,
            "TicketType": _ticket_type(ctx, ticket_type["ticket_type_id"]) if ticket_type else None,
            "ActiveStatusMonitorId": 0,
            "ExtraFields": {},
            "CustomFields": {},
        }
    )
    return _finish(entity, top_level=True)


# -- messages --------------------------------------------------------------------------------


def message_entity(ctx: WireContext, row: Row, ticket_row: Row | None) -> Json:
    """TicketMessageEntity (NOTES section 2): EjMessageId is the primary key."""
    return _finish(
        {
            "EjMessageId": row["message_id"],
            "Ticket": ticket_carrier(ctx, ticket_row) if ticket_row is not None else None,
            "CreatedAt": ctx.date(row["created_at"]),
            "CreatedBy": associate(ctx, row["created_by"]),
            "Author": row["author"],
            "Slevel": enums.SLEVEL[row["slevel"]],
            "Type": enums.MESSAGE_TYPE[row["type"]],
            "MessageId": row["message_id_header"],
            "TimeSpent": row["time_spent"],
            "Body": row["body"],
            "HtmlBody": row["html_body"],
            "EmailHeader": row["email_header"],
            "DebugInfo": row["debug_info"],
            "MailSorter": "",
            "MessageCategory": enums.MESSAGE_CATEGORY[row["message_category"]],
            "Person": person(ctx, row["person_id"]),
            "SearchTitle": row["search_title"],
            "MessageHeaders": message_headers(row),
            "Important": bool(row["important"]),
            "Language": row["language"],
            "Sentiment": row["sentiment"],
            "SentimentConfidence": row["sentiment_confidence"],
            "Badge": enums.BADGE[row["badge"]],
            "AttachmentsInfo": json_list(row["attachments_json"]),
            "ExtraFields": json_object(row["extra_fields"]),
            "CustomFields": json_object(row["custom_fields"]),
        },
        top_level=True,
    )


def apply_select(entity: Json, select: Sequence[str] | None) -> Json:
    """Entity ``$select``: keep every key, null the unselected ones (case-insensitive).

    ``category/id``-style paths select their top-level property.
    """
    if not select:
        return entity
    wanted = {name.split("/")[0].strip().lower() for name in select if name.strip()}
    return {key: (value if key.lower() in wanted else None) for key, value in entity.items()}


def principal(ctx: WireContext, associate_id: int) -> Json:
    """``GET v1/User/currentPrincipal``: the SoPrincipalCarrier of the caller."""
    row = ctx.lookups.associates[associate_id]
    return {
        "UserType": enums.ASSOCIATE_TYPE[row["type"]],
        "Associate": row["name"],
        "AssociateId": row["associate_id"],
        "IsPerson": True,
        "PersonId": row["person_id"],
        "CountryId": 578,
        "HomeCountryId": 578,
        "ContactId": row["contact_id"],
        "GroupId": row["group_idx"],
        "BusinessId": 0,
        "CategoryId": 0,
        "ContactOwner": 0,
        "RoleId": 1,
        "RoleName": "Service agent",
        "RoleDescription": "Works with requests in Service",
        "RoleType": "Employee",
        "Licenses": [],
        "FullName": row["full_name"],
        "EMailAddress": row["email"],
        "FunctionRights": [],
        "EjUserId": row["ej_user_id"],
        "EjAccessLevel": 1,
        "EjUserStatus": "StatusNormal",
        "ProvidedCredentials": [],
        "SecondaryGroups": [],
        "DatabaseContextIdentifier": "Cust12345",
        "UserName": row["name"],
    }
