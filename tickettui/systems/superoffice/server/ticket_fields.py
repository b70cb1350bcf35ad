"""The tenant's own ticket fields: extra fields (``ticket.x_...``) and plug-in data.

As NetServer documents them (TicketEntity, "Working with custom objects", CustomFieldType):

- A ticket carries its extra fields in ``CustomFields`` (udef + extra fields in one bucket),
  keyed by database name, values encoded as strings: ``[I:42]`` whole numbers and check boxes
  (1/0), ``[F:2.5]`` decimals, ``[D:06/19/2019]`` dates, ``[DT:06/19/2019 14:35:56.0000000]``
  date-times, text (and a text picked from a list) as itself. Beside each the server puts
  ``<name>:org``, the value as loaded. Tickets (Service) have extra fields, not the CRM's
  user-defined ``SuperOffice:N`` fields ("you will not see user-defined fields in Service").
- The deprecated ``ExtraFields`` holds the same extra fields plus data from plug-ins, keyed
  ``Plugin.Property`` (here ``custom.sla`` and ``erp.customer_no``), kept as seeded.
- ``GET Ticket/CustomField[/{name}]`` describes each field (FieldInfoBase and its subclass:
  a list's ``Choices``, a decimal's ``Precision``, a text's ``TextLength``).

On save, each field takes the value sent for it (CustomFields before ExtraFields; a value
equal to the stored one changes nothing); unknown names, ``:org`` keys and read-only fields
are ignored; a value that is not of the field's type is refused (400).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tickettui.systems.superoffice.server.errors import bad_request

__all__ = [
    "TICKET_FIELDS",
    "apply_fields",
    "default_custom_fields",
    "field_info",
    "wire_custom_fields",
    "wire_extra_fields",
]


@dataclass(frozen=True, slots=True)
class ExtraField:
    name: str
    label: str
    type: str  # CustomFieldType
    rank: int
    description: str = ""
    choices: tuple[str, ...] = ()
    precision: int | None = None
    text_length: int | None = None
    read_only: bool = False


TICKET_FIELDS = (
    ExtraField("x_contract_no", "Contract number", "ShortText", 1, text_length=40),
    ExtraField(
        "x_contract_level", "Contract level", "ListText", 2, choices=("Gold", "Silver", "Bronze")
    ),
    ExtraField("x_renewal_date", "Renewal date", "Date", 3, "When the contract renews"),
    ExtraField("x_affected_users", "Affected users", "Integer", 4),
    ExtraField("x_sla_breached", "SLA breached", "Checkbox", 5),
    ExtraField("x_hours_quoted", "Hours quoted", "Decimal", 6, precision=1),
    ExtraField("x_callback_at", "Call back at", "DateTime", 7),
    ExtraField("x_product_version", "Product version", "ShortText", 8, text_length=20),
    ExtraField("x_source_system", "Source system", "ShortText", 9, read_only=True),
)
_BY_NAME = {f.name: f for f in TICKET_FIELDS}


def field_info(f: ExtraField) -> dict[str, Any]:
    info: dict[str, Any] = {
        "FieldType": f.type,
        "FieldName": f.name,
        "DisplayName": f.label,
        "Description": f.description,
        "ShortLabel": "",
        "HideLabel": False,
        "HideField": False,
        "IsIndexed": False,
        "IsMandatory": False,
        "IsReadOnly": f.read_only,
        "IsExternal": False,
        "Rank": f.rank,
        "TemplateVariableName": None,  # null for extra fields
    }
    if f.type == "ListText":
        info |= {"Choices": list(f.choices), "DefaultValue": "", "TextLength": 0}
    elif f.type == "Decimal":
        info |= {"DefaultValue": 0.0, "Precision": f.precision or 0}
    elif f.type in ("ShortText", "LongText"):
        info |= {"DefaultValue": "", "TextLength": f.text_length or 255}
    return info


def field_infos() -> list[dict[str, Any]]:
    return [field_info(f) for f in TICKET_FIELDS]


def info_named(name: str) -> dict[str, Any] | None:
    found = _BY_NAME.get(name) or next(
        (f for f in TICKET_FIELDS if f.name.lower() == name.lower()), None
    )
    return field_info(found) if found is not None else None


def _stored(text: str) -> dict[str, str]:
    value = json.loads(text or "{}")
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def wire_custom_fields(stored: str) -> dict[str, str]:
    """CustomFields as sent: every field by rank, each with its ``:org`` twin."""
    values = _stored(stored)
    out: dict[str, str] = {}
    for f in TICKET_FIELDS:
        out[f.name] = out[f"{f.name}:org"] = values.get(f.name, "")
    return out


def wire_extra_fields(stored_custom: str, stored_extra: str) -> dict[str, str]:
    """ExtraFields as sent: the extra fields again, then the plug-ins' data."""
    values = _stored(stored_custom)
    return {f.name: values.get(f.name, "") for f in TICKET_FIELDS} | _stored(stored_extra)


