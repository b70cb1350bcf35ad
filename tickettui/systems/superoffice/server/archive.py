"""The "Ticket" and "TicketMessage" archive providers: columns -> SQL.

Filtering, sorting and paging all happen in SQLite so large tenants stay fast. Each
column knows its restriction type (as in the provider reference pages), how it is
compared in SQL, and which display value Slim mode returns.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.dates import DateFormatter, parse_input
from tickettui.systems.superoffice.server.errors import bad_request
from tickettui.systems.superoffice.server.odata import BoolOp, Condition, Literal, Node, OrderBy

# Without $top we answer 50 rows; larger requests are capped at 1000. Real tenants cap
# big pages too, so a client must keep paging with $skip until it gets a short page
# (a page shorter than what it *received*, not than what it asked for).
DEFAULT_TOP = 50
MAX_TOP = 1000


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


@dataclass(frozen=True)
class QueryContext:
    current_associate: int
    now: datetime  # tenant-local, naive


@dataclass
class _Sql:
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    joins: set[str] = field(default_factory=set)


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


# -- filter compilation --------------------------------------------------------------------

_EQ = {"eq", "=", "equals", "is"}
_NE = {"ne", "unequals", "<>", "!=", "isnot"}
_LT = {"lt", "less", "<"}
_GT = {"gt", "greater", ">"}
# Listed by the docs, but SuperOffice's own test file marks them "# Fails" (NOTES 1a).
_BROKEN = {"le", "ge", "<=", ">=", "notends"}


def _ints(condition: Condition) -> list[int]:
    try:
        return [int(v.text) for v in condition.values]
    except ValueError:
        raise bad_request(f"Column '{condition.column}' expects integer values") from None


def _arity(condition: Condition, count: int) -> None:
    if len(condition.values) != count:
        raise bad_request(
            f"Operator '{condition.operator}' on '{condition.column}' takes {count} value(s)"
        )


def _in(sql: str, values: Sequence[Any], negate: bool, out: _Sql) -> str:
    if not values:
        return "1" if negate else "0"
    out.params.extend(values)
    marks = ",".join("?" for _ in values)
    return f"{sql} {'NOT IN' if negate else 'IN'} ({marks})"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _compile_condition(
    provider: Provider, condition: Condition, ctx: QueryContext, out: _Sql
) -> str:
    column = column_of(provider, condition.column)
    op = condition.operator.lower()
    if op in _BROKEN:
        raise bad_request(
            f"Operator '{condition.operator}' is not supported on '{condition.column}'"
        )
    out.joins.update(column.joins)
    sql = column.sql
    kind = column.kind

    if kind == "rows":
        return "1"
    if kind in ("int", "list", "associate", "enum", "bool", "tags") and op in (
        "oneof",
        "notoneof",
        "associateisoneof",
        "associateisnotoneof",
    ):
        if op.startswith("associate") and kind != "associate":
            raise bad_request(f"Operator '{condition.operator}' needs a user column")
        values = _values_for(column, condition)
        negate = op in ("notoneof", "associateisnotoneof")
        if kind == "tags":
            return _tags(sql, values, negate, out)
        return _in(sql, values, negate, out)
    if kind == "associate" and op == "currentassociate":
        out.params.append(ctx.current_associate)
        return f"{sql} = ?"
    if kind in ("int", "list", "associate", "enum", "bool", "tags"):
        if op in _EQ or op in _NE:
            values = _values_for(column, condition)
            if kind == "tags":
                return _tags(sql, values, op in _NE, out)
            _arity(condition, 1)
            out.params.append(values[0])
            return f"{sql} {'!=' if op in _NE else '='} ?"
        if kind == "int" and (op in _LT or op in _GT):
            _arity(condition, 1)
            out.params.append(_ints(condition)[0])
            return f"{sql} {'<' if op in _LT else '>'} ?"
        if kind == "int" and op == "between":
            _arity(condition, 2)
            out.params.extend(_ints(condition))
            return f"{sql} BETWEEN ? AND ?"
    if kind in ("string", "content"):
        return _compile_string(column, condition, op, out)
    if kind == "date":
        return _compile_date(sql, condition, op, ctx, out)
    raise bad_request(f"Operator '{condition.operator}' is not supported on '{condition.column}'")


def _values_for(column: Column, condition: Condition) -> list[int]:
    if column.kind == "enum" and column.enum is not None:
        try:
            return [enums.parse_enum(column.enum, v.text) for v in condition.values]
        except ValueError as error:
            raise bad_request(f"Invalid value for '{condition.column}': {error}") from None
    if column.kind == "bool":
        result = []
        for v in condition.values:
            text = v.text.lower()
            if text not in ("1", "0", "true", "false"):
                raise bad_request(f"Column '{condition.column}' expects true/false")
            result.append(1 if text in ("1", "true") else 0)
        return result
    return _ints(condition)


def _tags(sql: str, values: Sequence[int], negate: bool, out: _Sql) -> str:
    marks = ",".join("?" for _ in values) or "NULL"
    out.params.extend(values)
    # ``sql`` is a column expression from our registry, never client text.
    exists = (
        "EXISTS (SELECT 1 FROM ticket_tag x "  # noqa: S608
        f"WHERE x.ticket_id = {sql} AND x.tag_id IN ({marks}))"
    )
    return f"NOT {exists}" if negate else exists


def _compile_string(column: Column, condition: Condition, op: str, out: _Sql) -> str:
    if op == "between":
        _arity(condition, 2)
        out.params.extend(v.text for v in condition.values)
        return f"COALESCE({column.sql}, '') BETWEEN ? AND ?"
    _arity(condition, 1)
    text = condition.values[0].text
    patterns = {
        "begins": (f"{_like_escape(text)}%", False),
        "notbegins": (f"{_like_escape(text)}%", True),
        "contains": (f"%{_like_escape(text)}%", False),
        "notcontains": (f"%{_like_escape(text)}%", True),
        "ends": (f"%{_like_escape(text)}", False),
    }
    if column.kind == "content":
        if op not in ("contains", "begins"):
            raise bad_request(
                f"Operator '{condition.operator}' is not supported on '{condition.column}'"
            )
        out.params.extend([f"%{_like_escape(text)}%"] * 2)
        return (
            "EXISTS (SELECT 1 FROM message mm WHERE mm.ticket_id = t.ticket_id AND "
            "(mm.body LIKE ? ESCAPE '\\' OR mm.html_body LIKE ? ESCAPE '\\'))"
        )
    value = f"COALESCE({column.sql}, '')"
    if op in patterns:
        pattern, negate = patterns[op]
        out.params.append(pattern)
        # LIKE is case-insensitive for ASCII, like SQL Server's default collation.
        return f"{value} {'NOT LIKE' if negate else 'LIKE'} ? ESCAPE '\\'"
    if op in _EQ or op in _NE:
        out.params.append(text)
        return f"{value} {'!=' if op in _NE else '='} ? COLLATE NOCASE"
    raise bad_request(f"Operator '{condition.operator}' is not supported on '{condition.column}'")


def _date_value(condition: Condition, literal: Literal) -> tuple[str, bool]:
    try:
        stored = parse_input(literal.text)
    except ValueError:
        raise bad_request(f"Invalid date '{literal.text}' for '{condition.column}'") from None
    if stored is None:
        raise bad_request(f"Invalid date '{literal.text}' for '{condition.column}'")
    return stored, len(literal.text.strip()) <= 10


def _day(value: datetime | date) -> str:
    return value.strftime("%Y-%m-%dT00:00:00")


def _compile_date(sql: str, condition: Condition, op: str, ctx: QueryContext, out: _Sql) -> str:
    today = ctx.now.date()
    ranges: dict[str, tuple[date, date]] = {}
    monday = today - timedelta(days=today.weekday())
    ranges["today"] = (today, today + timedelta(days=1))
    ranges["thisweek"] = (monday, monday + timedelta(days=7))
    ranges["lastweek"] = (monday - timedelta(days=7), monday)
    ranges["nextweek"] = (monday + timedelta(days=7), monday + timedelta(days=14))
    first = today.replace(day=1)
    next_first = (first + timedelta(days=32)).replace(day=1)
    prev_first = (first - timedelta(days=1)).replace(day=1)
    ranges["thismonth"] = (first, next_first)
    ranges["lastmonth"] = (prev_first, first)
    ranges["nextmonth"] = (next_first, (next_first + timedelta(days=32)).replace(day=1))
    ranges["thisyear"] = (
        today.replace(month=1, day=1),
        today.replace(year=today.year + 1, month=1, day=1),
    )
    if op in ranges:
        start, end = ranges[op]
        out.params.extend([_day(start), _day(end)])
        return f"({sql} >= ? AND {sql} < ?)"
    if op == "beforetoday":
        out.params.append(_day(today))
        return f"{sql} < ?"
    if op == "aftertoday":
        out.params.append(_day(today + timedelta(days=1)))
        return f"{sql} >= ?"
    if op in ("between", "datebetween"):
        _arity(condition, 2)
        (low, _), (high, high_is_day) = (_date_value(condition, v) for v in condition.values)
        if high_is_day:
            high = high[:10] + "T23:59:59"  # an inclusive end day
        out.params.extend([low, high])
        return f"({sql} >= ? AND {sql} <= ?)"
    _arity(condition, 1)
    value, is_day = _date_value(condition, condition.values[0])
    if op in ("date", *_EQ) and is_day:
        out.params.append(value[:10])
        return f"substr({sql}, 1, 10) = ?"
    comparisons = {
        "before": "<",
        "beforetime": "<",
        "after": ">",
        "aftertime": ">",
        "beforeorequal": "<=",
        "datetime": "=",
    }
    for ops, symbol in ((_LT, "<"), (_GT, ">"), (_EQ, "="), (_NE, "!=")):
        if op in ops:
            comparisons[op] = symbol
    if op == "date":
        comparisons[op] = "="
    if op not in comparisons:
        raise bad_request(
            f"Operator '{condition.operator}' is not supported on '{condition.column}'"
        )
    symbol = comparisons[op]
    if symbol in (">", "<=") and is_day:
        value = value[:10] + "T23:59:59"  # "after 2026-01-01" means after that whole day
    out.params.append(value)
    return f"{sql} {symbol} ?"


def _compile(provider: Provider, node: Node, ctx: QueryContext, out: _Sql) -> str:
    if isinstance(node, BoolOp):
        parts = [_compile(provider, item, ctx, out) for item in node.items]
        return "(" + f" {node.op.upper()} ".join(parts) + ")"
    return _compile_condition(provider, node, ctx, out)


# -- query -------------------------------------------------------------------------------


def _limits(top: str | None, skip: str | None) -> tuple[int, int]:
    try:
        limit = int(top) if top else DEFAULT_TOP
        offset = int(skip) if skip else 0
    except ValueError:
        raise bad_request("$top and $skip must be integers") from None
    if limit < 0 or offset < 0:
        raise bad_request("$top and $skip must not be negative")
    return min(limit, MAX_TOP), offset


def run_query(
    conn: sqlite3.Connection,
    provider: Provider,
    *,
    select: Sequence[str],
    filter_node: Node | None,
    order: Sequence[OrderBy],
    top: str | None,
    skip: str | None,
    ctx: QueryContext,
    date_format: DateFormatter,
    fixed: tuple[str, Sequence[Any]] | None = None,
    json_safe: bool = False,
) -> list[dict[str, Any]]:
    """Rows in Slim shape: PrimaryKey (string), EntityName, one property per column."""
    names = list(select) or list(provider.default_select)
    columns = [column_of(provider, name) for name in names]
    out = _Sql()
    if fixed is not None:
        out.where.append(fixed[0])
        out.params.extend(fixed[1])
    if filter_node is not None:
        out.where.append(_compile(provider, filter_node, ctx, out))
    filter_params = list(out.params)
    order_parts: list[str] = []
    for item in order:
        column = column_of(provider, item.column)
        if column.kind in ("rows", "content"):
            raise bad_request(f"Cannot order by '{item.column}'")
        out.joins.update(column.joins)
        order_parts.append(f"{column.order_sql} {'DESC' if item.descending else 'ASC'}")
    # Stable paging: always finish with the primary key, in the last key's direction.
    last_desc = bool(order) and order[-1].descending
    order_parts.append(f"{provider.key} {'DESC' if last_desc else 'ASC'}")
    for column in columns:
        out.joins.update(column.joins)
    limit, offset = _limits(top, skip)

    joins = [sql for alias, sql in provider.joins.items() if alias in out.joins]
    select_sql = ", ".join([f"{provider.key}"] + [c.output_sql for c in columns])
    where_sql = f"WHERE {' AND '.join(out.where)}" if out.where else ""
    sql = (
        f"SELECT {select_sql} FROM {provider.table} {' '.join(joins)} {where_sql} "  # noqa: S608
        f"ORDER BY {', '.join(order_parts)} LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, [*filter_params, limit, offset]).fetchall()
    keys = [name.replace("/", "_") if json_safe else name for name in names]
    result = []
    for row in rows:
        shaped: dict[str, Any] = {"PrimaryKey": str(row[0]), "EntityName": provider.entity}
        for index, (key, column) in enumerate(zip(keys, columns, strict=True), start=1):
            shaped[key] = _display(column, row[index], date_format)
        result.append(shaped)
    return result


def _display(column: Column, value: Any, date_format: DateFormatter) -> Any:
    kind = column.kind
    if kind == "date":
        return date_format(value)
    if kind == "int":
        return int(value or 0)
    if kind == "bool":
        return bool(value)
    if kind == "enum" and column.enum is not None:
        return column.enum.get(int(value or 0), "")
    if kind == "rows":
        return bool(int(value))
    if kind == "associate" and column.output is None:
        return int(value or 0)
    return "" if value is None else str(value)
