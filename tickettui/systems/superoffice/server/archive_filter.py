"""``$filter`` -> SQL for an archive provider: each operator on each kind of column, with
the values as parameters (never in the SQL text), including the relative date ranges
(today, thisWeek, ...) computed from the tenant's clock.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from tickettui.systems.superoffice.server import enums
from tickettui.systems.superoffice.server.archive_providers import Column, Provider, column_of
from tickettui.systems.superoffice.server.dates import parse_input
from tickettui.systems.superoffice.server.errors import ApiError, bad_request
from tickettui.systems.superoffice.server.odata import BoolOp, Condition, Literal, Node


@dataclass(frozen=True)
class QueryContext:
    """Who asks, and when: ``currentAssociate`` and the relative dates resolve against it."""

    current_associate: int
    now: datetime  # tenant-local, naive
    # The zone SO-TimeZone asked for: a date-time literal without an offset is read in it,
    # as the answers' dates are written in it (None: the tenant's own zone).
    literal_zone: tzinfo | None = None


@dataclass
class SqlParts:
    """The WHERE terms, their parameters (in order) and the join aliases a query needs."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    joins: set[str] = field(default_factory=set)


_EQ = {"eq", "=", "equals", "is"}
_NE = {"ne", "unequals", "<>", "!=", "isnot"}
_LT = {"lt", "less", "<"}
_GT = {"gt", "greater", ">"}
# Listed by the docs, but SuperOffice's own test file marks them "# Fails" (NOTES 1a).
_BROKEN = {"le", "ge", "<=", ">=", "notends"}


def _unsupported(condition: Condition) -> ApiError:
    return bad_request(f"Operator '{condition.operator}' is not supported on '{condition.column}'")


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


def _in(sql: str, values: Sequence[Any], negate: bool, out: SqlParts) -> str:
    if not values:
        return "1" if negate else "0"
    out.params.extend(values)
    marks = ",".join("?" for _ in values)
    return f"{sql} {'NOT IN' if negate else 'IN'} ({marks})"


# String restrictions compare as SQL Server's default collation does (SQL_Latin1_General_CP1_CI_AS):
# case-insensitive for every letter, "Østby" = "ØSTBY" (SQLite's own LIKE folds ASCII only).
FOLD = "so_fold"


def fold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value


def install_fold(conn: sqlite3.Connection) -> None:
    """Make ``so_fold()`` known to ``conn`` (cheap: run before each query)."""
    conn.create_function(FOLD, 1, fold, deterministic=True)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _compile_condition(
    provider: Provider, condition: Condition, ctx: QueryContext, out: SqlParts
) -> str:
    column = column_of(provider, condition.column)
    op = condition.operator.lower()
    if op in _BROKEN:
        raise _unsupported(condition)
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
    raise _unsupported(condition)


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


def _tags(sql: str, values: Sequence[int], negate: bool, out: SqlParts) -> str:
    marks = ",".join("?" for _ in values) or "NULL"
    out.params.extend(values)
    # ``sql`` is a column expression from our registry, never client text.
    exists = (
        "EXISTS (SELECT 1 FROM ticket_tag x "  # noqa: S608
        f"WHERE x.ticket_id = {sql} AND x.tag_id IN ({marks}))"
    )
    return f"NOT {exists}" if negate else exists


def _compile_string(column: Column, condition: Condition, op: str, out: SqlParts) -> str:
    if op == "between":
        _arity(condition, 2)
        out.params.extend(v.text for v in condition.values)
        return f"COALESCE({column.sql}, '') BETWEEN ? AND ?"
    _arity(condition, 1)
    text = condition.values[0].text.casefold()
    patterns = {
        "begins": (f"{_like_escape(text)}%", False),
        "notbegins": (f"{_like_escape(text)}%", True),
        "contains": (f"%{_like_escape(text)}%", False),
        "notcontains": (f"%{_like_escape(text)}%", True),
        "ends": (f"%{_like_escape(text)}", False),
    }
    if column.kind == "content":
        if op not in ("contains", "begins"):
            raise _unsupported(condition)
        out.params.extend([f"%{_like_escape(text)}%"] * 2)
        return (
            "EXISTS (SELECT 1 FROM message mm WHERE mm.ticket_id = t.ticket_id AND "  # noqa: S608
            f"({FOLD}(mm.body) LIKE ? ESCAPE '\\' OR {FOLD}(mm.html_body) LIKE ? ESCAPE '\\'))"
        )
    value = f"COALESCE({column.sql}, '')"
    if op in patterns:
        pattern, negate = patterns[op]
        out.params.append(pattern)
        return f"{FOLD}({value}) {'NOT LIKE' if negate else 'LIKE'} ? ESCAPE '\\'"
    if op in _EQ or op in _NE:
        out.params.append(condition.values[0].text)
        return f"{value} {'!=' if op in _NE else '='} ? COLLATE NOCASE"
    raise _unsupported(condition)


def _date_value(
    condition: Condition, literal: Literal, zone: tzinfo | None = None
) -> tuple[str, bool]:
    text = literal.text.strip()
    if zone is not None and _NO_OFFSET.fullmatch(text):
        text = _with_offset(text, zone)
    try:
        stored = parse_input(text)
    except ValueError:
        raise bad_request(f"Invalid date '{literal.text}' for '{condition.column}'") from None
    if stored is None:
        raise bad_request(f"Invalid date '{literal.text}' for '{condition.column}'")
    return stored, len(literal.text.strip()) <= 10


_NO_OFFSET = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(\.\d{1,7})?")


def _with_offset(text: str, zone: tzinfo) -> str:
    """A naive date-time literal read in ``zone``, written with that zone's offset there."""
    try:
        moment = datetime.fromisoformat(text).replace(tzinfo=zone)
    except ValueError:
        return text  # parse_input says what is wrong with it
    return moment.isoformat()


def _day(value: datetime | date) -> str:
    return value.strftime("%Y-%m-%dT00:00:00")


def _compile_date(sql: str, condition: Condition, op: str, ctx: QueryContext, out: SqlParts) -> str:
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
    value, is_day = _date_value(condition, condition.values[0], ctx.literal_zone)
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
        raise _unsupported(condition)
    symbol = comparisons[op]
    if symbol in (">", "<=") and is_day:
        value = value[:10] + "T23:59:59"  # "after 2026-01-01" means after that whole day
    out.params.append(value)
    return f"{sql} {symbol} ?"


def compile_filter(provider: Provider, node: Node, ctx: QueryContext, out: SqlParts) -> str:
    """The SQL condition for ``node``; its parameters and joins are added to ``out``."""
    if isinstance(node, BoolOp):
        parts = [compile_filter(provider, item, ctx, out) for item in node.items]
        return "(" + f" {node.op.upper()} ".join(parts) + ")"
    return _compile_condition(provider, node, ctx, out)
