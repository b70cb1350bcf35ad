"""Numbers, yes/no and days as agents type and read them; any field value as a person reads it.

UI-free and system-free: the edit form's codecs (``field_codecs``), the detail's header, the
merge screen and `tickettui show` all read values the same way through these.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from tickettui.core.date_input import format_user_datetime, parse_user_datetime
from tickettui.core.domain import Choice, FieldKind, FieldValue
from tickettui.core.safe_text import inert_line

__all__ = [
    "DATE_HINT",
    "INT32",
    "NO",
    "YES",
    "YES_NO",
    "format_day",
    "format_number",
    "parse_day",
    "parse_number",
    "parse_yes_no",
    "value_text",
]

YES, NO = "yes", "no"
YES_NO = (Choice(YES, "Yes"), Choice(NO, "No"))
_YES_WORDS = frozenset({"yes", "y", "true", "1", "on", "ja", "si", "oui"})
_NO_WORDS = frozenset({"no", "n", "false", "0", "off", "nei", "nein", "non"})
INT32 = (-(2**31), 2**31 - 1)  # SuperOffice's whole-number fields are 32-bit
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
DATE_HINT = "use e.g. 2026-11-25, 25.11.2026, tomorrow or +2d"


def format_number(value: float) -> str:
    """``42``, ``2.5``, ``0.00001``: plain digits, never an exponent, no trailing zeros."""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_number(text: str, *, whole: bool) -> int | float | None:
    """None for empty input; ValueError with a one-line reason otherwise.

    A decimal comma is taken as a point ("2,5"); spaces and apostrophes between digit groups
    are ignored ("1 200", "1'200"). ``whole`` refuses a fraction and keeps to 32 bits.
    """
    cleaned = re.sub(r"(?<=\d)[\s'_](?=\d)", "", text.strip())
    if not cleaned:
        return None
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"Not a number: {inert_line(text.strip())!r}")
    number = Decimal(cleaned.replace(",", "."))
    if whole:
        if number != number.to_integral_value():
            raise ValueError("Not a whole number")
        low, high = INT32
        if not low <= number <= high:
            raise ValueError(f"Too large: at most {high:,}".replace(",", " "))
        return int(number)
    result = float(number)
    if not math.isfinite(result):
        raise ValueError("Too large")
    return result


def parse_yes_no(text: str) -> bool | None:
    """None for empty input; yes/no, true/false, 1/0 (any case); ValueError otherwise."""
    word = text.strip().casefold()
    if not word:
        return None
    if word in _YES_WORDS:
        return True
    if word in _NO_WORDS:
        return False
    raise ValueError(f"Not yes or no: {inert_line(text.strip())!r}")


def format_day(value: date | None) -> str:
    if value is None:
        return ""
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def parse_day(text: str, now: datetime) -> date | None:
    """A day as agents type dates ("2026-11-25", "25.11.2026", "tomorrow", "+2d")."""
    moment = parse_user_datetime(text, now)
    return None if moment is None else moment.date()


def value_text(kind: FieldKind, value: FieldValue, choices: Sequence[Choice] = ()) -> str:
    """A value as a person reads it: a choice's label, a date, a number, Yes/No, tag names.

    Inert (server text never acts on a terminal); "" for an empty value.
    """
    if value is None or value == "" or value == ():
        return ""
    labels = {c.value: c.label for c in choices}
    if isinstance(value, tuple):
        return ", ".join(inert_line(labels.get(v, v)) for v in value)
    if kind is FieldKind.BOOL or isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return format_user_datetime(value)
    if isinstance(value, date):
        return format_day(value)
    if isinstance(value, int | float):
        return format_number(value)
    return inert_line(labels.get(value, value))