def default_custom_fields() -> dict[str, str]:
    return wire_custom_fields("{}")


# -- values: what the save accepts, in the one form it stores --------------------------------

_ENCODED = re.compile(r"\[([A-Za-z]{1,2}):(.*)\]", re.DOTALL)
_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})[.-](\d{1,2})[.-](\d{1,2})")
_TIME = re.compile(r"[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*$")


def us_date(day: date) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"


def us_datetime(moment: datetime) -> str:
    return f"{us_date(moment)} {moment:%H:%M:%S}.{moment.microsecond:06d}0"


def _body(raw: Any) -> tuple[str | None, str]:
    if isinstance(raw, bool):
        return "I", "1" if raw else "0"
    if isinstance(raw, int | float):
        return ("I" if isinstance(raw, int) else "F"), str(raw)
    text = "" if raw is None else str(raw)
    match = _ENCODED.fullmatch(text)
    return (match.group(1).upper(), match.group(2).strip()) if match else (None, text.strip())


def _day(body: str) -> tuple[date, str]:
    match = _DAY.match(body)
    if match is None:
        raise ValueError(body)
    if match.group(1):
        month, day, year = (int(match.group(i)) for i in (1, 2, 3))
    else:
        year, month, day = (int(match.group(i)) for i in (4, 5, 6))
    return date(year, month, day), body[match.end() :]


def canonical(f: ExtraField, raw: Any) -> str:
    """The value as stored; ValueError when it is not one of the field's type."""
    tag, body = _body(raw)
    if f.type in ("ShortText", "LongText", "ListText"):
        text = raw if isinstance(raw, str) else body
        if f.text_length and len(text) > f.text_length:
            raise ValueError(f"longer than {f.text_length} characters")
        return text
    if not body:
        return ""
    if f.type in ("Integer", "Checkbox"):
        if tag not in (None, "I"):
            raise ValueError(body)
        number = {"true": 1, "false": 0}.get(body.lower()) if f.type == "Checkbox" else None
        number = int(body) if number is None else number
        if f.type == "Checkbox" and number not in (0, 1):
            raise ValueError(body)
        if not -(2**31) <= number < 2**31:
            raise ValueError(body)
        return f"[I:{number}]"
    if f.type == "Decimal":
        if tag not in (None, "I", "F"):
            raise ValueError(body)
        value = float(body)
        return f"[F:{int(value) if value.is_integer() else value}]"
    if tag not in (None, "D", "DT"):
        raise ValueError(body)
    day, rest = _day(body)
    if f.type == "Date":
        return f"[D:{us_date(day)}]"
    moment = datetime(day.year, day.month, day.day)
    time = _TIME.match(rest)
    if time is not None:
        hour, minute, second = (int(time.group(i) or 0) for i in (1, 2, 3))
        micro = int((time.group(4) or "0").ljust(7, "0")[:6])
        moment = moment.replace(hour=hour, minute=minute, second=second, microsecond=micro)
    return f"[DT:{us_datetime(moment)}]"


def _sent(bucket: Any, name: str) -> tuple[bool, Any]:
    if isinstance(bucket, Mapping) and name in bucket:
        return True, bucket[name]
    return False, None


def apply_fields(stored: str, custom: Any, extra: Any) -> str:
    """The stored CustomFields after a save that sent ``custom`` and ``extra`` (None: not
    sent). Raises a 400 for a value not of its field's type."""
    for name, bucket in (("CustomFields", custom), ("ExtraFields", extra)):
        if bucket is not None and not isinstance(bucket, Mapping):
            raise bad_request(f"Property '{name}' must be an object")
    values = _stored(stored)
    for f in TICKET_FIELDS:
        if f.read_only:
            continue
        for bucket_name, bucket in (("CustomFields", custom), ("ExtraFields", extra)):
            present, raw = _sent(bucket, f.name)
            if not present:
                continue
            try:
                value = canonical(f, raw)
            except (ValueError, OverflowError):
                shown = str(raw)[:40]
                raise bad_request(
                    f"{bucket_name}['{f.name}']: {shown!r} is not a valid {f.type} value"
                ) from None
            if value != values.get(f.name, ""):
                values[f.name] = value
                break  # CustomFields' change wins over a stale ExtraFields copy
    return json.dumps(values)
