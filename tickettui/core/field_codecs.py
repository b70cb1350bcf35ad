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
from datetime import date, datetime

from tickettui.core.date_input import HINT, format_user_datetime, parse_user_datetime
from tickettui.core.domain import FieldKind, FieldSpec, FieldValue
from tickettui.core.editable_text import saved, shown
from tickettui.core.field_values import (
    DATE_HINT,
    NO,
    YES,
    format_day,
    format_number,
    parse_day,
    parse_number,
    parse_yes_no,
)
from tickettui.core.safe_text import inert_line

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
    # What the input would hold for ``text`` typed at a command line (`tickettui edit --set`):
    # a choice or tag by its label or value; FieldError when it names none.
    from_text: Callable[[FieldSpec, str], Raw] = lambda spec, text: text
    # Checked on every change (text, a pick); otherwise once left or once found wrong (a date
    # half typed is not an error yet).
    checked_as_typed: bool = False
    # Kept in a draft as typed even while invalid (text too long or emptied); otherwise the
    # field's last valid value is kept (a half-typed date).
    drafted_as_typed: bool = False


def _show_text(spec: FieldSpec, value: FieldValue) -> str:
    """Text as an input shows it: escape sequences, BiDi controls and invisible characters as
    visible stand-ins (a one-line input shows line breaks and tabs as ␊ and ␉ too).

    A ticket's text comes from customers; an input must never hand it to the terminal raw.
    ``_read_text`` maps the stand-ins back: a save sends what the user typed and the server's
    exact characters everywhere else.
    """
    return shown(str(value or ""), one_line=not multiline(spec))


def _read_text(raw: Raw, reading: Reading) -> str:
    spec, base = reading.spec, reading.base
    typed = "" if raw is None else str(raw)
    if isinstance(base, str) and base:
        # An edit of the server's text: byte for byte but for what the user changed.
        one_line = not multiline(spec)
        text = saved(base, typed, one_line=one_line, trim=one_line)
    else:
        text = typed if multiline(spec) else typed.strip()
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


def _choice_named(spec: FieldSpec, text: str) -> str:
    """The value of the choice ``text`` names, by label (any case) or by value."""
    wanted = text.strip()
    for choice in spec.choices:
        if wanted in (choice.value, choice.label) or wanted.casefold() == choice.label.casefold():
            return choice.value
    known = ", ".join(inert_line(c.label) for c in spec.choices[:12])
    more = ", …" if len(spec.choices) > 12 else ""
    raise FieldError(f"{spec.label}: no choice {inert_line(wanted)!r} (choose: {known}{more})")


def _choice_from_text(spec: FieldSpec, text: str) -> str | None:
    return _choice_named(spec, text) if text.strip() else None


def _tags_from_text(spec: FieldSpec, text: str) -> tuple[str, ...]:
    named = [part for part in text.split(",") if part.strip()]
    return tuple(sorted({_choice_named(spec, part) for part in named}))


def _required(spec: FieldSpec) -> FieldError:
    return FieldError(f"{spec.label} is required")


def _is_number(value: FieldValue) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _show_number(spec: FieldSpec, value: FieldValue) -> str:
    return format_number(value) if isinstance(value, int | float) and _is_number(value) else ""


def _read_number(raw: Raw, reading: Reading) -> int | float | None:
    spec, base = reading.spec, reading.base
    text = "" if raw is None else str(raw)
    if isinstance(base, int | float) and _is_number(base) and text.strip() == format_number(base):
        return base  # untouched: the server's value, not its rounding for display
    try:
        number = parse_number(text, whole=spec.decimals == 0)
    except ValueError as error:
        raise FieldError(str(error)) from None
    if number is None and spec.required:
        raise _required(spec)
    return number


def _show_bool(spec: FieldSpec, value: FieldValue) -> str | None:
    return None if not isinstance(value, bool) else YES if value else NO


def _read_bool(raw: Raw, reading: Reading) -> bool | None:
    picked = raw if raw in (YES, NO) else None
    if picked is None:
        if reading.spec.required and (reading.is_new or reading.base is not None):
            raise _required(reading.spec)
        return None
    return picked == YES


def _bool_from_text(spec: FieldSpec, text: str) -> str | None:
    try:
        answer = parse_yes_no(text)
    except ValueError as error:
        raise FieldError(f"{spec.label}: {error}") from None
    return None if answer is None else YES if answer else NO


def _show_day(spec: FieldSpec, value: FieldValue) -> str:
    return format_day(value if isinstance(value, date) else None)


def _read_day(raw: Raw, reading: Reading) -> date | None:
    spec, base = reading.spec, reading.base
    text = "" if raw is None else str(raw)
    if isinstance(base, date) and text.strip() == format_day(base):
        return base
    try:
        day = parse_day(text, reading.now)
    except ValueError:
        raise FieldError(f"Not a date: {DATE_HINT}") from None
    if day is None and spec.required:
        raise _required(spec)
    return day


CODECS: Mapping[FieldKind, FieldCodec] = {
    FieldKind.TEXT: FieldCodec(
        _show_text, _read_text, checked_as_typed=True, drafted_as_typed=True
    ),
    FieldKind.CHOICE: FieldCodec(
        _show_choice, _read_choice, checked_as_typed=True, from_text=_choice_from_text
    ),
    FieldKind.DATETIME: FieldCodec(_show_datetime, _read_datetime),
    FieldKind.TAGS: FieldCodec(_show_tags, _read_tags, from_text=_tags_from_text),
    FieldKind.NUMBER: FieldCodec(_show_number, _read_number),
    FieldKind.BOOL: FieldCodec(
        _show_bool, _read_bool, checked_as_typed=True, from_text=_bool_from_text
    ),
    FieldKind.DATE: FieldCodec(_show_day, _read_day),
}
