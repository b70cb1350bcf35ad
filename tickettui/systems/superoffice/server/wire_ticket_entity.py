"""The full TicketEntity (``GET Ticket/{id}``) with its nested objects, and the blank one
CreateDefaultTicketEntity answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.dates import MIN_VALUE
from tickettui.systems.superoffice.server.store import Row, json_list
from tickettui.systems.superoffice.server.ticket_fields import (
    default_custom_fields,
    wire_custom_fields,
    wire_extra_fields,
)
from tickettui.systems.superoffice.server.wire_context import Json, WireContext, finish
from tickettui.systems.superoffice.server.wire_messages import message_summary
from tickettui.systems.superoffice.server.wire_nested import (
    category,
    priority,
    project,
    sale,
    tag,
    ticket_status,
    ticket_type,
)
from tickettui.systems.superoffice.server.wire_people import associate, person
from tickettui.systems.superoffice.server.wire_ticket_carrier import (
    TICKET_DATES,
    TICKET_TIMES,
    ticket_scalars,
)


def ticket_entity(
    ctx: WireContext, row: Row, tag_ids: Sequence[int], messages: Sequence[Row]
) -> Json:
    dates, state, times = ticket_scalars(ctx, row)
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
            "TicketType": ticket_type(ctx, row["ticket_type_id"]),
            "ActiveStatusMonitorId": 0,
            "ExtraFields": wire_extra_fields(row["custom_fields"], row["extra_fields"]),
            "CustomFields": wire_custom_fields(row["custom_fields"]),
        }
    )
    finish(entity, top_level=True)
    entity["_Links"] = {
        "Self": f"{ctx.api_root}/v1/Ticket/{ticket_id}",
        "Archive": f"{ctx.api_root}/v1/Ticket",
    }
    return entity


def _icon_hint(row: Row) -> str:
    colour = {enums.RED: "red", enums.YELLOW: "yellow", enums.GREEN: "green"}.get(
        row["read_status"], "blue"
    )
    return f"svgNav_cs_{colour}"


def default_ticket_entity(ctx: WireContext, associate_id: int) -> Json:
    """CreateDefaultTicketEntity: TicketId 0 and the server's defaults filled in."""
    lk = ctx.lookups
    cat = lk.default_category()
    prio = lk.default_priority()
    status = lk.default_status_for(enums.ACTIVE)
    default_type = lk.default_ticket_type()
    entity: Json = {"TicketId": 0, "Title": ""}
    entity.update(dict.fromkeys(TICKET_DATES, MIN_VALUE))
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
    entity.update(dict.fromkeys((*TICKET_TIMES, "TimeSpent"), 0))
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
            "TicketType": ticket_type(ctx, default_type["ticket_type_id"])
            if default_type
            else None,
            "ActiveStatusMonitorId": 0,
            "ExtraFields": wire_extra_fields("{}", "{}"),
            "CustomFields": default_custom_fields(),
        }
    )
    return finish(entity, top_level=True)
