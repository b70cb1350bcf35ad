"""The flat ``Ticket`` carrier (GetTicket/GetTickets, TicketMessageEntity.Ticket), and the
ticket's scalar fields it shares with the TicketEntity.
"""

from __future__ import annotations

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.store import Row
from tickettui.systems.superoffice.server.wire_context import Json, WireContext, finish
from tickettui.systems.superoffice.server.wire_people import SYSTEM_EJ_USER_ID, person_full_name

# Wire name -> column, in doc order: the dates and times of a ticket (entity and carrier).
TICKET_DATES = {
    "CreatedAt": "created_at",
    "LastChanged": "last_changed",
    "ReadByOwner": "read_by_owner",
    "ReadByCustomer": "read_by_customer",
    "FirstReadByOwner": "first_read_by_owner",
    "FirstReadByUser": "first_read_by_user",
    "Activate": "activate",
    "ClosedAt": "closed_at",
    "RepliedAt": "replied_at",
    "AlertTimeout": "alert_timeout",
    "Deadline": "deadline",
}
TICKET_TIMES = {
    "TimeToReply": "time_to_reply",
    "RealTimeToReply": "real_time_to_reply",
    "TimeToClose": "time_to_close",
    "RealTimeToClose": "real_time_to_close",
    "TimeSpentInternally": "time_spent_internally",
    "TimeSpentExternally": "time_spent_externally",
    "TimeSpentQueue": "time_spent_queue",
    "RealTimeSpentInternally": "real_time_spent_internally",
    "RealTimeSpentExternally": "real_time_spent_externally",
    "RealTimeSpentQueue": "real_time_spent_queue",
}


def ticket_scalars(ctx: WireContext, row: Row) -> tuple[Json, Json, Json]:
    """The three runs of scalar fields shared by entity and carrier, in doc order."""
    dates = {name: ctx.date(row[column]) for name, column in TICKET_DATES.items()}
    state = {
        "AlertLevel": row["alert_level"],
        "ConnectId": row["connect_id"],
        "ReadStatus": enums.READ_STATUS[row["read_status"]],
    }
    times = {name: row[column] for name, column in TICKET_TIMES.items()}
    return dates, state, times


def ticket_carrier(ctx: WireContext, row: Row) -> Json:
    """The flat ``Ticket`` carrier (GetTicket/GetTickets, TicketMessageEntity.Ticket)."""
    lk = ctx.lookups
    dates, state, times = ticket_scalars(ctx, row)
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
    return finish(carrier, top_level=True)
