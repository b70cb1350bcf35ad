"""How each kind of field is shown in an input, and how the input becomes a value again.

One table, ``CODECS``: ``FieldKind`` -> ``FieldCodec``. A new field kind is one entry here (and
one in the UI's table of widgets, ``tickettui.ui.widgets.field_inputs``). What an input holds
("raw") is plain data: the text typed (text, dates), the tags ticked, the choice picked.

Server text is shown inert (escape sequences and invisible characters as visible stand-ins);
what the user did not change reads back as the server's exact value, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from tickettui.core.date_input import HINT, format_user_datetime, parse_user_datetime
from tickettui.core.domain import FieldKind, FieldSpec, FieldValue
from tickettui.core.safe_text import inert, inert_line

__all__ = [
    "CODECS",
    "MULTILINE_KEYS",
    "POSTPONE_KEY",
    "FieldCodec",
    "FieldError",
    "Raw",
    "Reading",
    "multiline",
]

# What an input holds: its text (text, dates), the tags ticked, the choice picked (or None).
Raw = str | tuple[str, ...] | None

MULTILINE_KEYS = frozenset({"message"})  # text fields that take several lines
POSTPONE_KEY = "postponed_until"


class FieldError(ValueError):
    """A field's input cannot be saved; the message (one line) is shown under the field."""


def multiline(spec: FieldSpec) -> bool:
    """A text field that takes several lines (a new ticket's first message)."""
    return spec.key in MULTILINE_KEYS


@dataclass(frozen=True, slots=True)
class Reading:
    """What turning a field's raw input into a value may depend on besides the input."""

    spec: FieldSpec
    base: FieldValue  # what the server had when the edit started
    is_new: bool  # the form creates a ticket
    now: datetime


@dataclass(frozen=True, slots=True)
class FieldCodec:
    """One kind of field: ``show`` gives what its input holds for a value; ``read`` turns what
    the input holds back into a value, or raises FieldError with a one-line reason."""

    show: Callable[[FieldSpec, FieldValue], Raw]
    read: Callable[[Raw, Reading], FieldValue]
    # Checked on every change (text, a pick); otherwise once left or once found wrong (a date
    # half typed is not an error yet).
    checked_as_typed: bool = False
    # Kept in a draft as typed even while invalid (text too long or emptied); otherwise the
    # field's last valid value is kept (a half-typed date).
    drafted_as_typed: bool = False


def _show_text(spec: FieldSpec, value: FieldValue) -> str:
    """Text as an input shows it: escape sequences and BiDi controls as visible stand-ins.

    A ticket's text comes from customers; an input must never hand it to the terminal raw.
    Saving an untouched field keeps the server's exact text (see ``_read_text``).
    """
    text = str(value or "")
    return inert(text) if multiline(spec) else inert_line(text)


def _read_text(raw: Raw, reading: Reading) -> str:
    spec, base = reading.spec, reading.base
    text = "" if raw is None else str(raw)
    if not multiline(spec):
        text = text.strip()
        if isinstance(base, str) and _show_text(spec, base).strip() == text:
            text = base  # untouched: keep the server's exact text (even if hostile)
    elif isinstance(base, str) and _show_text(spec, base) == text:
        text = base
    if spec.required and not text.strip():
        raise FieldError(f"{spec.label} is required")
    if spec.max_length is not None and len(text) > spec.max_length:
        raise FieldError(
            f"{spec.label} is too long: {len(text)} characters, at most {spec.max_length}"
        )
    return text


def _show_datetime(spec: FieldSpec, value: FieldValue) -> str:
    return format_user_datetime(value if isinstance(value, datetime) else None)


def _read_datetime(raw: Raw, reading: Reading) -> datetime | None:
    spec, base = reading.spec, reading.base
    text = "" if raw is None else str(raw)
    if isinstance(base, datetime) and text.strip() == format_user_datetime(base):
        return base  # untouched: keep the seconds the display leaves out
    try:
        when = parse_user_datetime(text, reading.now)
    except ValueError:
        raise FieldError(f"Not a date: {HINT}") from None
    if spec.key == POSTPONE_KEY and when is not None and when <= reading.now:
        raise FieldError(f"{spec.label} is in the past: choose a later time")
    return when


def _show_tags(spec: FieldSpec, value: FieldValue) -> tuple[str, ...]:
    return tuple(sorted(value)) if isinstance(value, tuple) else ()


def _read_tags(raw: Raw, reading: Reading) -> tuple[str, ...]:
    ticked = tuple(sorted(raw)) if isinstance(raw, tuple) else ()
    base = reading.base
    if isinstance(base, tuple) and tuple(sorted(base)) == ticked:
        return base  # untouched: the server's order
    return ticked


def _show_choice(spec: FieldSpec, value: FieldValue) -> str | None:
    return value if isinstance(value, str) else None


def _read_choice(raw: Raw, reading: Reading) -> str | None:
    picked = raw if isinstance(raw, str) else None
    # Blank where it was blank is fine; a new ticket must have it.
    if picked is None and reading.spec.required and (reading.is_new or reading.base is not None):
        raise FieldError(f"{reading.spec.label} is required")
    return picked


CODECS: Mapping[FieldKind, FieldCodec] = {
    FieldKind.TEXT: FieldCodec(
        _show_text, _read_text, checked_as_typed=True, drafted_as_typed=True
    ),
    FieldKind.CHOICE: FieldCodec(_show_choice, _read_choice, checked_as_typed=True),
    FieldKind.DATETIME: FieldCodec(_show_datetime, _read_datetime),
    FieldKind.TAGS: FieldCodec(_show_tags, _read_tags),
}
