"""Lenient scalar and list types for WHMCS JSON, which drifts between versions and bridges.

- Numbers come as ``"12"`` or ``12``; ``""`` means none (ids) or 0 (counts).
- Strings may come as numbers, and as ``{}``/``[]`` where an XML bridge saw an empty element.
- Dates are ``Y-m-d H:i:s`` in the server's local time, with no zone: made aware in
  ``SERVER_ZONE`` (Europe/Rome: Keliweb is Italian; assumed, NOTES section 3.4);
  ``0000-00-00 00:00:00`` (MySQL's zero date) means none.
- Text WHMCS stored HTML-escaped (names, subjects, department and status titles: see
  ``EscapedText``) is decoded here, once; message bodies are left to ``bodies.py``.
- Lists come wrapped (``{"reply": [...]}``, a legacy of the XML output), empty as ``[]``, ``""``,
  null or a missing key, and as a single object where an XML->JSON bridge saw one element.

Every validator raises only ``ValueError`` so pydantic turns all bad input into a
``ValidationError`` (never a stray TypeError or OverflowError).
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator

__all__ = [
    "SERVER_ZONE",
    "Count",
    "EscapedText",
    "OptionalId",
    "RequiredId",
    "Text",
    "TicketNumber",
    "WhmcsDateTime",
    "parse_whmcs_datetime",
    "to_int",
    "unwrap_list",
    "wrapped",
]

# The zone of WHMCS's dates: the server's local time, never said (NOTES section 3.4).
SERVER_ZONE = ZoneInfo("Europe/Rome")
_INTEGER = re.compile(r"[+-]?\d{1,18}")
_DATETIME = re.compile(
    # No offset: WHMCS never sends one (its dates are all in SERVER_ZONE).
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?"
)


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def to_int(value: object) -> int | None:
    """``12``, ``"12"``, ``" 12 "``, ``12.0`` -> 12; ``""``, null, ``{}`` -> None."""
    if _is_empty(value):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"expected a whole number, got {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if _INTEGER.fullmatch(text):
            return int(text)
        raise ValueError(f"expected a number, got {text[:40]!r}")
    raise ValueError(f"expected a number, got {type(value).__name__}")


def _required_int(value: object) -> int:
    number = to_int(value)
    if number is None:
        raise ValueError("a number is required here")
    return number


def _count(value: object) -> int:
    return to_int(value) or 0


def _text(value: object) -> str:
    if _is_empty(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return str(value)
    raise ValueError(f"expected text, got {type(value).__name__}")


def _escaped_text(value: object) -> str:
    """Text WHMCS hands back HTML-escaped, as its users wrote it: ``O&#039;Brien`` -> O'Brien.

    WHMCS runs the input of every request through ``htmlspecialchars(..., ENT_QUOTES)`` before
    its code sees it (its admin and client area forms and its API alike; known WHMCS behaviour,
    not in its API docs) and stores the result: a subject ``Q&A <draft>`` is kept as
    ``Q&amp;A &lt;draft&gt;``, and names of clients, contacts and admins, department names and
    status titles, typed into WHMCS's own forms, are kept the same way. get-ticket, get-tickets
    and the department and status lists return the stored text as it is; WHMCS's own pages
    print it into HTML as it is, where the browser decodes it. So we decode one level, as a
    browser does (``html.unescape``), and only here: nothing downstream (mapping, the edit
    form, the UI) decodes again. Text stored escaped twice (``&amp;amp;``) keeps one level,
    as WHMCS's pages show it. Numeric references to control characters (``&#27;`` is ESC)
    decode to nothing, as in HTML5; anything else decoded (a BiDi override) reaches a terminal
    only as inert text, like all server text.

    The way back needs no escaping from us: WHMCS escapes what we send (see
    ``edit_fields.update_fields``). Message bodies are not this type: ``bodies.body_text``
    decodes them together with the markup in them.
    """
    return html.unescape(_text(value))


# WHMCS ticket numbers: "516757", or a custom mask like "ABC-123456" (letters, digits, dashes).
_TICKET_NUMBER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?")


def _ticket_number(value: object) -> str:
    """The ``tid`` users quote, or "" when it is not one: a number that carries anything else
    (an escape sequence, markup, a path) is never shown, and the ticket is named by its id."""
    text = _text(value).strip()
    return text if _TICKET_NUMBER.fullmatch(text) else ""


def parse_whmcs_datetime(value: object) -> datetime | None:
    """``2016-01-01 06:26:29`` -> that moment in SERVER_ZONE (aware); ``0000-00-00 ...`` or
    empty -> None."""
    if _is_empty(value):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=SERVER_ZONE)
    if not isinstance(value, str):
        raise ValueError(f"expected a date, got {type(value).__name__}")
    text = value.strip()
    if not text or text.startswith("0000-00-00"):
        return None
    match = _DATETIME.fullmatch(text)
    if match is None:
        raise ValueError(f"expected a date like 2016-01-01 06:26:29, got {text[:40]!r}")
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise ValueError(f"not a valid date: {text[:40]!r}") from None
    return moment.replace(tzinfo=SERVER_ZONE)


def unwrap_list(value: object, key: str) -> list[Any]:
    """The items of a WHMCS list, however it came wrapped (see the module docstring)."""
    if isinstance(value, dict) and key in value:
        value = value[key]
    if _is_empty(value):
        return []
    if isinstance(value, dict):
        return [value]  # one element, unwrapped by an XML->JSON bridge
    if isinstance(value, list):
        return [item for item in value if not _is_empty(item)]
    raise ValueError(f"expected a list of {key!r} items, got {type(value).__name__}")


def wrapped(key: str) -> BeforeValidator:
    """A validator for a list field that WHMCS wraps as ``{key: [...]}``."""
    return BeforeValidator(lambda value: unwrap_list(value, key))


OptionalId = Annotated[int | None, BeforeValidator(to_int)]
RequiredId = Annotated[int, BeforeValidator(_required_int)]
Count = Annotated[int, BeforeValidator(_count)]
Text = Annotated[str, BeforeValidator(_text)]
EscapedText = Annotated[str, BeforeValidator(_escaped_text)]
TicketNumber = Annotated[str, BeforeValidator(_ticket_number)]
WhmcsDateTime = Annotated[datetime | None, BeforeValidator(parse_whmcs_datetime)]
