"""Plain-text and JSON renderings of domain objects for `tickettui list` and `show`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import click

from tickettui.core.domain import (
    Capabilities,
    CustomField,
    FieldKind,
    Message,
    TicketDetail,
    TimeMetrics,
)

# Shared with the app's export (the same JSON in a file as on the command line).
from tickettui.core.export import json_text as json_text
from tickettui.core.export import summary_json as summary_json
from tickettui.core.field_values import value_text
from tickettui.core.safe_text import inert, inert_line
from tickettui.core.service_times import CLOSE, REPLY, counters, pending_close, pending_reply
from tickettui.core.zones import shown, zone_label


def _date(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def camel(name: str) -> str:
    """A snake_case name as the JSON's keys are written: ``time_to_reply`` -> ``timeToReply``."""
    first, *rest = name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def _metrics_json(detail: TicketDetail, metrics: TimeMetrics) -> dict[str, Any]:
    """Service times in seconds (``alertLevel`` a level, ``alertTimeout`` a time), camelCase
    like every other key; the ones the system does not track are left out, and so is a time to
    reply or to close that has not happened yet (the system's 0 there means "not yet", and a
    script would read it as "at once")."""
    data = {camel(key): value for key, value in _jsonable(asdict(metrics)).items()}
    not_yet = []
    if pending_reply(detail):
        not_yet += ["timeToReply", "realTimeToReply"]
    if pending_close(detail):
        not_yet += ["timeToClose", "realTimeToClose"]
    return _present({key: value for key, value in data.items() if key not in not_yet})


def _present(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without its None values (a field a ticket does not have is left out)."""
    return {key: value for key, value in data.items() if value is not None}


# A custom field's "type" in JSON: what its value is.
CUSTOM_TYPES = {
    FieldKind.TEXT: "text",
    FieldKind.CHOICE: "list",
    FieldKind.NUMBER: "number",
    FieldKind.BOOL: "bool",
    FieldKind.DATE: "date",
    FieldKind.DATETIME: "datetime",
}


def custom_field_json(custom: CustomField) -> dict[str, Any]:
    """One of the tenant's fields: its key and label, what type its value is, the value typed
    (a number, true/false, "2026-11-25", an ISO date-time, text; null when empty) and as a
    person reads it."""
    data: dict[str, Any] = {
        "key": custom.key,
        "label": custom.label,
        "type": CUSTOM_TYPES.get(custom.kind, custom.kind.value),
        "value": _jsonable(custom.value),
        "text": value_text(custom.kind, custom.value, custom.choices),
        "source": custom.source,
        "editable": custom.editable,
    }
    if custom.hidden:
        data["hidden"] = True
    if custom.kind is FieldKind.CHOICE:
        data["choices"] = [choice.label for choice in custom.choices]
    return data


def detail_json(
    detail: TicketDetail, messages: Sequence[Message], capabilities: Capabilities | None = None
) -> dict[str, Any]:
    """The summary's fields, the detail's and the thread; as there, nothing is null but an
    empty custom field's value."""
    data = summary_json(detail.summary, capabilities)
    data.update(
        _present(
            {
                "person": detail.person,
                "contact": detail.contact,
                "email": detail.email,
                "origin": detail.origin,
                "tags": list(detail.tags),
                "sale": detail.sale,
                "project": detail.project,
                "securityLevel": detail.security_level,
                "closedAt": _date(detail.closed_at),
                "postponedUntil": _date(detail.postponed_until),
                "repliedAt": _date(detail.replied_at),
                "metrics": _metrics_json(detail, detail.metrics) if detail.metrics else None,
                "extra": dict(detail.extra),
                "customFields": [custom_field_json(c) for c in detail.custom_fields],
                "messages": [
                    _present(
                        {
                            "id": m.id,
                            "kind": m.kind.value,
                            "author": m.author,
                            "created": _date(m.created),
                            "important": m.important,
                            "body": m.body,
                        }
                    )
                    for m in messages
                ],
            }
        )
    )
    return data


def _fmt(value: datetime | None) -> str:
    """A time in the display zone (the profile's ``timezone_display``, named by "Times in")."""
    return shown(value).strftime("%Y-%m-%d %H:%M") if value else "-"


def print_detail(
    detail: TicketDetail, messages: Sequence[Message], capabilities: Capabilities | None = None
) -> None:
    """Fields named as the system names them (Keliweb's "Department"), none it has no data for."""
    s = detail.summary
    titles = capabilities.column_titles if capabilities else {}
    hidden = capabilities.hidden_columns if capabilities else frozenset()
    click.echo(f"#{s.display_number}  {inert_line(s.title)}")
    rows = [
        ("Status", s.status),
        ("Priority", s.priority),
        (titles.get("category", "Category"), s.category),
        (titles.get("owner", "Owner"), s.owner),
        ("Customer", s.customer),
        ("Created", _fmt(s.created)),
        ("Changed", _fmt(s.last_changed)),
    ]
    if "deadline" not in hidden:
        rows.append(("Deadline", _fmt(s.deadline)))
    rows.append(("Times in", zone_label()))
    if detail.metrics:
        said = {c.label: c.text for c in counters(detail, datetime.now().astimezone())}
        for label in (REPLY, CLOSE):  # as the metrics panel words them (core.service_times)
            if label in said:
                rows.append((f"Time {label.lower()}", said[label]))
    for custom in detail.custom_fields:
        text = value_text(custom.kind, custom.value, custom.choices)
        if text and not custom.hidden:
            rows.append((custom.label, text))
    for label, value in rows:
        click.echo(f"  {inert_line(label)[:14]:<14} {inert_line(value)}")
    for m in messages:
        click.echo(f"\n--- {m.kind.value} · {inert_line(m.author)} · {_fmt(m.created)}")
        click.echo(inert(m.body))
