"""A ticket's own fields survive the disk cache typed as they were; an entry written before the
cache kept them decodes with none."""

from __future__ import annotations

import json
from datetime import date, datetime

from tickettui.cache.codec import decode_detail, encode_detail
from tickettui.core.domain import Choice, CustomField, FieldKind, TicketDetail, TicketSummary

FIELDS = (
    CustomField("x_level", "Level", FieldKind.CHOICE, "Gold", (Choice("Gold", "Gold"),), True),
    CustomField("x_users", "Users", FieldKind.NUMBER, 42, editable=True),
    CustomField("x_hours", "Hours", FieldKind.NUMBER, 2.5, editable=True),
    CustomField("x_ok", "OK", FieldKind.BOOL, False, editable=True),
    CustomField("x_due", "Due", FieldKind.DATE, date(2027, 3, 31), editable=True),
    CustomField("x_call", "Call", FieldKind.DATETIME, datetime(2027, 3, 31, 9, 30)),
    CustomField("x_note", "Note", FieldKind.TEXT, None, hidden=True),
    CustomField("custom.sla", "custom.sla", FieldKind.TEXT, "4h", source="ExtraFields"),
)


def test_custom_fields_round_trip() -> None:
    detail = TicketDetail(TicketSummary(id=7, title="t"), custom_fields=FIELDS)
    assert decode_detail(encode_detail(detail)).custom_fields == FIELDS


def test_an_older_entry_has_none() -> None:
    blob = json.loads(encode_detail(TicketDetail(TicketSummary(id=7, title="t"))))
    del blob["custom_fields"]
    assert decode_detail(json.dumps(blob).encode()).custom_fields == ()
