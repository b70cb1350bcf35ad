"""The "Ticket" and "TicketMessage" archive providers: columns -> SQL.

Filtering, sorting and paging all happen in SQLite so large tenants stay fast. Each
column knows its restriction type (as in the provider reference pages), how it is
compared in SQL, and which display value Slim mode returns.

This module runs a query (order, paging, Slim rows); the providers and their columns are in
archive_providers, the ``$filter`` compilation in archive_filter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from tickettui.systems.superoffice.server.archive_filter import (
    QueryContext,
    SqlParts,
    compile_filter,
    install_fold,
)
from tickettui.systems.superoffice.server.archive_providers import (
    MESSAGE_PROVIDER,
    PROVIDERS,
    TICKET_PROVIDER,
    Column,
    Provider,
    column_of,
)
from tickettui.systems.superoffice.server.dates import DateFormatter
from tickettui.systems.superoffice.server.errors import bad_request
from tickettui.systems.superoffice.server.odata import Node, OrderBy

__all__ = [
    "DEFAULT_TOP",
    "MAX_TOP",
    "MESSAGE_PROVIDER",
    "PROVIDERS",
    "TICKET_PROVIDER",
    "Column",
    "Provider",
    "QueryContext",
    "column_of",
    "run_query",
]

# Without $top we answer 50 rows; larger requests are capped at 1000. Real tenants cap
# big pages too, so a client must keep paging with $skip until it gets a short page
# (a page shorter than what it *received*, not than what it asked for).
DEFAULT_TOP = 50
MAX_TOP = 1000


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
    out = SqlParts()
    if fixed is not None:
        out.where.append(fixed[0])
        out.params.extend(fixed[1])
    if filter_node is not None:
        out.where.append(compile_filter(provider, filter_node, ctx, out))
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
    install_fold(conn)
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
