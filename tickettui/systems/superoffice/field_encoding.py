"""Custom and extra field values as NetServer encodes them in ``CustomFields``/``ExtraFields``.

Both are string dictionaries whose values carry their type in a prefix (CustomFieldType in the
NetServer reference; "the value string is the encoded value: [I:123] or [DT:2019-09-11]"):

- whole numbers, check boxes (1/0), list item ids, relations: ``[I:123]``
- decimals: ``[F:3.14159]`` (a point, whatever the culture)
- dates: ``[D:06/19/2019]`` (month/day/year); user-defined dates are also documented as
  ``[D:2020.08.27]`` and the entity reference shows ``[DT:2019-09-11]``: all three are read
- date and time: ``[DT:06/19/2019 14:35:56.00000]``; a time only: ``[T:...]``
- text, and a text picked from a list: the text itself, no prefix

A value is written back in the form the server used for it (a date keeps its day/month order
and separators); where the field had none, in the reference's form.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from typing import Any

from tickettui.core.domain import FieldKind, FieldValue
from tickettui.core.field_values import format_number

__all__ = ["decode", "encode", "split", "tag_kind", "typed"]

_ENCODED = re.compile(r"\[(?P<tag>[A-Za-z]{1,2}):(?P<body>.*)\]", re.DOTALL)
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # month/day/year
_DOTTED = re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})")  # SuperDate: year.month.day
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?")
# The prefix says what kind of value a field holds where the server says nothing else.
_TAG_KINDS = {
    "I": FieldKind.NUMBER,
    "F": FieldKind.NUMBER,
    "D": FieldKind.DATE,
    "DT": FieldKind.DATETIME,
}


def split(raw: Any) -> tuple[str | None, str]:
    """(prefix, body) of an encoded value: ``"[I:42]"`` -> ``("I", "42")``; text -> (None, text).

    A JSON number or boolean (not what NetServer sends, but seen from other servers) reads as
    its encoded form.
    """
    if raw is None:
        return None, ""
    if isinstance(raw, bool):
        return "I", "1" if raw else "0"
    if isinstance(raw, int):
        return "I", str(raw)
    if isinstance(raw, float):
        return "F", format_number(raw)
    text = str(raw)
    match = _ENCODED.fullmatch(text)
    if match is None:
        return None, text
    return match["tag"].upper(), match["body"]


def tag_kind(raw: Any) -> FieldKind:
    """The kind a value's prefix says (text where it has none)."""
    return _TAG_KINDS.get(split(raw)[0] or "", FieldKind.TEXT)


def _day(body: str) -> tuple[date, str, str] | None:
    """The day in ``body``, the style it was written in and what follows it."""
    for pattern, style, order in ((_US, "us", (2, 0, 1)), (_DOTTED, "dotted", (0, 1, 2))):
        match = pattern.match(body)
        if match:
            year, month, day = (int(match.group(i + 1)) for i in order)
            return date(year, month, day), style, body[match.end() :]
    match = _ISO.match(body)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return date(year, month, day), "iso", body[match.end() :]
    return None


def typed(kind: FieldKind, raw: Any, *, whole: bool | None = None) -> FieldValue:
    """``raw`` as a value of ``kind``; ValueError when it is not one.

    Empty is None (text: ""), and so is .NET's MinValue (year 1) for dates. ``whole`` says a
    number must be whole (Integer), not (Decimal), or None: as its prefix says.
    """
    tag, body = split(raw)
    if kind is FieldKind.TEXT:  # text is itself, brackets and all
        return raw if isinstance(raw, str) else "" if raw is None else body
    if kind is FieldKind.CHOICE:
        return (raw if isinstance(raw, str) else body) or None
    body = body.strip()
    if not body:
        return None
    if kind is FieldKind.BOOL:
        if body.lower() in ("1", "true", "-1"):
            return True
        if body.lower() in ("0", "false"):
            return False
        raise ValueError(f"not a check box value: {body!r}")
    if kind is FieldKind.NUMBER:
        number = float(body.replace(",", ".")) if tag == "F" else None
        if number is None:
            try:
                return int(body)
            except ValueError:
                number = float(body.replace(",", "."))
        if not math.isfinite(number):
            raise ValueError(f"not a number: {body!r}")
        return int(number) if whole and number.is_integer() else number
    found = _day(body)
    if found is None:
        raise ValueError(f"not a date: {body!r}")
    day, _style, rest = found
    if day.year == 1:
        return None
    if kind is FieldKind.DATE:
        return day
    moment = _TIME.match(rest)
    if moment is None:
        return datetime(day.year, day.month, day.day)
    hour, minute, second = (int(moment.group(i) or 0) for i in (1, 2, 3))
    micro = int((moment.group(4) or "0").ljust(7, "0")[:6])
    return datetime(day.year, day.month, day.day, hour, minute, second, micro)


def _date_text(day: date, style: str) -> str:
    if style == "dotted":
        return f"{day.year:04d}.{day.month:02d}.{day.day:02d}"
    if style == "iso":
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"


def encode(kind: FieldKind, value: FieldValue, *, whole: bool, current: Any = None) -> str:
    """``value`` as the server takes it; ``current`` (the field's value now) sets the form."""
    if value is None:
        return ""
    if kind is FieldKind.BOOL:
        return "[I:1]" if value else "[I:0]"
    if kind is FieldKind.NUMBER and isinstance(value, int | float):
        if whole:
            return f"[I:{int(value)}]"
        return f"[F:{format_number(float(value))}]"
    if kind in (FieldKind.DATE, FieldKind.DATETIME) and isinstance(value, date):
        tag, body = split(current)
        found = _day(body) if tag in ("D", "DT") else None
        style = found[1] if found else "us"
        text = _date_text(value, style)
        if kind is FieldKind.DATE:
            return f"[{tag if tag in ('D', 'DT') else 'D'}:{text}]"
        moment = value if isinstance(value, datetime) else datetime.combine(value, time())
        sep = "T" if style == "iso" else " "
        return f"[DT:{text}{sep}{moment:%H:%M:%S}.{moment.microsecond:06d}0]"
    return str(value)


def decode(kind: FieldKind, raw: Any, *, whole: bool | None = None) -> FieldValue:
    """``typed``, or None where the value does not read as ``kind`` (never raises)."""
    try:
        return typed(kind, raw, whole=whole)
    except (ValueError, OverflowError):
        return None
