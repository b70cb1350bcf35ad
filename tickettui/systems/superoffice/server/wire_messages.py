"""Messages on the wire: the TicketMessageEntity, and the message summaries a TicketEntity
lists (no body).
"""

from __future__ import annotations

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.store import Row, json_list, json_object
from tickettui.systems.superoffice.server.wire_context import Json, WireContext, finish
from tickettui.systems.superoffice.server.wire_people import (
    associate,
    ej_user_id,
    person,
    person_full_name,
)
from tickettui.systems.superoffice.server.wire_ticket_carrier import ticket_carrier


def message_headers(row: Row) -> list[Json]:
    return json_list(row["headers_json"])


def message_summary(ctx: WireContext, row: Row) -> Json:
    """TicketEntity.Messages[]: the TicketMessage carrier, no body (NOTES section 2)."""
    person_row = ctx.lookups.persons.get(row["person_id"] or 0)
    contact = ctx.lookups.contacts.get(person_row["contact_id"]) if person_row else None
    return finish(
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


def message_entity(ctx: WireContext, row: Row, ticket_row: Row | None) -> Json:
    """TicketMessageEntity (NOTES section 2): EjMessageId is the primary key."""
    return finish(
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
