"""The archive providers this server offers ("Ticket", "TicketMessage") and their columns:
for each, its restriction type (as in the provider reference pages), the SQL it is filtered
and sorted on, the joins it needs and the display value Slim rows return.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.errors import bad_request


@dataclass(frozen=True)
class Column:
    kind: str  # int, string, date, bool, enum, list, associate, tags, content, rows
    sql: str  # raw value, used for filtering
    output: str | None = None  # display value for Slim rows (default: sql)
    joins: tuple[str, ...] = ()
    enum: Mapping[int, str] | None = None

    @property
    def output_sql(self) -> str:
        return self.output or self.sql

    @property
    def order_sql(self) -> str:
        # Lists and users sort by what the user sees, like the archive GUI.
        return (
            self.output_sql
            if self.kind in ("list", "associate", "enum") and self.output
            else self.sql
        )


@dataclass(frozen=True)
class Provider:
    name: str
    entity: str
    table: str
    key: str
    joins: Mapping[str, str]
    columns: Mapping[str, Column]  # lower-case name -> column
    default_select: tuple[str, ...]


_FULL_NAME = (
    "{a}.firstname || CASE WHEN {a}.middlename <> '' THEN ' ' || {a}.middlename ELSE '' END"
    " || ' ' || {a}.lastname"
)


def _associate_columns(
    prefix: str, alias: str, join: str, owner_sql: str, base_joins: tuple[str, ...] = ()
) -> dict[str, Column]:
    joins = (*base_joins, join)
    return {
        prefix: Column("associate", owner_sql, f"{alias}.name", joins),
        f"{prefix}/fullName": Column("string", f"{alias}.full_name", joins=joins),
        f"{prefix}/firstName": Column("string", f"{alias}.firstname", joins=joins),
        f"{prefix}/lastName": Column("string", f"{alias}.lastname", joins=joins),
        f"{prefix}/ejDisplayName": Column("string", f"{alias}.full_name", joins=joins),
        f"{prefix}/personEmail": Column("string", f"{alias}.email", joins=joins),
        f"{prefix}/userName": Column("string", f"{alias}.name", joins=joins),
        f"{prefix}/assocName": Column("associate", owner_sql, f"{alias}.name", joins),
        f"{prefix}/associateDbId": Column("associate", owner_sql, None, joins),
        f"{prefix}/ejUserId": Column("int", f"{alias}.ej_user_id", joins=joins),
        f"{prefix}/personId": Column("int", f"{alias}.person_id", joins=joins),
        f"{prefix}/contactId": Column("int", f"{alias}.contact_id", joins=joins),
    }


def _ticket_columns(t: str, base: tuple[str, ...] = ()) -> dict[str, Column]:
    """Ticket columns over table alias ``t``; ``base`` joins reach ``t`` (for messages)."""
    j = base
    # Only our own table alias is interpolated into these SQL fragments.
    tags_out = (
        "(SELECT group_concat(name, ', ') FROM (SELECT tg.name FROM ticket_tag x JOIN tag tg "  # noqa: S608
        f"ON tg.tag_id = x.tag_id WHERE x.ticket_id = {t}.ticket_id ORDER BY tg.name))"
    )
    columns: dict[str, Column] = {
        "ticketId": Column("int", f"{t}.ticket_id", joins=j),
        "title": Column("string", f"{t}.title", joins=j),
        "createdAt": Column("date", f"{t}.created_at", joins=j),
        "lastChanged": Column("date", f"{t}.last_changed", joins=j),
        "author": Column("string", f"{t}.author", joins=j),
        "readByOwner": Column("date", f"{t}.read_by_owner", joins=j),
        "firstReadByOwner": Column("date", f"{t}.first_read_by_owner", joins=j),
        "firstReadByUser": Column("date", f"{t}.first_read_by_user", joins=j),
        "readByCustomer": Column("date", f"{t}.read_by_customer", joins=j),
        "status": Column("enum", f"{t}.base_status", joins=j, enum=enums.BASE_STATUS),
        "ticketStatusName": Column("list", f"{t}.status_id", "st.name", (*j, "st")),
        "ticketStatus": Column("list", f"{t}.status_id", "st.name", (*j, "st")),
        "ticketTypeName": Column("list", f"{t}.ticket_type_id", "tt.name", (*j, "tt")),
        "categoryFullName": Column("list", f"{t}.category_id", "cat.fullname", (*j, "cat")),
        "category": Column("list", f"{t}.category_id", "cat.fullname", (*j, "cat")),
        "priorityName": Column("list", f"{t}.priority_id", "pri.name", (*j, "pri")),
        "priority": Column("list", f"{t}.priority_id", "pri.name", (*j, "pri")),
        "origin": Column("enum", f"{t}.origin", joins=j, enum=enums.ORIGIN),
        "slevel": Column("enum", f"{t}.slevel", joins=j, enum=enums.SLEVEL),
        "readStatus": Column("enum", f"{t}.read_status", joins=j, enum=enums.READ_STATUS),
        "numberOfMessages": Column("int", f"{t}.num_messages", joins=j),
        "numberOfReplies": Column("int", f"{t}.num_replies", joins=j),
        "connectId": Column("int", f"{t}.connect_id", joins=j),
        "repliedAt": Column("date", f"{t}.replied_at", joins=j),
        "closedAt": Column("date", f"{t}.closed_at", joins=j),
        "activated": Column("date", f"{t}.activate", joins=j),
        "deadline": Column("date", f"{t}.deadline", joins=j),
        "has_attachment": Column("bool", f"{t}.has_attachment", joins=j),
        "tags": Column("tags", f"{t}.ticket_id", tags_out, j),
        "content": Column("content", f"{t}.ticket_id", "''", j),
        "contactId": Column("int", "COALESCE(p.contact_id, 0)", joins=(*j, "p")),
        "personId": Column("int", f"COALESCE({t}.person_id, 0)", joins=j),
        "saleId": Column("int", f"COALESCE({t}.sale_id, 0)", joins=j),
        "projectId": Column("int", f"COALESCE({t}.project_id, 0)", joins=j),
        "person/personId": Column("int", f"COALESCE({t}.person_id, 0)", joins=j),
        "person/fullName": Column("string", _FULL_NAME.format(a="p"), joins=(*j, "p")),
        "person/firstName": Column("string", "p.firstname", joins=(*j, "p")),
        "person/lastName": Column("string", "p.lastname", joins=(*j, "p")),
        "person/middleName": Column("string", "p.middlename", joins=(*j, "p")),
        "person/title": Column("string", "p.title", joins=(*j, "p")),
        "person/contactId": Column("int", "COALESCE(p.contact_id, 0)", joins=(*j, "p")),
        "person/personNumber": Column("string", "p.person_number", joins=(*j, "p")),
        "contact/contactId": Column("int", "COALESCE(p.contact_id, 0)", joins=(*j, "p")),
        "contact/name": Column("string", "c.name", joins=(*j, "p", "c")),
        "contact/department": Column("string", "c.department", joins=(*j, "p", "c")),
        "contact/orgnr": Column("string", "c.orgnr", joins=(*j, "p", "c")),
        "project/name": Column("string", "pr.name", joins=(*j, "pr")),
        "sale/heading": Column("string", "sa.heading", joins=(*j, "sa")),
        "getAllRows": Column("rows", "1"),
        "getNoRows": Column("rows", "0"),
    }
    for name, kind in (
        ("realTimeSpentQueue", "real_time_spent_queue"),
        ("realTimeSpentExternally", "real_time_spent_externally"),
        ("realTimeSpentInternally", "real_time_spent_internally"),
        ("timeSpentQueue", "time_spent_queue"),
        ("timeSpentExternally", "time_spent_externally"),
        ("timeSpentInternally", "time_spent_internally"),
        ("timeSpent", "time_spent"),
        ("timeToReply", "time_to_reply"),
        ("timeToClose", "time_to_close"),
        ("realTimeToReply", "real_time_to_reply"),
        ("realTimeToClose", "real_time_to_close"),
    ):
        # timeSpan columns: returned as plain numbers (minutes/seconds as stored).
        columns[name] = Column("int", f"{t}.{kind}", joins=j)
    columns.update(_associate_columns("ownedBy", "ow", "ow", f"{t}.owned_by", j))
    columns.update(_associate_columns("createdBy", "cb", "cb", f"{t}.created_by", j))
    return columns


def _ticket_joins(t: str) -> dict[str, str]:
    return {
        "ow": f"LEFT JOIN associate ow ON ow.associate_id = {t}.owned_by",
        "cb": f"LEFT JOIN associate cb ON cb.associate_id = {t}.created_by",
        "p": f"LEFT JOIN person p ON p.person_id = {t}.person_id",
        "c": "LEFT JOIN contact c ON c.contact_id = p.contact_id",
        "cat": f"LEFT JOIN category cat ON cat.category_id = {t}.category_id",
        "pri": f"LEFT JOIN priority pri ON pri.priority_id = {t}.priority_id",
        "st": f"LEFT JOIN ticket_status st ON st.status_id = {t}.status_id",
        "tt": f"LEFT JOIN ticket_type tt ON tt.ticket_type_id = {t}.ticket_type_id",
        "sa": f"LEFT JOIN sale sa ON sa.sale_id = {t}.sale_id",
        "pr": f"LEFT JOIN project pr ON pr.project_id = {t}.project_id",
    }


def _lower(columns: Mapping[str, Column]) -> dict[str, Column]:
    return {name.lower(): column for name, column in columns.items()}


TICKET_PROVIDER = Provider(
    name="Ticket",
    entity="ticket",
    table="ticket t",
    key="t.ticket_id",
    joins=_ticket_joins("t"),
    columns=_lower(_ticket_columns("t")),
    default_select=(
        "ticketId",
        "title",
        "createdAt",
        "lastChanged",
        "status",
        "ticketStatusName",
        "priorityName",
        "categoryFullName",
        "ownedBy",
        "readStatus",
        "deadline",
        "person/fullName",
        "contact/name",
        "numberOfMessages",
    ),
)

_message_columns: dict[str, Column] = {
    "ticketMessageId": Column("int", "m.message_id"),
    "ticketId": Column("int", "m.ticket_id"),
    "searchTitle": Column("string", "m.search_title"),
    "header": Column("string", "m.email_header"),
    "author": Column("string", "m.author"),
    "createdAt": Column("date", "m.created_at"),
    "body": Column("string", "m.body"),
    "htmlBody": Column("string", "m.html_body"),
    "messageId": Column("string", "m.message_id_header"),
    "debugInfo": Column("string", "m.debug_info"),
    "important": Column("bool", "m.important"),
    "slevel": Column("enum", "m.slevel", enum=enums.SLEVEL),
    "getAllRows": Column("rows", "1"),
    "getNoRows": Column("rows", "0"),
}
_message_columns.update(
    {f"ticket/{name}": column for name, column in _ticket_columns("t", ("t",)).items()}
)

MESSAGE_PROVIDER = Provider(
    name="TicketMessage",
    entity="ticketmessage",
    table="message m",
    key="m.message_id",
    joins={"t": "LEFT JOIN ticket t ON t.ticket_id = m.ticket_id", **_ticket_joins("t")},
    columns=_lower(_message_columns),
    default_select=(
        "ticketMessageId",
        "ticketId",
        "createdAt",
        "author",
        "slevel",
        "important",
        "searchTitle",
    ),
)

PROVIDERS = {p.name.lower(): p for p in (TICKET_PROVIDER, MESSAGE_PROVIDER)}


def column_of(provider: Provider, name: str) -> Column:
    column = provider.columns.get(name.lower())
    if column is None:
        raise bad_request(f"Unknown column '{name}' in archive provider '{provider.name}'")
    return column
